"""What was done about a case: interventions (maatregelen) and heling-en-herstel advice."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from casus import validation as v
from casus.model import Case, Intervention, RepairAdvice
from casus.services.audit import apply_changes, record
from casus.services.lookup import required
from casus.vocabulary.enums import InterventionStatus, InterventionType, RepairStatus, RepairType, Role

if TYPE_CHECKING:
    from casus.vault import Vault

InterventionOrAdvice = Intervention | RepairAdvice


@dataclass
class InterventionDraft:
    type: InterventionType | str
    status: InterventionStatus | str = InterventionStatus.PLANNED
    decided_on: dt.date | str | None = None
    deciding_role: str | None = None
    note: str = ""


@dataclass
class RepairAdviceDraft:
    type: RepairType | str
    addressed_to: Role | str
    rationale: str = ""
    follow_up_date: dt.date | str | None = None
    status: RepairStatus | str = RepairStatus.ISSUED


def _clean_intervention(draft: InterventionDraft) -> dict[str, Any]:
    return {
        "type": v.clean_enum(InterventionType, draft.type, "type", "Soort maatregel"),
        "status": v.clean_enum(InterventionStatus, draft.status, "status", "Status"),
        "decided_on": v.clean_date(draft.decided_on, "decided_on", "Besloten op"),
        "deciding_role": v.optional_line(
            draft.deciding_role, "deciding_role", "Besloten door", v.SHORT_TEXT_MAX
        ),
        "note": v.clean_text(draft.note, "note", "Toelichting", max_length=v.LONG_TEXT_MAX),
    }


def _clean_repair(draft: RepairAdviceDraft) -> dict[str, Any]:
    return {
        "type": v.clean_enum(RepairType, draft.type, "type", "Soort advies"),
        "addressed_to": v.clean_enum(Role, draft.addressed_to, "addressed_to", "Gericht aan"),
        "rationale": v.clean_text(draft.rationale, "rationale", "Onderbouwing", max_length=v.LONG_TEXT_MAX),
        # A follow-up is planned, so it may lie ahead.
        "follow_up_date": v.clean_date(
            draft.follow_up_date, "follow_up_date", "Opvolgen op", allow_future=True
        ),
        "status": v.clean_enum(RepairStatus, draft.status, "status", "Status"),
    }


class InterventionService:
    def __init__(self, vault: Vault) -> None:
        self.vault = vault

    def add_intervention(self, case_id: int, draft: InterventionDraft) -> int:
        return self._add(Intervention, "intervention", case_id, _clean_intervention(draft))

    def update_intervention(self, intervention_id: int, draft: InterventionDraft) -> None:
        self._update(Intervention, "intervention", intervention_id, _clean_intervention(draft))

    def add_repair_advice(self, case_id: int, draft: RepairAdviceDraft) -> int:
        return self._add(RepairAdvice, "repair_advice", case_id, _clean_repair(draft))

    def update_repair_advice(self, advice_id: int, draft: RepairAdviceDraft) -> None:
        self._update(RepairAdvice, "repair_advice", advice_id, _clean_repair(draft))

    def _add(
        self, kind: type[InterventionOrAdvice], entity: str, case_id: int, values: dict[str, Any]
    ) -> int:
        with self.vault.session() as session:
            required(session, Case, case_id)
            item = kind(case_id=case_id, **values)
            session.add(item)
            session.flush()
            record(session, self.vault.actor, "create", entity, item.id, values)
            return item.id

    def _update(
        self, kind: type[InterventionOrAdvice], entity: str, item_id: int, values: dict[str, Any]
    ) -> None:
        with self.vault.session() as session:
            item = required(session, kind, item_id)
            changed = apply_changes(item, values)
            if changed:
                record(session, self.vault.actor, "update", entity, item_id, changed)
