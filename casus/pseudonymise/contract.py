"""The `casus pseudonymise` contract (../shared/corpus/README.md): a case as a JSON line in,
its pseudonymised texts and spans as a JSON line out."""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

from casus.case_line import LineError, as_dict, read_case_line
from casus.identify.case_input import TEXT_FIELDS, CaseInput, KnownUnit, RegisteredPerson
from casus.identify.catalogue import find_unit
from casus.pseudonymise.engine import CaseResult
from casus.vocabulary.corpus_format import ROLES
from casus.vocabulary.enums import OrgUnitKind


class ContractError(ValueError):
    """A line that does not follow the contract; the message names the field, not its value."""


def _text(value: Any, field: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ContractError(f"{field} moet tekst zijn")
    return value


def own_unit(case: dict[str, Any], units: list[KnownUnit]) -> tuple[str | None, list[KnownUnit]]:
    """The case's unit id, adding to `units` what the catalogue did not know yet."""
    org = case.get("org_unit")
    if not isinstance(org, dict) or not org.get("directie"):
        return None, []
    added: list[KnownUnit] = []
    name = str(org["directie"])
    abbreviation = org.get("abbreviation")
    directie = find_unit(units, name, (OrgUnitKind.DIRECTORATE, OrgUnitKind.DISTRICT))
    if directie is None:
        kind = OrgUnitKind.DISTRICT if name.lower().startswith("stadsdeel") else OrgUnitKind.DIRECTORATE
        directie = KnownUnit(f"case:{name}", kind, name, cluster_name=org.get("cluster") or None)
        added.append(directie)
    if abbreviation and abbreviation not in directie.abbreviations:
        updated = replace(directie, abbreviations=(*directie.abbreviations, str(abbreviation)))
        added = [u for u in added if u.id != directie.id] + [updated]
        directie = updated
    team_name = org.get("team")
    if not team_name:
        return directie.id, added
    team = find_unit(units, str(team_name), (OrgUnitKind.TEAM, OrgUnitKind.DEPARTMENT), directie.id)
    if team is None:
        team = KnownUnit(
            f"{directie.id}/t:{team_name}",
            OrgUnitKind.TEAM,
            str(team_name),
            directie_id=directie.id,
            cluster_name=directie.cluster_name,
        )
        added.append(team)
    return team.id, added


def case_from_line(line: str | bytes | dict[str, Any]) -> tuple[CaseInput, dict[str, Any]]:
    """The case of one line, read by the schema `casus import` reads it with
    (casus.case_line); ContractError (Dutch, naming the field) for a line it refuses. A dict
    (a benchmark's or test's case) is read as the JSON it stands for."""
    if isinstance(line, dict):
        line = json.dumps(line, ensure_ascii=False)
    try:
        case = read_case_line(line)
    except LineError as error:
        raise ContractError(str(error)) from None
    persons = tuple(
        RegisteredPerson(
            key=person.key or f"p{number}",
            role=ROLES[person.role],
            name=person.name or "",
            email=person.email or None,
            phone=person.phone or None,
            employee_number=str(person.employee_number) if person.employee_number is not None else None,
            function=person.function or None,
            salary_scale=person.scale,
        )
        for number, person in enumerate(case.persons, 1)
    )
    texts = {field: getattr(case, field) or "" for field in TEXT_FIELDS}
    return CaseInput(case.id, persons, texts), as_dict(case)


def result_to_line(result: CaseResult) -> dict[str, Any]:
    return {
        "id": result.case_id,
        "fields": {
            name: {
                "text": field.text,
                "spans": [
                    {
                        "start": s.start,
                        "end": s.end,
                        "kind": s.kind.value,
                        "ref": s.ref,
                        "replacement": s.replacement,
                    }
                    for s in field.spans
                ],
            }
            for name, field in result.fields.items()
        },
    }
