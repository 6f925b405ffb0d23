"""Validation of everything a person or a file puts into the vault.

Rules, and why:
- texts are normalised to NFC, so the same name typed on two systems is stored the same way;
- C0/C1 control characters (other than tab and line breaks), lone surrogates and the
  bidirectional embedding, override and isolate controls are refused: they hide or reorder what
  a reader sees ("Trojan Source") and could smuggle a name past a human review;
- every text has a size limit, so a hostile file cannot bloat the vault or the interface;
- dates cannot lie in the future, and not before 1950;
- errors name the field and the rule, never the value (it may be a name).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from enum import Enum
from typing import Any, TypeVar

import regex

from casus.errors import ValidationError
from casus.identify.numbers import is_phone_value
from casus.identify.patterns import is_email

NAME_MAX = 200
SHORT_TEXT_MAX = 200
EMAIL_MAX = 254
PHONE_MAX = 40
NUMBER_MAX = 40
REFERENCE_MAX = 60
QUESTION_MAX = 5_000
LONG_TEXT_MAX = 50_000
OLDEST_DATE = dt.date(1950, 1, 1)
SCALE_RANGE = range(1, 21)

_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_ALLOWED_CONTROLS = frozenset("\t\n\r")
_NUMBER = re.compile(r"^[0-9A-Za-z][0-9A-Za-z\-/.]*$")

E = TypeVar("E", bound=Enum)


def _fail(field: str, label: str, reason: str) -> ValidationError:
    return ValidationError(field, label, reason)


def forbidden_character_reason(text: str) -> str | None:
    for char in text:
        if char in _BIDI_CONTROLS:
            return (
                "bevat een onzichtbaar teken dat de leesrichting omkeert; "
                "verwijder het en typ de tekst opnieuw"
            )
        category = unicodedata.category(char)
        if category == "Cs":
            return "bevat een ongeldig teken"
        if category == "Cc" and char not in _ALLOWED_CONTROLS:
            return "bevat een onzichtbaar stuurteken; verwijder het"
    return None


# Invisible characters: in a name, an id, an address or any one-line field they make two
# values that look the same ("D001" and "D001" with a zero-width space) and hide a name from
# a reader. Every Default_Ignorable and format code point, and the line and paragraph
# separators, refuse there.
_INVISIBLE = regex.compile(r"[\p{Default_Ignorable_Code_Point}\p{Cf}\u2028\u2029]")
# In a text only what a text needs stays: the joiners and variation selectors that emoji and
# some scripts are made of; the other invisible characters go, separators become line breaks.
_KEPT_IN_TEXT = regex.compile(r"[\u200c\u200d\ufe00-\ufe0f\U000e0100-\U000e01ef]")


def _visible_text(text: str) -> str:
    text = text.replace("\u2028", "\n").replace("\u2029", "\n")
    kept: str = _INVISIBLE.sub(lambda m: m.group() if _KEPT_IN_TEXT.match(m.group()) else "", text)
    return kept


def clean_text(
    value: Any,
    field: str,
    label: str,
    *,
    max_length: int,
    required: bool = False,
    multiline: bool = True,
) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise _fail(field, label, "moet tekst zijn")
    reason = forbidden_character_reason(value)
    if reason:
        raise _fail(field, label, reason)
    if not multiline and _INVISIBLE.search(value):
        raise _fail(field, label, "bevat een onzichtbaar teken; verwijder het en typ het opnieuw")
    text = unicodedata.normalize("NFC", value if not multiline else _visible_text(value))
    text = text.strip() if not multiline else text.strip("\n\r\t ").replace("\r\n", "\n")
    if not multiline and ("\n" in text or "\r" in text):
        raise _fail(field, label, "moet op één regel staan")
    if required and not text:
        raise _fail(field, label, "is verplicht")
    if len(text) > max_length:
        raise _fail(field, label, f"is te lang (hoogstens {max_length:,} tekens)".replace(",", "."))
    return text


def optional_line(value: Any, field: str, label: str, max_length: int) -> str | None:
    text = clean_text(value, field, label, max_length=max_length, multiline=False)
    return text or None


def clean_email(value: Any, field: str = "email", label: str = "E-mailadres") -> str | None:
    """Lower case: mail systems treat addresses so, and one spelling lets the vault match a
    person by an indexed lookup and the disclosure gate find every form."""
    text = optional_line(value, field, label, EMAIL_MAX)
    if text is not None and not is_email(text):
        raise _fail(field, label, "is geen geldig e-mailadres")
    return text.lower() if text is not None else None


def clean_phone(value: Any, field: str = "phone", label: str = "Telefoonnummer") -> str | None:
    text = optional_line(value, field, label, PHONE_MAX)
    if text is not None and not is_phone_value(text):
        raise _fail(field, label, "is geen geldig telefoonnummer")
    return text


def clean_number(value: Any, field: str, label: str) -> str | None:
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    text = optional_line(value, field, label, NUMBER_MAX)
    if text is not None and not _NUMBER.match(text):
        raise _fail(field, label, "mag alleen cijfers, letters, '-', '/' en '.' bevatten")
    return text


def clean_date(
    value: Any,
    field: str,
    label: str,
    *,
    required: bool = False,
    allow_future: bool = False,
    today: dt.date | None = None,
) -> dt.date | None:
    if value is None or value == "":
        if required:
            raise _fail(field, label, "is verplicht")
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value)
        except ValueError:
            raise _fail(field, label, "is geen geldige datum (verwacht JJJJ-MM-DD)") from None
    if not isinstance(value, dt.date):
        raise _fail(field, label, "is geen geldige datum (verwacht JJJJ-MM-DD)")
    if not allow_future and value > (today or dt.date.today()):
        raise _fail(field, label, "ligt in de toekomst")
    if value < OLDEST_DATE:
        raise _fail(field, label, f"ligt vóór {OLDEST_DATE.year}")
    return value


def clean_enum(enum: type[E], value: Any, field: str, label: str) -> E:
    if isinstance(value, enum):
        return value
    try:
        return enum(value)
    except ValueError:
        raise _fail(field, label, "heeft een onbekende waarde") from None


def clean_optional_enum(enum: type[E], value: Any, field: str, label: str) -> E | None:
    if value is None or value == "":
        return None
    return clean_enum(enum, value, field, label)


def clean_scale(value: Any, field: str = "salary_scale", label: str = "Schaal") -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise _fail(field, label, "moet een heel getal zijn")
    try:
        scale = int(value)
    except ValueError:
        raise _fail(field, label, "moet een heel getal zijn") from None
    if scale not in SCALE_RANGE:
        raise _fail(field, label, f"moet tussen {SCALE_RANGE.start} en {SCALE_RANGE.stop - 1} liggen")
    return scale


def clean_count(value: Any, field: str, label: str) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0 or value > 1_000_000:
        raise _fail(field, label, "moet een heel getal van 0 of meer zijn")
    return value


def clean_bool(value: Any, field: str, label: str) -> bool:
    if not isinstance(value, bool):
        raise _fail(field, label, "moet ja of nee zijn")
    return value


def clean_names(values: Any, field: str, label: str) -> list[str]:
    if values is None:
        return []
    if not isinstance(values, list | tuple) or len(values) > 50:
        raise _fail(field, label, "moet een lijst van hoogstens 50 namen zijn")
    names = [optional_line(v, field, label, NAME_MAX) for v in values]
    return list(dict.fromkeys(n for n in names if n))
