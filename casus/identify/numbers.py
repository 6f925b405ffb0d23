"""Canonical forms of phone numbers and other numbers, so that every way of writing one
number compares equal ("+31 (0)6 39142287" is "06-39 14 22 87")."""

from __future__ import annotations

import re

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


# What a person's phone field may hold: a number in any notation ("+31 (0)6 1234 5678",
# "020-5521740") or an internal extension of three to five digits ("4471").
_PHONE_VALUE = re.compile(r"^[0-9+()\-. /]{6,40}$")
_EXTENSION_VALUE = re.compile(r"^\d{3,5}$")


def is_phone_value(text: str) -> bool:
    return bool(_PHONE_VALUE.match(text) or _EXTENSION_VALUE.match(text))


def is_extension(text: str) -> bool:
    return bool(_EXTENSION_VALUE.match(text.strip()))
