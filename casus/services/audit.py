"""The audit trail: who did what, when, inside the vault only."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from casus.model import AuditEvent

if TYPE_CHECKING:
    from casus.vault import Vault


def record(
    session: Session,
    actor: str,
    action: str,
    entity: str,
    entity_id: int | None,
    fields: Iterable[str] = (),
) -> None:
    """Add an audit event to the caller's transaction: it commits, or vanishes, with the change."""
    session.add(
        AuditEvent(
            actor=actor[:100],
            action=action,
            entity=entity,
            entity_id=entity_id,
            fields=sorted(set(fields)),
        )
    )


def apply_changes(entity: object, values: dict[str, object]) -> list[str]:
    """Set the values that differ on `entity`; returns their names, for the audit event."""
    changed = [name for name, value in values.items() if getattr(entity, name) != value]
    for name in changed:
        setattr(entity, name, values[name])
    return changed


@dataclass(frozen=True)
class AuditEntry:
    at: dt.datetime
    actor: str
    action: str
    entity: str
    entity_id: int | None
    fields: tuple[str, ...]


class AuditService:
    def __init__(self, vault: Vault) -> None:
        self.vault = vault

    def history(self, entity: str | None = None, entity_id: int | None = None) -> list[AuditEntry]:
        query = select(AuditEvent).order_by(AuditEvent.id)
        if entity is not None:
            query = query.where(AuditEvent.entity == entity)
        if entity_id is not None:
            query = query.where(AuditEvent.entity_id == entity_id)
        with self.vault.session() as session:
            return [
                AuditEntry(e.at, e.actor, e.action, e.entity, e.entity_id, tuple(e.fields))
                for e in session.scalars(query)
            ]
