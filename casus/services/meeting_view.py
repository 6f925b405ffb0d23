"""A released case as the meeting sees it: pseudonyms, the generalised unit, the month, and the
texts with every accepted and added replacement made. Read in one session.

Refused while a review is missing, stale or undecided (casus.services.release_rule): nothing
unreviewed is ever shown or written.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from casus.errors import NotFoundError, ValidationError
from casus.identify.patterns import MONTH_NAMES
from casus.identify.spans import OWN_UNIT, Span, SpanKind
from casus.model import Case, OwnParty, ReceivedCard
from casus.pseudonymise.engine import CaseResult, Pseudonymiser
from casus.pseudonymise.replacement import PseudonymBook, Replacer, UnitCodeBook
from casus.services import release_rule
from casus.services.case_texts import (
    KEPT,
    REVIEWED_FIELDS,
    case_input,
    case_input_people,
    engine_span,
    live_case,
    pseudonymiser_over_units,
    read_reviews,
)
from casus.services.meeting_values import MeetingCase
from casus.services.received_cards import received_case
from casus.vocabulary.enums import CaseStatus, UnitGeneralisation

if TYPE_CHECKING:
    from casus.vault import Vault

__all__ = ["MeetingCase", "MeetingViewService"]  # MeetingCase is a value; it lives with the others


class MeetingViewService:
    """`pseudonymiser` is shared for the whole session (deduce loads once)."""

    def __init__(self, vault: Vault, pseudonymiser: Pseudonymiser) -> None:
        self.vault = vault
        self.pseudonymiser = pseudonymiser

    def render(self, case_id: int, codes: UnitCodeBook) -> CaseResult:
        """The reviewed texts with their kept replacements, whatever the case's status."""
        pseudonymiser = pseudonymiser_over_units(self.vault, self.pseudonymiser)
        with self.vault.session() as session:
            return _render(session, live_case(session, case_id), pseudonymiser, codes)

    def agenda_view(self, case_id: int | None, card_id: int | None, codes: UnitCodeBook) -> MeetingCase:
        """An agenda item as the meeting sees it, whoever brought it: the vault's own released
        case (with its meeting's codes), or a case card as its owner made it."""
        if card_id is not None:
            with self.vault.session() as session:
                card = session.get(ReceivedCard, card_id)
                if card is None:
                    raise NotFoundError()
                return received_case(card)
        if case_id is None:
            raise NotFoundError()
        view = self.meeting_view(case_id, codes)
        with self.vault.session() as session:
            own = session.get(OwnParty, 1)
            return replace(view, brought_by=own.name) if own is not None else view

    def meeting_view(
        self, case_id: int, codes: UnitCodeBook, level: UnitGeneralisation | None = None
    ) -> MeetingCase:
        """What meeting mode and the minutes show of a released case; `level` overrides how
        its units are shown (a case card never carries a code of the owner's own)."""
        pseudonymiser = pseudonymiser_over_units(self.vault, self.pseudonymiser)
        with self.vault.session() as session:
            case = live_case(session, case_id)
            if case.status is not CaseStatus.RELEASED:
                raise ValidationError("status", "Status", "deze casus is niet vrijgegeven")
            shown_as = level or case.unit_generalisation
            result = _render(session, case, pseudonymiser, codes, shown_as)
            people = [(i.key, i.role) for i in sorted(case.involvements, key=lambda i: i.id)]
            unit = _unit_text(case, pseudonymiser, codes, shown_as)
            category, received = case.category, case.received
        book = PseudonymBook(case_input_people(people))
        return MeetingCase(
            category=category.label,
            period=f"{MONTH_NAMES[received.month - 1]} {received.year}",
            unit=unit,
            people=tuple((book.registered(key), role.label) for key, role in people),
            texts={REVIEWED_FIELDS[f]: r.text for f, r in result.fields.items() if r.text},
            warnings=tuple(w.message for w in result.warnings),
        )


def _render(
    session: Session,
    case: Case,
    pseudonymiser: Pseudonymiser,
    codes: UnitCodeBook,
    level: UnitGeneralisation | None = None,
) -> CaseResult:
    reviews = read_reviews(session, case)
    release_rule.require_complete(reviews)
    spans = {r.field: [engine_span(s, case, r.text) for s in r.spans if s.decision in KEPT] for r in reviews}
    return pseudonymiser.render(case_input(case), spans, level or case.unit_generalisation, codes)


def _unit_text(
    case: Case, pseudonymiser: Pseudonymiser, codes: UnitCodeBook, level: UnitGeneralisation
) -> str:
    """The case's own unit as the meeting sees it ("directie K", a cluster, or nothing)."""
    if case.org_unit_id is None:
        return ""
    whole = Span(0, 1, SpanKind.ORG, OWN_UNIT, detail=str(case.org_unit_id))
    replacer = Replacer(PseudonymBook(()), pseudonymiser.units, codes, level, pseudonymiser.reserved_codes)
    return replacer.text_for(whole, "")
