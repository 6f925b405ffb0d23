"""deduce as a detector: people, places and dates that nobody registered."""

from __future__ import annotations

import itertools
import re
import threading
from functools import cache
from typing import Any

from casus.identify import patterns, wordlists
from casus.identify.folding import fold
from casus.identify.lexicon import CULTURAL_FIGURES, PARTICLES, TITLES, common_words
from casus.identify.spans import PRIORITY_DEDUCE, Span, SpanKind

_KINDS = {
    "persoon": SpanKind.PERSON,
    "patient": SpanKind.PERSON,
    "locatie": SpanKind.LOCATION,
    "datum": SpanKind.DATE,
    "telefoonnummer": SpanKind.PHONE,
    "emailadres": SpanKind.EMAIL,
    "bsn": SpanKind.ID,
    "id": SpanKind.ID,
}
# Words deduce's name context pulls into a name ("Collega Job Zwart", "Volgens Samira").
_NOT_NAME_WORDS = frozenset(
    {
        "collega", "collegas", "melder", "melders", "teamleider", "leidinggevende", "directeur",
        "manager", "medewerker", "volgens", "toen", "ook", "maar", "want", "omdat", "coordinator",
        "teammanager", "afdelingsmanager", "vertrouwenspersoon", "getuige", "betrokkene", "klant",
        "client", "bewoner", "voorganger", "opvolger", "stagiair", "stagiaire", "senior", "junior",
        "beleidsadviseur", "adviseur", "controller", "meldster", "dat", "en", "of", "met",
    }
)  # fmt: skip
_WORD = re.compile(r"\S+")
_PARTICLES_RE = r"(?:van der|van den|van de|van 't|in 't|van|de|der|den|ter|ten|te|el|al|ben|ait)"
_PARTICLE_BEFORE = re.compile(r"(?<![\w'])((?:Van der|Van den|Van de|Van|De|Den|Ter|Ten|El|Al|Ben|Ait)) $")
_SURNAME_AFTER = re.compile(rf" {_PARTICLES_RE} [A-Z][\w'\-]+")
_SURNAME_INITIAL = re.compile(r" (?:(?:van|de|der|den|ter|ten|te|van de|van der|van den) )?[A-Z]\.")
_SENTENCE_BREAK = re.compile(r"(?<=[^\W\d_]{2})[.!?;:]\s+")


def _trim_name(text: str, start: int, end: int) -> tuple[int, int] | None:
    words = [(m.start() + start, m.end() + start) for m in _WORD.finditer(text[start:end])]

    def unwanted(span: tuple[int, int]) -> bool:
        word = fold(text[span[0] : span[1]].strip(".,;:'\"()"))
        return (
            word in _NOT_NAME_WORDS
            or word in TITLES
            or word in PARTICLES
            or word in common_words()
            or not word[:1].isalnum()
        )

    while words and unwanted(words[0]):
        words.pop(0)
    while words and unwanted(words[-1]):
        words.pop()
    if not words:
        return None
    return words[0][0], words[-1][1]


@cache
def _place_names() -> frozenset[str]:
    """Folded Dutch place names from deduce's own lists."""
    places: set[str] = set()
    for sub_list in ("lst_municipality", "lst_residence", "lst_province", "lst_region"):
        places |= wordlists.raw_word_list(f"locations/lst_placename/{sub_list}")
    return frozenset(fold(p) for p in places)


def _date_detail(surface: str) -> str:
    for span in patterns.dates(surface):
        return span.detail
    return ""


def _code_letter_as_initial(text: str, start: int) -> bool:
    """deduce reads "I&D. Fragment" as the initial D. and a surname: the letter belongs to
    the code before it ("I&D", "P&O"), and the full stop ends the sentence."""
    return (
        start >= 1 and text[start - 1] in "&/" and re.match(r"[A-Z]\.\s", text[start : start + 3]) is not None
    )


class DeduceDetector:
    name = "deduce"

    def __init__(self, deduce: Any) -> None:
        self.deduce = deduce
        # deduce does not promise to be thread-safe, and the window may check a note on the
        # GUI thread while an export checks the minutes in a worker: one text at a time.
        self._lock = threading.Lock()

    def detect(self, text: str) -> list[Span]:
        if not text.strip():
            return []
        with self._lock:
            document = self.deduce.deidentify(text)
        spans = []
        for annotation in document.annotations:
            kind = _KINDS.get(annotation.tag)
            if kind is None:
                continue
            start, end = annotation.start_char, annotation.end_char
            if kind is SpanKind.PERSON and fold(text[start:end]).removeprefix("van ") in _place_names():
                # "Hogeschool van Amsterdam": deduce reads "van Amsterdam" as a name.
                kind = SpanKind.LOCATION
            if kind is SpanKind.PERSON:
                spans += self._names(text, start, end)
                continue
            detail = _date_detail(text[start:end]) if kind is SpanKind.DATE else ""
            spans.append(Span(start, end, kind, priority=PRIORITY_DEDUCE, detector=self.name, detail=detail))
        return spans

    def _names(self, text: str, start: int, end: int) -> list[Span]:
        """deduce joins adjacent names across a full stop ("Ruud Stellingwerf. Stellingwerf");
        a sentence boundary separates two mentions, an initial's full stop does not."""
        spans = []
        pieces = [start, *(m.end() for m in _SENTENCE_BREAK.finditer(text, start, end)), end]
        for piece_start, piece_end in itertools.pairwise(pieces):
            trimmed = _trim_name(text, piece_start, piece_end)
            if trimmed is None:
                continue
            name_start, name_end = trimmed
            rest = re.sub(r"^[A-Z]\.\s*", "", text[name_start:name_end])
            if _code_letter_as_initial(text, piece_start) and " " not in rest:
                # "naar Bureau I&D. Fragment volgt": a code's last letter, then a new sentence
                # whose first word deduce took for the surname.
                continue
            if CULTURAL_FIGURES.search(text, max(0, name_start - 8), name_end):
                continue  # "Zwarte Piet" is what a case may be about, not a person in it
            # "De Jong": deduce may leave a capitalised particle out ("van Jan" is not a name).
            particle = _PARTICLE_BEFORE.search(text, max(0, name_start - 8), name_start)
            if particle is not None:
                name_start = particle.start(1)
            # "Anna van der Berg": and the surname after a first name.
            surname = _SURNAME_AFTER.match(text, name_end)
            if surname is not None:
                name_end = surname.end()
            # "Dennis K.": the initial of a surname belongs to the name.
            initial = _SURNAME_INITIAL.match(text, name_end)
            if initial:
                name_end = initial.end()
            spans.append(
                Span(name_start, name_end, SpanKind.PERSON, priority=PRIORITY_DEDUCE, detector=self.name)
            )
        return spans
