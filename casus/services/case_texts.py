"""A case's reviewed texts as the review, the meeting view and the notes all read them.

Shared reading only: the texts the review covers and their Dutch names, the hash that ties a
review to the text it was made on, the reviews of a case as plain values, the stored spans as
pseudonymiser spans, and the pseudonymiser over this vault's units. Each service opens its own session
and passes it in, so one read is one session.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from casus.identify import patterns
from casus.identify.case_input import CaseInput, RegisteredPerson
from casus.identify.catalogue import units_from_rows
from casus.identify.spans import Span, SpanKind
from casus.model import Case, Review
from casus.pseudonymise.engine import Pseudonymiser
from casus.services.lookup import required
from casus.services.org_units import OrgUnitService
from casus.vocabulary.enums import CaseStatus, ReviewDecision, Role

if TYPE_CHECKING:
    from casus.vault import Vault

# The case's texts as the review knows them, with their Dutch names for messages.
REVIEWED_FIELDS = {"facts": "Feitenrelaas", "question": "Bespreekvraag", "prior_advice": "Eerder advies"}
KEPT = (ReviewDecision.ACCEPTED, ReviewDecision.ADDED)


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ReviewedSpan:
    id: int
    start: int
    end: int
    kind: SpanKind
    ref: str
    decision: ReviewDecision
    detail: str = ""
    woo_ground: str | None = None  # the owner's choice for the Woo-ready copy; None: by kind


@dataclass(frozen=True)
class FieldReview:
    field: str
    text: str
    spans: tuple[ReviewedSpan, ...]
    stale: bool

    @property
    def undecided(self) -> int:
        return sum(1 for s in self.spans if s.decision is ReviewDecision.PROPOSED)


def live_case(session: Session, case_id: int) -> Case:
    """The case, unless it does not exist or was destroyed (then NotFoundError)."""
    return required(session, Case, case_id, belongs=lambda row: row.status is not CaseStatus.DESTROYED)


def pseudonymiser_over_units(vault: Vault, pseudonymiser: Pseudonymiser) -> Pseudonymiser:
    """The shared pseudonymiser over this vault's units as they are now."""
    return pseudonymiser.with_units(units_from_rows(OrgUnitService(vault).list()))


def case_input_people(people: Sequence[tuple[str, Role]]) -> tuple[RegisteredPerson, ...]:
    """Stand-ins that carry only key and role: enough to number the pseudonyms."""
    return tuple(RegisteredPerson(key, role, key) for key, role in people)


def case_input(case: Case) -> CaseInput:
    persons = tuple(
        RegisteredPerson(
            key=i.key,
            role=i.role,
            name=i.person.name,
            email=i.person.email,
            phone=i.person.phone,
            employee_number=i.person.employee_number,
            function=i.function,
            salary_scale=i.salary_scale,
        )
        for i in sorted(case.involvements, key=lambda i: i.id)
    )
    texts = {name: getattr(case, name) or "" for name in REVIEWED_FIELDS}
    unit_id = str(case.org_unit_id) if case.org_unit_id is not None else None
    return CaseInput(case.reference, persons, texts, unit_id, case.owner_party)


def read_reviews(session: Session, case: Case) -> list[FieldReview]:
    stored = {r.field: r for r in session.scalars(select(Review).where(Review.case_id == case.id))}
    result = []
    for field in REVIEWED_FIELDS:
        text = getattr(case, field) or ""
        review = stored.get(field)
        spans = tuple(
            ReviewedSpan(s.id, s.start, s.end, s.kind, s.ref, s.decision, s.detail, s.woo_ground)
            for s in (review.spans if review else [])
        )
        stale = review is None or review.source_sha256 != text_hash(text)
        result.append(FieldReview(field, text, spans, stale))
    return result


def engine_span(stored: ReviewedSpan, case: Case, text: str) -> Span:
    """A stored span back as an pseudonymiser span. An owner's own span gets the detail its
    replacement needs: the case's unit, or a date's month and year."""
    detail = stored.detail
    if not detail and stored.kind is SpanKind.ORG and case.org_unit_id is not None:
        detail = str(case.org_unit_id)
    if not detail and stored.kind is SpanKind.DATE:
        detail = next((s.detail for s in patterns.dates(text[stored.start : stored.end])), "")
    return Span(stored.start, stored.end, stored.kind, stored.ref, detail=detail)
