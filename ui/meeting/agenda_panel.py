"""The agenda: "Casus 1 · Racisme · maart 2025" per item, in the meeting's order, with the
keys to add the released cases, move an item (Alt+↑/↓) and take one off (Del)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListWidget, QVBoxLayout, QWidget

from casus.services.meeting_values import AgendaEntry
from casus.services.review import MeetingCase
from ui.widgets import button

NOT_SHOWN = "niet te tonen"


def agenda_line(entry: AgendaEntry, view: MeetingCase | str | None) -> str:
    if isinstance(view, MeetingCase):
        return " · ".join(part for part in (entry.title, view.category, view.period) if part)
    if isinstance(view, str):
        return f"{entry.title} · {NOT_SHOWN}"
    return entry.title


class AgendaPanel(QWidget):
    item_chosen = Signal(object)  # the agenda item's id, or None for an empty agenda
    add_requested = Signal()
    move_requested = Signal(int)  # -1 up, +1 down
    remove_requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.entries: list[AgendaEntry] = []
        self.list = QListWidget()
        self.list.setAccessibleName("Agenda")
        self.list.currentRowChanged.connect(self._row_changed)
        label = QLabel("A&genda:")
        label.setBuddy(self.list)
        add_row = QHBoxLayout()
        add_row.addWidget(
            button(
                "Vrijgegeven casussen &toevoegen", "Vrijgegeven casussen toevoegen", self.add_requested.emit
            )
        )
        add_row.addStretch(1)
        move_row = QHBoxLayout()
        move_row.addWidget(
            button("Omhoog (Alt+↑)", "Agendapunt omhoog", lambda: self.move_requested.emit(-1))
        )
        move_row.addWidget(button("Omlaag (Alt+↓)", "Agendapunt omlaag", lambda: self.move_requested.emit(1)))
        move_row.addWidget(button("Van de agenda (Del)", "Van de agenda halen", self.remove_requested.emit))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(label)
        layout.addWidget(self.list, 1)
        layout.addLayout(add_row)
        layout.addLayout(move_row)
        for keys, signal, value in (
            ("Alt+Up", self.move_requested, -1),
            ("Alt+Down", self.move_requested, 1),
        ):
            shortcut = QShortcut(QKeySequence(keys), self.list)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(lambda signal=signal, value=value: signal.emit(value))
        remove = QShortcut(QKeySequence("Delete"), self.list)
        remove.setContext(Qt.ShortcutContext.WidgetShortcut)
        remove.activated.connect(self.remove_requested.emit)

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

    def _row_changed(self, _row: int) -> None:
        if self.current_item is not None:
            self.item_chosen.emit(self.current_item)
