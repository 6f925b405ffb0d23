"""Kluis › Partij en sleutelkaarten: this vault's party and key card, and the other parties'.

The fingerprint is shown large and selectable, to read aloud or compare by phone; a card is
read in only with the fingerprint the other party gave, typed in here (casus.services.parties
refuses any other). Nothing here shows a case or a person.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCompleter,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidgetItem,
    QWidget,
)

from casus.errors import CasusError, NotFoundError
from casus.outputs.writing import write_atomically
from casus.services.parties import PartyService
from casus.vault import Vault
from casus.vocabulary.enums import Party
from ui import dialogs
from ui.messages import describe
from ui.widgets import ERROR_STYLE, button, read_only_table
from ui.window_fit import fit_to_screen, scrolled_layout

CARD_SUFFIX = ".sleutelkaart"


class PartiesDialog(QDialog):
    def __init__(self, vault: Vault, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Partij en sleutelkaarten – Casus")
        self.setObjectName("parties")  # so the main window finds it to close on lock
        fit_to_screen(self, 760, 520)
        self.service = PartyService(vault)
        self.party_edit = QLineEdit()
        self.party_edit.setAccessibleName("Partij van deze kluis")
        self.party_edit.setCompleter(QCompleter([party.label for party in Party]))
        self.fingerprint = QLabel()
        self.fingerprint.setAccessibleName("Vingerafdruk van deze kluis")
        font = self.fingerprint.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setFamily("monospace")
        self.fingerprint.setFont(font)
        self.fingerprint.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByKeyboard | Qt.TextInteractionFlag.TextSelectableByMouse
        )
        self.table = read_only_table(
            ("Partij", "Vingerafdruk", "Status"), "Sleutelkaarten van andere partijen"
        )
        self.table.setWordWrap(False)  # a fingerprint on one line, as it is read out
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.message = QLabel()
        self.message.setAccessibleName("Melding")
        self.message.setWordWrap(True)

        form = QFormLayout()
        party_label = QLabel("&Partij van deze kluis:")
        party_label.setBuddy(self.party_edit)
        party_row = QHBoxLayout()
        party_row.addWidget(self.party_edit, 1)
        party_row.addWidget(button("Partij &opslaan", "Partij opslaan", self.save_party))
        form.addRow(party_label, party_row)
        form.addRow("Vingerafdruk:", self.fingerprint)
        own_buttons = QHBoxLayout()
        self.export_button = button("Eigen sleutelkaart op&slaan…", "Eigen sleutelkaart opslaan", self.export)
        own_buttons.addWidget(self.export_button)
        own_buttons.addStretch(1)
        others = QHBoxLayout()
        others.addWidget(
            button("Sleutelkaart &inlezen…", "Sleutelkaart van een partij inlezen", self.register)
        )
        others.addWidget(button("In&trekken", "Sleutelkaart van de gekozen partij intrekken", self.revoke))
        others.addStretch(1)
        others.addWidget(button("Sluiten", "Sluiten", self.accept))
        table_label = QLabel("&Andere partijen:")
        table_label.setBuddy(self.table)

        layout = scrolled_layout(self)
        layout.addLayout(form)
        layout.addLayout(own_buttons)
        layout.addWidget(table_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addLayout(others)
        self.reload()

    def reload(self) -> None:
        try:
            own = self.service.own_keys().public()
        except CasusError:
            self.party_edit.setText("")
            self.fingerprint.setText("— (kies eerst de partij)")
            self.export_button.setEnabled(False)
        else:
            self.party_edit.setText(own.party)
            self.fingerprint.setText(own.fingerprint)
            self.export_button.setEnabled(True)
        known = self.service.known()
        self.table.setRowCount(len(known))
        for row, party in enumerate(known):
            state = "geldig" if party.current else f"ingetrokken op {party.revoked_at:%d-%m-%Y}"
            for column, text in enumerate((party.name, party.fingerprint, state)):
                self.table.setItem(row, column, QTableWidgetItem(text))

    def _say(self, text: str, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(ERROR_STYLE if error else "")

    def save_party(self) -> None:
        try:
            keys = self.service.set_party(self.party_edit.text())
        except CasusError as refusal:
            self._say(describe(refusal), error=True)
            self.party_edit.setFocus()
            return
        self.reload()
        self._say(f"Partij opgeslagen: {keys.party}.")

    def export(self) -> None:
        try:
            card, fingerprint = self.service.key_card()
            name = f"{self.party_edit.text().strip().replace(' ', '-').lower()}{CARD_SUFFIX}"
            path = dialogs.choose_key_card(self, saving=True, name=name)
            if not path:
                return
            target = Path(path) if path.endswith(CARD_SUFFIX) else Path(path + CARD_SUFFIX)
            write_atomically(target, card)
        except CasusError as refusal:
            self._say(describe(refusal), error=True)
            return
        self._say(f"Sleutelkaart opgeslagen in {target}. Noem de ontvanger de vingerafdruk {fingerprint}.")

    def register(self) -> None:
        path = dialogs.choose_key_card(self, saving=False)
        if not path:
            return
        fingerprint = dialogs.ask_text(
            self, "Vingerafdruk vergelijken", "De vingerafdruk zoals de partij zelf hem noemt (30 cijfers):"
        )
        if fingerprint is None:
            return
        try:
            known = self.service.register(Path(path).read_bytes(), fingerprint)
        except OSError:
            self._say("De sleutelkaart kan niet worden gelezen.", error=True)
            return
        except CasusError as refusal:
            self._say(describe(refusal), error=True)
            return
        self.reload()
        self._say(f"Sleutelkaart van {known.name} ingelezen.")

    def revoke(self) -> None:
        row = self.table.currentRow()
        item = self.table.item(row, 0) if row >= 0 else None
        if item is None:
            self._say("Kies eerst een partij in de lijst.", error=True)
            return
        name = item.text()
        if not dialogs.confirm(self, "Sleutelkaart intrekken", f"De sleutelkaart van {name} intrekken?"):
            return
        try:
            self.service.revoke(name)
        except (CasusError, NotFoundError) as refusal:
            self._say(describe(refusal), error=True)
            return
        self.reload()
        self._say(f"Sleutelkaart van {name} ingetrokken.")
