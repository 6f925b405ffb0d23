"""A new meeting: its date, the parties expected, and whether the released cases go on the
agenda at once (they usually do; the agenda can be changed afterwards)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from casus.errors import CasusError
from casus.services.meetings import MeetingService
from casus.vault import Vault
from casus.vocabulary.enums import Party
from ui.messages import describe
from ui.widgets import add_labelled_row, date_edit


class NewMeetingDialog(QDialog):
    def __init__(self, vault: Vault, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Nieuw overleg – Casus")
        self.service = MeetingService(vault)
        self.meeting_id: int | None = None
        self.date = date_edit("Datum van het overleg")
        self.parties = {party: QCheckBox(party.label.replace("&", "&&")) for party in Party}
        for party, box in self.parties.items():
            box.setChecked(True)
            box.setAccessibleName(f"{party.label} aanwezig")
        self.add_released = QCheckBox("Alle &vrijgegeven casussen op de agenda zetten")
        self.add_released.setAccessibleName("Alle vrijgegeven casussen op de agenda zetten")
        self.add_released.setChecked(True)
        self.message = QLabel()
        self.message.setAccessibleName("Melding")
        self.message.setWordWrap(True)

        form = QFormLayout()
        add_labelled_row(form, "&Datum:", self.date)
        for number, box in enumerate(self.parties.values()):
            form.addRow("Aanwezig:" if number == 0 else "", box)
        form.addRow("", self.add_released)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        create = buttons.button(QDialogButtonBox.StandardButton.Ok)
        create.setText("Overleg &maken")
        create.setAccessibleName("Overleg maken")
        cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText("Annuleren")
        cancel.setAccessibleName("Annuleren")
        buttons.accepted.connect(self.create_meeting)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.date.setFocus()

    def create_meeting(self) -> None:
        date = self.date.date()
        present = [party for party, box in self.parties.items() if box.isChecked()]
        try:
            self.meeting_id = self.service.create(dt.date(date.year(), date.month(), date.day()), present)
            if self.add_released.isChecked():
                self.service.add_released(self.meeting_id)
        except CasusError as error:
            self.message.setText(describe(error))
            self.date.setFocus()
            return
        self.accept()
