"""The meeting's side of the exchange, under the agenda: "Casuskaarten inlezen…" reads the case
cards the other parties sent and puts them on this meeting's agenda; "Advieskaarten maken…"
writes, after the meeting, one advice card per card on the agenda into a folder the
secretary chooses (issue 14).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QWidget

from casus.errors import CasusError
from casus.notebook.notebook import MeetingNotebook
from casus.outputs.writing import write_atomically
from casus.pseudonymise import Pseudonymiser
from casus.services.advice_cards import AdviceCardService, advice_file_name
from casus.services.case_cards import CaseCardService
from casus.vault import Vault
from casus.vocabulary.dutch import counted
from ui import dialogs
from ui.messages import describe
from ui.widgets import button


class CardRow(QWidget):
    said = Signal(str)  # how it went, for the status line
    cards_added = Signal()  # their views must be read (casus.notebook.preparation)

    def __init__(self, vault: Vault, pseudonymiser: Pseudonymiser, notebook: MeetingNotebook) -> None:
        super().__init__()
        self.vault, self.pseudonymiser, self.notebook = vault, pseudonymiser, notebook
        self.read_button = button("&Casuskaarten inlezen…", "Casuskaarten inlezen", self.read_cards)
        self.advice_button = button("Advieskaarten ma&ken…", "Advieskaarten maken", self.make_advice)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.read_button)
        row.addWidget(self.advice_button)
        row.addStretch(1)

    def read_cards(self) -> None:
        if self.notebook.meeting_id is None:
            self.said.emit("Kies of maak eerst een overleg.")
            return
        paths = dialogs.choose_cards(self, "Casuskaarten inlezen", ".casuskaart")
        if paths:
            self.read_files(paths, lambda path: path.read_bytes())

    def read_files(self, paths: list[Path], read: Callable[[Path], bytes]) -> None:
        """Each card on its own: one refused card does not stop the others."""
        service = CaseCardService(self.vault, self.pseudonymiser)
        read_in, refused = 0, []
        for path in paths:
            try:
                service.import_card(read(path))
            except (CasusError, OSError) as error:
                refused.append(f"{path.name}: {describe(error)}")
                continue
            read_in += 1
        added = self._on_agenda() if read_in else 0
        if refused:
            dialogs.show_error(self, "\n".join(refused))
        self.said.emit(f"{counted(read_in, 'casuskaart')} ingelezen, {counted(added, 'casus')} op de agenda.")
        if added:
            self.cards_added.emit()

    def _on_agenda(self) -> int:
        try:
            return self.notebook.add_cards()
        except CasusError as error:
            self.said.emit(describe(error))
            return 0

    def make_advice(self) -> None:
        meeting_id = self.notebook.meeting_id
        if meeting_id is None:
            self.said.emit("Kies eerst een overleg.")
            return
        folder = dialogs.choose_folder(self, "Map voor de advieskaarten")
        if folder is not None:
            self.write_advice(meeting_id, folder)

    def write_advice(self, meeting_id: int, target: Path) -> None:
        self.notebook.save()  # the notes as typed go back, not as last stored
        try:
            held_on = self.notebook.meetings.get(meeting_id).held_on
            made = AdviceCardService(self.vault, self.pseudonymiser).export(meeting_id)
            for card in made.cards:
                write_atomically(target / advice_file_name(held_on, card.number), card.sealed)
        except CasusError as error:
            dialogs.show_error(self, describe(error))
            return
        if made.skipped:
            dialogs.show_error(self, "Geen advieskaart voor:\n" + "\n".join(made.skipped))
        if not made.cards:
            if not made.skipped:
                self.said.emit("Er staan geen casuskaarten van andere partijen op deze agenda.")
            return
        parties = ", ".join(sorted({card.to_party for card in made.cards}))
        self.said.emit(
            f"{counted(len(made.cards), 'advieskaart')} geschreven in {target.name}, voor {parties}."
        )
