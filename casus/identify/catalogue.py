"""The organisation units the engine knows, from the vault or from the default list."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from functools import lru_cache
from importlib import resources
from typing import Any

from casus.identify.case_input import KnownUnit
from casus.identify.folding import fold
from casus.vocabulary.enums import OrgUnitKind, Party

_DIRECTIE_KINDS = (OrgUnitKind.DIRECTORATE, OrgUnitKind.DISTRICT)


def units_from_rows(rows: Sequence[Any]) -> list[KnownUnit]:
    """KnownUnits from the vault's OrgUnitRows (services.org_units), ancestors resolved."""
    by_id = {row.id: row for row in rows}

    def ancestor(row: Any, kinds: tuple[OrgUnitKind, ...]) -> Any:
        current = by_id.get(row.parent_id) if row.parent_id is not None else None
        while current is not None and current.kind not in kinds:
            current = by_id.get(current.parent_id) if current.parent_id is not None else None
        return current

    units = []
    for row in rows:
        directie = (
            None if row.kind in (*_DIRECTIE_KINDS, OrgUnitKind.CLUSTER) else ancestor(row, _DIRECTIE_KINDS)
        )
        cluster = None if row.kind is OrgUnitKind.CLUSTER else ancestor(row, (OrgUnitKind.CLUSTER,))
        units.append(
            KnownUnit(
                id=str(row.id),
                kind=row.kind,
                name=row.name,
                abbreviations=tuple(row.abbreviations),
                alternative_names=tuple(row.alternative_names),
                directie_id=str(directie.id) if directie is not None else None,
                cluster_name=cluster.name if cluster is not None else None,
                headcount=row.headcount,
                meeting_party=row.meeting_party,
            )
        )
    return units


def default_units() -> list[KnownUnit]:
    """The default list (resources/org_units.json) as KnownUnits, with path-like ids."""
    data = json.loads(resources.files("casus.resources").joinpath("org_units.json").read_text("utf-8"))
    units: list[KnownUnit] = []
    for cluster in data["clusters"]:
        cluster_id = "c:" + cluster["name"]
        units.append(
            KnownUnit(
                cluster_id,
                OrgUnitKind.CLUSTER,
                cluster["name"],
                tuple(cluster["abbreviations"]),
                tuple(cluster["alternative_names"]),
            )
        )
        for directie in cluster["directies"]:
            directie_id = f"{cluster_id}/d:{directie['name']}"
            party = Party(directie["meeting_party"]) if directie["meeting_party"] else None
            units.append(
                KnownUnit(
                    directie_id,
                    OrgUnitKind(directie["kind"]),
                    directie["name"],
                    tuple(directie["abbreviations"]),
                    tuple(directie["alternative_names"]),
                    None,
                    cluster["name"],
                    directie["headcount"],
                    party,
                )
            )
            for team in directie["teams"]:
                units.append(
                    KnownUnit(
                        f"{directie_id}/t:{team['name']}",
                        OrgUnitKind.TEAM,
                        team["name"],
                        tuple(team.get("abbreviations", ())),
                        (),
                        directie_id,
                        cluster["name"],
                        team["headcount"],
                    )
                )
    return units


@lru_cache(maxsize=4096)
def _folded(name: str) -> str:
    return fold(name)


def find_unit(
    units: Iterable[KnownUnit], name: str, kinds: Iterable[OrgUnitKind], directie_id: str | None = None
) -> KnownUnit | None:
    wanted = _folded(name)
    allowed = tuple(kinds)
    for unit in units:
        if (
            unit.kind in allowed
            and _folded(unit.name) == wanted
            and (directie_id is None or unit.directie_id == directie_id)
        ):
            return unit
    return None
