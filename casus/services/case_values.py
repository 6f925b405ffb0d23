"""A case as the services hand it out: plain frozen values with everything a form shows, read
in one session. Nothing here can write back or load a relation late."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from casus.model import Case, Intervention, Involvement, RepairAdvice
from casus.vocabulary.enums import (
    BehaviourCategory,
    CaseStatus,
    Channel,
    Ground,
    InterventionStatus,
    InterventionType,
    Party,
    RepairStatus,
    RepairType,
    Role,
)


@dataclass(frozen=True)
class PersonOnCase:
    """One person's part in the case (an involvement) with what is registered of them."""

    id: int  # the involvement
    key: str  # "p1": stable within the case; the pseudonymiser resolves to it
    role: Role
    person_id: int
    name: str
    function: str | None
    salary_scale: int | None
    email: str | None
    phone: str | None
    employee_number: str | None


@dataclass(frozen=True)
class InterventionEntry:
    id: int
    type: InterventionType
    status: InterventionStatus
    note: str
    decided_on: dt.date | None
    deciding_role: str | None


@dataclass(frozen=True)
class RepairEntry:
    id: int
    type: RepairType
    addressed_to: Role
    status: RepairStatus
    rationale: str
    follow_up_date: dt.date | None


@dataclass(frozen=True)
class CaseView:
    id: int
    reference: str
    status: CaseStatus
    channel: Channel
    received: dt.date
    incident_date: dt.date | None
    category: BehaviourCategory
    grounds: tuple[Ground, ...]
    anonymous: bool
    org_unit_id: int | None
    owner_party: Party | None
    facts: str
    question: str
    prior_advice: str
    involvements: tuple[PersonOnCase, ...]
    interventions: tuple[InterventionEntry, ...]
    repair_advice: tuple[RepairEntry, ...]
    violation_established: bool | None = None
    retention_date: dt.date | None = None
    receipt_told_on: dt.date | None = None
    outcome_told_on: dt.date | None = None


def _person(involvement: Involvement) -> PersonOnCase:
    person = involvement.person
    return PersonOnCase(
        involvement.id, involvement.key, involvement.role, involvement.person_id, person.name,
        involvement.function, involvement.salary_scale, person.email, person.phone, person.employee_number,
    )  # fmt: skip


def _intervention(item: Intervention) -> InterventionEntry:
    return InterventionEntry(item.id, item.type, item.status, item.note, item.decided_on, item.deciding_role)


def _repair(item: RepairAdvice) -> RepairEntry:
    return RepairEntry(
        item.id, item.type, item.addressed_to, item.status, item.rationale, item.follow_up_date
    )


def case_view(case: Case) -> CaseView:
    return CaseView(
        id=case.id,
        reference=case.reference,
        status=case.status,
        channel=case.channel,
        received=case.received,
        incident_date=case.incident_date,
        category=case.category,
        grounds=tuple(case.ground_values),
        anonymous=case.anonymous,
        org_unit_id=case.org_unit_id,
        owner_party=case.owner_party,
        facts=case.facts,
        question=case.question,
        prior_advice=case.prior_advice,
        involvements=tuple(_person(i) for i in case.involvements),
        interventions=tuple(_intervention(i) for i in case.interventions),
        repair_advice=tuple(_repair(a) for a in case.repair_advice),
        violation_established=case.violation_established,
        retention_date=case.retention_date,
        receipt_told_on=case.receipt_told_on,
        outcome_told_on=case.outcome_told_on,
    )
