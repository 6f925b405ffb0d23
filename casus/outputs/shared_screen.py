"""What meeting mode shows on the shared screen: the agenda's cases, through the gate.

Meeting mode is an output like the minutes: a projector is seen by everyone in the room and
by whoever photographs it. So each case passes the disclosure gate before it is shown, and a
case with a finding is not shown at all; the screen says only that it is held back and which
kinds of thing were found, never the thing itself.

A meeting's agenda is shown in its order with the meeting's kept unit codes
(services/meeting_codes.py), so "Casus 2, directie K" on the screen is "Casus 2, directie K"
in the minutes. Without a meeting (meeting
mode opened from the case list) every released case is shown with a key for this session only.
"""

from __future__ import annotations

import secrets
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from casus.disclosure import DisclosureGate, Finding
from casus.errors import ValidationError
from casus.pseudonymise.replacement import UnitCodeBook
from casus.services.agenda_cards import AgendaCards
from casus.services.cases import CaseService
from casus.services.meeting_codes import MeetingCodes
from casus.services.meeting_view import MeetingCase, MeetingViewService
from casus.services.meetings import MeetingService
from casus.vocabulary.agenda import case_title
from casus.vocabulary.enums import CaseStatus

if TYPE_CHECKING:
    from casus.pseudonymise.engine import Pseudonymiser
    from casus.vault import Vault


@dataclass(frozen=True)
class SharedCase:
    """One agenda item on the shared screen: the case, or why it is held back."""

    title: str
    case: MeetingCase | None
    held_back: str = ""


def held_back_reason(findings: list[Finding]) -> str:
    kinds = Counter(f.kind.label for f in findings)
    found = ", ".join(f"{count}× {kind}" for kind, count in sorted(kinds.items()))
    return (
        f"Deze casus wordt niet getoond: de controle vond nog herleidbare gegevens ({found}). "
        "De casushouder bereidt hem opnieuw voor (Ctrl+R)."
    )


WITHDRAWN = "Deze casus is niet meer vrijgegeven en wordt niet getoond."


def shared_screen_cases(
    vault: Vault, pseudonymiser: Pseudonymiser, meeting_id: int | None = None
) -> list[SharedCase]:
    if meeting_id is None:
        released = CaseService(vault).summaries(status=CaseStatus.RELEASED)
        items: list[tuple[int | None, int | None]] = [(row.id, None) for row in reversed(released)]
        items += [(None, card) for card in AgendaCards(vault).waiting()]
        return _shown(vault, pseudonymiser, items, UnitCodeBook(secrets.token_bytes(32)))
    agenda = MeetingService(vault).get(meeting_id).agenda
    items = [(entry.case_id, entry.card_id) for entry in agenda]
    with MeetingCodes(vault).coding(meeting_id) as codes:
        return _shown(vault, pseudonymiser, items, codes)


def _shown(
    vault: Vault,
    pseudonymiser: Pseudonymiser,
    items: list[tuple[int | None, int | None]],
    codes: UnitCodeBook,
) -> list[SharedCase]:
    """`items`: (own case, received card) per agenda item, one of the two set."""
    views = MeetingViewService(vault, pseudonymiser)
    gate = DisclosureGate.for_vault(vault, pseudonymiser)
    shown = []
    for number, (case_id, card_id) in enumerate(items, 1):
        title = case_title(number)
        try:
            case = views.agenda_view(case_id, card_id, codes)
        except ValidationError:  # withdrawn since it was put on the agenda: never shown unreviewed
            shown.append(SharedCase(title, None, WITHDRAWN))
            continue
        findings = gate.check(case.shown(title))
        shown.append(
            SharedCase(title, case, "")
            if not findings
            else SharedCase(title, None, held_back_reason(findings))
        )
    return shown
