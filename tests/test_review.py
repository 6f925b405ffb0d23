"""Review and release: stored in the vault, tied to the text, refused while undecided."""

from __future__ import annotations

import pytest

from casus.errors import ValidationError
from casus.identify.spans import SpanKind
from casus.pseudonymise import Pseudonymiser, UnitCodeBook
from casus.pseudonymise.engine import CaseResult
from casus.services.cases import CaseDraft, CaseService, PersonDraft
from casus.services.meeting_view import MeetingViewService
from casus.services.org_units import OrgUnitService
from casus.services.review import ReviewService
from casus.vault import Vault
from casus.vocabulary.enums import CaseStatus, ReviewDecision, UnitGeneralisation
from tests.conftest import PASSPHRASE

FACTS = (
    "Op 3 maart 2025 zei Pieter Smit tegen Yasmina Amrani dat zij 'terug moest naar haar land'. "
    "Smit ontkent. Collega Ruud Stellingwerf hoorde het."
)
CODES = UnitCodeBook(b"review-test-key-0123456789abcdef")


def draft(vault: Vault, team_name: str = "Team Klantmanagement", **changes: object) -> CaseDraft:
    team = next(u for u in OrgUnitService(vault).list() if u.name == team_name)
    base = CaseDraft(
        channel="internal_reporting_point",
        received="2025-03-04",
        category="racism",
        grounds=["origin_race"],
        org_unit_id=team.id,
        facts=FACTS,
        question="Hoe beschermen we Yasmina?",
        people=[
            PersonDraft(role="reporter", name="Yasmina Amrani", function="klantmanager", salary_scale=8),
            PersonDraft(role="accused", name="Pieter Smit"),
        ],
    )
    for key, value in changes.items():
        setattr(base, key, value)
    return base


@pytest.fixture
def review(vault: Vault, engine: Pseudonymiser) -> ReviewService:
    return ReviewService(vault, engine)


def _meeting_version(review: ReviewService, case_id: int) -> CaseResult:
    """The texts as the meeting sees them (casus.services.meeting_view)."""
    return MeetingViewService(review.vault, review.pseudonymiser).render(case_id, CODES)


def test_release_needs_a_decision_on_every_proposed_span(vault: Vault, review: ReviewService) -> None:
    case_id = CaseService(vault).create(draft(vault))
    with pytest.raises(ValidationError, match="gecontroleerd"):
        review.release(case_id)
    reviews = review.propose(case_id)
    facts = next(r for r in reviews if r.field == "facts")
    assert {(facts.text[s.start : s.end], s.kind, s.ref) for s in facts.spans} >= {
        ("Pieter Smit", SpanKind.PERSON, "p2"),
        ("Yasmina Amrani", SpanKind.PERSON, "p1"),
        ("Smit", SpanKind.PERSON, "p2"),
        ("Ruud Stellingwerf", SpanKind.PERSON, "x"),
    }
    assert all(s.decision is ReviewDecision.PROPOSED for s in facts.spans)
    with pytest.raises(ValidationError, match="zonder besluit"):
        review.release(case_id)
    with pytest.raises(ValidationError, match="zonder besluit"):
        _meeting_version(review, case_id)
    assert review.accept_all(case_id) == sum(len(r.spans) for r in reviews)
    review.release(case_id)
    assert CaseService(vault).get(case_id).status is CaseStatus.RELEASED
    shown = _meeting_version(review, case_id)
    for name in ("Yasmina", "Amrani", "Smit", "Stellingwerf", "3 maart"):
        assert all(name not in field.text for field in shown.fields.values())
    assert shown.fields["facts"].text.startswith("In maart 2025 zei Betrokkene B tegen Melder A")


def test_decisions_survive_reopening_and_a_changed_text_withdraws_the_release(
    vault_path, vault: Vault, engine: Pseudonymiser
) -> None:
    review = ReviewService(vault, engine)
    case_id = CaseService(vault).create(draft(vault))
    facts = next(r for r in review.propose(case_id) if r.field == "facts")
    colleague = next(s for s in facts.spans if facts.text[s.start : s.end] == "Ruud Stellingwerf")
    review.accept_all(case_id)
    review.decide(case_id, colleague.id, ReviewDecision.REJECTED)
    with pytest.raises(ValidationError, match="vondst"):
        review.release(case_id)  # a kept name would reach the meeting: the gate at release refuses
    vault.close()
    reopened = Vault.open(vault_path, PASSPHRASE, actor="test")
    try:
        review = ReviewService(reopened, engine)
        again = next(r for r in review.propose(case_id) if r.field == "facts")
        assert next(s for s in again.spans if s.id == colleague.id).decision is ReviewDecision.REJECTED
        assert "Ruud Stellingwerf" in _meeting_version(review, case_id).fields["facts"].text
        review.decide(case_id, colleague.id, ReviewDecision.ACCEPTED)
        review.release(case_id)
        CaseService(reopened).update(case_id, draft(reopened, facts=FACTS + " Ook Bram Vos was erbij."))
        assert CaseService(reopened).get(case_id).status is CaseStatus.IN_PROGRESS
        assert next(r for r in review.reviews(case_id) if r.field == "facts").stale
        with pytest.raises(ValidationError, match="gecontroleerd"):
            _meeting_version(review, case_id)
        renewed = next(r for r in review.propose(case_id) if r.field == "facts")
        assert not renewed.stale and all(s.decision is ReviewDecision.PROPOSED for s in renewed.spans)
    finally:
        reopened.close()


def test_owner_adds_a_span_and_chooses_the_unit_generalisation(vault: Vault, review: ReviewService) -> None:
    case_id = CaseService(vault).create(
        draft(vault, facts="Het gebeurde bij de Koffiehoek van Team Klantmanagement, zei Smit.")
    )
    facts = next(r for r in review.propose(case_id) if r.field == "facts")
    start = facts.text.index("Koffiehoek")
    review.add_span(case_id, "facts", start, start + len("Koffiehoek"), SpanKind.LOCATION)
    with pytest.raises(ValidationError, match="overlapt"):
        review.add_span(case_id, "facts", start + 2, start + 14, SpanKind.LOCATION)
    review.accept_all(case_id)
    shown = _meeting_version(review, case_id).fields["facts"].text
    assert "Koffiehoek" not in shown and "Klantmanagement" not in shown and "[plaats]" in shown
    assert "team " in shown
    review.release(case_id)
    review.set_generalisation(case_id, UnitGeneralisation.CLUSTER)
    assert CaseService(vault).get(case_id).status is CaseStatus.IN_PROGRESS, (
        "a new choice needs a new release"
    )
    assert "een team in cluster Sociaal Domein" in _meeting_version(review, case_id).fields["facts"].text


def test_new_people_make_the_review_stale(vault: Vault, review: ReviewService) -> None:
    cases = CaseService(vault)
    case_id = cases.create(draft(vault))
    review.propose(case_id)
    review.accept_all(case_id)
    review.release(case_id)
    cases.add_person(case_id, PersonDraft(role="witness", name="Ruud Stellingwerf"))
    assert cases.get(case_id).status is CaseStatus.IN_PROGRESS
    assert all(r.stale for r in review.reviews(case_id) if r.text)
    facts = next(r for r in review.propose(case_id) if r.field == "facts")
    assert any(s.ref == "p3" for s in facts.spans), "the new person is now found as registered"


def test_warnings_reach_the_owner_without_names(vault: Vault, review: ReviewService) -> None:
    case_id = CaseService(vault).create(draft(vault, "Team Leerplicht"))  # about 40 people
    review.propose(case_id)
    review.accept_all(case_id)
    warnings = _meeting_version(review, case_id).warnings
    assert [w.code for w in warnings] == ["quasi_identifier"]
    assert "Yasmina" not in warnings[0].message and "Melder A" in warnings[0].message


def test_preview_before_decisions_and_the_meeting_view_after_release(
    vault: Vault, review: ReviewService
) -> None:
    case_id = CaseService(vault).create(draft(vault))
    review.propose(case_id)
    preview = review.preview(case_id, CODES).fields["facts"].text
    assert "Smit" not in preview and "Betrokkene B" in preview, "the owner sees the proposal applied"
    with pytest.raises(ValidationError, match="niet vrijgegeven"):
        MeetingViewService(review.vault, review.pseudonymiser).meeting_view(case_id, CODES)
    review.accept_all(case_id)
    review.release(case_id)
    shown = MeetingViewService(review.vault, review.pseudonymiser).meeting_view(case_id, CODES)
    assert shown.people == (("Melder A", "Melder"), ("Betrokkene B", "Betrokkene"))
    assert shown.period == "maart 2025" and shown.category == "Racisme"
    assert shown.unit.startswith("team ") and "Klantmanagement" not in shown.unit
    everything = " ".join([shown.unit, *shown.texts.values(), *(p for pair in shown.people for p in pair)])
    for name in ("Yasmina", "Amrani", "Smit", "Stellingwerf", "Klantmanagement", "Werk"):
        assert name not in everything


def test_release_runs_the_gate_on_the_meeting_view_and_says_where(vault: Vault, light_engine) -> None:
    """A rejected name would reach the meeting: release is refused, naming the text and the
    position, never the name; nothing changes."""
    from casus.errors import ValidationError
    from casus.services.cases import CaseDraft, CaseService, PersonDraft
    from casus.vocabulary.enums import CaseStatus, ReviewDecision, SpanKind

    cases = CaseService(vault)
    case_id = cases.create(
        CaseDraft(channel="hr", received="2025-01-06", category="bullying",
                  facts="Tijdens de lunch zei Wouter Brinkhorst dat zij er niet bij hoorde.",
                  people=[PersonDraft(role="reporter", name="Wouter Brinkhorst")])
    )  # fmt: skip
    review = ReviewService(vault, light_engine)
    fields = review.propose(case_id)
    review.accept_all(case_id)
    name = next(s for f in fields for s in f.spans if s.kind is SpanKind.PERSON)
    review.decide(case_id, name.id, ReviewDecision.REJECTED)
    with pytest.raises(ValidationError) as refused:
        review.release(case_id)
    message = str(refused.value)
    assert "Feitenrelaas" in message and "zin 1, woord 5" in message and "Brinkhorst" not in message
    assert cases.get(case_id).status is not CaseStatus.RELEASED
    review.decide(case_id, name.id, ReviewDecision.ACCEPTED)
    review.release(case_id)
    assert cases.get(case_id).status is CaseStatus.RELEASED


def test_the_second_lines_findings_are_proposals_of_their_own(vault: Vault, light_engine) -> None:
    """A name nobody registered and no detector of the first line knows is proposed as
    "residual"; rejecting it keeps the word, and release then still passes the gate."""
    from casus.services.cases import CaseDraft, CaseService
    from casus.vocabulary.enums import ReviewDecision

    case_id = CaseService(vault).create(
        CaseDraft(channel="hr", received="2025-01-06", category="bullying",
                  facts="Zij werkt sinds maart samen met Oyelaran in de buitendienst.")
    )  # fmt: skip
    review = ReviewService(vault, light_engine)
    (facts, *_) = review.propose(case_id)
    residual = [s for s in facts.spans if s.detail == "residual"]
    assert [facts.text[s.start : s.end] for s in residual] == ["Oyelaran"]
    review.decide(case_id, residual[0].id, ReviewDecision.ACCEPTED)
    review.release(case_id)
    shown = _meeting_version(review, case_id).fields["facts"].text
    assert "Oyelaran" not in shown and "Persoon" in shown


def test_what_the_gate_would_find_is_proposed_before_release(vault: Vault, light_engine) -> None:
    """A surname that is also an ordinary word ("Eerlijk"), registered in another case: this
    case's registry and the second line let it stand, the vault-wide gate does not. It is
    proposed in the review, so that release (which runs the gate) never meets a finding
    nobody asked about."""
    from casus.vocabulary.enums import ReviewDecision

    cases = CaseService(vault)
    cases.create(
        CaseDraft(
            channel="hr",
            received="2025-01-06",
            category="bullying",
            facts="Iets anders.",
            people=[PersonDraft(role="reporter", name="Marit Eerlijk")],
        )
    )
    case_id = cases.create(
        CaseDraft(channel="hr", received="2025-01-07", category="bullying",
                  facts="Volgens Eerlijk was het anders gegaan.")
    )  # fmt: skip
    review = ReviewService(vault, light_engine)
    (facts, *_) = review.propose(case_id)
    proposed = [facts.text[s.start : s.end] for s in facts.spans if s.decision is ReviewDecision.PROPOSED]
    assert "Eerlijk" in proposed
    review.accept_all(case_id)
    review.release(case_id)
    assert "Eerlijk" not in _meeting_version(review, case_id).fields["facts"].text
