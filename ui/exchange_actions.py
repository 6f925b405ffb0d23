"""The case owner's side of the exchange with the meeting, in the main window's Casus menu:
"Casuskaart maken…" for a released case, and "Advies van het overleg inlezen…" for the
advice cards that come back (issue 14). The meeting's side is on the meeting screen
(ui.meeting.card_row).
"""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow

from casus.errors import CasusError
from casus.pseudonymise import Pseudonymiser
from casus.services.advice_cards import AdviceCardService
from casus.services.cases import CaseService
from casus.vocabulary.enums import CaseStatus
from ui import dialogs
from ui.messages import describe
from ui.window_part import WindowPart


class ExchangeActions(WindowPart):
    """The vault is asked for each time: the window may have locked in between."""

    def __init__(self, window: QMainWindow, pseudonymiser: Pseudonymiser) -> None:
        super().__init__(window)
        self.pseudonymiser = pseudonymiser
        self.make_card_action = QAction("Casuskaart &maken…", window)
        self.make_card_action.triggered.connect(lambda _checked=False: self.make_card())
        self.read_advice_action = QAction("&Advies van het overleg inlezen…", window)
        self.read_advice_action.triggered.connect(lambda _checked=False: self.read_advice())

    def _say(self, text: str) -> None:
        self.say(text)

    def make_card(self) -> None:
        vault, case_id = self.vault(), self.selected()
        if vault is None:
            return
        if case_id is None:
            self._say("Kies eerst een casus in de lijst.")
            return
        case = CaseService(vault).get(case_id)
        if case.status is not CaseStatus.RELEASED:
            self._say("Alleen een vrijgegeven casus gaat op een casuskaart (Ctrl+R: voorbereiden).")
            return
        from ui.case_card_dialog import CaseCardDialog

        self.dialog = CaseCardDialog(vault, self.pseudonymiser, case_id, case.reference, self.window)
        self.dialog.open()

    def read_advice(self) -> None:
        vault = self.vault()
        if vault is None:
            return
        paths = dialogs.choose_cards(self.window, "Advies van het overleg inlezen", ".advieskaart")
        if not paths:
            return
        service = AdviceCardService(vault, self.pseudonymiser)
        attached, refused = [], []
        for path in paths:
            try:
                advice = service.import_card(path.read_bytes())
            except (CasusError, OSError) as error:
                refused.append(f"{path.name}: {describe(error)}")
                continue
            attached.append(f"casus {advice.reference} (besproken op {advice.discussed_on:%d-%m-%Y})")
        if attached:
            self._case_window().refresh()
        if refused:
            dialogs.show_error(self.window, "\n".join(refused))
        if attached:
            self._say(f"Advies ingelezen bij {', '.join(attached)}.")
        elif not refused:
            self._say("Geen advies ingelezen.")
