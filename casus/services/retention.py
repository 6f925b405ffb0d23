"""How long a case is kept: a period per outcome, set in the vault (table `vault_setting`),
applied when a case is closed (issue 15). A period is counted in whole months from the day
the case was closed; the owner can still set another date on the case itself.

The defaults follow what Dutch municipalities commonly keep for integrity and discrimination
files: five years after an established violation (the file may be needed for a later
measure), two years otherwise; the owner sets the vault's own.
"""

from __future__ import annotations

import calendar
import datetime as dt
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from casus import validation as v
from casus.errors import ValidationError
from casus.model import Case, RepairAdvice, VaultSetting
from casus.services.audit import record
from casus.vocabulary.enums import RetentionOutcome

if TYPE_CHECKING:
    from casus.vault import Vault

DEFAULT_MONTHS = {
    RetentionOutcome.NO_VIOLATION: 24,
    RetentionOutcome.VIOLATION: 60,
    RetentionOutcome.REPAIR_ONLY: 24,
}
MAX_MONTHS = 1200
_SETTING = "retention_months."


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, or that month's last day where it has fewer days."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def outcome_of(session: Session, case: Case) -> RetentionOutcome:
    if case.violation_established:
        return RetentionOutcome.VIOLATION
    advised = session.scalar(select(RepairAdvice.id).where(RepairAdvice.case_id == case.id).limit(1))
    return RetentionOutcome.REPAIR_ONLY if advised is not None else RetentionOutcome.NO_VIOLATION


def months_for(session: Session, outcome: RetentionOutcome) -> int:
    setting = session.get(VaultSetting, _SETTING + outcome.value)
    return setting.value if setting is not None else DEFAULT_MONTHS[outcome]


def retention_on_close(session: Session, case: Case, closed_on: dt.date) -> dt.date:
    """The date a case closed today is kept until, by the vault's rule for its outcome."""
    return add_months(closed_on, months_for(session, outcome_of(session, case)))


class RetentionService:
    def __init__(self, vault: Vault) -> None:
        self.vault = vault

    def rules(self) -> dict[RetentionOutcome, int]:
        with self.vault.session() as session:
            return {outcome: months_for(session, outcome) for outcome in RetentionOutcome}

    def set_months(self, outcome: RetentionOutcome | str, months: int | str) -> None:
        kind = v.clean_enum(RetentionOutcome, outcome, "outcome", "Uitkomst")
        try:
            value = int(months)
        except (TypeError, ValueError):
            value = -1
        if not 1 <= value <= MAX_MONTHS:
            raise ValidationError("months", "Bewaartermijn", f"moet 1 tot en met {MAX_MONTHS} maanden zijn")
        with self.vault.session() as session:
            setting = session.get(VaultSetting, _SETTING + kind.value)
            if setting is None:
                session.add(VaultSetting(name=_SETTING + kind.value, value=value))
            else:
                setting.value = value
            record(session, self.vault.actor, "update", "vault", 1, ["retention"])

    def apply(self, today: dt.date | None = None) -> int:
        """Gives every closed case without a date one, by its outcome, counted from today (the
        day it was closed is not kept); how many."""
        from casus.vocabulary.enums import CaseStatus

        today = today or dt.date.today()
        with self.vault.session() as session:
            open_ended = session.scalars(
                select(Case).where(Case.status == CaseStatus.CLOSED, Case.retention_date.is_(None))
            ).all()
            for case in open_ended:
                case.retention_date = retention_on_close(session, case, today)
            if open_ended:
                record(session, self.vault.actor, "retention", "vault", 1, ["retention_date"])
            return len(open_ended)

    def past(self, today: dt.date | None = None) -> list[tuple[int, str, dt.date]]:
        """(internal id, reference, date) of every case kept beyond its date."""
        with self.vault.session() as session:
            return kept_too_long(session, today or dt.date.today())


def kept_too_long(session: Session, today: dt.date) -> list[tuple[int, str, dt.date]]:
    """The one query the home view and `casus retention` share."""
    from casus.vocabulary.enums import CaseStatus

    rows = session.execute(
        select(Case.id, Case.reference, Case.retention_date)
        .where(Case.retention_date < today, Case.status != CaseStatus.DESTROYED)
        .order_by(Case.retention_date)
    ).all()
    return [(case_id, reference, until) for case_id, reference, until in rows if until is not None]
