"""Preparing a case for the meeting: the owner reviews the proposed spans, then releases.

The review of each text is stored in the vault, tied to a SHA-256 of the text it was made
on. A text that changed since makes its review stale: the spans are proposed afresh, and
a released case goes back to "in behandeling". When a case may be released and what takes the
release back is casus.services.release_rule; the meeting's version is casus.services.meeting_view.
"""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from casus.errors import ValidationError
from casus.identify.spans import OWN_UNIT, UNREGISTERED, Span, SpanKind
from casus.model import Case, Review, ReviewSpan
from casus.pseudonymise.engine import RESIDUAL, CaseResult, Pseudonymiser
from casus.pseudonymise.replacement import UnitCodeBook
from casus.services import release_rule
from casus.services.audit import record
from casus.services.case_texts import (
    REVIEWED_FIELDS,
    FieldReview,
    case_input,
    engine_span,
    live_case,
    pseudonymiser_over_units,
    read_reviews,
    text_hash,
)
from casus.services.lookup import required
from casus.services.meeting_view import MeetingViewService
from casus.vocabulary.enums import CaseStatus, ReviewDecision, UnitGeneralisation
from casus.vocabulary.woo import WooGround

if TYPE_CHECKING:
    from casus.disclosure import DisclosureGate
    from casus.vault import Vault


class ReviewService:
    """Review and release; `pseudonymiser` is shared for the whole session (deduce loads once)."""

    def __init__(self, vault: Vault, pseudonymiser: Pseudonymiser) -> None:
        self.vault = vault
        self.pseudonymiser = pseudonymiser

    def _case(self, session: Session, case_id: int) -> Case:
        return live_case(session, case_id)

    def _pseudonymiser(self) -> Pseudonymiser:
        return pseudonymiser_over_units(self.vault, self.pseudonymiser)

    def propose(self, case_id: int) -> list[FieldReview]:
        """Run the detectors; keep the owner's decisions on texts that did not change."""
        pseudonymiser = self._pseudonymiser()
        with self.vault.session() as session:
            case = self._case(session, case_id)
            source = case_input(case)
            proposals = pseudonymiser.propose(source)
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
            return read_reviews(session, self._case(session, case_id))

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

    def set_woo_ground(self, case_id: int, span_id: int, ground: WooGround) -> None:
        """The Woo ground for one span of the Woo-ready copy; it changes nothing the meeting sees."""
        with self.vault.session() as session:
            span = required(session, ReviewSpan, span_id, belongs=lambda row: row.review.case_id == case_id)
            span.woo_ground = ground.code
            record(session, self.vault.actor, "woo_ground", "review", case_id, [span.review.field])

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

    def preview(self, case_id: int, codes: UnitCodeBook) -> CaseResult:
        """The texts as they would look with every span not rejected: the owner's own screen
        while reviewing, never the meeting's (casus.services.meeting_view, which needs every
        decision)."""
        pseudonymiser = self._pseudonymiser()
        with self.vault.session() as session:
            case = self._case(session, case_id)
            spans = {
                r.field: [
                    engine_span(s, case, r.text) for s in r.spans if s.decision is not ReviewDecision.REJECTED
                ]
                for r in read_reviews(session, case)
                if not r.stale
            }
            return pseudonymiser.render(case_input(case), spans, case.unit_generalisation, codes)

    def release(self, case_id: int) -> None:
        """Release, once every proposal is decided and the meeting view passes the gate: a
        released case never causes a refusal at the secretary's export. A finding is named by
        text and position, never quoted."""
        release_rule.require_complete(self.reviews(case_id))
        meeting_version = MeetingViewService(self.vault, self.pseudonymiser).render(
            case_id, UnitCodeBook(secrets.token_bytes(32))
        )
        texts = {REVIEWED_FIELDS[f]: r.text for f, r in meeting_version.fields.items() if r.text}
        release_rule.require_clean(self._vault_gate().check(texts), texts)
        with self.vault.session() as session:
            case = self._case(session, case_id)
            case.status = CaseStatus.RELEASED
            record(session, self.vault.actor, "release", "case", case_id, ["status"])

    def prepare(self) -> None:
        """Load deduce and build the vault-wide gate now (a window calls it off the GUI thread):
        both take seconds in a large vault, and every proposal and release needs them."""
        self.pseudonymiser.warm_up()
        self._vault_gate()

    def _vault_gate(self) -> DisclosureGate:
        # The vault's indices are held per generation (casus.identifier_index): releasing many
        # cases builds them once, and a person edited meanwhile is known at the next release.
        from casus.disclosure import DisclosureGate

        return DisclosureGate.for_vault(self.vault, self.pseudonymiser)

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

    @staticmethod
    def _withdraw_release(session: Session, case_id: int) -> None:
        case = session.get(Case, case_id)
        if case is not None:
            release_rule.withdraw(case)


def _stored(span: Span, decision: ReviewDecision) -> ReviewSpan:
    return ReviewSpan(
        start=span.start,
        end=span.end,
        kind=span.kind,
        ref=span.ref,
        decision=decision,
        detail=span.detail,
    )
