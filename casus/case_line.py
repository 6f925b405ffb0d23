"""One case line of the corpus format (../shared/corpus/README.md), read the same way by
`casus import` and `casus pseudonymise`: one schema, one set of refusals, in Dutch.

The structure is a msgspec schema: the line is decoded straight into typed structs, so a
wrong type, a missing or unknown field, a list too long, a number out of range, a lone
surrogate or nesting a thousand deep is refused by the decoder at C speed and never reaches
our code as a half-checked dict. msgspec rather than pydantic: it decodes JSON itself (one
pass, no intermediate objects), imports in about 30 ms (measured with `-X importtime`; the
cold start of `casus pseudonymise` is a target, and pydantic would bring pydantic-core and its
validators to it) and its errors name the place (`$.persons[0].name`), which `_dutch` turns
into one Dutch line. It never quotes a value: a value may be a name.

The values are checked by the same functions the forms use (casus.validation):
one-line fields without invisible characters, texts without control or direction
characters, real dates, well-formed e-mail addresses and numbers, the format's own words for
source, category, ground and role. Nothing here needs the database.
"""

from __future__ import annotations

import re
from typing import Annotated, Any

import msgspec

from casus import validation as v
from casus.errors import ValidationError
from casus.vocabulary.corpus_format import CATEGORIES, GROUNDS, ROLES, SOURCES

MAX_PERSONS = 100
REQUIRED_FOR_IMPORT = ("source", "category", "received", "org_unit", "persons", "narrative")


class LineError(ValueError):
    """A line that does not follow the format; the message names the field, never its value."""


class OrgUnitLine(msgspec.Struct, forbid_unknown_fields=True):
    cluster: str | None = None
    directie: str | None = None
    abbreviation: str | None = None
    team: str | None = None


class PersonLine(msgspec.Struct, forbid_unknown_fields=True):
    role: str
    key: str | None = None
    name: str | None = None
    function: str | None = None
    scale: int | None = None
    email: str | None = None
    phone: str | None = None
    employee_number: str | int | None = None


class CaseLine(msgspec.Struct, forbid_unknown_fields=True):
    """What `casus pseudonymise` needs is the id, the people and the texts; the rest of the
    format is checked when present, and an import requires it (`REQUIRED_FOR_IMPORT`)."""

    id: str
    persons: Annotated[list[PersonLine], msgspec.Meta(max_length=MAX_PERSONS)] = []
    narrative: str | None = None
    source: str | None = None
    category: str | None = None
    received: str | None = None
    org_unit: OrgUnitLine | None = None
    ground: str | None = None
    anonymous: bool = False
    question: str | None = None
    advice: str | None = None
    gold: msgspec.Raw = msgspec.Raw(b"null")  # the corpus's answers: never read


_DECODER = msgspec.json.Decoder(CaseLine)
_SURROGATE = re.compile("[\ud800-\udfff]")


def read_case_line(line: str | bytes, *, for_import: bool = False) -> CaseLine:
    """Decode and check one line; LineError (Dutch, one line) for anything wrong."""
    if for_import:
        _require_fields(line)
    try:
        case = _DECODER.decode(line)
    except msgspec.ValidationError as error:
        raise LineError(_dutch(str(error))) from None
    except msgspec.DecodeError as error:
        where = re.search(r"\(byte (\d+)\)", str(error))
        raise LineError("geen geldige JSON" + (f" (teken {where.group(1)})" if where else "")) from None
    except RecursionError:
        raise LineError("de regel is te diep genest") from None
    try:
        _check_values(case, for_import)
    except ValidationError as error:
        raise LineError(str(error)) from None
    return case


def _require_fields(line: str | bytes) -> None:
    """An import needs the whole format. Checked on the decoded object's keys (one shallow
    decode into a dict of raw values, so nothing nested is built twice)."""
    try:
        keys = msgspec.json.decode(line, type=dict[str, msgspec.Raw])
    except (msgspec.ValidationError, msgspec.DecodeError, RecursionError):
        return  # the typed decode says what is wrong
    missing = [name for name in REQUIRED_FOR_IMPORT if name not in keys]
    if missing:
        raise LineError(f"verplicht veld ontbreekt: {', '.join(missing)}")


def as_dict(case: CaseLine) -> dict[str, Any]:
    """The line as plain values (without the corpus's answers)."""
    values = {name: getattr(case, name) for name in case.__struct_fields__ if name != "gold"}
    values["org_unit"] = msgspec.structs.asdict(case.org_unit) if case.org_unit else {}
    values["persons"] = [msgspec.structs.asdict(person) for person in case.persons]
    return values


def _check_values(case: CaseLine, for_import: bool) -> None:
    if not v.optional_line(case.id, "id", "id", v.REFERENCE_MAX):
        _refuse("id: is verplicht")
    for field, table in (("source", SOURCES), ("category", CATEGORIES), ("ground", GROUNDS)):
        value = getattr(case, field)
        if value is not None and value not in table:
            _refuse(f"onbekende waarde voor {field}")
    v.clean_date(case.received, "received", "received")
    for name in ("cluster", "directie", "abbreviation", "team"):
        where = f"org_unit.{name}"
        value = getattr(case.org_unit, name) if case.org_unit else None
        v.optional_line(value, where, where, v.SHORT_TEXT_MAX)
    for number, person in enumerate(case.persons, 1):
        label = f"persoon {number}"
        if person.role not in ROLES:
            _refuse(f"onbekende waarde voor role van {label}")
        v.optional_line(person.key, "key", f"{label}: Sleutel", 20)
        name_label = f"{label}: Naam"
        v.clean_text(person.name, "name", name_label, max_length=v.NAME_MAX, required=True, multiline=False)
        v.optional_line(person.function, "function", f"{label}: Functie", v.SHORT_TEXT_MAX)
        v.clean_scale(person.scale, "scale", f"{label}: Schaal")
        v.clean_email(person.email, "email", f"{label}: E-mailadres")
        v.clean_phone(person.phone, "phone", f"{label}: Telefoonnummer")
        v.clean_number(person.employee_number, "employee_number", f"{label}: Personeelsnummer")
    keys = [person.key or f"p{number}" for number, person in enumerate(case.persons, 1)]
    if len(set(keys)) != len(keys):
        _refuse("key: komt twee keer voor in dezelfde casus")
    limits = {"narrative": v.LONG_TEXT_MAX, "question": v.QUESTION_MAX, "advice": v.LONG_TEXT_MAX}
    for field, limit in limits.items():
        text = getattr(case, field)
        if for_import:
            v.clean_text(text, field, field, max_length=limit)
        elif text and len(text) > limit:
            # The same limit as an import; the pseudonymiser's offsets point into the text as
            # given, so what a text may carry beyond that is the vault's rule, not this one's.
            _refuse(f"{field}: is te lang (hoogstens {limit:,} tekens)".replace(",", "."))
        elif text and _SURROGATE.search(text):
            _refuse(f"{field}: bevat een ongeldig teken")


def _refuse(message: str) -> Any:
    raise LineError(message)


_TYPES = {
    "str": "tekst", "int": "een geheel getal", "bool": "ja of nee (true/false)", "array": "een lijst",
    "object": "een object", "null": "leeg (null)", "float": "een getal",
}  # fmt: skip


def _dutch(message: str) -> str:
    """msgspec's message in Dutch: its place ("persons[0].name") and what was wrong."""
    text, _, path = message.partition(" - at `")
    field = _place(path.rstrip("`")) if path else ""
    if found := re.match(r"Object missing required field `(\w+)`", text):
        return f"verplicht veld ontbreekt: {(field + '.') if field else ''}{found.group(1)}"
    if found := re.match(r"Object contains unknown field `([^`]*)`", text):
        name = found.group(1) if re.fullmatch(r"\w{1,40}", found.group(1)) else "(naamloos)"
        return f"onbekend veld: {(field + '.') if field else ''}{name}"
    if not field and text.startswith("Expected `object`"):
        return "een regel moet één JSON-object zijn"
    if found := re.match(r"Expected `([^`]*)`(?: of length <= (\d+))?, got `(\w+)`", text):
        wanted = " of ".join(_TYPES.get(t.strip(), t.strip()) for t in found.group(1).split("|"))
        return f"{field or 'de regel'} moet {wanted} zijn"
    if found := re.match(r"Expected `array` of length <= (\d+)", text):
        return f"{field} mag hoogstens {found.group(1)} elementen hebben"
    if "out of range" in text:
        return f"{field}: het getal is te groot"
    return f"{field or 'de regel'}: ongeldige waarde"


def _place(path: str) -> str:
    """ "$.persons[0].name" -> "persoon 1, name"; "$.org_unit.team" -> "org_unit.team"."""
    path = path.removeprefix("$").lstrip(".")
    found = re.match(r"persons\[(\d+)\]\.?(.*)", path)
    if found:
        rest = found.group(2)
        return f"persoon {int(found.group(1)) + 1}" + (f", {rest}" if rest else "")
    return path
