"""The case list of the main window: the filter field, the filter bar, the table and the count.

Keyboard first: focus starts in the filter; ↓ goes to the list, Enter opens the chosen case
(also from the filter), Ctrl+E is not taken by the field for "end of line", and one row is
always chosen while the list shows any, so there is always a case for Enter and Ctrl+E.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import cast

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

from casus.services.cases import CaseSummary
from casus.vocabulary.dutch import counted
from ui.case_table_model import CaseTableModel, case_table
from ui.filter_bar import FilterBar
from ui.widgets import is_key

EDIT_KEYS = QKeySequence("Ctrl+E")


class CaseList(QWidget):
    open_requested = Signal()  # Enter on the list or in the filter, or a double click

    def __init__(self) -> None:
        super().__init__()
        self.model = CaseTableModel()
        self.filters = FilterBar(self.model)
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText("Zoeken in kenmerk, kanaal, aard, status, onderdeel…")
        self.filter_edit.setAccessibleName("Casussen filteren")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self.model.set_text)
        self.filter_edit.installEventFilter(self)
        label = QLabel("&Filter:")
        label.setBuddy(self.filter_edit)
        self.table = case_table(self.model)
        self.table.activated.connect(lambda _index: self.open_requested.emit())
        self.count_label = QLabel()
        self.count_label.setAccessibleName("Aantal casussen")
        # Said where the rows would be when the filter lets none through: a blank table with
        # collapsed columns said nothing.
        self.nothing_found = QLabel()
        self.nothing_found.setAccessibleName("Geen casussen gevonden")
        self.nothing_found.setWordWrap(True)
        self.nothing_found.setVisible(False)
        layout = QVBoxLayout(self)
        for widget in (label, self.filter_edit, self.filters, self.nothing_found):
            layout.addWidget(widget)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)
        # A filter resets the model: the chosen case stays chosen while it is shown.
        self._chosen: int | None = None
        self.model.modelAboutToBeReset.connect(self._remember_chosen)
        self.model.modelReset.connect(self._choose_again)
        self.model.filter_changed.connect(self._update_count)
        for signal in (self.model.modelReset, self.model.layoutChanged):
            signal.connect(self._update_count)
            signal.connect(self._keep_a_row_current)

    def show_rows(self, rows: Sequence[CaseSummary]) -> None:
        self.model.set_rows(list(rows))
        self.filters.set_years(self.model.years())
        self._keep_a_row_current()

    def selected_case_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.case_id(rows[0].row())

    def view_state(self) -> dict[str, object]:
        """Where the user is: filters, search text and the selected case (kept in memory only,
        so that unlocking returns there; never written to settings)."""
        return {
            "text": self.filter_edit.text(),
            "filters": {name: combo.currentIndex() for name, combo in self.filters.combos.items()},
            "case_id": self.selected_case_id(),
        }

    def restore_view_state(self, state: dict[str, object]) -> None:
        self.filter_edit.setText(str(state.get("text", "")))
        for name, index in dict(state.get("filters", {})).items():  # type: ignore[call-overload]
            self.filters.combos[name].setCurrentIndex(index)
        case_id = state.get("case_id")
        self.choose(case_id if isinstance(case_id, int) else None)

    def choose(self, case_id: int | None) -> bool:
        """Make that case the chosen row, if the filter shows it."""
        row = self.model.row_of(case_id)
        if row is None:
            return False
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))
        return True

    def _remember_chosen(self) -> None:
        self._chosen = self.selected_case_id()

    def _choose_again(self) -> None:
        self.choose(self._chosen)

    def _update_count(self) -> None:
        shown, total = self.model.rowCount(), self.model.total()
        self.count_label.setText(
            counted(total, "casus") if shown == total else f"{shown} van {counted(total, 'casus')}"
        )
        self.nothing_found.setText(nothing_found(self.filter_edit.text(), self.filters.chosen()))
        self.nothing_found.setVisible(total > 0 and shown == 0)

    def _keep_a_row_current(self) -> None:
        if self.model.rowCount() and not self.table.selectionModel().selectedRows():
            self.table.selectRow(0)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kinds = (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride)
        if watched is not self.filter_edit or event.type() not in kinds:
            return super().eventFilter(watched, event)
        key = cast(QKeyEvent, event)
        if is_key(key, EDIT_KEYS):
            event.ignore()  # not the line edit's: the window's shortcut takes it
            return event.type() == QEvent.Type.ShortcutOverride
        if event.type() != QEvent.Type.KeyPress:
            return False
        if key.key() == Qt.Key.Key_Down:
            self._keep_a_row_current()
            self.table.setFocus()
            return True
        if key.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.open_requested.emit()
            return True
        if key.key() == Qt.Key.Key_Escape and self.filter_edit.text():
            self.filter_edit.clear()  # Esc empties the filter, as the message says
            return True
        return False


def nothing_found(text: str, chosen: Sequence[str]) -> str:
    """What matched nothing, and how to see the cases again."""
    parts = ([f"‘{text.strip()}’"] if text.strip() else []) + [f"{name}" for name in chosen]
    what = " en ".join(parts) if parts else "dit filter"
    clear = "Esc wist de zoektekst" if text.strip() else ""
    reset = "kies ‘Alle’ in de filters" if chosen else ""
    how = " en ".join(part for part in (clear, reset) if part)
    return f"Geen casus past bij {what}. {how[:1].upper() + how[1:]} om alle casussen te zien."
