"""Terugkoppeling: telling the melder in time that the report was received, and what came of
it (issue 15). The terms are the vault's own (table `vault_setting`); the defaults are those
the Wet bescherming klokkenluiders sets for a report: receipt confirmed within seven days,
the outcome within three months of that (here: of receipt, which is never later). An
anonymous melder cannot be told, and is not listed.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from casus.errors import ValidationError
from casus.model import Case, VaultSetting
from casus.services.audit import record
from casus.vocabulary.enums import CaseStatus

if TYPE_CHECKING:
    from casus.vault import Vault

NOTICE_DAYS = 7  # listed this long before it is due
# Listed while the case is open; a closed case that was never told still counts in the report.
OPEN = (CaseStatus.NEW, CaseStatus.IN_PROGRESS, CaseStatus.RELEASED, CaseStatus.DISCUSSED)
MAX_DAYS = 730
_SETTING = "feedback_days."


class FeedbackKind(Enum):
    """What the melder is told, with the words the home view and the report use."""

    RECEIPT = "ontvangst"
    OUTCOME = "uitkomst"

    @property
    def default_days(self) -> int:
        return 7 if self is FeedbackKind.RECEIPT else 91


class FeedbackState(Enum):
    ON_TIME = "Op tijd"
    LATE = "Te laat"
    NOT_YET = "Nog niet"


@dataclass(frozen=True)
class FeedbackDue:
    case_id: int
    reference: str
    kind: FeedbackKind
    due: dt.date


def days_for(session: Session, kind: FeedbackKind) -> int:
    setting = session.get(VaultSetting, _SETTING + kind.name.lower())
    return setting.value if setting is not None else kind.default_days


def _told(receipt: dt.date | None, outcome: dt.date | None, kind: FeedbackKind) -> dt.date | None:
    return receipt if kind is FeedbackKind.RECEIPT else outcome


class FeedbackService:
    def __init__(self, vault: Vault) -> None:
        self.vault = vault

    def terms(self) -> dict[FeedbackKind, int]:
        with self.vault.session() as session:
            return {kind: days_for(session, kind) for kind in FeedbackKind}

    def set_days(self, kind: FeedbackKind | str, days: int | str) -> None:
        """`kind` as the enum or its Dutch word ("ontvangst", "uitkomst"), `days` as a number
        or its text: the window and the command line are checked alike."""
        chosen = next((k for k in FeedbackKind if kind in (k, k.value)), None)
        if chosen is None:
            raise ValidationError("kind", "Terugkoppeling", "kies ontvangst of uitkomst")
        try:
            number = int(days)
        except (TypeError, ValueError):
            raise ValidationError("days", "Termijn", "geef een heel aantal dagen") from None
        if not 1 <= number <= MAX_DAYS:
            raise ValidationError("days", "Termijn", f"moet 1 tot en met {MAX_DAYS} dagen zijn")
        with self.vault.session() as session:
            name = _SETTING + chosen.name.lower()
            setting = session.get(VaultSetting, name)
            if setting is None:
                session.add(VaultSetting(name=name, value=number))
            else:
                setting.value = number
            record(session, self.vault.actor, "update", "vault", 1, ["feedback_terms"])

    def due(self, today: dt.date | None = None) -> list[FeedbackDue]:
        """What must still be told and is due within NOTICE_DAYS or late, the earliest first."""
        with self.vault.session() as session:
            return feedback_due(session, today or dt.date.today())


def feedback_due(session: Session, today: dt.date) -> list[FeedbackDue]:
    """In the caller's session: the home view reads everything in one."""
    terms = {kind: days_for(session, kind) for kind in FeedbackKind}
    rows = session.execute(
        select(Case.id, Case.reference, Case.received, Case.receipt_told_on, Case.outcome_told_on)
        .where(Case.anonymous.is_(False), Case.status.in_(OPEN))
        .where(Case.receipt_told_on.is_(None) | Case.outcome_told_on.is_(None))
    ).all()
    found = [
        FeedbackDue(case_id, reference, kind, due)
        for case_id, reference, received, receipt, outcome in rows
        for kind, due in owed(received, receipt, outcome, terms, today)
    ]
    return sorted(found, key=lambda item: (item.due, item.reference))


def owed(
    received: dt.date,
    receipt: dt.date | None,
    outcome: dt.date | None,
    terms: dict[FeedbackKind, int],
    today: dt.date,
) -> list[tuple[FeedbackKind, dt.date]]:
    """What one open case's melder must still be told, due within NOTICE_DAYS or late: the
    rule the home view and the case's own outcome tab share."""
    horizon = today + dt.timedelta(days=NOTICE_DAYS)
    found = []
    for kind in FeedbackKind:
        due = received + dt.timedelta(days=terms[kind])
        if _told(receipt, outcome, kind) is None and due <= horizon:
            found.append((kind, due))
    return found


def feedback_counts(session: Session, first: dt.date, last: dt.date) -> Counter[tuple[str, str]]:
    """For the report: per kind, how many of the period's cases were told on time, late, or
    not yet (anonymous reports left out). Counts only."""
    terms = {kind: days_for(session, kind) for kind in FeedbackKind}
    rows = session.execute(
        select(Case.received, Case.receipt_told_on, Case.outcome_told_on).where(
            Case.received >= first, Case.received <= last, Case.anonymous.is_(False)
        )
    ).all()
    counts: Counter[tuple[str, str]] = Counter()
    for received, receipt, outcome in rows:
        for kind in FeedbackKind:
            told, due = _told(receipt, outcome, kind), received + dt.timedelta(days=terms[kind])
            state = (
                FeedbackState.NOT_YET
                if told is None
                else (FeedbackState.ON_TIME if told <= due else FeedbackState.LATE)
            )
            counts[(kind.value.capitalize(), state.value)] += 1
    return counts
