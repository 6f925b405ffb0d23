"""The organisation units as word sequences and abbreviations, each to the units it names.

One index serves the pseudonymiser (which unit a mention names) and the gate (whether a
text names any unit at all).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from casus.identify.case_input import KnownUnit
from casus.identify.folding import fold
from casus.model.enums import OrgUnitKind

_WORD = re.compile(r"[^\W_]+")
_MAX_WORDS = 7


_HYPHENS = "-‐‑–"


def in_compound(text: str, start: int, end: int) -> bool:
    """ "Oost-Europa", "Zuid-Afrika", "Midden-Oosten": a one-word unit name joined by a hyphen
    to another word is part of that word, not the unit."""
    before = text[max(0, start - 2) : start]
    after = text[end : end + 2]
    joined_before = len(before) == 2 and before[1] in _HYPHENS and before[0].isalpha()
    joined_after = len(after) == 2 and after[0] in _HYPHENS and after[1].isalpha()
    return joined_before or joined_after


@dataclass(frozen=True)
class UnitIndex:
    """Folded word sequences and case-sensitive abbreviations, each to the units they name."""

    names: dict[tuple[str, ...], tuple[str, ...]]
    abbreviations: dict[str, tuple[str, ...]]
    # The lengths of the names that start with a word: most words start none.
    lengths_by_first_word: dict[str, tuple[int, ...]]
    abbreviation_pattern: re.Pattern[str] | None


def _surface_forms(unit: KnownUnit) -> Iterable[str]:
    yield unit.name
    yield from unit.alternative_names
    # "werkt nu in Oost": a stadsdeel is named by its bare name as often as in full.
    for prefix in ("Team ", "Afdeling ", "Directie ", "Stadsdeel "):
        if unit.name.startswith(prefix) and len(unit.name) > len(prefix) + 1:
            yield unit.name[len(prefix) :]


def build_index(units: Iterable[KnownUnit]) -> UnitIndex:
    names: dict[tuple[str, ...], list[str]] = {}
    abbreviations: dict[str, list[str]] = {}
    for unit in units:
        if unit.kind is OrgUnitKind.CLUSTER:
            continue  # a cluster is the generalisation itself, not an identifier
        for surface in _surface_forms(unit):
            words = tuple(_WORD.findall(fold(surface)))
            if words and len(words) <= _MAX_WORDS:
                names.setdefault(words, []).append(unit.id)
        for abbreviation in unit.abbreviations:
            if len(abbreviation) >= 2:
                abbreviations.setdefault(abbreviation, []).append(unit.id)
    lengths: dict[str, set[int]] = {}
    for words in names:
        lengths.setdefault(words[0], set()).add(len(words))
    # Longest first, so "V&OR" wins over a shorter abbreviation inside it; not "BI" in
    # "BI-2023-007", a case number that starts with a unit's letters.
    alternatives = "|".join(re.escape(a) for a in sorted(abbreviations, key=len, reverse=True))
    pattern = re.compile(rf"(?<![\w&])(?:{alternatives})(?![\w&]|-\d)") if abbreviations else None
    return UnitIndex(
        {k: tuple(dict.fromkeys(v)) for k, v in names.items()},
        {k: tuple(dict.fromkeys(v)) for k, v in abbreviations.items()},
        {k: tuple(sorted(v, reverse=True)) for k, v in lengths.items()},
        pattern,
    )
