"""Organisation units: cluster > directie (a stadsdeel is a directie) > team."""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from casus import validation as v
from casus.errors import ValidationError
from casus.model import Case, OrgUnit
from casus.services.audit import apply_changes, record
from casus.services.lookup import required
from casus.vocabulary.enums import OrgUnitKind, Party

if TYPE_CHECKING:
    from casus.vault import Vault

_ALLOWED_PARENT = {
    OrgUnitKind.CLUSTER: (None,),
    OrgUnitKind.DIRECTORATE: (OrgUnitKind.CLUSTER,),
    OrgUnitKind.DISTRICT: (OrgUnitKind.CLUSTER,),
    OrgUnitKind.DEPARTMENT: (OrgUnitKind.DIRECTORATE, OrgUnitKind.DISTRICT),
    OrgUnitKind.TEAM: (OrgUnitKind.DIRECTORATE, OrgUnitKind.DISTRICT, OrgUnitKind.DEPARTMENT),
}


@dataclass
class OrgUnitDraft:
    kind: OrgUnitKind | str
    name: str
    parent_id: int | None = None
    abbreviations: list[str] | None = None
    alternative_names: list[str] | None = None
    headcount: int | None = None
    meeting_party: Party | str | None = None


@dataclass(frozen=True)
class OrgUnitRow:
    id: int
    kind: OrgUnitKind
    name: str
    parent_id: int | None
    abbreviations: tuple[str, ...]
    alternative_names: tuple[str, ...]
    headcount: int | None
    meeting_party: Party | None


def _clean(draft: OrgUnitDraft) -> dict[str, Any]:
    return {
        "kind": v.clean_enum(OrgUnitKind, draft.kind, "kind", "Soort"),
        "name": v.clean_text(
            draft.name, "name", "Naam", max_length=v.NAME_MAX, required=True, multiline=False
        ),
        "parent_id": draft.parent_id,
        "abbreviations": v.clean_names(draft.abbreviations, "abbreviations", "Afkortingen"),
        "alternative_names": v.clean_names(draft.alternative_names, "alternative_names", "Andere namen"),
        "headcount": v.clean_count(draft.headcount, "headcount", "Aantal medewerkers"),
        "meeting_party": v.clean_optional_enum(Party, draft.meeting_party, "meeting_party", "Overlegpartij"),
    }


def _check_parent(session: Session, kind: OrgUnitKind, parent_id: int | None) -> None:
    parent = session.get(OrgUnit, parent_id) if parent_id is not None else None
    if parent_id is not None and parent is None:
        raise ValidationError("parent_id", "Valt onder", "bestaat niet")
    parent_kind = parent.kind if parent else None
    if parent_kind not in _ALLOWED_PARENT[kind]:
        raise ValidationError("parent_id", "Valt onder", "past niet bij deze soort onderdeel")


def _find(session: Session, name: str, parent_id: int | None) -> OrgUnit | None:
    same_parent = OrgUnit.parent_id.is_(None) if parent_id is None else OrgUnit.parent_id == parent_id
    return session.scalars(select(OrgUnit).where(OrgUnit.name == name, same_parent)).first()


def add_unit(session: Session, actor: str, values: dict[str, Any]) -> OrgUnit:
    _check_parent(session, values["kind"], values["parent_id"])
    if _find(session, values["name"], values["parent_id"]) is not None:
        raise ValidationError("name", "Naam", "bestaat al op deze plek")
    unit = OrgUnit(**values)
    session.add(unit)
    session.flush()
    record(session, actor, "create", "org_unit", unit.id, values)
    return unit


def ensure_unit_path(
    session: Session,
    actor: str,
    cluster: str | None,
    directorate: str | None,
    abbreviation: str | None,
    team: str | None,
) -> int | None:
    """The most specific unit of a cluster/directie/team path, adding what is missing
    (used by the import). Returns None when the path is empty."""
    parent: OrgUnit | None = None
    steps: list[tuple[OrgUnitKind, str | None, str, str]] = [
        (OrgUnitKind.CLUSTER, cluster, "cluster", "Cluster"),
        (OrgUnitKind.DIRECTORATE, directorate, "directorate", "Directie"),
        (OrgUnitKind.TEAM, team, "team", "Team"),
    ]
    for kind, raw_name, field, label in steps:
        name = v.optional_line(raw_name, field, label, v.NAME_MAX)
        if name is None:
            continue
        if kind is OrgUnitKind.DIRECTORATE and name.lower().startswith("stadsdeel "):
            kind = OrgUnitKind.DISTRICT
        if kind is OrgUnitKind.TEAM and parent is None:
            raise ValidationError(field, label, "een team hoort bij een directie")
        parent_id = parent.id if parent else None
        unit = _find(session, name, parent_id)
        if unit is None and parent is None and kind is not OrgUnitKind.CLUSTER:
            # A directie given without its cluster: use the one the vault already knows.
            unit = session.scalars(select(OrgUnit).where(OrgUnit.name == name, OrgUnit.kind == kind)).first()
        if unit is None:
            values: dict[str, Any] = {
                "kind": kind,
                "name": name,
                "parent_id": parent_id,
                "abbreviations": [],
                "alternative_names": [],
                "headcount": None,
                "meeting_party": None,
            }
            if kind in (OrgUnitKind.DIRECTORATE, OrgUnitKind.DISTRICT):
                values["abbreviations"] = v.clean_names(
                    [abbreviation] if abbreviation else [], "abbreviation", "Afkorting"
                )
            unit = add_unit(session, actor, values)
        elif abbreviation and kind in (OrgUnitKind.DIRECTORATE, OrgUnitKind.DISTRICT):
            known = v.clean_names([abbreviation], "abbreviation", "Afkorting")
            if known and known[0] not in unit.abbreviations:
                unit.abbreviations = [*unit.abbreviations, known[0]]
        parent = unit
    return parent.id if parent else None


class OrgUnitService:
    def __init__(self, vault: Vault) -> None:
        self.vault = vault

    def load_defaults(self) -> int:
        """Load resources/org_units.json (a starting point, editable afterwards)."""
        data = json.loads(resources.files("casus.resources").joinpath("org_units.json").read_text("utf-8"))
        added = 0
        with self.vault.session() as session:
            for cluster in data["clusters"]:
                c = add_unit(
                    session,
                    self.vault.actor,
                    _clean(
                        OrgUnitDraft(
                            OrgUnitKind.CLUSTER,
                            cluster["name"],
                            None,
                            cluster["abbreviations"],
                            cluster["alternative_names"],
                        )
                    ),
                )
                added += 1
                for directie in cluster["directies"]:
                    d = add_unit(
                        session,
                        self.vault.actor,
                        _clean(
                            OrgUnitDraft(
                                directie["kind"],
                                directie["name"],
                                c.id,
                                directie["abbreviations"],
                                directie["alternative_names"],
                                directie["headcount"],
                                directie["meeting_party"],
                            )
                        ),
                    )
                    added += 1
                    for team in directie["teams"]:
                        add_unit(
                            session,
                            self.vault.actor,
                            _clean(
                                OrgUnitDraft(
                                    OrgUnitKind.TEAM,
                                    team["name"],
                                    d.id,
                                    team.get("abbreviations"),
                                    headcount=team["headcount"],
                                )
                            ),
                        )
                        added += 1
        return added

    def list(self) -> list[OrgUnitRow]:
        with self.vault.session() as session:
            return [
                OrgUnitRow(
                    u.id,
                    u.kind,
                    u.name,
                    u.parent_id,
                    tuple(u.abbreviations),
                    tuple(u.alternative_names),
                    u.headcount,
                    u.meeting_party,
                )
                for u in session.scalars(select(OrgUnit).order_by(OrgUnit.parent_id, OrgUnit.name))
            ]

    def create(self, draft: OrgUnitDraft) -> int:
        values = _clean(draft)
        with self.vault.session() as session:
            return add_unit(session, self.vault.actor, values).id

    def update(self, unit_id: int, draft: OrgUnitDraft) -> None:
        values = _clean(draft)
        with self.vault.session() as session:
            unit = required(session, OrgUnit, unit_id)
            _check_parent(session, values["kind"], values["parent_id"])
            if values["parent_id"] == unit_id:
                raise ValidationError("parent_id", "Valt onder", "kan niet het onderdeel zelf zijn")
            changed = apply_changes(unit, values)
            if changed:
                record(session, self.vault.actor, "update", "org_unit", unit_id, changed)

    def delete(self, unit_id: int) -> None:
        with self.vault.session() as session:
            unit = required(session, OrgUnit, unit_id)
            if unit.children or session.scalar(select(Case.id).where(Case.org_unit_id == unit_id).limit(1)):
                raise ValidationError(
                    "id", "Organisatieonderdeel", "is nog in gebruik door onderdelen of casussen"
                )
            session.delete(unit)
            record(session, self.vault.actor, "delete", "org_unit", unit_id)
