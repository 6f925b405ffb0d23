"""The meeting's action list: what was agreed, which party owns it, by when, and whether it
happened. Actions still open at the previous meeting come back here with "Is dit gelukt?".

The table lists the actions in the order the minutes number them (open first, then as
they were made), so "Actie 3" in a finding of the gate is the third row here. The form under
the table edits the chosen row or, after "Nieuwe actie", adds one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from casus.errors import CasusError
from casus.services.meeting_values import ActionEntry
from casus.services.meetings import MeetingService
from casus.vault import Vault
from casus.vocabulary.enums import ActionStatus, Party
from ui.messages import describe
from ui.note_edit import NoteEdit
from ui.widgets import add_labelled_row, button, date_edit, enum_combo, read_only_table

COLUMNS = ("Actie", "Eigenaar", "Gereed op", "Status", "Bij")
CARRIED_OVER = "Is dit gelukt?"
ADD = "Actie toevoegen (Ctrl+Enter)"
SAVE = "Actie opslaan (Ctrl+Enter)"


class ActionsPage(QWidget):
    changed = Signal()

    def __init__(self, vault: Vault) -> None:
        super().__init__()
        self.service = MeetingService(vault)
        self.meeting_id: int | None = None
        self.rows: list[ActionEntry] = []
        self.agenda_titles: dict[int, str] = {}
        self.editing: int | None = None  # the action in the form; None: a new one

        self.table = read_only_table(COLUMNS, "Acties")
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)  # the action's words get the room
        self.table.itemSelectionChanged.connect(self._show_selected)
        self.description = NoteEdit("Actie", "Wat is afgesproken (zonder namen)")
        self.description.setMaximumHeight(90)
        self.owner = enum_combo(Party, "Eigenaar van de actie")
        self.has_due = QCheckBox("&Gereed op")
        self.has_due.setAccessibleName("Actie heeft een datum gereed")
        self.due = date_edit("Datum gereed")
        self.due.setEnabled(False)
        self.has_due.toggled.connect(self.due.setEnabled)
        self.status = enum_combo(ActionStatus, "Status van de actie")
        self.item = QComboBox()
        self.item.setAccessibleName("Bij agendapunt")
        self.message = QLabel()
        self.message.setAccessibleName("Melding bij acties")
        self.message.setWordWrap(True)

        form = QFormLayout()
        add_labelled_row(form, "&Actie:", self.description)
        add_labelled_row(form, "Eigenaa&r:", self.owner)
        due_row = QHBoxLayout()
        due_row.addWidget(self.has_due)
        due_row.addWidget(self.due)
        due_row.addStretch(1)
        form.addRow("", due_row)
        add_labelled_row(form, "&Status:", self.status)
        add_labelled_row(form, "&Bij:", self.item)
        buttons = QHBoxLayout()
        buttons.addWidget(button("Nieu&we actie", "Nieuwe actie", self.new_action))
        self.save_button = button(SAVE, "Actie opslaan", self.save)
        buttons.addWidget(self.save_button)
        self.remove_button = button("Actie verwij&deren", "Actie verwijderen", self.remove)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)

        save_shortcut = QShortcut(QKeySequence("Ctrl+Return"), self)
        save_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        save_shortcut.activated.connect(self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        self.new_action()

    def load(
        self, meeting_id: int | None, actions: Sequence[ActionEntry], agenda_titles: dict[int, str]
    ) -> None:
        self.meeting_id = meeting_id
        self.rows = list(actions)  # in the order the minutes number them (the service's)
        self.agenda_titles = agenda_titles
        self.item.clear()
        self.item.addItem("— het hele overleg", None)
        for item_id, title in agenda_titles.items():
            self.item.addItem(title, item_id)
        self.table.setRowCount(len(self.rows))
        for row, action in enumerate(self.rows):
            description = action.description
            if action.carried_over:
                description += f" ({CARRIED_OVER})"
            due = action.due_date.strftime("%d-%m-%Y") if action.due_date else "—"
            where = self.agenda_titles.get(action.agenda_item_id or -1, "—")
            values = (description, action.owner_party.label, due, action.status.label, where)
            for column, value in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(value))
        self.table.resizeRowsToContents()
        if self.editing is not None and self.editing in {a.id for a in self.rows}:
            self.select(self.editing)
        else:
            self.new_action()

    def select(self, action_id: int | None) -> None:
        """Put the form on action `action_id` (the one the minutes number so)."""
        order = [action.id for action in self.rows]
        if action_id in order:
            self.table.selectRow(order.index(action_id))

    def new_action(self) -> None:
        self.table.clearSelection()
        self.editing = None
        self.description.set_text_quietly("")
        self.owner.setCurrentIndex(0)
        self.has_due.setChecked(False)
        self.due.setDate(QDate.currentDate().addDays(28))
        self.status.setCurrentIndex(self.status.findData(ActionStatus.OPEN))
        self.status.setEnabled(False)  # a new action is open
        self.item.setCurrentIndex(0)
        self.item.setEnabled(True)
        self.remove_button.setEnabled(False)
        self.save_button.setText(ADD)
        self.save_button.setAccessibleName("Actie toevoegen")

    def _show_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        action = self.rows[rows[0].row()]
        self.editing = action.id
        self.description.set_text_quietly(action.description)
        self.owner.setCurrentIndex(self.owner.findData(action.owner_party))
        self.has_due.setChecked(action.due_date is not None)
        if action.due_date is not None:
            self.due.setDate(QDate(action.due_date.year, action.due_date.month, action.due_date.day))
        self.status.setEnabled(True)
        self.status.setCurrentIndex(self.status.findData(action.status))
        self.item.setCurrentIndex(max(0, self.item.findData(action.agenda_item_id)))
        self.item.setEnabled(False)  # an action stays with the item it was agreed at
        self.remove_button.setEnabled(True)
        self.save_button.setText(SAVE)
        self.save_button.setAccessibleName("Actie opslaan")

    def _due(self) -> dt.date | None:
        if not self.has_due.isChecked():
            return None
        date = self.due.date()
        return dt.date(date.year(), date.month(), date.day())

    def save(self) -> None:
        if self.meeting_id is None:
            return
        try:
            if self.editing is None:
                self.editing = self.service.add_action(
                    self.meeting_id,
                    self.description.toPlainText(),
                    self.owner.currentData(),
                    self._due(),
                    self.item.currentData(),
                )
                self.message.setText("Actie toegevoegd.")
            else:
                self.service.update_action(
                    self.editing, self.description.toPlainText(), self.owner.currentData(), self._due()
                )
                self.service.set_action_status(self.editing, self.status.currentData())
                self.message.setText("Actie opgeslagen.")
        except CasusError as error:
            self.message.setText(describe(error))
            self.description.setFocus()
            return
        self.changed.emit()

    def remove(self) -> None:
        if self.editing is None:
            return
        try:
            self.service.remove_action(self.editing)
        except CasusError as error:
            self.message.setText(describe(error))
            return
        self.editing = None
        self.message.setText("Actie verwijderd.")
        self.changed.emit()
