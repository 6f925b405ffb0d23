"""The screenshots of the exchange between the parties' vaults (issue 14), for docs/: making a
case card, reading cards on the meeting screen, and the owner's case once its advice came
back. Two demo vaults: P&O brings its cases to the meeting of Bureau Integriteit. Called by
tools/screenshots.py."""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QWidget

from casus.demo import fill_demo_vault, release_demo_cases
from casus.pseudonymise import Pseudonymiser
from casus.services.advice_cards import AdviceCardService
from casus.services.cases import CaseService
from casus.services.meetings import MeetingService
from casus.services.parties import PartyService
from casus.services.vaults import create_vault
from casus.vault import Vault
from casus.vocabulary.enums import CaseStatus, Party
from ui import dialogs
from ui.app import DEMO_PASSPHRASE
from ui.case_card_dialog import CaseCardDialog
from ui.case_editor import CaseEditor
from ui.meeting_screen import MeetingScreen


def exchange_shots(
    docs: Path,
    meeting: Vault,
    pseudonymiser: Pseudonymiser,
    grab: Callable[[QWidget, Path], None],
    wait_until: Callable[[Callable[[], bool]], None],
) -> None:
    folder = Path(tempfile.mkdtemp())
    owner = create_vault(folder / "po.casus", DEMO_PASSPHRASE, actor="demo-po")
    fill_demo_vault(owner, count=6, seed=7)
    release_demo_cases(owner, 2)
    PartyService(owner).set_party("P&O")
    PartyService(meeting).set_party("Bureau Integriteit")
    for one, other in ((owner, meeting), (meeting, owner)):
        card, fingerprint = PartyService(other).key_card()
        PartyService(one).register(card, fingerprint)

    released = CaseService(owner).summaries(status=CaseStatus.RELEASED)
    cards = []
    for number, row in enumerate(released, 1):
        target = folder / f"casuskaart-{number}.casuskaart"
        dialogs.choose_card_target = lambda _parent, _title, _name, target=target: target  # type: ignore[assignment]
        dialog = CaseCardDialog(owner, pseudonymiser, row.id, row.reference, None)
        dialog.show()
        dialog.save_button.click()
        if number == 1:
            grab(dialog, docs / "case-card.png")
        dialog.reject()
        cards.append(target)

    today = MeetingService(meeting).find(dt.date.today())
    screen = MeetingScreen(meeting, pseudonymiser)
    screen.resize(1366, 768 - 40)
    screen.show()
    screen.reload_meetings(today)
    wait_until(lambda: screen.notebook.ready)
    dialogs.choose_cards = lambda _parent, _title, _suffix: cards  # type: ignore[assignment]
    screen.card_row.read_button.click()
    wait_until(lambda: screen.notebook.ready and screen.agenda.count() > len(cards))
    screen.agenda.setCurrentRow(screen.agenda.count() - 1)
    grab(screen, docs / "meeting-cards.png")
    screen.reject()

    meetings = MeetingService(meeting)
    for entry in meetings.get(today).agenda:
        if entry.card_id is not None:
            meetings.record_item(
                entry.id,
                "Het overleg herkent het patroon; Melder A voelt zich niet gehoord.",
                "Een herstelgesprek onder leiding van een externe gespreksleider.",
                "P&O plant het gesprek binnen drie weken.",
            )
            due = dt.date.today() + dt.timedelta(days=5)
            meetings.add_action(today, "Herstelgesprek plannen", Party.HR, due, agenda_item_id=entry.id)
    for card in AdviceCardService(meeting, pseudonymiser).export(today).cards:
        AdviceCardService(owner, pseudonymiser).import_card(card.sealed)
    editor = CaseEditor(owner, released[0].id, None)
    editor.resize(1100, 768 - 40)
    editor.show_interventions()
    grab(editor, docs / "case-advice.png")
    editor.done(0)
    owner.close()
