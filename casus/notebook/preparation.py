"""What the meeting screen needs before it can check anything: the gate over the vault as it
is now and each agenda item's case as the meeting sees it, with the meeting's kept unit codes.

Building the gate reads the whole vault and the first check loads deduce, so the window runs
this off its thread and hands the result to the notebook (MeetingNotebook.adopt).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from casus.disclosure import DisclosureGate
from casus.errors import CasusError
from casus.services.meeting_codes import MeetingCodes
from casus.services.meeting_values import AgendaEntry
from casus.services.meeting_view import MeetingCase, MeetingViewService

if TYPE_CHECKING:
    from casus.pseudonymise.engine import Pseudonymiser
    from casus.vault import Vault

# Shown instead of a case that cannot be shown; the reason follows.
NOT_SHOWN = "Deze casus kan niet worden getoond: "


@dataclass(frozen=True)
class MeetingPreparation:
    meeting_id: int
    gate: DisclosureGate
    views: dict[int, MeetingCase | str]  # by agenda item: the case, or why it cannot be shown


def prepare_meeting(
    vault: Vault, pseudonymiser: Pseudonymiser, meeting_id: int, entries: Sequence[AgendaEntry]
) -> MeetingPreparation:
    pseudonymiser.warm_up()
    gate = DisclosureGate.for_vault(vault, pseudonymiser)
    meeting_views = MeetingViewService(vault, pseudonymiser)
    views: dict[int, MeetingCase | str] = {}
    with MeetingCodes(vault).coding(meeting_id) as codes:
        for entry in entries:
            try:
                views[entry.id] = meeting_views.agenda_view(entry.case_id, entry.card_id, codes)
            except CasusError as error:
                views[entry.id] = NOT_SHOWN + str(error)
    return MeetingPreparation(meeting_id, gate, views)
