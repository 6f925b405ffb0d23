"""The case list as a Qt table model: one row per CaseSummary (no free text, no people)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt

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
    def __init__(self) -> None:
        super().__init__()
        self._rows: list[CaseSummary] = []

    def set_rows(self, rows: list[CaseSummary]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
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
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return (
                row.reference,
                row.received.strftime("%d-%m-%Y"),
                row.channel.label,
                row.category.label,
                row.status.label,
                row.org_unit or "",
            )[index.column()]
        if role == Qt.ItemDataRole.UserRole:  # sort key: dates sort as dates
            return (
                row.reference,
                row.received.isoformat(),
                row.channel.label,
                row.category.label,
                row.status.label,
                row.org_unit or "",
            )[index.column()]
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section]
        return None


class CaseFilterProxy(QSortFilterProxyModel):
    """Filters by status, channel, category and year, then by the typed text (any column)."""

    def __init__(self, source: CaseTableModel) -> None:
        super().__init__()
        self.setSourceModel(source)
        self.source = source
        self.criteria: dict[str, Any] = {}
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterKeyColumn(-1)
        self.setSortRole(Qt.ItemDataRole.UserRole)

    def set_criterion(self, name: str, value: Any) -> None:
        # Qt 6.10 replaced invalidate(Rows)Filter with a begin/end pair; older Qt has only the former.
        if hasattr(self, "endFilterChange"):
            self.beginFilterChange()
            self.criteria[name] = value
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.criteria[name] = value
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        row = self.source.summary(source_row)
        wanted = self.criteria
        if wanted.get("status") is not None and row.status != wanted["status"]:
            return False
        if wanted.get("channel") is not None and row.channel != wanted["channel"]:
            return False
        if wanted.get("category") is not None and row.category != wanted["category"]:
            return False
        if wanted.get("year") is not None and row.received.year != wanted["year"]:
            return False
        return super().filterAcceptsRow(source_row, source_parent)
