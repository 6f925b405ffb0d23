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
