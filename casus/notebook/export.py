"""The minutes out of the meeting screen: built, checked once more by the gate as a whole, and
written; or refused, with each finding tied back to the meeting text it came from."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from casus.disclosure import DisclosureGate, DisclosureRefused, Finding
from casus.notebook.texts import MeetingText, text_of_source
from casus.outputs.minutes import Source, build_minutes
from casus.outputs.minutes_export import write_minutes

if TYPE_CHECKING:
    from casus.pseudonymise.engine import Pseudonymiser
    from casus.vault import Vault


@dataclass(frozen=True)
class ExportRefusal:
    """The gate refused the minutes: nothing was written."""

    findings: list[Finding]
    sources: dict[str, Source]

    def by_text(self) -> dict[MeetingText, list[Finding]]:
        found: dict[MeetingText, list[Finding]] = {}
        for finding in self.findings:
            found.setdefault(text_of_source(self.sources.get(finding.place)), []).append(finding)
        return found


def export_minutes(
    vault: Vault,
    pseudonymiser: Pseudonymiser,
    meeting_id: int,
    target: Path,
    progress: Callable[[int, int], None] = lambda _done, _total: None,
) -> Path | ExportRefusal:
    """`progress(done, total)` after each agenda item and once before the final check."""
    minutes = build_minutes(vault, pseudonymiser, meeting_id, lambda done, total: progress(done, total + 2))
    total = len(minutes.items) + 2
    progress(total - 1, total)
    gate = DisclosureGate.for_vault(vault, pseudonymiser)
    try:
        return write_minutes(minutes, gate, target)
    except DisclosureRefused as refused:
        return ExportRefusal(refused.findings, minutes.sources())
