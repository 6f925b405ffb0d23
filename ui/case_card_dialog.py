"""Casus › Casuskaart maken: a released case, as the meeting sees it, for the vault of the party
that holds the meeting.

The dialog names the case by its reference (the owner's own screen) and says what goes on the
card and what stays home; it offers only parties whose key card this vault registered. The
file's default name says what it is and the day, never the case or the party.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QComboBox, QDialog, QFormLayout, QHBoxLayout, QLabel, QWidget

from casus.errors import CasusError
from casus.outputs.writing import write_atomically
from casus.pseudonymise import Pseudonymiser
from casus.services.case_cards import CaseCardService
from casus.services.parties import PartyService
from casus.vault import Vault
from ui import dialogs
from ui.messages import describe
from ui.widgets import ERROR_STYLE, add_labelled_row, button
from ui.window_fit import fit_to_screen, scrolled_layout

WHAT_GOES = (
    "Op de kaart staat alleen wat het overleg ziet: aard, maand, het cluster (of niets), de "
    "betrokkenen als pseudoniem en rol, en de voorbereide teksten. Het kenmerk, de namen en de "
    "onderdelen blijven in deze kluis. De kaart is ondertekend door deze kluis en alleen door "
    "de gekozen partij te openen."
)


def card_file_name(today: dt.date | None = None) -> str:
    return f"casuskaart-{(today or dt.date.today()):%Y-%m-%d}.casuskaart"


def _missing(vault: Vault, recipients: int) -> str:
    """What a card needs that this vault does not have yet, or ""."""
    try:
        PartyService(vault).own_keys()
    except CasusError:
        return (
            "Deze kluis heeft nog geen partij en dus geen sleutels. Kies de partij via "
            "Kluis › Partij en sleutelkaarten."
        )
    if recipients == 0:
        return (
            "Deze kluis heeft nog geen sleutelkaart van een andere partij. Lees die eerst in via "
            "Kluis › Partij en sleutelkaarten."
        )
    return ""


class CaseCardDialog(QDialog):
    def __init__(
        self, vault: Vault, pseudonymiser: Pseudonymiser, case_id: int, reference: str, parent: QWidget | None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Casuskaart maken – Casus")
        self.setObjectName("case_card")  # so the main window finds it to close on lock
        fit_to_screen(self, 620, 280)
        self.service = CaseCardService(vault, pseudonymiser)
        self.case_id = case_id
        self.recipient = QComboBox()
        self.recipient.setAccessibleName("Voor de partij")
        for party in PartyService(vault).known():
            if party.current:
                self.recipient.addItem(party.name)
        explanation = QLabel(WHAT_GOES)
        explanation.setWordWrap(True)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Uitkomst")
        form = QFormLayout()
        add_labelled_row(form, "Casus:", QLabel(reference))
        add_labelled_row(form, "&Voor de partij:", self.recipient)
        self.save_button = button("Kaart &opslaan…", "Casuskaart opslaan", self.save)
        self.save_button.setDefault(True)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(button("&Sluiten", "Sluiten", self.reject))
        layout = scrolled_layout(self)
        layout.addLayout(form)
        layout.addWidget(explanation)
        layout.addWidget(self.status)
        layout.addStretch(1)
        layout.addLayout(buttons)
        missing = _missing(vault, self.recipient.count())
        if missing:
            self._say(missing, error=True)
            self.save_button.setEnabled(False)

    def _say(self, text: str, error: bool = False) -> None:
        self.status.setStyleSheet(ERROR_STYLE if error else "")
        self.status.setText(text)

    def save(self) -> None:
        party = self.recipient.currentText()
        target = dialogs.choose_card_target(self, "Casuskaart opslaan", card_file_name())
        if target is None:
            return
        try:
            sealed, card_id = self.service.export_case(self.case_id, party)
            write_atomically(target, sealed)
        except (CasusError, OSError) as error:
            self._say(describe(error), error=True)
            return
        self._say(f"Casuskaart voor {party} opgeslagen als {target.name} (kaart-id {card_id}).")
