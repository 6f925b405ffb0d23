"""A secretary's note with its names replaced as the meeting's own version replaces them.

The case's people become the pseudonyms the meeting sees ("Melder A"), units the meeting's
codes; without a case (learning points, an action of the whole meeting) only what needs no
registry is replaced. The secretary sees the result and can undo it: this never stores a note.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from casus.identify.case_input import CaseInput
from casus.pseudonymise.engine import Pseudonymiser
from casus.services.case_texts import case_input, live_case, pseudonymiser_over_units
from casus.services.meeting_codes import MeetingCodes
from casus.vocabulary.enums import UnitGeneralisation

if TYPE_CHECKING:
    from casus.vault import Vault


class NoteService:
    def __init__(self, vault: Vault, pseudonymiser: Pseudonymiser) -> None:
        self.vault = vault
        self.pseudonymiser = pseudonymiser

    def pseudonymise(self, text: str, meeting_id: int, case_id: int | None = None) -> str:
        """With the meeting's kept codes: a unit the case calls "directie K" is "directie K"
        in the note, and one first named in a note keeps its code in the minutes."""
        pseudonymiser = pseudonymiser_over_units(self.vault, self.pseudonymiser)
        level = UnitGeneralisation.CODE
        source = CaseInput("note", (), {})
        if case_id is not None:
            with self.vault.session() as session:
                case = live_case(session, case_id)
                source, level = case_input(case), case.unit_generalisation
        note = replace(source, texts={"note": text})
        with MeetingCodes(self.vault).coding(meeting_id) as codes:
            return pseudonymiser.pseudonymise(note, codes, level).fields["note"].text
