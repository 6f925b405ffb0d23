"""Names of countries, regions and languages in Dutch, from CLDR (through babel).

A case is often about where someone comes from: "geboren in Polen", "Turks sprekend",
"Curaçao". Those are the case's ground, not an identifier; a country is never a place to
replace, and a language or nationality word never a name. CLDR is the Unicode consortium's
locale data, which babel ships.
"""

from __future__ import annotations

from functools import cache

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
