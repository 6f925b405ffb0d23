"""The secretary's meeting screen, driven offscreen through real widgets on a real vault:
notes checked as they are typed, findings to jump to, the agenda, attendance, actions,
learning points, the export in the background, and meeting mode following the meeting."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt

from casus.pseudonymise import Pseudonymiser
from casus.services.cases import CaseDraft, CaseService, PersonDraft
from casus.services.meetings import MeetingService
from casus.services.review import ReviewService
from casus.vault import Vault
from casus.vocabulary.enums import ActionStatus, Party, ReviewDecision, SpanKind
from tests.helpers import release
from tests.test_ui import answer_save_as, unnamed_controls
from ui.meeting_screen import MeetingScreen


def _draft(reporter: str, accused: str, received: str = "2025-03-04", facts: str = "") -> CaseDraft:
    return CaseDraft(
        channel="internal_reporting_point",
        received=received,
        category="racism",
        grounds=["origin_race"],
        facts=facts or f"Op 3 maart 2025 zei {accused} tegen {reporter} dat zij 'terug moest'.",
        question=f"Hoe beschermen we {reporter.split()[0]}?",
        people=[PersonDraft(role="reporter", name=reporter), PersonDraft(role="accused", name=accused)],
    )


def _case(vault: Vault, reporter: str, accused: str, received: str = "2025-03-04") -> int:
    return CaseService(vault).create(_draft(reporter, accused, received))


@pytest.fixture
def meeting(vault: Vault, engine: Pseudonymiser) -> int:
    """Two released cases on the agenda of a meeting."""
    for reporter, accused, received in (
        ("Yasmina Amrani", "Pieter Smit", "2025-03-04"),
        ("Şahin Öztürk", "Kees Brouwer", "2025-04-10"),
    ):
        release(vault, _case(vault, reporter, accused, received), engine)
    meetings = MeetingService(vault)
    meeting_id = meetings.create("2025-05-01", [Party.HR, Party.INTEGRITY_BUREAU])
    assert meetings.add_released(meeting_id) == 2
    return meeting_id


def _open(qtbot, vault: Vault, engine: Pseudonymiser) -> MeetingScreen:
    screen = MeetingScreen(vault, engine)
    qtbot.addWidget(screen)
    screen.show()
    qtbot.waitUntil(lambda: screen.gate is not None, timeout=60_000)
    return screen


def test_a_typed_name_is_marked_at_once_listed_without_its_text_and_jumped_to(
    qtbot, vault: Vault, engine: Pseudonymiser, meeting: int
) -> None:
    screen = _open(qtbot, vault, engine)
    assert screen.findings_list.count() == 0, "the released cases pass the gate"
    assert "Geen herleidbare" in screen.check_status.text()
    discussion = screen.note_edits["discussion"]
    discussion.setFocus()
    qtbot.keyClicks(discussion, "Het overleg hoorde dat Smits collega het ook zag.")
    qtbot.waitUntil(lambda: screen.findings_list.count() == 1, timeout=5_000)
    listed = screen.findings_list.item(0).text()
    assert listed.startswith("Casus 1, bespreking: naam") and "smit" not in listed.casefold()
    assert len(discussion.extraSelections()) == 1 and discussion.accessibleDescription()

    screen.learning.setFocus()  # the cursor is elsewhere when the secretary picks the finding
    screen.findings_list.setCurrentRow(0)
    qtbot.keyClick(screen.findings_list, Qt.Key.Key_Return)
    assert discussion.hasFocus() or screen.focusWidget() is discussion
    assert discussion.textCursor().selectedText() == "Smits"

    # The note is stored a moment after typing stops; closing stores the rest.
    qtbot.waitUntil(lambda: screen.save_status.text() == "Opgeslagen.", timeout=5_000)
    stored = MeetingService(vault).get(meeting).agenda[0].discussion
    assert stored == "Het overleg hoorde dat Smits collega het ook zag."


def test_names_are_replaced_by_the_meetings_pseudonyms_in_one_undoable_step(
    qtbot, vault: Vault, engine: Pseudonymiser, meeting: int
) -> None:
    screen = _open(qtbot, vault, engine)
    advice = screen.note_edits["advice"]
    advice.setFocus()
    typed = "Herstelgesprek tussen Yasmina en Pieter Smit; Smit biedt excuses aan."
    qtbot.keyClicks(advice, typed)
    qtbot.waitUntil(lambda: screen.findings_list.count() == 3, timeout=5_000)  # Yasmina, Pieter Smit, Smit
    qtbot.keyClick(
        advice, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    text = advice.toPlainText()
    assert "Yasmina" not in text and "Smit" not in text
    assert "Melder A" in text and "Betrokkene B" in text, "the pseudonyms the meeting sees for this case"
    qtbot.waitUntil(lambda: screen.findings_list.count() == 0, timeout=5_000)
    advice.undo()
    assert advice.toPlainText() == typed


def test_agenda_attendance_actions_and_learning_points_are_kept(
    qtbot, vault: Vault, engine: Pseudonymiser, meeting: int
) -> None:
    meetings = MeetingService(vault)
    screen = _open(qtbot, vault, engine)
    assert unnamed_controls(screen) == []
    from ui.new_meeting_dialog import NewMeetingDialog

    assert unnamed_controls(NewMeetingDialog(vault, screen)) == []
    assert [screen.agenda.item(r).text().split(" · ")[0] for r in range(2)] == ["Casus 1", "Casus 2"]
    assert "Yasmina" not in screen.case_view.toPlainText() and "Melder A" in screen.case_view.toPlainText()
    first_case = meetings.get(meeting).agenda[0].case_id

    # Agenda order from the keyboard: Alt+Down moves the chosen item, the numbering follows.
    screen.agenda.setFocus()
    screen.agenda.setCurrentRow(0)
    qtbot.keyClick(screen.agenda, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert [i.case_id for i in meetings.get(meeting).agenda][1] == first_case
    assert screen.agenda.currentRow() == 1

    screen.bar.attendance[Party.DIVERSITY_BUREAU].setChecked(True)
    screen.bar.attendance[Party.HR].setChecked(False)
    assert meetings.get(meeting).parties == {
        Party.INTEGRITY_BUREAU,
        Party.DIVERSITY_BUREAU,
    }

    page = screen.actions_page
    screen.tabs.setCurrentWidget(page)
    qtbot.keyClicks(page.description, "Teamsessie over subtiel racisme plannen")
    page.owner.setCurrentIndex(page.owner.findData(Party.DIVERSITY_BUREAU))
    page.has_due.setChecked(True)
    qtbot.keyClick(page.description, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert page.table.rowCount() == 1 and page.table.item(0, 1).text() == Party.DIVERSITY_BUREAU.label
    page.new_action()
    qtbot.keyClicks(page.description, "Gesprek met leidinggevende")
    page.save()
    page.table.selectRow(1)
    page.status.setCurrentIndex(page.status.findData(ActionStatus.DONE))
    page.save()
    statuses = {a.description: a.status for a in meetings.get(meeting).actions}
    assert statuses == {
        "Teamsessie over subtiel racisme plannen": ActionStatus.OPEN,
        "Gesprek met leidinggevende": ActionStatus.DONE,
    }

    screen.learning.setFocus()
    qtbot.keyClicks(screen.learning, "Subtiel racisme herkennen: let op herhaalde grapjes.")
    screen.reject()  # Esc: what was typed is stored first
    assert meetings.get(meeting).learning_points.startswith("Subtiel racisme")

    # The next meeting asks whether the open action succeeded.
    meetings.create("2025-06-05", [Party.HR])
    screen = _open(qtbot, vault, engine)
    assert screen.bar.combo.currentText().startswith("05-06-2025")
    page = screen.actions_page
    assert page.table.rowCount() == 1 and "Is dit gelukt?" in page.table.item(0, 0).text()


def test_the_export_is_refused_before_asking_where_then_runs_in_the_background(
    qtbot, monkeypatch, vault: Vault, engine: Pseudonymiser, meeting: int, tmp_path: Path
) -> None:
    out = tmp_path / "uit"
    out.mkdir()
    target = out / "notulen-casuistiekoverleg-2025-05.pdf"
    screen = _open(qtbot, vault, engine)
    chosen: list[str] = []
    answer_save_as(monkeypatch, lambda name: chosen.append(name) or target)
    screen.agenda.setCurrentRow(1)
    agreements = screen.note_edits["agreements"]
    agreements.setFocus()
    qtbot.keyClicks(agreements, "Bureau Integriteit spreekt Amrani opnieuw.")
    screen.export_minutes()  # at once, before the check a quarter second after the last key
    assert chosen == [], "refused first: no file dialog for minutes that cannot be written"
    assert "kunnen nog niet worden gemaakt" in screen.check_status.text()
    assert not list(out.iterdir())
    assert screen.findings_list.count() == 1
    assert screen.findings_list.item(0).text().startswith("Casus 2, afspraken: naam")

    screen.findings_list.setCurrentRow(0)
    screen.findings_list.choose_next()  # F8 goes to the (only) finding
    assert agreements.textCursor().selectedText() == "Amrani"
    agreements.textCursor().removeSelectedText()
    cursor = agreements.textCursor()
    cursor.insertText("de melder")
    agreements.setTextCursor(cursor)
    with qtbot.waitSignal(screen.progress.valueChanged, timeout=30_000, raising=False):
        screen.export_minutes()
    qtbot.waitUntil(lambda: screen.export_button.isEnabled(), timeout=30_000)
    assert screen.check_status.text() == f"Notulen geschreven: {target.name}"
    text = "\n".join(page.extract_text() for page in PdfReader(target).pages)
    assert "spreekt de melder opnieuw" in text and "Amrani" not in text

    import docx

    word_file = target.with_suffix(".docx")
    answer_save_as(monkeypatch, lambda name: word_file)
    screen.export_minutes()
    qtbot.waitUntil(lambda: screen.export_button.isEnabled(), timeout=30_000)
    assert screen.check_status.text() == f"Notulen geschreven: {word_file.name}"
    paragraphs = [p.text for p in docx.Document(str(word_file)).paragraphs]
    assert "Bureau Integriteit spreekt de melder opnieuw." in paragraphs


@pytest.mark.parametrize(
    ("typed", "chosen_type", "written"),
    [
        ("verslag", "word", "verslag.docx"),
        ("verslag.docx", "pdf", "verslag.docx"),  # once written as verslag.pdf without a word
        ("verslag.pdf", "word", "verslag.pdf"),
        ("verslag.txt", "pdf", "verslag.txt.pdf"),
    ],
)
def test_the_save_dialog_speaks_dutch_and_a_typed_suffix_wins(
    qtbot, monkeypatch, tmp_path: Path, typed: str, chosen_type: str, written: str
) -> None:
    """Qt's own file dialog said "Look in" and "Files of type"; typing x.docx with the PDF
    type selected wrote x.pdf. The real dialog is driven here (there is no native one offscreen)."""
    from PySide6.QtCore import QStandardPaths
    from PySide6.QtWidgets import QFileDialog, QWidget

    from ui import dialogs

    parent = QWidget()
    qtbot.addWidget(parent)
    monkeypatch.setattr(QStandardPaths, "writableLocation", staticmethod(lambda _where: str(tmp_path)))
    seen: dict[str, object] = {}

    def answer(dialog: QFileDialog) -> bool:
        label = QFileDialog.DialogLabel
        order = (label.LookIn, label.FileName, label.FileType, label.Accept, label.Reject)
        seen["labels"] = [dialog.labelText(each) for each in order]
        seen["filters"] = dialog.nameFilters()
        dialog.selectNameFilter(dialogs.WORD_FILTER if chosen_type == "word" else dialogs.PDF_FILTER)
        dialog.selectFile(str(tmp_path / typed))
        dialog.accept()
        return True

    monkeypatch.setattr(dialogs, "run", answer)
    chosen = dialogs.choose_export_target(
        parent, "Notulen opslaan", "notulen-casuistiekoverleg-2025-05.pdf", word=True
    )
    assert chosen == tmp_path / written
    assert seen["labels"] == ["Zoeken in:", "Bestands&naam:", "Bestands&type:", "Op&slaan", "Annuleren"]
    assert seen["filters"] == [dialogs.PDF_FILTER, dialogs.WORD_FILTER]


def test_meeting_mode_shows_the_agenda_with_the_meetings_codes_and_follows_it(
    qtbot, vault: Vault, engine: Pseudonymiser, meeting: int
) -> None:
    from ui.main_window import MainWindow

    window = MainWindow(vault, engine)
    qtbot.addWidget(window)
    window.open_meeting_screen()
    screen = window.meeting_screen
    assert screen is not None
    qtbot.waitUntil(lambda: screen.gate is not None, timeout=60_000)
    screen.agenda.setCurrentRow(1)
    qtbot.keyClick(screen, Qt.Key.Key_F5)
    shared = window.meeting_window
    assert shared is not None
    qtbot.waitUntil(lambda: shared.loaded, timeout=30_000)
    assert shared.heading.text() == "Casus 2 van 2", "it opens at the item the secretary chose"
    screen.agenda.setCurrentRow(0)
    assert shared.heading.text() == "Casus 1 van 2"
    views = [screen.notebook.views[entry.id] for entry in screen.notebook.agenda]
    assert shared.cases[0].case == views[0], "same pseudonyms and unit codes as the minutes"
    shared.shut()
    window.close()


def test_meeting_mode_holds_back_a_case_the_gate_refuses(qtbot, vault: Vault, engine: Pseudonymiser) -> None:
    """A case released before release ran the gate (an older vault), with the replacement of a
    name rejected: the gate still finds the name, so the shared screen does not show it."""
    from casus.model import ReviewSpan
    from ui.meeting_mode import MeetingModeWindow

    case_id = _case(vault, "Yasmina Amrani", "Pieter Smit")
    review = ReviewService(vault, engine)
    fields = review.propose(case_id)
    review.accept_all(case_id)
    review.release(case_id)
    name = next(s for f in fields for s in f.spans if s.kind is SpanKind.PERSON)
    with vault.session() as session:  # as an older version could have stored it
        session.get(ReviewSpan, name.id).decision = ReviewDecision.REJECTED
    window = MeetingModeWindow(vault, engine)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.loaded, timeout=30_000)
    shown = window.body.toPlainText()
    assert "niet getoond" in shown and "naam" in shown
    assert "Yasmina" not in shown and "Smit" not in shown
    window.shut()


def test_locking_stores_what_was_typed_and_closes_the_screen(
    qtbot, vault: Vault, engine: Pseudonymiser, meeting: int
) -> None:
    from tests.conftest import PASSPHRASE
    from ui.main_window import MainWindow

    window = MainWindow(vault, engine)
    qtbot.addWidget(window)
    window.show()
    assert window.meeting_screen_action.shortcut().toString() == "Ctrl+M"
    window.meeting_screen_action.trigger()
    screen = window.meeting_screen
    assert screen is not None and screen.isVisible()
    qtbot.keyClicks(screen.note_edits["discussion"], "Het overleg adviseert een herstelgesprek.")
    window.lock()  # before the save timer: locking itself stores the note
    assert not screen.isVisible() and not vault.is_open
    with Vault.open(vault.path, PASSPHRASE) as reopened:
        assert MeetingService(reopened).get(meeting).agenda[0].discussion.startswith("Het overleg adviseert")


def test_the_report_is_exported_from_the_window_in_the_background(
    qtbot, monkeypatch, vault: Vault, tmp_path: Path
) -> None:
    from casus.demo import fill_demo_vault
    from ui.report_dialog import ReportDialog

    fill_demo_vault(vault, count=40)
    dialog = ReportDialog(vault)
    qtbot.addWidget(dialog)
    assert unnamed_controls(dialog) == []
    names: list[str] = []
    answer_save_as(monkeypatch, lambda name: names.append(name) or tmp_path / name)
    dialog.start.setDate(dialog.end.date().addDays(1))
    dialog.export()
    assert "vóór de begindatum" in dialog.message.text() and not names, "a reversed period is refused"
    dialog.start.setDate(dialog.start.date().addYears(-10))
    dialog.export()
    qtbot.waitUntil(lambda: dialog.buttons.isEnabled(), timeout=30_000)
    assert dialog.message.text().startswith("Rapportage geschreven: rapportage-meldingen-en-maatregelen-")
    text = "\n".join(page.extract_text() for page in PdfReader(tmp_path / names[0]).pages)
    assert "Rapportage meldingen en maatregelen" in text


def test_a_new_meeting_from_the_screen_and_a_taken_date_refused_in_dutch(
    qtbot, vault: Vault, engine: Pseudonymiser, meeting: int
) -> None:
    from PySide6.QtCore import QDate

    from ui.new_meeting_dialog import NewMeetingDialog

    screen = _open(qtbot, vault, engine)
    dialog = NewMeetingDialog(vault, screen)
    qtbot.addWidget(dialog)
    dialog.date.setDate(QDate(2025, 5, 1))  # the fixture's meeting
    dialog.create_meeting()
    assert "er is al een overleg op deze datum" in dialog.message.text() and dialog.meeting_id is None
    dialog.date.setDate(QDate(2025, 6, 5))
    dialog.parties[Party.HR].setChecked(False)
    dialog.create_meeting()
    assert dialog.result() == NewMeetingDialog.DialogCode.Accepted
    created = MeetingService(vault).get(dialog.meeting_id)
    assert Party.HR not in created.parties
    assert len(created.agenda) == 2, "the released cases went on its agenda"
    screen.reload_meetings(choose=dialog.meeting_id)
    assert screen.bar.combo.currentText().startswith("05-06-2025 · 2 casussen")


def test_a_refused_save_keeps_the_text_and_the_meeting_on_screen(
    qtbot, vault: Vault, engine: Pseudonymiser, meeting: int
) -> None:
    other = MeetingService(vault).create("2025-06-05", [Party.HR])
    screen = _open(qtbot, vault, engine)
    screen.reload_meetings(choose=meeting)
    too_long = "Het overleg bespreekt de melding uitvoerig. " * 1_200  # over the 50,000 characters
    screen.note_edits["discussion"].setPlainText(too_long)
    screen.save_notes()
    assert "Bespreking" in screen.save_status.text()
    screen.load_meeting(other)
    assert screen.meeting_id == meeting, "switching would drop the typed text"
    assert screen.note_edits["discussion"].toPlainText() == too_long
    assert MeetingService(vault).get(meeting).agenda[0].discussion == ""


def test_a_case_withdrawn_after_it_went_on_the_agenda_stops_the_export_by_its_number(
    qtbot, monkeypatch, vault: Vault, engine: Pseudonymiser, meeting: int, tmp_path: Path
) -> None:
    second = MeetingService(vault).get(meeting).agenda[1].case_id
    changed = _draft("Şahin Öztürk", "Kees Brouwer", "2025-04-10", facts="Aangevulde feiten.")
    CaseService(vault).update(second, changed)  # the owner edits the facts: the release is withdrawn
    screen = _open(qtbot, vault, engine)
    assert screen.agenda.item(1).text() == "Casus 2 · niet te tonen"
    answer_save_as(monkeypatch, lambda name: tmp_path / name)
    screen.export_minutes()
    qtbot.waitUntil(lambda: screen.export_button.isEnabled(), timeout=30_000)
    assert screen.check_status.text().startswith("Casus 2: is niet meer vrijgegeven")
    assert not list(tmp_path.glob("notulen-*"))


def test_a_word_to_check_is_marked_apart_and_f9_stores_geen_naam(
    qtbot, vault: Vault, engine: Pseudonymiser, meeting: int
) -> None:
    """The second line in a note: "controleer", not a refusal; one key says it is no name, and
    the meeting remembers it. A registered name beside it still refuses."""
    screen = _open(qtbot, vault, engine)
    advice = screen.note_edits["advice"]
    advice.setFocus()
    qtbot.keyClicks(advice, "Het overleg adviseert overleg met Stadsbeheer over de route.")
    qtbot.waitUntil(lambda: screen.findings_list.count() == 1, timeout=5_000)
    listed = screen.findings_list.item(0).text()
    assert "controleer" in listed and "stadsbeheer" not in listed.casefold()
    assert "om te controleren" in advice.accessibleDescription()
    assert "F9" in screen.check_status.text() and screen.no_name_button.isEnabled()

    screen.findings_list.setFocus()
    screen.findings_list.setCurrentRow(0)
    qtbot.keyClick(screen.findings_list, Qt.Key.Key_F9)
    assert screen.findings_list.count() == 0
    assert MeetingService(vault).no_name_words(meeting) == {"stadsbeheer"}

    # Stored with the meeting: a new screen does not ask again; a registered name still refuses.
    screen.save_notes()
    again = _open(qtbot, vault, engine)
    again.check_all()
    assert again.findings_list.count() == 0
    again.note_edits["advice"].setFocus()
    qtbot.keyClicks(again.note_edits["advice"], " Ook Smit was erbij.")
    qtbot.waitUntil(lambda: again.findings_list.count() == 1, timeout=5_000)
    assert (
        "naam" in again.findings_list.item(0).text()
        and "controleer" not in again.findings_list.item(0).text()
    )


def test_the_meeting_screen_fits_a_1366_by_768_screen(
    qtbot, vault: Vault, engine: Pseudonymiser, meeting: int
) -> None:
    """It opens no larger than 1366×768 less a task bar, and every row, the export buttons
    included, is inside the window at that size."""
    screen = _open(qtbot, vault, engine)
    assert screen.width() <= 1366 and screen.height() <= 768, (screen.width(), screen.height())
    screen.resize(1366, 768 - 70)
    qtbot.wait(50)
    for button in (screen.export_button, screen.no_name_button, screen.pseudonymise_button):
        bottom = button.mapTo(screen, button.rect().bottomLeft()).y()
        assert 0 < bottom <= screen.height()


def test_meeting_mode_moves_with_a_presenters_keys_where_the_focus_is(
    qtbot, vault: Vault, engine: Pseudonymiser, meeting: int
) -> None:
    """The case text has the focus on the shared screen; →, Space and PgDn (a clicker) still
    go on, ← and PgUp back, Home and End to the ends (they once did nothing there)."""
    from ui.meeting_mode import MeetingModeWindow

    window = MeetingModeWindow(vault, engine, meeting)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.loaded, timeout=30_000)
    window.body.setFocus()
    seen = []
    for key in (Qt.Key.Key_Right, Qt.Key.Key_PageUp, Qt.Key.Key_Space, Qt.Key.Key_Left,
                Qt.Key.Key_PageDown, Qt.Key.Key_PageDown, Qt.Key.Key_Home, Qt.Key.Key_End):  # fmt: skip
        qtbot.keyClick(window.body, key)
        seen.append(window.heading.text().split()[1])
    assert seen == ["2", "1", "2", "1", "2", "2", "1", "2"]
    window.shut()


def test_the_gates_outcome_line_counts_in_dutch() -> None:
    from casus.notebook.notebook import Tally
    from ui.meeting.check_panel import outcome_line

    assert outcome_line(Tally(1, 1)).startswith(
        "1 bevinding: "
    ) and "1 woord om te controleren" in outcome_line(Tally(1, 1))
    assert outcome_line(Tally(2, 0)).startswith("2 bevindingen: ")
    assert "(en)" not in outcome_line(Tally(1, 2)) + outcome_line(Tally(0, 1))
