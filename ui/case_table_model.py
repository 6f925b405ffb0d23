"""The case list as a Qt table model: one row per CaseSummary (no free text, no people)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from casus.collector import collector_paused
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
    filter_changed = Signal()  # after every change of the filter, whether rows changed or not

    """All the vault's case rows, and those the filter lets through, in the chosen order.

    Filtering and sorting are done here on lists made once when the rows arrive (display
    texts, sort keys, search texts), not by a QSortFilterProxyModel: at 50,000 cases the
    proxy called the Python `data()` 836,634 times to sort at unlock and `filterAcceptsRow`
    once per row per keystroke, so unlocking took 4.9 s and widening a filter 6.3 s. Here a
    sort is one `sorted()` over keys and a keystroke one pass over strings (narrowing passes
    over the rows shown only); the view then asks for the few rows it paints.

    Rows are addressed by their place in the list as shown; `case_id(row)` is that row's case.
    A change of filter resets the model (its row count changes); CaseList keeps the chosen
    case across it. A sort is a layout change and keeps the selection by itself.
    """

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[CaseSummary] = []
        self._days: list[str] = []  # "04-03-2025", as shown
        self._labels: dict[Any, str] = {}  # enumeration member -> its Dutch label
        self.search_texts: list[str] = []
        self._row_of_case: dict[int, int] = {}
        self._ordered: list[int] = []  # every row, in the chosen order
        self._shown: list[int] = []  # the rows the filter lets through, in that order
        self._sorted_by: tuple[int, Qt.SortOrder] = (1, Qt.SortOrder.DescendingOrder)
        self.criteria: dict[str, Any] = {}
        self.text = ""

    # -- the rows --------------------------------------------------------------------------------

    def set_rows(self, rows: list[CaseSummary]) -> None:
        with collector_paused():
            self._take(rows)

    def _take(self, rows: list[CaseSummary]) -> None:
        self.beginResetModel()
        self._rows = rows = list(rows)
        # A row's cells are made when painted (a screenful); what every row needs at once is
        # its search text, made of parts folded once per distinct value and dates cut from
        # their ISO text (strftime and casefold of whole lines took a quarter second).
        members = {value for r in rows for value in (r.channel, r.category, r.status)}
        self._labels = labels = {member: member.label for member in members}
        folded = {member: label.casefold() for member, label in labels.items()}
        units = {unit: (unit or "").casefold() for unit in {r.org_unit for r in rows}}
        self._days = days = [f"{d[8:10]}-{d[5:7]}-{d[:4]}" for d in (r.received.isoformat() for r in rows)]
        self.search_texts = [
            "\t".join((r.reference.casefold(), day, folded[r.channel], folded[r.category], folded[r.status],
                       units[r.org_unit]))
            for r, day in zip(rows, days, strict=True)
        ]  # fmt: skip
        self._row_of_case = {r.id: n for n, r in enumerate(self._rows)}
        self._ordered = self._in_order(*self._sorted_by)
        self._shown = self._filtered(self._ordered)
        self.endResetModel()

    def clear(self) -> None:
        self.set_rows([])

    def total(self) -> int:
        """Every case, shown or not."""
        return len(self._rows)

    def case_id(self, row: int) -> int:
        return self._rows[self._shown[row]].id

    def summary(self, row: int) -> CaseSummary:
        return self._rows[self._shown[row]]

    def row_of(self, case_id: int | None) -> int | None:
        """Where a case is shown, or None when the filter hides it (or it is not there)."""
        stored = self._row_of_case.get(case_id) if case_id is not None else None
        if stored is None:
            return None
        try:
            return self._shown.index(stored)
        except ValueError:
            return None

    def years(self) -> list[int]:
        return sorted({row.received.year for row in self._rows}, reverse=True)

    # -- filtering and sorting -------------------------------------------------------------------

    def set_criterion(self, name: str, value: Any) -> None:
        self.criteria[name] = value
        self._refilter(self._ordered)
        self.filter_changed.emit()

    def set_text(self, text: str) -> None:
        wanted = text.casefold().strip()
        # One more letter can only narrow: look among the rows shown, not all of them.
        narrowing = wanted.startswith(self.text)
        self.text = wanted
        self._refilter(self._shown if narrowing else self._ordered)
        self.filter_changed.emit()

    def _refilter(self, among: list[int]) -> None:
        shown = self._filtered(among)
        if shown == self._shown:
            return
        self.beginResetModel()
        self._shown = shown
        self.endResetModel()

    def _filtered(self, among: list[int]) -> list[int]:
        rows = among
        wanted = {name: value for name, value in self.criteria.items() if value is not None}
        if wanted:
            summaries = self._rows
            rows = [n for n in rows if _meets(summaries[n], wanted)]
        if self.text:
            text, texts = self.text, self.search_texts
            rows = [n for n in rows if text in texts[n]]
        return rows if rows is not among else list(among)

    def _sort_keys(self, column: int) -> list[Any]:
        """One key per row for that column: dates sort as dates, the rest as shown."""
        rows, labels = self._rows, self._labels
        if column == 0:
            return [r.reference for r in rows]
        if column == 1:
            return [r.received for r in rows]
        if column == 5:
            return [r.org_unit or "" for r in rows]
        field = ("channel", "category", "status")[column - 2]
        return [labels[getattr(r, field)] for r in rows]

    def _in_order(self, column: int, order: Qt.SortOrder) -> list[int]:
        keys = self._sort_keys(column)
        descending = order == Qt.SortOrder.DescendingOrder
        return sorted(range(len(keys)), key=keys.__getitem__, reverse=descending)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """The header's sort (QTableView calls it): a layout change, so the view keeps the
        chosen case where it goes."""
        if not 0 <= column < len(COLUMNS):
            return
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        cases = [self._shown[index.row()] if index.isValid() else -1 for index in before]
        self._sorted_by = (column, order)
        self._ordered = self._in_order(column, order)
        self._shown = self._filtered(self._ordered)
        place = {n: row for row, n in enumerate(self._shown)} if before else {}
        after = [
            self.index(place[n], index.column()) if n in place else QModelIndex()
            for n, index in zip(cases, before, strict=True)
        ]
        self.changePersistentIndexList(before, after)
        self.layoutChanged.emit()

    # -- Qt's model interface --------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._shown)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._shown):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._cell(self._shown[index.row()], index.column())
        return None

    def _cell(self, n: int, column: int) -> str:
        row = self._rows[n]
        if column == 0:
            return row.reference
        if column == 1:
            return self._days[n]
        if column == 5:
            return row.org_unit or ""
        return self._labels[(row.channel, row.category, row.status)[column - 2]]

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section]
        return None


def _meets(row: CaseSummary, wanted: dict[str, Any]) -> bool:
    """Status, channel, category and year, as the filter bar chose them (None: any)."""
    return bool(
        wanted.get("status", row.status) == row.status
        and wanted.get("channel", row.channel) == row.channel
        and wanted.get("category", row.category) == row.category
        and wanted.get("year", row.received.year) == row.received.year
    )


def case_table(model: CaseTableModel) -> QTableView:
    """The case list: one row per case, sorted by date received (newest first), read-only."""
    table = QTableView()
    table.setModel(model)
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
