"""Dutch word knowledge the detectors share: common words, particles, determiners.

The common words come from deduce's own lookup lists (its stop words and frequent words),
read once from the installed package, so that Casus keeps no name or word list of its own
beyond the few grammatical closed classes below.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from casus.identify import wordlists
from casus.identify.folding import fold
from casus.identify.tokens import Token

# Name particles (tussenvoegsels and their Arabic, Berber, Romance and German kin), folded.
PARTICLES = frozenset(
    {
        "van", "de", "der", "den", "het", "t", "te", "ter", "ten", "in", "op", "el", "al", "ait",
        "ben", "bin", "bint", "ibn", "abu", "da", "das", "di", "do", "dos", "du", "la", "le",
        "von", "zu", "vander", "vande", "d", "l",
    }
)  # fmt: skip

# A lower-case word after one of these is a noun ("de kok", "deze zomer", "als bakker"),
# not a name.
DETERMINERS = frozenset(
    {
        "de", "het", "een", "deze", "die", "dit", "dat", "onze", "ons", "zijn", "haar", "hun",
        "mijn", "jouw", "uw", "elke", "iedere", "ieder", "geen", "welke", "zo'n", "dezelfde",
        "hetzelfde", "andere", "veel", "weinig", "alle", "sommige", "als", "welk", "zulke",
    }
)  # fmt: skip

# Courtesy titles written before a name; kept out of person spans but never a name.
TITLES = frozenset(
    {"dhr", "mw", "mevr", "mevrouw", "meneer", "heer", "dr", "mr", "ir", "drs", "ing", "prof", "ds"}
)

# Figures a case may be about ("Zwarte Piet"), who are nobody in it.
CULTURAL_FIGURES = re.compile(r"(?i)\bzwarte\s+piet(?:en)?\b")
# A condition named after a physician ("de ziekte van Crohn", "het syndroom van Down"): the
# case's ground, not a person in it.
EPONYMOUS_CONDITIONS = re.compile(r"\b(?:[Zz]iekte|[Ss]yndroom)\s+van\s+[A-Z][\w\-]+")

# Words that start an organisation unit's name in running text ("directie Wonen").
UNIT_WORDS = frozenset({"directie", "stadsdeel", "team", "afdeling", "cluster", "bureau"})

# Feasts, holy days and commemorations a case text names ("tijdens de Ramadan", "rond
# Keti Koti"): the dictionary lists them with a capital, as it lists places.
FEASTS = frozenset(
    {"ramadan", "pasen", "kerstmis", "kerst", "pinksteren", "hemelvaart", "suikerfeest",
     "offerfeest", "divali", "diwali", "chanoeka", "jom", "kipoer", "keti", "koti", "sinterklaas",
     "koningsdag", "bevrijdingsdag", "dodenherdenking", "holi", "nieuwjaar", "pride", "carnaval",
     "pesach", "iftar", "eid", "vastentijd", "allerzielen", "allerheiligen", "purim", "loofhuttenfeest",
     "kerstfeest", "paasfeest", "hindoestaans", "nowruz", "vaisakhi", "boeddhadag"}
)  # fmt: skip
_FEAST_ENDINGS = ("dag", "feest", "viering", "week", "nacht", "borrel", "maand")


def is_feast(folded_word: str) -> bool:
    """ "ramadan", "pride"; and their compounds: "sinterklaasviering", "pridemaand"."""
    return folded_word in FEASTS or (
        folded_word.endswith(_FEAST_ENDINGS) and any(folded_word.startswith(f) for f in FEASTS if len(f) >= 4)
    )


# How Dutch names a street, a square, water, green or a part of town: by its last word part.
PLACE_SUFFIXES = (
    "straat", "weg", "plein", "kade", "laan", "gracht", "steeg", "werf", "brug", "dijk", "singel",
    "park", "hof", "markt", "pad", "dreef", "baan", "wal", "haven", "plantsoen", "burgwal", "erf",
    "poort", "veld", "dam", "hoven", "boulevard", "promenade", "allee",
    "plas", "kanaal", "vaart", "meer", "bos", "buurt", "wijk", "polder",
)  # fmt: skip
# The nouns a building, venue or stop is named after: "buurthuis De Kolk", "metrostation Gein".
BUILDING_NOUNS = (
    "buurthuis", "gebouw", "kantoor", "hotel", "theater", "zaal", "trouwzaal", "vergaderzaal",
    "consultatiebureau", "school", "wijkcentrum", "buurtcentrum", "stadsloket", "loket",
    "restaurant", "café", "sporthal", "zwembad", "bibliotheek", "pand", "vestiging", "locatie",
    "werklocatie", "clubhuis", "kerk", "moskee", "werf", "depot", "museum", "muziekcentrum",
    "centrum", "zorgcentrum", "verzorgingshuis", "metrostation", "treinstation", "station",
    "tramhalte", "bushalte", "halte", "winkelcentrum", "kinderboerderij", "gemeentewerf",
    "stadhuis", "stadswinkel", "servicepunt", "wijkpost", "wijkkantoor", "milieustraat",
    "parkeergarage", "garage", "camping", "sportpark", "afvalpunt", "post",
)  # fmt: skip


@cache
def common_words() -> frozenset[str]:
    """Folded frequent Dutch words and stop words, from deduce's whitelist sources."""
    words = wordlists.raw_word_list("whitelist/lst_common_word")
    words |= wordlists.raw_word_list("whitelist/lst_stop_word")
    return frozenset(fold(w) for w in words if w)


@cache
def stop_words() -> frozenset[str]:
    """Folded function words ("maar", "wil", "toen"), from deduce's stop word list."""
    return frozenset(fold(w) for w in wordlists.raw_word_list("whitelist/lst_stop_word"))


def is_common_word(folded_word: str) -> bool:
    return folded_word in common_words() or folded_word in DETERMINERS or folded_word in TITLES


def lowercase_name_possible(tokens: Sequence[Token], token: Token) -> bool:
    """Whether a lower-case word may be a name here: not a frequent word, and not a noun
    after a determiner ("de kok", "deze zomer", "dezelfde Molukse kerk")."""
    if len(token.folded) < 4 or is_common_word(token.folded):
        return False
    previous = tokens[token.index - 1] if token.index >= 1 else None
    if previous is not None and previous.folded in DETERMINERS:
        return False
    before = tokens[token.index - 2] if token.index >= 2 else None
    if previous is not None and before is not None and previous.folded.endswith("e"):
        return before.folded not in DETERMINERS
    return True
