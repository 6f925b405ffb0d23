"""The agenda: "Casus 1 · Racisme · maart 2025" per item, in the meeting's order, with the
keys to add the released cases, move an item (Alt+↑/↓) and take one off (Del, after asking).
The changes go to the meeting notebook, whose events redraw the agenda."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TypeVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListWidget, QVBoxLayout, QWidget

from casus.errors import CasusError
from casus.notebook.notebook import MeetingNotebook
from casus.services.meeting_values import AgendaEntry
from casus.services.meeting_view import MeetingCase
from casus.vocabulary.dutch import counted
from ui import dialogs
from ui.messages import describe
from ui.widgets import button

NOT_SHOWN = "niet te tonen"
R = TypeVar("R", bound=QWidget)


def agenda_line(entry: AgendaEntry, view: MeetingCase | str | None) -> str:
    if isinstance(view, MeetingCase):
        # Another party's card says whose it is; the vault's own cases need no such word.
        brought = view.brought_by if entry.card_id is not None else ""
        return " · ".join(part for part in (entry.title, view.category, view.period, brought) if part)
    if isinstance(view, str):
        return f"{entry.title} · {NOT_SHOWN}"
    return entry.title


class AgendaPanel(QWidget):
    item_chosen = Signal(object)  # the agenda item's id, or None for an empty agenda
    cases_added = Signal()  # their cases must be read (casus.notebook.preparation)
    said = Signal(str)  # how a change went, for the status line

    def __init__(self, notebook: MeetingNotebook) -> None:
        super().__init__()
        self.notebook = notebook
        self.entries: list[AgendaEntry] = []
        self.list = QListWidget()
        self.list.setAccessibleName("Agenda")
        self.list.currentRowChanged.connect(self._row_changed)
        label = QLabel("A&genda:")
        label.setBuddy(self.list)
        add_row = QHBoxLayout()
        add_row.addWidget(
            button("Vrijgegeven casussen &toevoegen", "Vrijgegeven casussen toevoegen", self.add_released)
        )
        add_row.addStretch(1)
        move_row = QHBoxLayout()
        move_row.addWidget(button("Omhoog (Alt+↑)", "Agendapunt omhoog", lambda: self.move_item(-1)))
        move_row.addWidget(button("Omlaag (Alt+↓)", "Agendapunt omlaag", lambda: self.move_item(1)))
        move_row.addWidget(button("Van de agenda (Del)", "Van de agenda halen", self.remove_item))
        self.rows = QVBoxLayout(self)
        self.rows.setContentsMargins(0, 0, 0, 0)
        for part in (label, self.list, add_row, move_row):
            if isinstance(part, QHBoxLayout):
                self.rows.addLayout(part)
            else:
                self.rows.addWidget(part, 1 if part is self.list else 0)
        for keys, slot in (
            ("Alt+Up", lambda: self.move_item(-1)),
            ("Alt+Down", lambda: self.move_item(1)),
            ("Delete", self.remove_item),
        ):
            shortcut = QShortcut(QKeySequence(keys), self.list)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(slot)

    def add_row(self, row: R) -> R:
        """Another row of buttons under the agenda's own (the case cards of other parties)."""
        self.rows.insertWidget(self.rows.count() - 1, row)
        return row

    @property
    def current_item(self) -> int | None:
        row = self.list.currentRow()
        return self.entries[row].id if 0 <= row < len(self.entries) else None

    def show_agenda(
        self, entries: Sequence[AgendaEntry], views: Mapping[int, MeetingCase | str], keep: int | None
    ) -> None:
        """The agenda anew, the cursor on item `keep` if it is still there (else where it was)."""
        row = max(0, self.list.currentRow())
        ids = [entry.id for entry in entries]
        if keep in ids:
            row = ids.index(keep)
        self.entries = list(entries)
        self.list.blockSignals(True)
        self.list.clear()
        for entry in entries:
            self.list.addItem(agenda_line(entry, views.get(entry.id)))
        self.list.blockSignals(False)
        if entries:
            self.list.setCurrentRow(min(row, len(entries) - 1))
        self.item_chosen.emit(self.current_item)

    def choose(self, item_id: int | None) -> None:
        ids = [entry.id for entry in self.entries]
        if item_id in ids:
            self.list.setCurrentRow(ids.index(item_id))

    def add_released(self) -> None:
        try:
            added = self.notebook.add_released()
        except CasusError as error:
            self.said.emit(describe(error))
            return
        self.said.emit(
            f"{counted(added, 'casus')} toegevoegd." if added else "Geen nieuwe vrijgegeven casussen."
        )
        if added:
            self.cases_added.emit()

    def move_item(self, offset: int) -> None:
        """Alt+↑ (-1) or Alt+↓ (+1): the chosen item, and "Casus N" follows the new order."""
        item_id = self.current_item
        if item_id is not None:
            self._change(lambda: self.notebook.move(item_id, offset))
            self.list.setFocus()

    def remove_item(self) -> None:
        entry = self.notebook.entry(self.current_item)
        question = (
            f"{entry.title if entry else ''} van de agenda halen? De notities bij dit agendapunt gaan "
            "verloren; de acties blijven op de actielijst."
        )
        if entry is not None and dialogs.confirm(self, "Van de agenda halen", question):
            self._change(lambda: self.notebook.remove(entry.id))

    def _change(self, change: Callable[[], None]) -> None:
        try:
            change()
        except CasusError as error:
            self.said.emit(describe(error))

    def _row_changed(self, _row: int) -> None:
        if self.current_item is not None:
            self.item_chosen.emit(self.current_item)
