"""Detector for names nobody registered and no list knows, by the words around them.

deduce knows common Dutch first names and surnames; a case file also names people whose
names are in no list ("collega Shurandy", "mevrouw Okonkwo-Brandt"). A capitalised word
after a word that announces a person is taken for a name.
"""

from __future__ import annotations

import re

from casus.identify.folding import fold
from casus.identify.lexicon import PARTICLES, UNIT_WORDS, is_common_word
from casus.identify.spans import Span, SpanKind

PRIORITY_CONTEXT = 12
_ANNOUNCING = (
    "collega|collega's|oud-collega|voorganger|opvolger|teamgenoot|meneer|mevrouw|"
    "heer|klant|cliënt|client|bewoner|burger|stagiair|stagiaire|leerling|teamleider|teammanager|"
    "leidinggevende|manager|directeur|coördinator|coordinator|adviseur|genaamd|heet|ene|onze|"
    "broer|zus|vader|moeder|zoon|dochter|partner|vriend|vriendin|echtgenoot|echtgenote|buurman|"
    "buurvrouw|aanvaller|dader|verdachte|uitzendkracht|inhuurkracht|zzp'er"
)
_NAME = r"[A-ZÀ-ÝŁŞŚŻŹĆÇ][a-zà-ÿłşśżźćçğıüöäë'’\-]+"
_PARTICLE = r"(?:van|de|der|den|ter|ten|te|el|al|ben|ait|van de|van der|van den|in 't|van 't)"
_ANNOUNCED = re.compile(
    rf"(?<![\w])(?:(?i:{_ANNOUNCING})|(?i:dhr|mw|mevr)\.?)\s+(?P<name>{_NAME}(?:\s+(?:{_PARTICLE}\s+)?{_NAME})?)(?![\w])"
)


class ContextNameDetector:
    name = "context"

    def detect(self, text: str) -> list[Span]:
        spans = []
        for match in _ANNOUNCED.finditer(text):
            first = fold(match.group("name").split()[0])
            if is_common_word(first) or first in UNIT_WORDS or first in PARTICLES:
                continue
            spans.append(
                Span(*match.span("name"), SpanKind.PERSON, priority=PRIORITY_CONTEXT, detector=self.name)
            )
        return spans
