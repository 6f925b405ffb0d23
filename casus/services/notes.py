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
from casus.pseudonymise.replacement import UnitCodeBook
from casus.services.case_texts import case_input, live_case, pseudonymiser_over_units
from casus.vocabulary.enums import UnitGeneralisation

if TYPE_CHECKING:
    from casus.vault import Vault


class NoteService:
    def __init__(self, vault: Vault, pseudonymiser: Pseudonymiser) -> None:
        self.vault = vault
        self.pseudonymiser = pseudonymiser

    def pseudonymise(self, text: str, codes: UnitCodeBook, case_id: int | None = None) -> str:
        pseudonymiser = pseudonymiser_over_units(self.vault, self.pseudonymiser)
        level = UnitGeneralisation.CODE
        source = CaseInput("note", (), {})
        if case_id is not None:
            with self.vault.session() as session:
                case = live_case(session, case_id)
                source, level = case_input(case), case.unit_generalisation
        note = replace(source, texts={"note": text})
        return pseudonymiser.pseudonymise(note, codes, level).fields["note"].text
