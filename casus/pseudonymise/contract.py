"""The `casus pseudonymise` contract (../shared/corpus/README.md): a case as a JSON line in,
its pseudonymised texts and spans as a JSON line out."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from casus.corpus_format import ROLES
from casus.identify.case_input import TEXT_FIELDS, CaseInput, KnownUnit, RegisteredPerson
from casus.identify.catalogue import find_unit
from casus.model.enums import OrgUnitKind
from casus.pseudonymise.engine import CaseResult


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


def case_from_line(case: Any) -> tuple[CaseInput, dict[str, Any]]:
    if not isinstance(case, dict) or not isinstance(case.get("id"), str | int):
        raise ContractError("elke regel moet een object met een id zijn")
    persons = []
    for number, person in enumerate(case.get("persons") or [], 1):
        if not isinstance(person, dict) or not person.get("key") or not person.get("name"):
            raise ContractError(f"persoon {number} mist key of name")
        role = ROLES.get(str(person.get("role")))
        if role is None:
            raise ContractError(f"persoon {number} heeft een onbekende rol")
        scale = person.get("scale")
        persons.append(
            RegisteredPerson(
                key=str(person["key"]),
                role=role,
                name=str(person["name"]),
                email=person.get("email") or None,
                phone=person.get("phone") or None,
                employee_number=str(person["employee_number"]) if person.get("employee_number") else None,
                function=person.get("function") or None,
                salary_scale=scale if isinstance(scale, int) else None,
            )
        )
    texts = {field: _text(case.get(field), field) for field in TEXT_FIELDS}
    return CaseInput(str(case["id"]), tuple(persons), texts), case


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
