"""Warnings for what points to one person or to the meeting itself without naming anyone.

A specific function, a salary scale and a small unit together can identify a person
even when every name is replaced; a case from the directie of a party at the table is
recognisable to that party. Casus warns before release and offers coarser values.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from casus.identify.case_input import KnownUnit, RegisteredPerson
from casus.pseudonymise.replacement import PseudonymBook

# A unit this small makes a function and scale close to a name.
SMALL_UNIT = 50
_SCALE_BANDS = ((1, 5), (6, 8), (9, 11), (12, 14), (15, 18))
_FUNCTION_FAMILIES = (
    (("directeur", "manager", "teamleider", "leidinggevende", "coördinator", "coordinator", "hoofd"),
     "leidinggevende functie"),
    (("handhav", "toezicht", "boa", "inspect", "controleur"), "functie in toezicht en handhaving"),
    (("adviseur", "beleid", "analist", "controller", "jurist", "juridisch", "projectleider",
      "projectmanager"), "adviserende functie"),
    (("ict", "werkplek", "servicedesk", "data", "developer", "beheerder", "informatie"), "functie in ICT"),
    (("balie", "klantcontact", "loket", "consulent", "hulpverlener", "trouwambtenaar"),
     "functie in dienstverlening"),
    (("beveilig", "schoonma", "catering", "facilit", "bode", "chauffeur", "vuilophaal", "reiniging",
      "monteur"), "functie in uitvoering"),
)  # fmt: skip


@dataclass(frozen=True)
class Warning:
    code: str
    message: str


def scale_band(scale: int) -> str:
    for low, high in _SCALE_BANDS:
        if low <= scale <= high:
            return f"schaal {low}–{high}"
    return "schaal onbekend"


def function_family(function: str) -> str:
    lowered = function.lower()
    for stems, family in _FUNCTION_FAMILIES:
        if any(stem in lowered for stem in stems):
            return family
    return "functie"


def _headcount(units: Mapping[str, KnownUnit], unit_id: str | None) -> int | None:
    unit = units.get(unit_id or "")
    return unit.headcount if unit is not None else None


def warnings_for(
    persons: Sequence[RegisteredPerson],
    units: Mapping[str, KnownUnit],
    unit_id: str | None,
    people: PseudonymBook,
) -> list[Warning]:
    found: list[Warning] = []
    headcount = _headcount(units, unit_id)
    small = headcount is None or headcount < SMALL_UNIT
    for person in persons:
        if person.function and person.salary_scale is not None and small:
            size = (
                "een onderdeel van onbekende grootte"
                if headcount is None
                else f"een onderdeel van ongeveer {headcount} mensen"
            )
            found.append(
                Warning(
                    "quasi_identifier",
                    f"{people.registered(person.key)}: functie, schaal en {size} kunnen samen naar "
                    f"één persoon wijzen. Overweeg '{function_family(person.function)}' en "
                    f"'{scale_band(person.salary_scale)}'.",
                )
            )
    unit = units.get(unit_id or "")
    directie = units.get(unit.directie_id or "") if unit is not None and unit.directie_id else unit
    for candidate in (unit, directie):
        if candidate is not None and candidate.meeting_party is not None:
            found.append(
                Warning(
                    "own_directie",
                    "Deze casus speelt in het onderdeel van een overlegpartij "
                    f"({candidate.meeting_party.label}): wie aan tafel zit, kan de mensen herkennen. "
                    "Kies zo nodig een grovere weergave van het onderdeel.",
                )
            )
            break
    return found
