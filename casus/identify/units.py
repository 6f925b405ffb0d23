"""The organisation units as word sequences and abbreviations, each to the units it names.

One index serves the pseudonymiser (which unit a mention names) and the gate (whether a
text names any unit at all).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from casus.identify.case_input import KnownUnit
from casus.identify.dutch_dictionary import is_dutch_word
from casus.identify.folding import FoldedText, fold, join_spaced_letters
from casus.identify.lexicon import UNIT_WORDS, is_common_word
from casus.identify.tokens import Token, tokenise
from casus.vocabulary.enums import OrgUnitKind

_WORD = re.compile(r"[^\W_]+")
_MAX_WORDS = 7


_HYPHENS = "-‐‑–"
WHERE_ONE_WORKS = frozenset({"bij", "naar", "vanuit", "binnen"})


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
    lowercase_abbreviations: dict[str, tuple[str, ...]]
    # Names that are a unit's name without its noun ("Oost" for Stadsdeel Oost).
    bare_names: frozenset[tuple[str, ...]] = frozenset()


def _surface_forms(unit: KnownUnit) -> Iterable[str]:
    yield unit.name
    yield from unit.alternative_names
    # "werkt nu in Oost": a stadsdeel is named by its bare name as often as in full.
    for prefix in ("Team ", "Afdeling ", "Directie ", "Stadsdeel "):
        if unit.name.startswith(prefix) and len(unit.name) > len(prefix) + 1:
            yield unit.name[len(prefix) :]


def ampersand_forms(name: str) -> tuple[str, ...]:
    """How a unit named "X en Y" is written short: "Team Data en Analyse" is "D&A", "Werk,
    Participatie en Inkomen" "WP&I", "Verkeer en Openbare Ruimte" "V&OR"."""
    words = [w for w in re.findall(r"[^\W\d_]+", name) if w.lower() not in ("team", "afdeling", "directie")]
    if "en" not in words[1:-1]:
        return ()
    split = words.index("en")
    before = [w for w in words[:split] if w[0].isupper()]
    after = [w for w in words[split + 1 :] if w[0].isupper()]
    if not before or not after:
        return ()
    return ("".join(w[0] for w in before) + "&" + "".join(w[0] for w in after),)


def build_index(units: Iterable[KnownUnit]) -> UnitIndex:
    units = list(units)
    names: dict[tuple[str, ...], list[str]] = {}
    bare = {
        tuple(_WORD.findall(fold(u.name[len("Stadsdeel ") :])))
        for u in units
        if u.name.startswith("Stadsdeel ")
    }
    abbreviations: dict[str, list[str]] = {}
    for unit in units:
        if unit.kind is OrgUnitKind.CLUSTER:
            continue  # a cluster is the generalisation itself, not an identifier
        for surface in _surface_forms(unit):
            words = tuple(_WORD.findall(fold(surface)))
            if words and len(words) <= _MAX_WORDS:
                names.setdefault(words, []).append(unit.id)
        for abbreviation in (*unit.abbreviations, *ampersand_forms(unit.name)):
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
        {fold(k): tuple(dict.fromkeys(v)) for k, v in abbreviations.items() if fold(k).isalnum()},
        frozenset(bare),
    )


@dataclass(frozen=True)
class UnitMention:
    start: int
    end: int
    unit_ids: tuple[str, ...]


def _window_joined(text: str, window: Sequence[Token]) -> bool:
    """The words of a unit's name stand together: a space, "&" or "-" between them, or a comma
    in a longer name ("Onderwijs, Jeugd en Zorg")."""
    for a, b in itertools.pairwise(window):
        between = text[a.end : b.start]
        if "\n" in between:
            return False
        rest = between.strip(" &-")
        if rest and not (rest == "," and len(window) >= 3):
            return False
    return True


def _after_a_name(tokens: Sequence[Token], position: int) -> bool:
    if position < 1:
        return False
    previous = tokens[position - 1]
    return previous.capitalised and not previous.sentence_start and previous.folded not in UNIT_WORDS


def find_units(folded: FoldedText, tokens: Sequence[Token], index: UnitIndex) -> list[UnitMention]:
    """Every mention of a unit of `index` in a text, as a reader would take it:

    - a name of several words, capitalised, or in lower case after a unit noun or from three
      words on ("werk en inkomen" is a unit, "klant contact" two words);
    - a one-word name capitalised ("Burgerzaken", "Oost"), not as a sentence's opening word
      when it is also a word, not inside a compound ("Oost-Europa"); in lower case only
      after a unit noun or "bij", "naar", "vanuit", "binnen" ("stadsdeel west", "bij erfpacht");
    - an abbreviation as written ("WPI", "V&OR"), or in lower case where that is no word
      ("wpi", "fb");
    - a name spelled out letter by letter ("W e s t").
    """
    text = folded.original
    words = [t.folded for t in tokens]
    found: list[UnitMention] = []
    for position, token in enumerate(tokens):
        after_noun = position >= 1 and words[position - 1] in UNIT_WORDS
        # "stadsdeel west", "werkt bij erfpacht", "door naar handhaving": in lower case a name
        # is a unit where a unit noun or a preposition of working somewhere says so.
        named_here = after_noun or (position >= 1 and words[position - 1] in WHERE_ONE_WORKS)
        for length in index.lengths_by_first_word.get(token.folded, ()):
            window = tokens[position : position + length]
            unit_ids = index.names.get(tuple(t.folded for t in window)) if len(window) == length else None
            if not unit_ids or not _window_joined(text, window):
                continue
            if length == 1:
                if in_compound(text, token.start, token.end) or (token.lowercase and not named_here):
                    continue
                if (token.folded,) in index.bare_names and _after_a_name(tokens, position):
                    continue  # "Stadsloket Centrum", "Station Zuid": part of another name
                if token.sentence_start and is_common_word(token.folded) and not after_noun:
                    continue
            elif token.lowercase and length < 3 and not named_here and words[position] not in UNIT_WORDS:
                continue
            found.append(UnitMention(token.start, window[-1].end, unit_ids))
            break
        lowered = index.lowercase_abbreviations.get(token.folded)
        if (
            lowered
            and token.lowercase
            and not is_common_word(token.folded)
            and not is_dutch_word(token.folded)
        ):
            found.append(UnitMention(token.start, token.end, lowered))
    if index.abbreviation_pattern is not None:
        for match in index.abbreviation_pattern.finditer(text):
            found.append(UnitMention(match.start(), match.end(), index.abbreviations[match.group()]))
    joined = join_spaced_letters(folded)
    if joined is not None:
        for token in tokenise(joined):
            unit_ids = index.names.get((token.folded,))
            if unit_ids and token.end - token.start > len(token.folded):
                found.append(UnitMention(token.start, token.end, unit_ids))
    return found
