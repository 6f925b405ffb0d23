"""Fold text so that every spelling of a name compares equal, and map back to the original.

A name typed as "Şahin", "Sahin", "ŞAHİN", "Ṣahin", "Sa\u200bhin" or with a Cyrillic "а"
must be found as the same name, and the span must still point into the text the owner
wrote. `FoldedText` keeps, for every folded character, the index of the character it came
from.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# Letters that look Latin but are not, written as their Latin twin (lower case; folding
# case-folds first). Unicode's confusables list is far larger; these are the ones a
# keyboard, a copy from a PDF or deliberate evasion realistically put in a Dutch name.
_LOOK_ALIKES = {
    # Cyrillic
    "а": "a",
    "в": "b",
    "е": "e",
    "ё": "e",
    "к": "k",
    "м": "m",
    "н": "h",
    "о": "o",
    "р": "p",
    "с": "c",
    "т": "t",
    "у": "y",
    "х": "x",
    "і": "i",
    "ї": "i",
    "ј": "j",
    "ѕ": "s",
    "ԁ": "d",
    "һ": "h",
    "ӏ": "l",
    "ԛ": "q",
    "ԝ": "w",
    "ү": "y",
    # Greek
    "α": "a",
    "β": "b",
    "ε": "e",
    "η": "n",
    "ι": "i",
    "κ": "k",
    "ν": "v",
    "ο": "o",
    "ρ": "p",
    "τ": "t",
    "υ": "u",
    "χ": "x",
    "ζ": "z",
}

# Letters without a Unicode decomposition to their base letter.
_BASE_LETTERS = {
    "ı": "i",
    "ł": "l",
    "ø": "o",
    "đ": "d",
    "ð": "d",
    "þ": "th",
    "æ": "ae",
    "œ": "oe",
    "ĳ": "ij",
    "ŀ": "l",
    "ħ": "h",
    "ŧ": "t",
}

_APOSTROPHES = "'’‘`´ʼ′"
_HYPHENS = "-‐‑‒–—―−"


def _is_invisible(char: str) -> bool:
    # Cf holds zero-width spaces and joiners, the soft hyphen, bidi marks and the BOM.
    return unicodedata.category(char) == "Cf"


@lru_cache(maxsize=8192)
def fold_char(char: str) -> str:
    """The folded form of one character: possibly empty, possibly two letters (æ).

    Cached per character (a few hundred distinct ones in practice): folding is the inner
    loop of every detector. Single characters reveal nothing of a text."""
    if _is_invisible(char):
        return ""
    if char in _APOSTROPHES:
        return "'"
    if char in _HYPHENS:
        return "-"
    out = []
    for part in unicodedata.normalize("NFKD", char):
        if unicodedata.combining(part):
            continue
        for lower in part.casefold():
            lower = _BASE_LETTERS.get(lower, lower)
            out.append(_LOOK_ALIKES.get(lower, lower))
    return "".join(out)


def fold(text: str) -> str:
    return "".join(fold_char(c) for c in text)


@dataclass(frozen=True)
class FoldedText:
    """`folded` plus, per folded character, the index of its source character in `original`."""

    original: str
    folded: str
    origin: tuple[int, ...]

    @classmethod
    def of(cls, text: str) -> FoldedText:
        folded: list[str] = []
        origin: list[int] = []
        for index, char in enumerate(text):
            for part in fold_char(char):
                folded.append(part)
                origin.append(index)
        return cls(text, "".join(folded), tuple(origin))

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The original [start, end) that folded [start, end) came from.

        Invisible characters inside the match are covered too, since the span runs from
        the first to the last source character.
        """
        return self.origin[start], self.origin[end - 1] + 1
