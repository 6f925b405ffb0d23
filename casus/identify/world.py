"""Names of countries, regions and languages in Dutch, from CLDR (through babel).

A case is often about where someone comes from: "geboren in Polen", "Turks sprekend",
"Curaçao". Those are the case's ground, not an identifier; a country is never a place to
replace, and a language or nationality word never a name. CLDR is the Unicode consortium's
locale data, which babel ships.
"""

from __future__ import annotations

from functools import cache, lru_cache

from babel import Locale

from casus.identify.folding import fold


@cache
def country_names() -> frozenset[str]:
    """Folded Dutch names of every CLDR territory ("polen", "verenigde staten", "curacao")."""
    return frozenset(fold(name) for name in Locale("nl").territories.values())


@cache
def language_names() -> frozenset[str]:
    """Folded Dutch names of languages ("turks", "papiamento", "pools"): also the words for
    a nationality's adjective."""
    return frozenset(fold(name) for name in Locale("nl").languages.values())


# How Dutch makes a word for a country's people and their adjective: Oekraïne -> Oekraïners,
# Syrië -> Syriërs, Eritrea -> Eritreeërs, Marokko -> Marokkanen, India -> Indisch.
_DEMONYM_ENDINGS = (
    "eeers", "eeer", "anen", "aan", "ezen", "ees", "isch", "ische", "iers", "ier", "ers", "er",
    "sch", "se", "en", "s",
)  # fmt: skip


@cache
def _country_prefixes() -> frozenset[str]:
    return frozenset(
        name[:size] for name in country_names() if " " not in name for size in range(4, len(name) + 1)
    )


@lru_cache(maxsize=65536)
def names_a_country_s_people(folded_word: str) -> bool:
    """ "oekrainers", "syriers", "nederlander", "marokkanen", "indisch": the word is a
    country's name (its first four letters at least) with a demonym ending. "Fransen" is not
    ("frans" does not begin "frankrijk"): the whole stem must begin the country's name."""
    prefixes = _country_prefixes()
    return any(folded_word.endswith(e) and folded_word[: -len(e)] in prefixes for e in _DEMONYM_ENDINGS)
