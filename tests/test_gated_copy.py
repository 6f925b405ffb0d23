"""A copy out of a view the meeting sees passes the gate first (issue 15): a refused selection
never reaches the clipboard (it is left empty, so nothing of the selection and nothing older
can be pasted by mistake), and the refusal says the kind, never the text; a clean one is
copied; the owner's own views copy as before. Real widgets, the real clipboard (offscreen)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from casus.pseudonymise import Pseudonymiser
from casus.services.cases import CaseDraft, CaseService, PersonDraft
from casus.services.meetings import MeetingService
from casus.vault import Vault
from tests.helpers import release

REFUSED = ""  # what a refused copy leaves on the clipboard


@pytest.fixture
def on_agenda(vault: Vault, light_engine: Pseudonymiser) -> int:
    case_id = CaseService(vault).create(CaseDraft(
        channel="hr", received="2026-02-02", category="exclusion",
        facts="Marieke Dekkers wordt niet meer uitgenodigd.", question="Wat kan het team doen?",
        people=[PersonDraft(role="reporter", name="Marieke Dekkers", email="m.dekkers@voorbeeld.nl")],
    ))  # fmt: skip
    release(vault, case_id, light_engine)
    meetings = MeetingService(vault)
    meeting_id = meetings.create("2026-03-04")
    meetings.add_released(meeting_id)
    return case_id


def _copy_all(widget) -> str:
    clipboard = QApplication.clipboard()
    clipboard.setText("wat er al stond")
    widget.selectAll()
    widget.copy()
    return clipboard.text()


def test_the_meeting_screen_copies_a_clean_note_and_refuses_one_with_a_name(
    qtbot, vault: Vault, light_engine: Pseudonymiser, on_agenda: int
) -> None:
    from ui.meeting_screen import MeetingScreen

    screen = MeetingScreen(vault, light_engine)
    qtbot.addWidget(screen)
    screen.show()
    qtbot.waitUntil(lambda: screen.gate is not None, timeout=60_000)
    note = screen.note_edits["discussion"]
    note.setPlainText("Marieke Dekkers belde de teamleider.")
    assert _copy_all(note) == REFUSED, "refused: nothing of it on the clipboard"
    said = screen.save_status.text()
    assert said.startswith("Niet gekopieerd") and "naam" in said and "Dekkers" not in said
    note.setPlainText("Melder A belde de teamleider.")
    assert _copy_all(note) == "Melder A belde de teamleider."
    assert "Melder A" in _copy_all(screen.case_view), "the case as the meeting sees it is clean"
    assert "m.dekkers@" not in _copy_all(screen.case_view)
    screen.done(0)


def test_meeting_mode_and_the_review_copy_through_the_gate_and_the_editor_copies_freely(
    qtbot, vault: Vault, light_engine: Pseudonymiser, on_agenda: int
) -> None:
    from ui.case_editor import CaseEditor
    from ui.meeting_mode import KEYS, MeetingModeWindow
    from ui.review_dialog import ReviewDialog

    mode = MeetingModeWindow(vault, light_engine, MeetingService(vault).find("2026-03-04"))
    qtbot.addWidget(mode)
    mode.show()
    qtbot.waitUntil(lambda: mode.loaded, timeout=60_000)
    assert "Melder A" in _copy_all(mode.body)
    mode.body.setPlainText("Bel m.dekkers@voorbeeld.nl even.")  # what must never be shown, copied
    assert _copy_all(mode.body) == REFUSED
    assert mode.hint.text().startswith("Niet gekopieerd") and "dekkers" not in mode.hint.text()
    mode._show_case()
    assert mode.hint.text() == KEYS, "the next case brings the keys back"
    mode.shut()

    review = ReviewDialog(vault, light_engine, on_agenda)
    qtbot.addWidget(review)
    review.show()
    qtbot.waitUntil(lambda: bool(review.pages), timeout=60_000)
    preview = next(iter(review.pages.values())).preview
    preview.setPlainText("Marieke Dekkers")
    assert _copy_all(preview) == REFUSED and review.status.text().startswith("Niet gekopieerd")
    original = next(iter(review.pages.values())).original
    assert "Dekkers" in _copy_all(original), "the owner's own view of the original copies"
    review.reject()

    editor = CaseEditor(vault, on_agenda)
    qtbot.addWidget(editor)
    editor.show()
    assert _copy_all(editor.facts) == "Marieke Dekkers wordt niet meer uitgenodigd."
    editor.done(0)
    QApplication.clipboard().clear()


def test_a_widget_without_its_gate_copies_nothing(qtbot) -> None:
    from ui.gated_copy import NOT_READY, GatedTextEdit, gate_copies

    edit = GatedTextEdit()
    qtbot.addWidget(edit)
    refused: list[str] = []
    edit.copy_refused.connect(refused.append)
    edit.setPlainText("Melder A")
    assert _copy_all(edit) == REFUSED and refused == [NOT_READY], "no gate yet: no copy"
    from PySide6.QtWidgets import QTextEdit

    with pytest.raises(TypeError, match="copies without the gate"):
        gate_copies([QTextEdit()], lambda: None, refused.append)
