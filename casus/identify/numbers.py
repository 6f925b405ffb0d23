"""Canonical forms of phone numbers and other numbers, so that every way of writing one
number compares equal ("+31 (0)6 39142287" is "06-39 14 22 87")."""

from __future__ import annotations

import re
from collections.abc import Iterator

_NON_DIGIT = re.compile(r"\D")


def phone_key(text: str) -> str:
    """The Dutch national form: digits only, international prefix and trunk "(0)" folded."""
    compact = text.strip()
    international = compact.startswith("+") or compact.startswith("00")
    digits = _NON_DIGIT.sub("", compact)
    if international:
        digits = digits[2:] if digits.startswith("00") else digits
        if digits.startswith("31"):
            digits = digits[2:]
            digits = digits.removeprefix("0")  # "+31 (0)6 ..."
            return "0" + digits
        return "+" + digits
    return digits


def digits_key(text: str) -> str:
    return _NON_DIGIT.sub("", text)


def number_key(text: str) -> str:
    """An employee number by its digits, leading zeros dropped: "0012345", "12345" and
    "P-00123-45" are one number."""
    return digits_key(text).lstrip("0")


# What a person's phone field may hold: a number in any notation ("+31 (0)6 1234 5678",
# "020-5521740") or an internal extension of three to five digits ("4471").
_PHONE_VALUE = re.compile(r"^[0-9+()\-. /]{6,40}$")
_EXTENSION_VALUE = re.compile(r"^\d{3,5}$")


def is_phone_value(text: str) -> bool:
    return bool(_PHONE_VALUE.match(text) or _EXTENSION_VALUE.match(text))


def is_extension(text: str) -> bool:
    return bool(_EXTENSION_VALUE.match(text.strip()))


_UNITS = {"nul": 0, "een": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7, "acht": 8,
          "negen": 9}  # fmt: skip
_TEENS = {"tien": 10, "elf": 11, "twaalf": 12, "dertien": 13, "veertien": 14, "vijftien": 15, "zestien": 16,
          "zeventien": 17, "achttien": 18, "negentien": 19}  # fmt: skip
_TENS = {"twintig": 20, "dertig": 30, "veertig": 40, "vijftig": 50, "zestig": 60, "zeventig": 70,
         "tachtig": 80, "negentig": 90}  # fmt: skip


def _spoken_number(word: str) -> str | None:
    """ "zes" is 6, "vierentwintig" 24, "nul" 0: a number a person reads out, as digits."""
    if word in _UNITS:
        return str(_UNITS[word])
    if word in _TEENS:
        return str(_TEENS[word])
    if word in _TENS:
        return str(_TENS[word])
    for tens, value in _TENS.items():
        unit = word.removesuffix("en" + tens)
        if unit != word and unit in _UNITS and unit != "nul":
            return str(value + _UNITS[unit])
    return None


_UNIT_WORDS = "|".join(sorted(_UNITS, key=len, reverse=True))
# Only the number words, not every word: a text has few, and most texts none.
_SPOKEN_WORD = re.compile(
    rf"(?<![a-z])(?:(?:{_UNIT_WORDS})en(?:{'|'.join(_TENS)})|{'|'.join(_TENS)}|{'|'.join(_TEENS)}|{_UNIT_WORDS})(?![a-z])"
)


def spoken_digits(folded: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, digits) of numbers read out word by word in a folded text ("nul zes,
    vierentwintig, vijfenvijftig, eenenzeventig, nul acht" is 0624557108): a run of at least
    four number words, one space or comma apart, that makes six digits or more."""
    run: list[tuple[int, int, str]] = []

    def flush() -> Iterator[tuple[int, int, str]]:
        digits = "".join(d for _, _, d in run)
        if len(run) >= 4 and len(digits) >= 6:
            yield run[0][0], run[-1][1], digits

    for match in _SPOKEN_WORD.finditer(folded):
        value = _spoken_number(match.group())
        joined = run and not folded[run[-1][1] : match.start()].strip(" ,")
        if value is not None and (not run or joined):
            run.append((match.start(), match.end(), value))
            continue
        yield from flush()
        run = [(match.start(), match.end(), value)] if value is not None else []
    yield from flush()
