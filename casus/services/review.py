"""Preparing a case for the meeting: the owner reviews the proposed spans, then releases.

The review of each text is stored in the vault, tied to a SHA-256 of the text it was made
on. A text that changed since makes its review stale: the spans are proposed afresh, and
a released case goes back to "in behandeling" (CaseService.update already withdraws the
release; a stale review also refuses release and rendering). Release is refused while any
proposed span is undecided.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from casus.errors import ValidationError
from casus.identify import patterns
from casus.identify.case_input import CaseInput, RegisteredPerson
from casus.identify.catalogue import units_from_rows
from casus.identify.patterns import MONTH_NAMES
from casus.identify.spans import OWN_UNIT, UNREGISTERED, Span, SpanKind
from casus.model import Case, Review, ReviewSpan
from casus.pseudonymise.engine import RESIDUAL, CaseResult, Pseudonymiser
from casus.pseudonymise.replacement import PseudonymBook, Replacer, UnitCodeBook
from casus.services.audit import record
from casus.services.lookup import required
from casus.services.org_units import OrgUnitService
from casus.vocabulary.enums import CaseStatus, ReviewDecision, Role, UnitGeneralisation

if TYPE_CHECKING:
    from casus.disclosure import DisclosureGate
    from casus.vault import Vault

# The case's texts as the review knows them, with their Dutch names for messages.
REVIEWED_FIELDS = {"facts": "Feitenrelaas", "question": "Bespreekvraag", "prior_advice": "Eerder advies"}
_KEPT = (ReviewDecision.ACCEPTED, ReviewDecision.ADDED)


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


@dataclass(frozen=True)
class FieldReview:
    field: str
    text: str
    spans: tuple[ReviewedSpan, ...]
    stale: bool

    @property
    def undecided(self) -> int:
        return sum(1 for s in self.spans if s.decision is ReviewDecision.PROPOSED)


@dataclass(frozen=True)
class MeetingCase:
    category: str
    period: str
    unit: str
    people: tuple[tuple[str, str], ...]  # (pseudonym, role)
    texts: dict[str, str]  # Dutch field name -> pseudonymised text
    warnings: tuple[str, ...]

    def shown(self, title: str) -> dict[str, str]:
        """Everything of the case that a screen or a document shows, by place, for the gate."""
        texts = {
            f"{title}, kop": " · ".join((self.category, self.period, self.unit)),
            f"{title}, betrokkenen": "; ".join(f"{name} ({role})" for name, role in self.people),
        }
        texts.update({f"{title}, {field.lower()}": text for field, text in self.texts.items()})
        return texts


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


class ReviewService:
    """Review and release; `engine` is shared for the whole session (deduce loads once)."""

    def __init__(self, vault: Vault, engine: Pseudonymiser) -> None:
        self.vault = vault
        self.engine = engine

    def _case(self, session: Session, case_id: int) -> Case:
        case = required(session, Case, case_id, belongs=lambda row: row.status is not CaseStatus.DESTROYED)
        return case

    def _engine(self) -> Pseudonymiser:
        """The shared engine over this vault's units as they are now."""
        return self.engine.with_units(units_from_rows(OrgUnitService(self.vault).list()))

    def propose(self, case_id: int) -> list[FieldReview]:
        """Run the detectors; keep the owner's decisions on texts that did not change."""
        engine = self._engine()
        with self.vault.session() as session:
            case = self._case(session, case_id)
            source = case_input(case)
            proposals = engine.propose(source)
            proposals = {
                f: self._with_gate_findings(source.texts[f], spans) for f, spans in proposals.items()
            }
            reviews = {r.field: r for r in session.scalars(select(Review).where(Review.case_id == case_id))}
            changed = []
            for field in REVIEWED_FIELDS:
                text = source.texts[field]
                review = reviews.get(field)
                if review is not None and review.source_sha256 == text_hash(text):
                    known = {(s.start, s.end) for s in review.spans}
                    for span in proposals[field]:
                        if (span.start, span.end) not in known and not any(
                            s.start < span.end
                            and span.start < s.end
                            and s.decision is not ReviewDecision.REJECTED
                            for s in review.spans
                        ):
                            review.spans.append(_stored(span, ReviewDecision.PROPOSED))
                    continue
                if review is None:
                    review = Review(case_id=case_id, field=field, source_sha256=text_hash(text))
                    session.add(review)
                review.source_sha256 = text_hash(text)
                review.spans = [_stored(span, ReviewDecision.PROPOSED) for span in proposals[field]]
                changed.append(field)
            if changed:
                record(session, self.vault.actor, "propose", "review", case_id, changed)
        return self.reviews(case_id)

    def reviews(self, case_id: int) -> list[FieldReview]:
        with self.vault.session() as session:
            case = self._case(session, case_id)
            stored = {r.field: r for r in session.scalars(select(Review).where(Review.case_id == case_id))}
            result = []
            for field in REVIEWED_FIELDS:
                text = getattr(case, field) or ""
                review = stored.get(field)
                spans = tuple(
                    ReviewedSpan(s.id, s.start, s.end, s.kind, s.ref, s.decision, s.detail)
                    for s in (review.spans if review else [])
                )
                stale = review is None or review.source_sha256 != text_hash(text)
                result.append(FieldReview(field, text, spans, stale))
            return result

    def decide(self, case_id: int, span_id: int, decision: ReviewDecision) -> None:
        if decision not in (ReviewDecision.ACCEPTED, ReviewDecision.REJECTED):
            raise ValidationError("decision", "Besluit", "moet accepteren of afwijzen zijn")
        with self.vault.session() as session:
            span = required(session, ReviewSpan, span_id, belongs=lambda row: row.review.case_id == case_id)
            if span.decision is ReviewDecision.ADDED and decision is ReviewDecision.REJECTED:
                span.review.spans.remove(span)  # an owner's own span is simply taken back
            else:
                span.decision = decision
            self._withdraw_release(session, case_id)
            record(session, self.vault.actor, "decide", "review", case_id, [span.review.field])

    def accept_all(self, case_id: int) -> int:
        """Accept every proposed span (the owner's "alles accepteren"); returns how many."""
        with self.vault.session() as session:
            self._case(session, case_id)
            count = 0
            for review in session.scalars(select(Review).where(Review.case_id == case_id)):
                for span in review.spans:
                    if span.decision is ReviewDecision.PROPOSED:
                        span.decision = ReviewDecision.ACCEPTED
                        count += 1
            if count:
                record(session, self.vault.actor, "accept_all", "review", case_id, list(REVIEWED_FIELDS))
            return count

    def add_span(
        self, case_id: int, field: str, start: int, end: int, kind: SpanKind, ref: str = UNREGISTERED
    ) -> int:
        """An owner's own span (select text, choose a kind)."""
        if field not in REVIEWED_FIELDS:
            raise ValidationError("field", "Tekstveld", "bestaat niet")
        with self.vault.session() as session:
            case = self._case(session, case_id)
            text = getattr(case, field) or ""
            if not 0 <= start < end <= len(text) or not text[start:end].strip():
                raise ValidationError("span", "Selectie", "valt buiten de tekst of is leeg")
            keys = {i.key for i in case.involvements}
            if ref not in keys | {UNREGISTERED, OWN_UNIT}:
                raise ValidationError("ref", "Persoon", "hoort niet bij deze casus")
            review = session.scalar(select(Review).where(Review.case_id == case_id, Review.field == field))
            if review is None or review.source_sha256 != text_hash(text):
                raise ValidationError(
                    "span", "Selectie", "de tekst is veranderd; laat eerst opnieuw voorstellen"
                )
            for other in list(review.spans):
                if other.start < end and start < other.end and other.decision is not ReviewDecision.REJECTED:
                    if start <= other.start and other.end <= end:
                        review.spans.remove(other)  # the owner's wider span replaces it
                    else:
                        raise ValidationError("span", "Selectie", "overlapt een bestaande vervanging")
            span = ReviewSpan(start=start, end=end, kind=kind, ref=ref, decision=ReviewDecision.ADDED)
            review.spans.append(span)
            self._withdraw_release(session, case_id)
            session.flush()
            record(session, self.vault.actor, "add_span", "review", case_id, [field])
            return span.id

    def unit_generalisation(self, case_id: int) -> UnitGeneralisation:
        with self.vault.session() as session:
            return self._case(session, case_id).unit_generalisation

    def set_generalisation(self, case_id: int, level: UnitGeneralisation) -> None:
        with self.vault.session() as session:
            case = self._case(session, case_id)
            if case.unit_generalisation != level:
                case.unit_generalisation = level
                self._withdraw_release(session, case_id)
                record(session, self.vault.actor, "update", "case", case_id, ["unit_generalisation"])

    def render(self, case_id: int, codes: UnitCodeBook, engine: Pseudonymiser | None = None) -> CaseResult:
        """The texts as the meeting sees them: accepted and added spans replaced.

        Refused while a review is missing, stale or undecided: nothing unreviewed is shown.
        `engine` is one `_engine()` already made (reading the unit list costs a few ms).
        """
        engine = engine or self._engine()
        reviews = self.reviews(case_id)
        _check_complete(reviews)
        with self.vault.session() as session:
            case = self._case(session, case_id)
            source = case_input(case)
            level = case.unit_generalisation
            spans = {
                r.field: [_span(s, case, r.text) for s in r.spans if s.decision in _KEPT] for r in reviews
            }
        return engine.render(source, spans, level, codes)

    def preview(self, case_id: int, codes: UnitCodeBook) -> CaseResult:
        """The texts as they would look with every span not rejected: the owner's own screen
        while reviewing, never the meeting's (that is `render`, which needs every decision)."""
        engine = self._engine()
        reviews = self.reviews(case_id)
        with self.vault.session() as session:
            case = self._case(session, case_id)
            source = case_input(case)
            spans = {
                r.field: [
                    _span(s, case, r.text) for s in r.spans if s.decision is not ReviewDecision.REJECTED
                ]
                for r in reviews
                if not r.stale
            }
            level = case.unit_generalisation
        return engine.render(source, spans, level, codes)

    def meeting_view(self, case_id: int, codes: UnitCodeBook) -> MeetingCase:
        """What meeting mode shows of a released case: pseudonyms, generalised unit, month."""
        engine = self._engine()
        with self.vault.session() as session:
            case = self._case(session, case_id)
            if case.status is not CaseStatus.RELEASED:
                raise ValidationError("status", "Status", "deze casus is niet vrijgegeven")
            category, received = case.category, case.received
            people = [(i.key, i.role) for i in sorted(case.involvements, key=lambda i: i.id)]
            unit_id = str(case.org_unit_id) if case.org_unit_id is not None else None
            level = case.unit_generalisation
        result = self.render(case_id, codes, engine)
        unit = ""
        if unit_id is not None:
            whole = Span(0, 1, SpanKind.ORG, OWN_UNIT, detail=unit_id)
            unit = Replacer(PseudonymBook(()), engine.units, codes, level, engine.reserved_codes).text_for(
                whole, ""
            )
        book = PseudonymBook(case_input_people(people))
        return MeetingCase(
            category=category.label,
            period=f"{MONTH_NAMES[received.month - 1]} {received.year}",
            unit=unit,
            people=tuple((book.registered(key), role.label) for key, role in people),
            texts={REVIEWED_FIELDS[f]: r.text for f, r in result.fields.items() if r.text},
            warnings=tuple(w.message for w in result.warnings),
        )

    def pseudonymise_note(self, text: str, codes: UnitCodeBook, case_id: int | None = None) -> str:
        """A secretary's note with every name, unit, date and number the engine finds replaced,
        as the meeting's own version would replace them: the case's people by the same
        pseudonyms ("Melder A"), units by the meeting's codes. Without a case (learning
        points, an action of the whole meeting) only what needs no registry is replaced."""
        engine = self._engine()
        level = UnitGeneralisation.CODE
        source = CaseInput("note", (), {})
        if case_id is not None:
            with self.vault.session() as session:
                case = self._case(session, case_id)
                source, level = case_input(case), case.unit_generalisation
        note = replace(source, texts={"note": text})
        return engine.pseudonymise(note, codes, level).fields["note"].text

    def release(self, case_id: int) -> None:
        """Release, once every proposal is decided and the meeting view passes the gate: a
        released case never causes a refusal at the secretary's export. A finding is named by
        text and position, never quoted."""
        reviews = self.reviews(case_id)
        _check_complete(reviews)
        self._check_gate(case_id)
        with self.vault.session() as session:
            case = self._case(session, case_id)
            case.status = CaseStatus.RELEASED
            record(session, self.vault.actor, "release", "case", case_id, ["status"])

    def prepare(self) -> None:
        """Load deduce and build the vault-wide gate now (a window calls it off the GUI thread):
        both take seconds in a large vault, and every proposal and release needs them."""
        self.engine.warm_up()
        self._vault_gate()

    def _vault_gate(self) -> DisclosureGate:
        # The vault's indices are held per generation (casus.identifier_index): releasing many
        # cases builds them once, and a person edited meanwhile is known at the next release.
        from casus.disclosure import DisclosureGate

        return DisclosureGate.for_vault(self.vault, self.engine)

    def _with_gate_findings(self, text: str, spans: list[Span]) -> list[Span]:
        """What the gate would find in the text that no detector proposed (a name registered
        in another case, a number shaped like a phone): proposed too, listed with the second
        line's, so that release never meets a finding the owner was not asked about."""
        if not text.strip():
            return spans
        from casus.disclosure import finding_kind

        extra = [
            Span(f.start, f.end, finding_kind(f.kind), UNREGISTERED, 1, "gate", RESIDUAL)
            for f in self._vault_gate().check({"tekst": text})
            if not any(s.start < f.end and f.start < s.end for s in spans)
        ]
        return sorted(spans + extra, key=lambda s: s.start) if extra else spans

    def _check_gate(self, case_id: int) -> None:
        engine = self._engine()
        result = self.render(case_id, UnitCodeBook(secrets.token_bytes(32)), engine)
        texts = {REVIEWED_FIELDS[f]: r.text for f, r in result.fields.items() if r.text}
        findings = self._vault_gate().check(texts)
        if findings:
            where = "; ".join(f"{f.place}, {f.kind.label}, teken {f.start}–{f.end}" for f in findings[:5])
            raise ValidationError(
                "release",
                "Vrijgeven",
                f"de versie voor het overleg bevat nog {len(findings)} vondst(en): {where}",
            )

    @staticmethod
    def _withdraw_release(session: Session, case_id: int) -> None:
        case = session.get(Case, case_id)
        if case is not None and case.status is CaseStatus.RELEASED:
            case.status = CaseStatus.IN_PROGRESS


def _check_complete(reviews: Sequence[FieldReview]) -> None:
    for review in reviews:
        label = REVIEWED_FIELDS[review.field]
        if review.stale and review.text:
            raise ValidationError(review.field, label, "is nog niet (opnieuw) gecontroleerd op namen")
        if review.undecided:
            raise ValidationError(
                review.field,
                label,
                f"heeft nog {review.undecided} voorgestelde vervanging(en) zonder besluit",
            )


def _stored(span: Span, decision: ReviewDecision) -> ReviewSpan:
    return ReviewSpan(
        start=span.start,
        end=span.end,
        kind=span.kind,
        ref=span.ref,
        decision=decision,
        detail=span.detail,
    )


def _span(stored: ReviewedSpan, case: Case, text: str) -> Span:
    """A stored span back as an engine span. An owner's own span gets the detail its
    replacement needs: the case's unit, or a date's month and year."""
    detail = stored.detail
    if not detail and stored.kind is SpanKind.ORG and case.org_unit_id is not None:
        detail = str(case.org_unit_id)
    if not detail and stored.kind is SpanKind.DATE:
        detail = next((s.detail for s in patterns.dates(text[stored.start : stored.end])), "")
    return Span(stored.start, stored.end, stored.kind, stored.ref, detail=detail)
