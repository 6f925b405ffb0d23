"""The figures of the report, asked of the database as counts (GROUP BY): no case row, text or
person is read to make them, and a large vault costs a few grouped queries, not a full read.

Every count is of cases received in the period (interventions and advice: of those cases).
The channel is counted as given; whether a channel is external is the vocabulary's
(Channel.is_external), so the report's "Intern/Extern" split is decided in one place.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import Integer, cast, func, select

from casus.model import Case, CaseGround, Intervention, OrgUnit, RepairAdvice
from casus.services.feedback import feedback_counts
from casus.vocabulary.enums import (
    BehaviourCategory,
    Channel,
    Ground,
    InterventionStatus,
    InterventionType,
    OrgUnitKind,
    RepairStatus,
    RepairType,
)

if TYPE_CHECKING:
    from casus.vault import Vault

UNKNOWN_CLUSTER = "Onbekend"


@dataclass(frozen=True)
class ReportFigures:
    by_quarter: Counter[tuple[str, Channel]]  # ("2025 K2", channel)
    by_category: Counter[tuple[BehaviourCategory, Channel]]
    by_ground: Counter[tuple[Ground, Channel]]
    by_established: Counter[tuple[bool | None, Channel]]
    by_intervention: Counter[tuple[InterventionType, InterventionStatus]]
    by_advice: Counter[tuple[RepairType, RepairStatus]]
    by_cluster: Counter[tuple[str, Channel]]  # the cluster's name, or UNKNOWN_CLUSTER
    # Terugkoppeling: ("Ontvangst" or "Uitkomst", "Op tijd", "Te laat" or "Nog niet").
    by_feedback: Counter[tuple[str, str]] = field(default_factory=Counter)


class ReportService:
    def __init__(self, vault: Vault) -> None:
        self.vault = vault

    def figures(self, first: dt.date, last: dt.date) -> ReportFigures:
        in_period = (Case.received >= first) & (Case.received <= last)
        with self.vault.session() as session:

            def counted(*columns: Any, joined: Any = None) -> Counter[Any]:
                query = select(*columns, func.count()).where(in_period)
                if joined is not None:
                    query = query.join(Case, joined.case_id == Case.id)
                rows = session.execute(query.group_by(*columns)).all()
                return Counter({tuple(row[:-1]): row[-1] for row in rows})

            year = func.strftime("%Y", Case.received)
            quarter_number = (cast(func.strftime("%m", Case.received), Integer) + 2) // 3
            quarters = counted(year, quarter_number, Case.channel)
            units = {u.id: (u.kind, u.parent_id, u.name) for u in session.scalars(select(OrgUnit))}
            by_unit = counted(Case.org_unit_id, Case.channel)
            return ReportFigures(
                by_quarter=Counter({(f"{y} K{q}", c): n for (y, q, c), n in quarters.items()}),
                by_category=counted(Case.category, Case.channel),
                by_ground=counted(CaseGround.ground, Case.channel, joined=CaseGround),
                by_established=counted(Case.violation_established, Case.channel),
                by_intervention=counted(Intervention.type, Intervention.status, joined=Intervention),
                by_advice=counted(RepairAdvice.type, RepairAdvice.status, joined=RepairAdvice),
                by_cluster=_by_cluster(by_unit, units),
                by_feedback=feedback_counts(session, first, last),
            )


def _by_cluster(
    by_unit: Counter[tuple[int | None, Channel]], units: dict[int, tuple[OrgUnitKind, int | None, str]]
) -> Counter[tuple[str, Channel]]:
    def cluster_of(unit_id: int | None) -> str:
        seen: set[int] = set()
        while unit_id is not None and unit_id in units and unit_id not in seen:
            seen.add(unit_id)
            kind, parent, name = units[unit_id]
            if kind is OrgUnitKind.CLUSTER:
                return name
            unit_id = parent
        return UNKNOWN_CLUSTER

    clusters: Counter[tuple[str, Channel]] = Counter()
    for (unit_id, channel), count in by_unit.items():
        clusters[(cluster_of(unit_id), channel)] += count
    return clusters
