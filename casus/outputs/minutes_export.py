"""Minutes out of the vault: built, checked by the disclosure gate, written in the format the
file name asks for. The writers are a registry by suffix, so the document model
(casus.outputs.minutes) knows none of them and a new format is one entry here."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from casus.disclosure import DisclosureGate, Finding
from casus.outputs.minutes import TITLE, Minutes, build_minutes
from casus.outputs.writing import write_atomically

if TYPE_CHECKING:
    from casus.pseudonymise.engine import Pseudonymiser
    from casus.vault import Vault


def _pdf(minutes: Minutes) -> bytes:
    from casus.outputs import minutes_pdf

    return minutes_pdf.render(minutes)


def _docx(minutes: Minutes) -> bytes:
    # python-docx (and lxml) load only when a Word file is asked for: not at every start.
    from casus.outputs import minutes_docx

    return minutes_docx.render(minutes)


# A target ending in one of these suffixes gets that writer; anything else a PDF.
WRITERS: dict[str, Callable[[Minutes], bytes]] = {".pdf": _pdf, ".docx": _docx}


def write_minutes(minutes: Minutes, gate: DisclosureGate, target: Path) -> Path:
    """Checks and writes; a finding of the gate refuses the export and nothing is written.
    A target ending in .docx gets a Word document, anything else a PDF."""
    gate.require_clean(minutes.texts(), metadata={"Title": TITLE, "Bestandsnaam": target.name})
    writer = WRITERS.get(target.suffix.lower(), _pdf)
    return write_atomically(target, writer(minutes.cleaned()))


def to_check(minutes: Minutes, gate: DisclosureGate) -> list[Finding]:
    """The words in the notes the second line asks about ("controleer") and nobody marked
    "geen naam": they do not stop the export; the secretary is told where they are."""
    return gate.residuals(minutes.note_texts(), minutes.no_name)


def export_minutes(vault: Vault, pseudonymiser: Pseudonymiser, meeting_id: int, target: Path) -> Path:
    return export_minutes_and_questions(vault, pseudonymiser, meeting_id, target)[0]


def export_minutes_and_questions(
    vault: Vault, pseudonymiser: Pseudonymiser, meeting_id: int, target: Path
) -> tuple[Path, list[Finding]]:
    """The minutes written, and what is left to check in their notes (`to_check`)."""
    minutes = build_minutes(vault, pseudonymiser, meeting_id)
    gate = DisclosureGate.for_vault(vault, pseudonymiser)
    return write_minutes(minutes, gate, target), to_check(minutes, gate)
