"""Detector for places people write by name: addresses, streets and squares, buildings.

deduce finds towns and streets it knows; the places in case files are mostly a
municipality's own buildings and squares ("buurthuis De Kolk", "Kantoor Havenkade",
"Lelieplein 3"), found here by shape: a building noun followed by a name, a word ending
in a street suffix, optionally with a house number, and "Het ..." in mid-sentence.
"""

from __future__ import annotations

import re

from casus.identify.dutch_dictionary import is_dutch_word
from casus.identify.folding import FoldedText, fold
from casus.identify.lexicon import BUILDING_NOUNS, PLACE_SUFFIXES, is_common_word
from casus.identify.matcher import lowercase_lines
from casus.identify.patterns import MONTHS
from casus.identify.places import StreetMention, find_streets
from casus.identify.spans import PRIORITY_DEDUCE, PRIORITY_PATTERN, Span, SpanKind
from casus.identify.tokens import tokenise
from casus.identify.world import country_names, language_names

_STREET_SUFFIX = "|".join(PLACE_SUFFIXES)
_STREET = re.compile(
    rf"(?<![\w\-])(?P<street>(?:[A-Z][\w\-]*\s+){{0,2}}[A-Z][a-zà-ÿ\-]{{2,}}(?:{_STREET_SUFFIX}))"
    r"(?P<number>\s+\d{1,4}(?:\s?[a-zA-Z](?![\w]))?(?:-\d{1,4})?)?(?![\w\-])"
)
_BUILDING_NOUN = "|".join(n for n in BUILDING_NOUNS if n not in ("sportpark", "afvalpunt", "post"))
_BUILDING = re.compile(
    rf"(?<![\w])(?P<noun>(?i:{_BUILDING_NOUN}))\s+(?P<name>(?:(?:De|Het|'t|Den)\s+)?[A-Z][\w'\-]*(?:\s+[A-Z][\w'\-]*)?)"
)
_ARTICLE_BEFORE = re.compile(r"(?i)\b(?:de|het|'t)\s+$")
# "in Het Pakhuis": "Het" capitalised in mid-sentence starts a proper name; no person's
# name starts with it.
_HET_NAME = re.compile(r"(?<=[a-z,] )(?P<name>Het\s+[A-Z][a-z][\w\-]*)")
# "bij De Meeuw", "naar De Kolk": a name with an article after a preposition of place.
# Below deduce in priority, so that a surname with "De" that deduce knows stays a person.
_PLACE_AFTER_PREPOSITION = re.compile(
    r"\b(?:in|bij|naar|vanuit|uit|richting|tegenover) (?P<name>(?:De|Den|'t)\s+[A-Z][a-z][\w\-]*)"
)
# "opgegroeid in Osdorp", "naar de Zuidas", "bij de Foodhallen", "Indische Buurt": a name no
# dictionary knows after a preposition of place (with or without "de"/"het"), or a word with
# a part-of-town noun after it. Lowest of all: a person deduce or the registry knows stays one.
_UNKNOWN_AFTER_PREPOSITION = re.compile(
    r"\b(?:in|bij|naar|vanuit|uit|richting|tegenover|langs)\s+(?:de\s+|het\s+)?"
    r"(?P<name>[A-Z][a-zà-ÿ][\w]+)(?![\w\-])"
)
# "over Slotervaart", "in Geuzenveld": a part of town by its suffix after a preposition of
# place, without an article. Below a person guess ("over Stellingwerf" may be about him).
_SUFFIXED_AFTER_PREPOSITION = re.compile(
    rf"\b(?:in|bij|naar|vanuit|uit|richting|over|langs|rond)\s+(?P<name>[A-Z][a-zà-ÿ\-]{{2,}}(?:{_STREET_SUFFIX}))(?![\w\-])"
)
_NAMED_PART_OF_TOWN = re.compile(
    r"(?<![\w\-])(?P<name>[A-Z][\w\-]+\s(?:Buurt|Wijk|Park|Plas|Bos|Haven))(?![\w\-])"
)


class LocationDetector:
    name = "location"

    def detect(self, text: str) -> list[Span]:
        folded = FoldedText.of(text)
        tokens = tokenise(folded)
        spans: list[Span] = [
            Span(m.start, m.end, SpanKind.LOCATION, detector=self.name, priority=_street_priority(text, m),
                 detail="address" if m.with_number else "street")
            for m in find_streets(folded, tokens, lowercase_lines(tokens))
        ]  # fmt: skip
        for match in _STREET.finditer(text):
            detail = "address" if match.group("number") else "street"
            # Without a house number a street-like word may be a surname ("Stellingwerf",
            # "Verhof"); only "de Merelplein", "het Vogelzangplein" make it a place.
            if detail == "street" and not _ARTICLE_BEFORE.search(text, 0, match.start()):
                continue
            spans.append(Span(*match.span(), SpanKind.LOCATION, priority=PRIORITY_PATTERN, detector=self.name,
                              detail=detail))  # fmt: skip
        for match in _BUILDING.finditer(text):
            # The noun goes into the span so the replacement can say "een buurthuis".
            noun = match.group("noun")
            spans.append(Span(match.start(), match.end(), SpanKind.LOCATION, priority=PRIORITY_PATTERN - 1,
                              detector=self.name, detail="building:" + noun.lower()))  # fmt: skip
        for match in _HET_NAME.finditer(text):
            spans.append(Span(*match.span("name"), SpanKind.LOCATION, priority=PRIORITY_PATTERN - 2,
                              detector=self.name, detail="building"))  # fmt: skip
        for match in _PLACE_AFTER_PREPOSITION.finditer(text):
            spans.append(Span(*match.span("name"), SpanKind.LOCATION, priority=PRIORITY_DEDUCE - 1,
                              detector=self.name, detail="building"))  # fmt: skip
        for match in _UNKNOWN_AFTER_PREPOSITION.finditer(text):
            if _unknown_name(match.group("name")):
                spans.append(Span(*match.span("name"), SpanKind.LOCATION, priority=PRIORITY_DEDUCE - 3,
                                  detector=self.name, detail="place"))  # fmt: skip
        for match in _SUFFIXED_AFTER_PREPOSITION.finditer(text):
            spans.append(Span(*match.span("name"), SpanKind.LOCATION, priority=PRIORITY_DEDUCE - 1,
                              detector=self.name, detail="place"))  # fmt: skip
        for match in _NAMED_PART_OF_TOWN.finditer(text):
            spans.append(Span(*match.span("name"), SpanKind.LOCATION, priority=PRIORITY_PATTERN - 1,
                              detector=self.name, detail="street"))  # fmt: skip
        return [_with_article(text, span) for span in spans]


def _unknown_name(name: str) -> bool:
    """No word, no country, no month or weekday, no nationality: a name of a place. An
    adjective ends in -e ("van Ghanese afkomst", "de Turkse stagiaire"); a place seldom."""
    word = fold(name)
    return not (
        word.endswith(("se", "sche"))
        or is_dutch_word(name)
        or is_common_word(word)
        or word in country_names()
        or word in language_names()
        or word in MONTHS
        or word in _WEEKDAYS
    )


_WEEKDAYS = frozenset({"maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"})


def _street_priority(text: str, mention: StreetMention) -> int:
    """A known street with a number, or of several words, is a place. Of one word without a
    number it may be a surname ("Stellingwerf"), and one that starts with an article ("De
    Meeuw", "Het Pakhuis") is as often a building: below deduce's guess and the building rules,
    which then say better what it is."""
    if mention.with_number:
        return PRIORITY_PATTERN
    if mention.several_words and not re.match(r"(?i)(?:de|het|'t|den)\s", text[mention.start :]):
        return PRIORITY_PATTERN
    return PRIORITY_DEDUCE - 2


def _with_article(text: str, span: Span) -> Span:
    """ "aan de Molenwerf 8" becomes "aan een adres", not "aan de een adres"."""
    article = _ARTICLE_BEFORE.search(text, max(0, span.start - 5), span.start)
    if article is None or span.detail == "postcode":
        return span
    return Span(article.start(), span.end, span.kind, span.ref, span.priority, span.detector, span.detail)
