"""The case list as a Qt table model: one row per CaseSummary (no free text, no people)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from casus.services.cases import CaseSummary

Index = QModelIndex | QPersistentModelIndex

COLUMNS = (
    "Kenmerk",
    "Ontvangen",
    "Kanaal",
    "Aard van het gedrag",
    "Status",
    "Organisatieonderdeel",
)


class CaseTableModel(QAbstractTableModel):
    """Display texts, sort keys and the search text are computed once per row when the rows
    arrive, so that painting, sorting and filtering 5,000 rows never format a date again."""

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[CaseSummary] = []
        self._display: list[tuple[str, ...]] = []
        self._sort_keys: list[tuple[str, ...]] = []
        self.search_texts: list[str] = []

    def set_rows(self, rows: list[CaseSummary]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._display = [
            (r.reference, r.received.strftime("%d-%m-%Y"), r.channel.label, r.category.label, r.status.label,
             r.org_unit or "")
            for r in self._rows
        ]  # fmt: skip
        self._sort_keys = [
            (d[0], r.received.isoformat(), *d[2:]) for r, d in zip(self._rows, self._display, strict=True)
        ]
        self.search_texts = ["\t".join(d).casefold() for d in self._display]
        self.endResetModel()

    def clear(self) -> None:
        self.set_rows([])

    def case_id(self, row: int) -> int:
        return self._rows[row].id

    def summary(self, row: int) -> CaseSummary:
        return self._rows[row]

    def years(self) -> list[int]:
        return sorted({row.received.year for row in self._rows}, reverse=True)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._display[index.row()][index.column()]
        if role == Qt.ItemDataRole.UserRole:  # sort key: dates sort as dates
            return self._sort_keys[index.row()][index.column()]
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section]
        return None


class CaseFilterProxy(QSortFilterProxyModel):
    """Filters by status, channel, category and year, and by the typed text (any column)."""

    def __init__(self, source: CaseTableModel) -> None:
        super().__init__()
        self.setSourceModel(source)
        self.source = source
        self.criteria: dict[str, Any] = {}
        self.text = ""
        self.setSortRole(Qt.ItemDataRole.UserRole)

    def _change(self, apply: Any) -> None:
        # Qt 6.10 replaced invalidate(Rows)Filter with a begin/end pair; older Qt has only the former.
        if hasattr(self, "endFilterChange"):
            self.beginFilterChange()
            apply()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            apply()
            self.invalidateRowsFilter()

    def set_criterion(self, name: str, value: Any) -> None:
        self._change(lambda: self.criteria.__setitem__(name, value))

    def set_text(self, text: str) -> None:
        self._change(lambda: setattr(self, "text", text.casefold().strip()))

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        wanted = self.criteria
        if wanted:
            row = self.source.summary(source_row)
            if wanted.get("status") is not None and row.status != wanted["status"]:
                return False
            if wanted.get("channel") is not None and row.channel != wanted["channel"]:
                return False
            if wanted.get("category") is not None and row.category != wanted["category"]:
                return False
            if wanted.get("year") is not None and row.received.year != wanted["year"]:
                return False
        return not self.text or self.text in self.source.search_texts[source_row]


def case_table(proxy: CaseFilterProxy) -> QTableView:
    """The case list: one row per case, sorted by date received (newest first), read-only."""
    table = QTableView()
    table.setModel(proxy)
    table.setAccessibleName("Casussen")
    table.setSortingEnabled(True)
    table.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    # Size columns on the first rows only: measuring 5,000 rows at every reset costs a second.
    header.setResizeContentsPrecision(50)
    header.setStretchLastSection(True)
    return table
