"""The meeting notebook without a window: what is saved, what is checked, which findings, in
what order, and how the agenda's numbering follows. No Qt is imported here."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from casus.errors import ValidationError
from casus.notebook.export import ExportRefusal, export_minutes
from casus.notebook.notebook import Change, MeetingNotebook
from casus.notebook.preparation import prepare_meeting
from casus.notebook.texts import LEARNING, PARTIES, MeetingText, TextKind, text_of_source
from casus.outputs.minutes import Source
from casus.pseudonymise import Pseudonymiser
from casus.services.cases import CaseDraft, CaseService, PersonDraft
from casus.services.meetings import MeetingService
from casus.vault import Vault
from casus.vocabulary.agenda import NoteField
from casus.vocabulary.enums import FindingKind, Party
from tests.helpers import release


def _case(vault: Vault, reporter: str, accused: str, received: str) -> int:
    return CaseService(vault).create(
        CaseDraft(
            channel="hr",
            received=received,
            category="exclusion",
            facts=f"{accused} nodigde {reporter} niet meer uit voor het teamoverleg.",
            question="Wat kan het team doen?",
            people=[PersonDraft(role="reporter", name=reporter), PersonDraft(role="accused", name=accused)],
        )
    )


@pytest.fixture
def notebook(vault: Vault, engine: Pseudonymiser) -> MeetingNotebook:
    """A meeting with two released cases, opened and prepared as the screen does it."""
    for reporter, accused, received in (
        ("Noor Vermeulen", "Gijs Hoekstra", "2025-02-03"),
        ("Tarik Benali", "Lotte Dijkman", "2025-02-17"),
    ):
        release(vault, _case(vault, reporter, accused, received), engine)
    meetings = MeetingService(vault)
    meeting_id = meetings.create("2025-03-06", [Party.HR])
    meetings.add_released(meeting_id)
    book = MeetingNotebook(meetings)
    book.open(meeting_id)
    book.adopt(prepare_meeting(vault, engine, meeting_id, book.to_prepare()))
    return book


def test_the_notebook_runs_without_qt() -> None:
    """In a fresh interpreter (pytest-qt has loaded Qt into this one): importing the notebook,
    its preparation and its export loads no Qt and nothing of the window."""
    probe = (
        "import sys, casus.notebook.notebook, casus.notebook.preparation, casus.notebook.export\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'ui')))"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_a_typed_note_is_unsaved_and_unchecked_until_stored_and_checked(notebook: MeetingNotebook) -> None:
    first = notebook.agenda[0]
    note = MeetingText.note(first.id, NoteField.ADVICE)
    assert notebook.placed_findings() == [], "the released cases pass the gate"
    notebook.type_note(note, "Hoekstra biedt excuses aan in het teamoverleg.")
    assert note in notebook.unsaved and note in notebook.unchecked
    notebook.check_pending()
    (placed,) = notebook.placed_findings()
    assert placed.text == note and placed.finding.kind is FindingKind.NAME
    assert placed.finding.place == "Casus 1, advies"
    notebook.save()
    assert not notebook.unsaved
    assert notebook.meetings.get(notebook.meeting_id or 0).agenda[0].advice.startswith("Hoekstra")


def test_a_refused_save_keeps_the_meeting_and_every_unsaved_note(notebook: MeetingNotebook) -> None:
    meeting_id = notebook.meeting_id
    other = notebook.meetings.create("2025-04-03", [Party.HR])
    note = MeetingText.note(notebook.agenda[1].id, NoteField.DISCUSSION)
    notebook.type_note(note, "Het team bespreekt het voorval. " * 2_000)  # over the limit
    notebook.type_note(LEARNING, "Let op wie er niet wordt uitgenodigd.")
    with pytest.raises(ValidationError, match="Bespreking"):
        notebook.open(other)
    assert notebook.meeting_id == meeting_id
    assert note in notebook.unsaved and notebook.text(note).startswith("Het team")


def test_findings_come_in_the_order_the_minutes_read(notebook: MeetingNotebook) -> None:
    first, second = notebook.agenda
    notebook.type_note(LEARNING, "Benali vertelde het later.")
    notebook.type_note(MeetingText.note(second.id, NoteField.AGREEMENTS), "Dijkman belt terug.")
    notebook.type_note(MeetingText.note(second.id, NoteField.DISCUSSION), "Dijkman was er niet.")
    notebook.type_note(MeetingText.note(first.id, NoteField.AGREEMENTS), "Vermeulen krijgt bericht.")
    notebook.type_action(None, "Hoekstra uitnodigen voor een gesprek")
    notebook.check_pending()
    places = [placed.finding.place for placed in notebook.placed_findings()]
    assert places == [
        "Casus 1, afspraken",
        "Casus 2, bespreking",
        "Casus 2, afspraken",
        "Nieuwe actie",
        "Leerpunten",
    ]
    assert notebook.tally().refusing == 5


def test_the_numbering_follows_the_agenda_and_the_places_with_it(notebook: MeetingNotebook) -> None:
    changes: list[Change] = []
    notebook.events.subscribe(changes.append)
    first, second = notebook.agenda
    note = MeetingText.note(second.id, NoteField.ADVICE)
    notebook.type_note(note, "Lotte Dijkman krijgt coaching.")
    notebook.move(second.id, -1)
    assert [entry.id for entry in notebook.agenda] == [second.id, first.id]
    assert notebook.place(note) == "Casus 1, advies"
    assert not notebook.unsaved, "moving stores what was typed first"
    assert Change.AGENDA in changes and changes[-1] is Change.FINDINGS
    assert {placed.finding.place for placed in notebook.placed_findings()} == {"Casus 1, advies"}
    notebook.meetings.add_action(notebook.meeting_id or 0, "Terugbellen", Party.HR, agenda_item_id=second.id)
    notebook.actions_changed()
    assert [action.agenda_item_id for action in notebook.actions] == [second.id]
    notebook.remove(second.id)
    assert [entry.number for entry in notebook.agenda] == [1]
    assert notebook.placed_findings() == [], "the removed item's notes went with it"
    assert [action.agenda_item_id for action in notebook.actions] == [None], "its action stays, untied"


def test_geen_naam_quiets_a_question_for_this_meeting_and_never_a_refusal(notebook: MeetingNotebook) -> None:
    note = MeetingText.note(notebook.agenda[0].id, NoteField.DISCUSSION)
    notebook.type_note(note, "Het overleg vraagt Wijkzorg om advies. Hoekstra weet ervan.")
    notebook.check_pending()
    question = next(p for p in notebook.placed_findings() if p.finding.kind is FindingKind.CHECK)
    refusal = next(p for p in notebook.placed_findings() if p.finding.kind is FindingKind.NAME)
    with pytest.raises(ValidationError):
        notebook.mark_no_name(refusal)
    notebook.mark_no_name(question)
    assert notebook.no_name == {"wijkzorg"}
    assert [p.finding.kind for p in notebook.placed_findings()] == [FindingKind.NAME]


def test_a_refused_export_writes_nothing_and_points_at_the_note(
    notebook: MeetingNotebook, vault: Vault, engine: Pseudonymiser, tmp_path: Path
) -> None:
    note = MeetingText.note(notebook.agenda[1].id, NoteField.AGREEMENTS)
    notebook.type_note(note, "Benali wordt gebeld.")
    notebook.save()
    progress: list[tuple[int, int]] = []
    out = tmp_path / "uit"
    out.mkdir()
    outcome = export_minutes(
        vault, engine, notebook.meeting_id or 0, out / "notulen.pdf", lambda *p: progress.append(p)
    )
    assert isinstance(outcome, ExportRefusal) and not list(out.iterdir())
    assert progress[-1] == (3, 4), "one step per item, then the final check"
    notebook.adopt_refusal(outcome)
    assert [placed.text for placed in notebook.placed_findings()] == [note]


@pytest.mark.parametrize(
    ("source", "kind"),
    [
        (Source("parties"), TextKind.PARTIES),
        (Source("case", item_id=4), TextKind.CASE),
        (Source("description", action_id=7), TextKind.ACTION),
        (Source("advice", item_id=4), TextKind.NOTE),
        (Source("learning_points"), TextKind.LEARNING),
    ],
)
def test_every_source_of_the_minutes_has_its_meeting_text(source: Source, kind: TextKind) -> None:
    assert text_of_source(source).kind is kind
    assert text_of_source(None) == PARTIES


# -- where a finding is, in words a secretary can follow ------------------------------------------

from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from casus.vocabulary.text_position import position_in  # noqa: E402


def test_a_position_is_a_sentence_and_a_word_not_a_character_offset() -> None:
    text = "Het overleg herkent een patroon. Jansen vroeg om hulp!\nDaarna sprak Koster met de melder."
    assert position_in(text, text.index("Het")) == "zin 1, woord 1"
    assert position_in(text, text.index("patroon")) == "zin 1, woord 5"
    assert position_in(text, text.index("Jansen")) == "zin 2, woord 1"
    assert position_in(text, text.index("hulp")) == "zin 2, woord 4"
    assert position_in(text, text.index("Koster")) == "zin 3, woord 3"
    assert position_in("", 0) == "" and position_in("kort", 99) == ""


words = st.lists(st.sampled_from(["de", "melder", "zei", "dat", "Bos", "team", "gisteren", "niets"]),
                 min_size=1, max_size=8)  # fmt: skip


ends = st.sampled_from([". ", "! ", "? ", ".\n", "\n\n"])


@given(sentences=st.lists(words, min_size=1, max_size=6), ends=ends, data=st.data())
def test_every_word_is_found_at_its_sentence_and_place(
    sentences: list[list[str]], ends: str, data: st.DataObject
) -> None:
    text = ends.join(" ".join(sentence) for sentence in sentences) + "."
    sentence = data.draw(st.integers(0, len(sentences) - 1))
    word = data.draw(st.integers(0, len(sentences[sentence]) - 1))
    offset = sum(len(" ".join(s)) + len(ends) for s in sentences[:sentence]) + sum(
        len(w) + 1 for w in sentences[sentence][:word]
    )
    assert position_in(text, offset) == f"zin {sentence + 1}, woord {word + 1}"
