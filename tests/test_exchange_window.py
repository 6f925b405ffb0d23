"""The window's three new actions (issue 14), as the people who use them do: the owner makes a
case card of a released case (Casus › Casuskaart maken…), the secretary reads it onto the
meeting's agenda (Casuskaarten inlezen… on the meeting screen) and sends the advice back
(Advieskaarten maken…), and the owner reads the advice (Casus › Advies van het overleg
inlezen…), after which the case shows when it was discussed and what was advised.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from casus.model import Case
from casus.services.attention import AttentionKind, AttentionService
from casus.services.meetings import MeetingService
from tests.exchange_parties import Parties
from ui import dialogs
from ui.main_window import MainWindow
from ui.meeting_screen import MeetingScreen


def _select(window: MainWindow, reference: str) -> None:
    for row in range(window.model.rowCount()):
        if window.model.index(row, 0).data() == reference:
            window.table.selectRow(row)
            return
    raise AssertionError(reference)


def test_a_case_card_made_read_discussed_and_its_advice_back_on_the_owners_case(
    qtbot, monkeypatch, parties: Parties, light_engine, tmp_path: Path
) -> None:
    from ui.case_card_dialog import CaseCardDialog, card_file_name

    owner = MainWindow(parties.owner, light_engine)
    qtbot.addWidget(owner)
    owner.show()
    _select(owner, "PO-2026-501")
    card_file = tmp_path / "uit" / "kaart"
    card_file.parent.mkdir()
    proposed: list[str] = []
    monkeypatch.setattr(dialogs, "choose_card_target",
                        lambda _parent, _title, name: proposed.append(name) or card_file)  # fmt: skip
    owner.exchange.make_card_action.trigger()
    dialog = owner.findChild(CaseCardDialog)
    assert dialog is not None and dialog.isVisible()
    assert [dialog.recipient.itemText(i) for i in range(dialog.recipient.count())] == [
        "Bureau Integriteit",
        "discriminatie.nl",
    ]
    dialog.save_button.click()
    assert proposed == [card_file_name()] and "PO-2026" not in proposed[0], "what and when only"
    assert card_file.exists() and "Casuskaart voor Bureau Integriteit opgeslagen" in dialog.status.text()
    assert b"Landeweerd" not in card_file.read_bytes()
    dialog.reject()

    screen = MeetingScreen(parties.meeting, light_engine)
    qtbot.addWidget(screen)
    screen.show()
    meetings = MeetingService(parties.meeting)
    meeting_id = meetings.create("2026-03-04")
    screen.reload_meetings(meeting_id)
    qtbot.waitUntil(lambda: screen.gate is not None, timeout=60_000)
    monkeypatch.setattr(dialogs, "choose_cards", lambda _parent, _title, _suffix: [card_file])
    screen.card_row.read_button.click()
    qtbot.waitUntil(lambda: screen.agenda.count() == 1, timeout=10_000)
    qtbot.waitUntil(lambda: "P&O" in screen.agenda.item(0).text(), timeout=10_000)
    assert "1 casuskaart ingelezen, 1 casus op de agenda" in screen.save_status.text()
    assert "Ingebracht door P&O" in screen.case_view.toPlainText()
    assert "Landeweerd" not in screen.case_view.toPlainText()
    entry = meetings.get(meeting_id).agenda[0]
    meetings.record_item(entry.id, "", "Een herstelgesprek met Melder A.", "")
    meetings.add_action(meeting_id, "Melder A terugkoppelen", "hr", "2026-03-18", agenda_item_id=entry.id)
    outbox = tmp_path / "advies"
    outbox.mkdir()
    monkeypatch.setattr(dialogs, "choose_folder", lambda _parent, _title: outbox)
    screen.card_row.advice_button.click()
    [advice_file] = list(outbox.iterdir())
    assert advice_file.name == "advies-casuistiekoverleg-2026-03-casus-1.advieskaart"
    assert "1 advieskaart geschreven" in screen.save_status.text()
    screen.done(0)

    monkeypatch.setattr(dialogs, "choose_cards", lambda _parent, _title, _suffix: [advice_file])
    owner.exchange.read_advice_action.trigger()
    assert (
        "Advies ingelezen bij casus PO-2026-501 (besproken op 04-03-2026)"
        in owner.statusBar().currentMessage()
    )
    with parties.owner.session() as session:
        case_id = session.query(Case).filter_by(reference="PO-2026-501").one().id
    owner.edit_case(case_id)
    from ui.case_editor import CaseEditor

    editor = owner.findChild(CaseEditor)
    assert editor is not None and editor.interventions is not None
    editor.tabs.setCurrentWidget(editor.interventions)
    box = editor.interventions.meeting_advice_box
    assert box.isVisible()
    shown = box.text.toPlainText()
    assert "Besproken op 04-03-2026 in het overleg van Bureau Integriteit" in shown
    assert "Een herstelgesprek met Melder A." in shown
    # The meeting's action is the case's follow-up: on the home view when due, marked done here.
    [line] = [i for i in AttentionService(parties.owner).items(dt.date(2026, 3, 15)) if i.case_id == case_id
              and i.kind is AttentionKind.ACTIONS_DUE]  # fmt: skip
    assert line.text == "PO-2026-501 · Melder A terugkoppelen (P&O; uiterlijk 18-03-2026)"
    assert [box.follow_ups.item(0, c).text() for c in range(4)] == [
        "Melder A terugkoppelen",
        "P&O",
        "18-03-2026",
        "open",
    ]
    box.follow_ups.setCurrentCell(0, 0)
    box.toggle_button.click()
    assert box.follow_ups.item(0, 3).text() == "afgerond"
    assert not [i for i in AttentionService(parties.owner).items(dt.date(2026, 3, 15)) if i.case_id == case_id
                and i.kind is AttentionKind.ACTIONS_DUE], "done: off the home view"  # fmt: skip
    editor.reject()


def test_the_same_card_read_twice_on_the_meeting_screen_says_so_and_adds_nothing(
    qtbot, monkeypatch, parties: Parties, light_engine, tmp_path: Path
) -> None:
    from casus.services.case_cards import CaseCardService

    sealed, _ = CaseCardService(parties.owner, light_engine).export("PO-2026-501", "Bureau Integriteit")
    card = tmp_path / "kaart.casuskaart"
    card.write_bytes(sealed)
    screen = MeetingScreen(parties.meeting, light_engine)
    qtbot.addWidget(screen)
    screen.show()
    screen.reload_meetings(MeetingService(parties.meeting).create("2026-03-04"))
    qtbot.waitUntil(lambda: screen.gate is not None, timeout=60_000)
    errors: list[str] = []
    monkeypatch.setattr(dialogs, "show_error", lambda _parent, text: errors.append(text))
    monkeypatch.setattr(dialogs, "choose_cards", lambda _parent, _title, _suffix: [card, card])
    screen.card_row.read_button.click()
    qtbot.waitUntil(lambda: screen.agenda.count() == 1, timeout=10_000)
    assert errors == ["kaart.casuskaart: Deze casuskaart is al eerder ingelezen: niet nog eens ingelezen."]
    assert "1 casuskaart ingelezen" in screen.save_status.text()
    screen.done(0)


def test_the_report_dialog_sends_and_reads_figures_cards_and_says_whose_figures_it_holds(
    qtbot, monkeypatch, parties: Parties, tmp_path: Path
) -> None:
    from PySide6.QtCore import QDate

    from ui.report_dialog import ReportDialog

    def dialog_for(vault):
        dialog = ReportDialog(vault)
        qtbot.addWidget(dialog)
        dialog.start.setDate(QDate(2026, 1, 1))
        dialog.end.setDate(QDate(2026, 3, 31))
        dialog.show()
        return dialog

    owner = dialog_for(parties.owner)
    assert owner.figures.recipient.currentText() == "Bureau Integriteit"
    card = tmp_path / "cijfers.cijferkaart"
    proposed: list[str] = []
    monkeypatch.setattr(dialogs, "choose_card_target",
                        lambda _parent, _title, name: proposed.append(name) or card)  # fmt: skip
    owner.figures.make_button.click()
    assert proposed == ["cijfers-2026-01-01-tot-2026-03-31.cijferkaart"] and card.exists()
    assert "Cijferkaart voor Bureau Integriteit opgeslagen" in owner.figures.sources.text()

    meeting = dialog_for(parties.meeting)
    assert meeting.figures.sources.text() == "De rapportage bevat de cijfers van deze kluis alleen."
    monkeypatch.setattr(dialogs, "choose_cards", lambda _parent, _title, _suffix: [card])
    meeting.figures.read_button.click()
    assert meeting.figures.sources.text() == (
        "Samengevoegd en één keer afgeschermd: Bureau Integriteit (01-01-2026 tot en met 31-03-2026); "
        "P&O (01-01-2026 tot en met 31-03-2026)."
    )
    meeting.end.setDate(QDate(2026, 2, 28))
    assert "alleen" in meeting.figures.sources.text(), (
        "a card for a longer period is not part of a shorter one"
    )
