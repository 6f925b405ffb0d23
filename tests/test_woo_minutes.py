"""The Woo copy of a meeting's minutes (issue 15): what the gate refuses and what its second
line asks about is blacked out with its ground; the replacer's pseudonyms, the parties and
what the secretary marked "geen naam" stay readable; nothing is under a box. Invented people,
notes and numbers; a property test generates the names."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from casus.disclosure import DisclosureGate
from casus.identify.identifiers import IdentifierSet
from casus.outputs.minutes import Minutes, MinutesAction
from casus.outputs.woo_minutes import default_file_name, woo_of_minutes
from casus.pseudonymise import Pseudonymiser
from casus.pseudonymise.scoring import leak_fold
from casus.services.cases import CaseDraft, CaseService, PersonDraft
from casus.services.meetings import MeetingService
from casus.vault import Vault
from casus.vocabulary.enums import Party
from tests.conftest import PASSPHRASE
from tests.helpers import release
from tests.test_pseudonymise_properties import name as invented_name
from tests.test_woo import _black_boxes, _text

HELD_ON = dt.date(2026, 3, 12)


@pytest.fixture
def meeting(vault: Vault, engine: Pseudonymiser) -> int:
    cases = CaseService(vault)
    case_id = cases.create(CaseDraft(
        reference="MO-2026-0311", channel="hr", received="2026-02-02", category="bullying",
        facts="Femke Rouwenhorst werd door Jurre Kolkman telkens buiten het teamuitje gehouden.",
        question="Hoe herstellen we de verhoudingen?",
        people=[PersonDraft(role="reporter", name="Femke Rouwenhorst", email="f.rouwenhorst@voorbeeld.nl",
                            phone="06-55501234"),
                PersonDraft(role="accused", name="Jurre Kolkman")],
    ))  # fmt: skip
    release(vault, case_id, engine)
    meetings = MeetingService(vault)
    meeting_id = meetings.create(HELD_ON, [Party.HR, Party.INTEGRITY_BUREAU])
    item = meetings.add_agenda_item(meeting_id, case_id)
    meetings.record_item(
        item,
        "Femke Rouwenhorst belde vooraf met 06-55501234. Kolkman zelf is niet gehoord.",
        "Herstelgesprek met Melder A, geleid door iemand van buiten het team.",
        "P&O mailt f.rouwenhorst@voorbeeld.nl een uitnodiging.",
    )
    meetings.add_action(meeting_id, "Gesprek met Kolkman plannen", Party.HR, "2026-04-01", item)
    meetings.set_learning_points(meeting_id, "Teamuitjes zijn werk: wie buiten blijft, hoort erbij.")
    return meeting_id


def test_the_woo_copy_of_the_minutes_blacks_out_every_identifier_and_keeps_the_pseudonyms(
    vault: Vault, engine: Pseudonymiser, meeting: int, tmp_path: Path
) -> None:
    from casus.outputs.woo_export import export_woo_minutes

    target = export_woo_minutes(vault, engine, meeting, tmp_path / default_file_name(HELD_ON))
    assert target.name == "woo-versie-notulen-casuistiekoverleg-2026-03.pdf"
    text = _text(target)
    for identifier in ("Femke", "Rouwenhorst", "Kolkman", "Jurre", "55501234", "voorbeeld.nl", "MO-2026"):
        assert identifier.casefold() not in text.casefold(), identifier
    readable = (
        "Herstelgesprek met Melder A",
        "buiten het teamuitje gehouden",
        "Casus 1",
        "Actie 1 · P&O · uiterlijk 01-04-2026",
        "Teamuitjes zijn werk",
        "Bureau Integriteit",
    )
    for words in readable:
        assert words in text, words
    codes = re.findall(r"5\.\d\.\d[a-i]?", text.split("Gebruikte weigeringsgronden")[0])
    assert len(codes) >= 5 and set(codes) == {"5.1.2e"}
    assert _black_boxes(target) == len(codes) + 1, "every box in the text and the one in the list"
    assert "eerbiediging van de persoonlijke levenssfeer (" in text
    metadata = PdfReader(target).metadata
    assert metadata.title == "Notulen casuïstiekoverleg (Woo-versie)"
    assert not metadata.author and not metadata.creator and not metadata.producer


def test_a_word_marked_geen_naam_stays_readable_and_an_unmarked_one_is_withheld(
    vault: Vault, engine: Pseudonymiser, meeting: int
) -> None:
    from casus.outputs.woo_minutes import build_woo_minutes

    meetings = MeetingService(vault)
    item = meetings.get(meeting).agenda[0].id
    meetings.record_item(item, "Volgens Wildervank moet het anders.", "", "")
    found = [piece for s in build_woo_minutes(vault, engine, meeting).sections for piece in s.pieces]
    assert not any("Wildervank" in piece.text for piece in found)
    meetings.mark_no_name(meeting, "Wildervank")
    found = [piece for s in build_woo_minutes(vault, engine, meeting).sections for piece in s.pieces]
    assert any("Volgens Wildervank moet het anders." in piece.text for piece in found)


def test_the_command_line_writes_the_woo_copy_of_a_meetings_minutes(
    vault: Vault, meeting: int, tmp_path: Path
) -> None:
    from tests.test_cli import casus

    path = str(vault.path)
    vault.close()
    out = tmp_path / "woo.pdf"
    env = {"CASUS_PASSPHRASE": PASSPHRASE}
    result = casus("export", "woo", path, "--meeting", "2026-03-12", "--out", str(out), env=env)
    assert result.returncode == 0, result.stderr
    assert "Rouwenhorst" not in _text(out) and "5.1.2e" in _text(out)
    both = casus("export", "woo", path, "--meeting", "2026-03-12", "--case", "MO-2026-0311", "--out",
                 str(out), env=env)  # fmt: skip
    assert both.returncode == 2, "a case or a meeting, not both"


SENTENCES = [
    "{name} zei in de gang dat het zo niet verder kon.",
    "Gesprek met {name} over wat er op de afdeling gebeurde.",
    "Na de pauze belde {name} op {phone}; mail naar {email}.",
    "Melder A vertelde dat {name} het eerder had gedaan.",
]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(person=invented_name, sentence=st.sampled_from(SENTENCES), digits=st.integers(10_000_000, 99_999_999))
def test_no_registered_person_is_readable_in_the_woo_copy_of_generated_minutes(
    engine: Pseudonymiser, person: tuple[str, str], sentence: str, digits: int
) -> None:
    first, last = person
    full, phone, email = f"{first} {last}", f"06-{digits}", f"{leak_fold(first)}@voorbeeld.nl"
    values = IdentifierSet()
    values.add_person(full, email, phone, None)
    note = sentence.format(name=full, phone=phone, email=email)
    action = MinutesAction(1, f"Terugkoppeling aan {last}", "P&O", "01-04-2026", "Open", False, "Algemeen")
    minutes = Minutes(HELD_ON, ("P&O",), (), (action,), note)
    document = woo_of_minutes(minutes, DisclosureGate(values, engine))
    readable = leak_fold(" ".join(" ".join(document.readable().values()).split()))
    for identifier in (first, last, str(digits), email):
        assert not re.search(rf"(?<!\w){re.escape(leak_fold(identifier))}(?!\w)", readable), (
            identifier,
            note,
        )
    assert document.grounds_used(), "what was found is marked"
    if "Melder A" in note:
        assert "melder a" in readable


def test_the_meeting_screen_saves_the_notes_then_writes_the_woo_copy_with_a_typed_name_blacked_out(
    qtbot, monkeypatch, vault: Vault, engine: Pseudonymiser, meeting: int, tmp_path: Path
) -> None:
    from ui import dialogs
    from ui.meeting_screen import MeetingScreen

    screen = MeetingScreen(vault, engine)
    qtbot.addWidget(screen)
    screen.show()
    qtbot.waitUntil(lambda: screen.gate is not None, timeout=60_000)
    screen.reload_meetings(choose=meeting)
    agreements = screen.note_edits["agreements"]
    agreements.setFocus()
    qtbot.keyClicks(agreements, " Ook Jurre Kolkman krijgt een uitnodiging.")
    target = tmp_path / "woo.pdf"
    asked: list[str] = []
    monkeypatch.setattr(dialogs, "choose_export_target",
                        lambda _parent, _title, name, **_kw: asked.append(name) or target)  # fmt: skip
    screen.export_row.woo_button.click()
    qtbot.waitUntil(lambda: screen.export_row.woo_button.isEnabled(), timeout=60_000)
    assert asked == ["woo-versie-notulen-casuistiekoverleg-2026-03.pdf"]
    assert screen.check_status.text() == "Woo-versie geschreven: woo.pdf"
    text = _text(target)
    assert "krijgt een uitnodiging" in text, "the note typed a moment ago was saved first"
    assert "Kolkman" not in text and "Jurre" not in text
    screen.close()
