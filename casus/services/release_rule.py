"""The release rule, in one place: when a case may go to the meeting, and what takes it back.

A case is released only through its review (casus.services.review.ReviewService.release), and
only when every text the review covers was checked on the text as it now reads, every
proposed replacement has a decision, and the version the meeting would see passes the
disclosure gate. Anything that could change what the meeting sees withdraws the release at
once: a changed text or unit, other people on the case, a changed decision or generalisation.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from casus.disclosure import Finding
from casus.errors import ValidationError
from casus.model import Case
from casus.services.case_texts import REVIEWED_FIELDS, FieldReview
from casus.vocabulary.dutch import counted
from casus.vocabulary.enums import CaseStatus
from casus.vocabulary.text_position import position_in

# Changing any of these after release withdraws the release (DESIGN.md, principle 4).
RELEASED_CONTENT = frozenset({*REVIEWED_FIELDS, "org_unit_id"})
_STATUS = "Status"


def withdraw(case: Case) -> bool:
    """Take the release back (the case is in progress again); whether there was one."""
    if case.status is CaseStatus.RELEASED:
        case.status = CaseStatus.IN_PROGRESS
        return True
    return False


def withdraw_if_changed(case: Case, changed: Iterable[str]) -> bool:
    return bool(RELEASED_CONTENT & set(changed)) and withdraw(case)


def refuse_release_by_status(case: Case, status: CaseStatus) -> None:
    """A status change may not release: that goes through the review, never around it."""
    if status is CaseStatus.RELEASED and case.status is not CaseStatus.RELEASED:
        raise ValidationError("status", _STATUS, "vrijgeven kan alleen na controle van de namen")


def require_complete(reviews: Sequence[FieldReview]) -> None:
    """Every text reviewed on its current wording, every proposal decided."""
    for review in reviews:
        label = REVIEWED_FIELDS[review.field]
        if review.stale and review.text:
            raise ValidationError(review.field, label, "is nog niet (opnieuw) gecontroleerd op namen")
        if review.undecided:
            raise ValidationError(
                review.field,
                label,
                f"heeft nog {counted(review.undecided, 'voorgestelde vervanging')} zonder besluit",
            )


def require_clean(findings: Sequence[Finding], texts: Mapping[str, str]) -> None:
    """The version for the meeting passes the gate; a finding is named by place and by
    sentence and word, never quoted."""
    if findings:
        where = "; ".join(
            f"{f.place}, {f.kind.label}, {position_in(texts.get(f.place, ''), f.start)}".rstrip(", ")
            for f in findings[:5]
        )
        raise ValidationError(
            "release",
            "Vrijgeven",
            f"de versie voor het overleg bevat nog {counted(len(findings), 'vondst')}: {where}",
        )
