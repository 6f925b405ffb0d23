"""Minutes as a real PDF, read back: nothing of the corpus that identifies is in it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from casus.disclosure import DisclosureRefused
from casus.importing import import_cases
from casus.outputs.minutes import default_file_name
from casus.outputs.minutes_export import export_minutes
from casus.pseudonymise import Pseudonymiser
from casus.pseudonymise.scoring import leak_fold
from casus.services.cases import CaseService
from casus.services.meetings import MeetingService
from casus.vault import Vault
from casus.vocabulary.enums import CaseStatus, FindingKind, Party
from tests.helpers import release

IDENTIFYING = {"person", "org", "email", "phone", "id", "location"}


@pytest.fixture
def meeting(vault: Vault, engine: Pseudonymiser, corpus_file: Path) -> int:
    import_cases(vault, corpus_file)
    cases = CaseService(vault)
    for row in cases.summaries():
        release(vault, row.id, engine)
    meetings = MeetingService(vault)
    meeting_id = meetings.create("2025-06-12", [Party.HR, Party.INTEGRITY_BUREAU, Party.DISCRIMINATIE_NL])
    for row in reversed(cases.summaries(status=CaseStatus.RELEASED)):
        meetings.add_agenda_item(meeting_id, row.id)
    first = meetings.get(meeting_id).agenda[0].id
    meetings.record_item(
        first, "Het team herkent het patroon.", "Teamsessie over subtiel racisme.", "P&O plant."
    )
    meetings.add_action(meeting_id, "Teamsessie plannen", Party.DIVERSITY_BUREAU, "2025-07-01")
    meetings.set_learning_points(meeting_id, "Subtiel racisme herkennen: let op 'waar kom je echt vandaan'.")
    return meeting_id


def _outside_gold(case: dict) -> str:
    parts = []
    for field, spans in case["gold"].items():
        chars = list(case.get(field) or "")
        for span in spans:
            chars[span["start"] : span["end"]] = " " * (span["end"] - span["start"])
        parts.append("".join(chars))
    return " ".join(parts)


def _words(text: str) -> str:
    return re.sub(r"\s+", " ", leak_fold(text))


def _present(surface: str, text: str) -> bool:
    return bool(re.search(r"(?<!\w)" + re.escape(_words(surface)) + r"(?!\w)", text))


@pytest.mark.slow
def test_minutes_of_the_whole_corpus_hold_nothing_that_identifies(
    vault: Vault, engine: Pseudonymiser, meeting: int, corpus_cases: list[dict], tmp_path: Path
) -> None:
    target = tmp_path / default_file_name(MeetingService(vault).get(meeting).held_on)
    assert target.name == "notulen-casuistiekoverleg-2025-06.pdf"
    export_minutes(vault, engine, meeting, target)
    word_file = target.with_suffix(".docx")
    export_minutes(vault, engine, meeting, word_file)
    reader = PdfReader(target)
    pdf_text = _words(" ".join(page.extract_text() for page in reader.pages))
    ordinary = _words(" ".join(_outside_gold(case) for case in corpus_cases))
    for text in (pdf_text, _words(_docx_text(word_file))):
        assert "casus 40" in text and "actielijst" in text and "teamsessie plannen" in text
        _assert_nothing_identifies(text, ordinary, corpus_cases, vault)
    metadata = reader.metadata
    assert metadata.title == "Notulen casuïstiekoverleg"
    assert not metadata.author and not metadata.creator and not metadata.producer
    assert metadata.get("/CreationDate", "").startswith("D:2000"), "invariant: no real creation time"
    _assert_docx_metadata_is_invariant(word_file)


def _docx_text(path: Path) -> str:
    """Every text of the Word file: body, tables, headers and footers, and its properties."""
    import docx

    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    parts += [p.text for section in document.sections for p in section.footer.paragraphs]
    return "\n".join(parts)


def _assert_docx_metadata_is_invariant(path: Path) -> None:
    import zipfile

    with zipfile.ZipFile(path) as package:
        assert {entry.date_time for entry in package.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = package.read("docProps/core.xml").decode()
    assert "<dc:creator></dc:creator>" in core and "<cp:lastModifiedBy></cp:lastModifiedBy>" in core
    assert core.count("2000-01-01T00:00:00Z") == 2 and "python-docx" not in core


def _assert_nothing_identifies(text: str, ordinary: str, corpus_cases: list[dict], vault: Vault) -> None:
    for case in corpus_cases:
        for spans in case["gold"].values():
            for span in spans:
                if span["kind"] in IDENTIFYING and _present(span["text"], text):
                    # Only a word the corpus also uses as an ordinary word may stay ("de kerk").
                    assert _present(span["text"], ordinary), (case["id"], span["kind"])
        for person in case["persons"]:
            for value in (
                person["name"],
                person.get("email"),
                person.get("phone"),
                person.get("employee_number"),
            ):
                assert not value or not _present(value, text), case["id"]
        assert not _present(case["id"], text)
    for row in CaseService(vault).summaries():
        assert not _present(row.reference, text), "no internal reference"


def test_a_name_in_a_note_refuses_the_export_and_writes_nothing(
    vault: Vault, engine: Pseudonymiser, meeting: int, tmp_path: Path
) -> None:
    meetings = MeetingService(vault)
    item = meetings.get(meeting).agenda[1].id
    meetings.record_item(item, "Samira voelt zich niet gehoord door koster.", "", "")
    target = tmp_path / "notulen.pdf"
    with pytest.raises(DisclosureRefused) as refused:
        export_minutes(vault, engine, meeting, target)
    assert not target.exists() and not list(tmp_path.glob(".casus-export-*"))
    found = refused.value.findings
    # "Samira" and "koster" (Wil Koster, written in lower case): both names, both found.
    assert [(f.place, f.kind) for f in found] == [("Casus 2, bespreking", FindingKind.NAME)] * 2
    assert "Samira" not in str(refused.value)


@pytest.mark.parametrize("failure", ["full", "folder", "read-only"])
def test_an_export_that_cannot_be_written_says_why_in_dutch_and_leaves_nothing(
    vault: Vault,
    engine: Pseudonymiser,
    meeting: int,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    failure: str,
) -> None:
    import errno

    from casus.errors import OutputNotWrittenError
    from casus.outputs import writing

    folder = tmp_path / "uit"
    folder.mkdir()
    target = folder / "notulen.pdf"
    if failure == "full":

        def full(_fd: int) -> None:
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(writing.os, "fsync", full)
        expected = "schijf is vol"
    elif failure == "folder":
        target.mkdir()
        expected = "map"
    else:

        def read_only(**_kwargs: object) -> None:
            raise OSError(errno.EROFS, "Read-only file system")

        monkeypatch.setattr(writing.tempfile, "mkstemp", read_only)
        expected = "alleen-lezen"
    with pytest.raises(OutputNotWrittenError) as refused:
        export_minutes(vault, engine, meeting, target)
    assert expected in str(refused.value) and str(refused.value).startswith("Het bestand is niet geschreven.")
    leftovers = [p.name for p in folder.iterdir() if p.name != "notulen.pdf"]
    assert leftovers == [] and (failure == "folder" or not target.exists())


def test_the_action_list_says_which_case_each_action_belongs_to(
    vault: Vault, light_engine: Pseudonymiser, tmp_path: Path
) -> None:
    """ "Terugkoppeling aan Melder A": which case? The action list names the item it belongs
    to ("Casus 2"), an action carried over from the previous meeting, or the whole meeting."""
    import docx

    from casus.services.cases import CaseDraft, PersonDraft

    cases = CaseService(vault)
    for reporter in ("Willemijn Dekker", "Sinan Aksoy"):
        case_id = cases.create(CaseDraft(channel="hr", received="2025-03-04", category="exclusion",
                                         facts=f"{reporter} werd niet uitgenodigd.",
                                         people=[PersonDraft(role="reporter", name=reporter)]))  # fmt: skip
        release(vault, case_id, light_engine)
    meetings = MeetingService(vault)
    earlier = meetings.create("2025-05-15")
    meetings.add_action(earlier, "Vertrouwenspersoon inlichten", Party.INTEGRITY_BUREAU)
    meeting = meetings.create("2025-06-12")  # carries the open action over
    meetings.add_released(meeting)
    second = meetings.get(meeting).agenda[1]
    meetings.add_action(meeting, "Terugkoppeling aan Melder A", Party.HR, "2025-07-01", second.id)
    meetings.add_action(meeting, "Jaarplanning bespreken", Party.DIVERSITY_BUREAU)

    pdf = export_minutes(vault, light_engine, meeting, tmp_path / "notulen.pdf")
    text = re.sub(r"\s+", " ", "\n".join(page.extract_text() for page in PdfReader(pdf).pages))
    assert "Bij Actie Eigenaar" in text
    assert re.search(r"Vorig overleg Vertrouwenspersoon inlichten", text)
    assert re.search(r"Casus 2 Terugkoppeling aan Melder A", text)
    assert re.search(r"Algemeen Jaarplanning bespreken", text)

    word = export_minutes(vault, light_engine, meeting, tmp_path / "notulen.docx")
    table = docx.Document(str(word)).tables[-1]
    rows = [[cell.text for cell in row.cells][:2] for row in table.rows]
    assert rows == [
        ["Bij", "Actie"],
        ["Vorig overleg", "Vertrouwenspersoon inlichten (Is dit gelukt?)"],
        ["Casus 2", "Terugkoppeling aan Melder A"],
        ["Algemeen", "Jaarplanning bespreken"],
    ]
