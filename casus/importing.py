"""Import of cases from JSON Lines in the corpus format (tests/data/corpus/README.md), all or nothing.

Every line is parsed and validated before the vault is touched; then all cases go in within one
transaction. A bad line rejects the whole file with its line number and the reason; the vault
is unchanged. Messages never quote the offending value: it may be a name.
"""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import TYPE_CHECKING, Any

from casus.case_line import MAX_PERSONS, as_dict, read_case_line
from casus.errors import ImportRejectedError, ValidationError
from casus.services.case_import import CaseImportService, ParsedCase
from casus.services.cases import (
    CaseDraft,
    CleanPerson,
    PersonDraft,
    clean_case,
    clean_people,
)
from casus.vocabulary.corpus_format import CATEGORIES, GROUNDS, ROLES, SOURCES

if TYPE_CHECKING:
    from casus.vault import Vault

MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_LINE_BYTES = 1024 * 1024
MAX_CASES = 50_000

REQUIRED = ("id", "source", "category", "received", "org_unit", "persons", "narrative")
KNOWN = frozenset({*REQUIRED, "ground", "anonymous", "question", "advice", "gold"})
ORG_FIELDS = frozenset({"cluster", "directie", "abbreviation", "team"})
PERSON_FIELDS = frozenset({"key", "role", "name", "function", "scale", "email", "phone", "employee_number"})


def _lookup(table: dict[Any, Any], value: Any, what: str) -> Any:
    if isinstance(value, list | dict) or value not in table:
        raise ValueError(f"onbekende waarde voor {what}")
    return table[value]


def _text_or_none(value: Any, what: str) -> str | None:
    if value is None or isinstance(value, str):
        return value
    raise ValueError(f"{what} moet tekst zijn")


def parse_case(obj: Any, line: int) -> ParsedCase:
    if not isinstance(obj, dict):
        raise ValueError("een regel moet één JSON-object zijn")
    missing = [name for name in REQUIRED if name not in obj]
    if missing:
        raise ValueError(f"verplicht veld ontbreekt: {', '.join(missing)}")
    unknown = sorted(set(obj) - KNOWN)
    if unknown:
        raise ValueError(f"onbekend veld: {', '.join(unknown)}")
    channel, party = _lookup(SOURCES, obj["source"], "source")
    org = obj["org_unit"]
    if not isinstance(org, dict) or set(org) - ORG_FIELDS:
        raise ValueError("org_unit moet een object zijn met cluster, directie, abbreviation, team")
    persons = obj["persons"]
    if not isinstance(persons, list) or len(persons) > MAX_PERSONS:
        raise ValueError(f"persons moet een lijst van hoogstens {MAX_PERSONS} personen zijn")
    drafts = []
    for number, person in enumerate(persons, 1):
        if not isinstance(person, dict) or set(person) - PERSON_FIELDS:
            raise ValueError(f"persoon {number} heeft een onbekend veld of is geen object")
        drafts.append(
            PersonDraft(
                key=person.get("key"),
                role=_lookup(ROLES, person.get("role"), f"role van persoon {number}"),
                name=person.get("name"),  # type: ignore[arg-type]  # validated by clean_people
                function=person.get("function"),
                salary_scale=person.get("scale"),
                email=person.get("email"),
                phone=person.get("phone"),
                employee_number=person.get("employee_number"),
            )
        )
    anonymous = obj.get("anonymous", False)
    draft = CaseDraft(
        reference=obj["id"] if isinstance(obj["id"], str) else _bad("id moet tekst zijn"),
        channel=channel,
        owner_party=party,
        received=obj["received"],
        category=_lookup(CATEGORIES, obj["category"], "category"),
        grounds=[_lookup(GROUNDS, obj.get("ground"), "ground")],
        anonymous=anonymous,
        facts=_text_or_none(obj["narrative"], "narrative") or "",
        question=_text_or_none(obj.get("question"), "question") or "",
        prior_advice=_text_or_none(obj.get("advice"), "advice") or "",
    )
    try:
        values = clean_case(draft)
        if not values["reference"]:
            raise ValidationError("reference", "id", "is verplicht")
        people = _people(drafts)
    except ValidationError as error:
        raise ValueError(str(error)) from None
    unit = {name: _text_or_none(org.get(name), f"org_unit.{name}") for name in ORG_FIELDS}
    return ParsedCase(line, values, people, unit)


def _people(drafts: list[PersonDraft]) -> list[CleanPerson]:
    try:
        return clean_people(drafts)
    except ValidationError as error:
        raise ValidationError(error.field, f"persoon: {error.label}", error.reason) from None


def _bad(message: str) -> Any:
    raise ValueError(message)


def read_cases(path: Path) -> list[ParsedCase]:
    """Parse and validate a whole file; raises ImportRejectedError at the first bad line.

    The limits hold while reading, not from the file's size alone: a pipe, a device such as
    /dev/zero or a file still growing reports a size of 0."""
    if path.is_dir():
        raise ImportRejectedError(None, "dit is een map, geen bestand")
    try:
        handle = open(path, "rb")  # noqa: SIM115  (closed below; opening is what may fail)
    except OSError:
        raise ImportRejectedError(None, "het bestand kan niet worden gelezen") from None
    parsed: list[ParsedCase] = []
    seen: dict[str, int] = {}
    total = 0
    with handle:
        for number in itertools.count(1):
            raw = handle.readline(MAX_LINE_BYTES + 1)
            if not raw:
                break
            total += len(raw)
            if total > MAX_FILE_BYTES:
                raise ImportRejectedError(number, f"het bestand is groter dan {MAX_FILE_BYTES // 2**20} MiB")
            if len(raw) > MAX_LINE_BYTES:
                raise ImportRejectedError(number, f"de regel is langer dan {MAX_LINE_BYTES // 1024} KiB")
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError:
                raise ImportRejectedError(number, "geen geldige UTF-8-tekst") from None
            if not text.strip():
                continue
            try:
                case = parse_case(as_dict(read_case_line(raw, for_import=True)), number)
            except (ValueError, RecursionError) as error:
                raise ImportRejectedError(number, str(error)) from None
            reference = case.values["reference"]
            if reference in seen:
                raise ImportRejectedError(number, f"id komt ook voor op regel {seen[reference]}")
            seen[reference] = number
            parsed.append(case)
            if len(parsed) > MAX_CASES:
                raise ImportRejectedError(number, f"meer dan {MAX_CASES} casussen in één bestand")
    if not parsed:
        raise ImportRejectedError(None, "het bestand bevat geen casussen")
    return parsed


def import_cases(vault: Vault, path: Path) -> int:
    """Import every case of a JSON Lines file, or none; returns the number imported."""
    return CaseImportService(vault).store(read_cases(Path(path)))
