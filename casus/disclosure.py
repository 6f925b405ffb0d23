"""The disclosure gate: every output passes here before it is written or shown.

It knows what may never leave: every registered person's name in its forms (full, parts,
possessive, diminutive, lower case, with typos), e-mail addresses, phone numbers in any
notation, employee numbers, the cases' internal references, unit names, other names and
abbreviations (clusters and the meeting parties' own units excepted), and exact incident
dates; and it asks deduce for names nobody registered. Texts are folded (NFKC, case,
diacritics, zero-width characters) before they are compared. A hit refuses the output and
says where, so the secretary can fix the text; the refusal itself never quotes what it found.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rapidfuzz import process
from rapidfuzz.distance import OSA
from sqlalchemy import select

from casus.errors import CasusError
from casus.model import Case, OrgUnit, Person
from casus.model.enums import OrgUnitKind, Role
from casus.pseudonymise.case_input import RegisteredPerson
from casus.pseudonymise.folding import FoldedText, fold
from casus.pseudonymise.lexicon import PARTICLES, is_common_word, lowercase_name_possible, stop_words
from casus.pseudonymise.names import name_forms
from casus.pseudonymise.numbers import phone_key
from casus.pseudonymise.patterns import dates
from casus.pseudonymise.tokens import Token, tokenise

if TYPE_CHECKING:
    from casus.pseudonymise.engine import Pseudonymiser
    from casus.vault import Vault

NAME = "naam"
UNREGISTERED_NAME = "naam (niet geregistreerd)"
EMAIL = "e-mailadres"
PHONE = "telefoonnummer"
NUMBER = "personeelsnummer"
REFERENCE = "kenmerk van een casus"
UNIT = "organisatieonderdeel"
DATE = "exacte datum van een voorval"

_EMAIL_LIKE = re.compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+")
_REFERENCE_LIKE = re.compile(r"(?<![\w\-/])[\w][\w\-/]*\w(?![\w\-/])")
_NUMBER_LIKE = re.compile(r"(?<![\w\-/.])\d+(?![\w\-/]|[.,]\d)")
_PHONE_LIKE = re.compile(r"(?<![\w+])(?:\+|00)?[\d(][\d\s().\-/]{6,}\d(?!\d)")
_STEMS = ("s", "tje", "pje", "je", "ke")
_COLOURS = frozenset({"zwart", "wit", "groen", "rood", "bruin", "grijs", "geel", "blauw", "roos"})
# What our own replacements consist of: deduce may read "directie Z." or "Omstander C" as names.
_REPLACEMENT_WORDS = frozenset(
    {
        "melder",
        "betrokkene",
        "omstander",
        "leidinggevende",
        "getuige",
        "vertrouwenspersoon",
        "persoon",
        "directie",
        "team",
        "casus",
    }
)


@dataclass(frozen=True)
class Finding:
    """Where something traceable stands: `place` names the text in Dutch ("Agendapunt 2,
    bespreking"), start/end are offsets into it. The found text itself is not kept here."""

    place: str
    start: int
    end: int
    kind: str


class DisclosureRefused(CasusError):
    def __init__(self, findings: list[Finding]) -> None:
        self.findings = findings
        places = len({f.place for f in findings})
        super().__init__(
            f"Niet geëxporteerd: {len(findings)} vondst(en) in {places} tekst(en) die naar een persoon, "
            "casus of onderdeel kunnen leiden. Er is niets geschreven."
        )


@dataclass
class ForbiddenTerms:
    name_words: dict[str, str] = field(default_factory=dict)  # folded name part -> kind
    phrases: dict[tuple[str, ...], str] = field(default_factory=dict)  # folded word runs (units)
    single_unit_words: set[str] = field(default_factory=set)  # one-word unit names (capitalised only)
    abbreviations: set[str] = field(default_factory=set)  # case-sensitive
    emails: set[str] = field(default_factory=set)
    phones: set[str] = field(default_factory=set)
    numbers: set[str] = field(default_factory=set)
    references: set[str] = field(default_factory=set)
    incident_dates: set[dt.date] = field(default_factory=set)
    # Cluster names are a permitted generalisation, even where they contain a unit's name
    # ("Ruimte en Economie" holds directie Economie).
    allowed_phrases: set[tuple[str, ...]] = field(default_factory=set)

    @classmethod
    def from_vault(cls, vault: Vault) -> ForbiddenTerms:
        terms = cls()
        with vault.session() as session:
            people = select(Person.name, Person.email, Person.phone, Person.employee_number)
            for name, email, phone, number in session.execute(people):
                terms.add_person(name, email, phone, number)
            for reference, incident in session.execute(select(Case.reference, Case.incident_date)):
                terms.references.add(reference.casefold())
                if incident is not None:
                    terms.incident_dates.add(incident)
            # Clusters are a permitted generalisation; a meeting party's own unit acts in every
            # case ("Bureau Integriteit", "P&O") and names nobody.
            for cluster in session.scalars(select(OrgUnit.name).where(OrgUnit.kind == OrgUnitKind.CLUSTER)):
                terms.allowed_phrases.add(tuple(re.findall(r"[^\W_]+", fold(cluster))))
            units = select(OrgUnit).where(
                OrgUnit.kind != OrgUnitKind.CLUSTER, OrgUnit.meeting_party.is_(None)
            )
            for unit in session.scalars(units):
                terms.add_unit(unit.name, unit.abbreviations, unit.alternative_names)
        return terms

    def add_person(self, name: str, email: str | None, phone: str | None, number: str | None) -> None:
        forms = name_forms(RegisteredPerson("p", Role.WITNESS, name))
        for core in forms.cores:
            if len(core) >= 3:
                self.name_words[core] = NAME
        if email:
            self.emails.add(email.casefold())
        if phone and len(phone_key(phone)) >= 6:
            self.phones.add(phone_key(phone))
        if number and number.strip():
            self.numbers.add(number.strip())

    def add_unit(self, name: str, abbreviations: Iterable[str], alternative_names: Iterable[str]) -> None:
        for surface in (
            name,
            *alternative_names,
            *(name[len(p) :] for p in ("Team ", "Afdeling ") if name.startswith(p)),
        ):
            words = tuple(re.findall(r"[^\W_]+", fold(surface)))
            if len(words) == 1:
                self.single_unit_words.add(words[0])
            elif words:
                self.phrases[words] = UNIT
        self.abbreviations.update(a for a in abbreviations if len(a) >= 2)


class DisclosureGate:
    """One per output. `engine` lends its deduce for names nobody registered (optional)."""

    def __init__(self, terms: ForbiddenTerms, engine: Pseudonymiser | None = None) -> None:
        self.terms = terms
        self.engine = engine
        # Near misses are looked for among names of about the same length that share the first
        # or the last letters: a typo rarely hits both ends, and 10,000 names stay fast.
        self._near: dict[tuple[int, str], list[str]] = {}
        for core in terms.name_words:
            if len(core) >= 4:
                for size in (len(core) - 1, len(core), len(core) + 1):
                    self._near.setdefault((size, core[0]), []).append(core)
                    self._near.setdefault((size, core[-2:]), []).append(core)
        self._phrases: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for phrase, kind in terms.phrases.items():
            self._phrases.setdefault(phrase[0], []).append((phrase, kind))
        alternatives = "|".join(re.escape(a) for a in sorted(terms.abbreviations, key=len, reverse=True))
        self._abbreviations = re.compile(rf"(?<![\w&])(?:{alternatives})(?![\w&])") if alternatives else None

    @classmethod
    def for_vault(cls, vault: Vault, engine: Pseudonymiser | None = None) -> DisclosureGate:
        return cls(ForbiddenTerms.from_vault(vault), engine)

    def check(self, texts: Mapping[str, str], metadata: Mapping[str, str] | None = None) -> list[Finding]:
        findings: list[Finding] = []
        for place, text in texts.items():
            findings += self._scan(place, text)
        for key, value in (metadata or {}).items():
            findings += self._scan(f"metagegevens: {key}", value)
        return sorted(findings, key=lambda f: (f.place, f.start))

    def require_clean(self, texts: Mapping[str, str], metadata: Mapping[str, str] | None = None) -> None:
        findings = self.check(texts, metadata)
        if findings:
            raise DisclosureRefused(findings)

    # -- scanning ------------------------------------------------------------------------------

    def _scan(self, place: str, text: str) -> list[Finding]:
        if not text:
            return []
        found: list[Finding] = []

        folded = FoldedText.of(text)
        tokens = tokenise(folded)
        allowed = self._allowed_ranges(tokens)

        def hit(start: int, end: int, kind: str) -> None:
            """A hit that overlaps earlier ones joins them: "Vries" known to the vault and
            "Samira de Vries" found by deduce are one finding that covers the whole name."""
            if any(a <= start and end <= b for a, b in allowed):
                return
            overlapping = [f for f in found if f.start < end and start < f.end]
            for earlier in overlapping:
                found.remove(earlier)
                start, end, kind = min(start, earlier.start), max(end, earlier.end), overlapping[0].kind
            found.append(Finding(place, start, end, kind))

        for match in _EMAIL_LIKE.finditer(text):
            if match.group().casefold() in self.terms.emails:
                hit(match.start(), match.end(), EMAIL)
        for match in _REFERENCE_LIKE.finditer(text):
            if match.group().casefold() in self.terms.references:
                hit(match.start(), match.end(), REFERENCE)
        for match in _PHONE_LIKE.finditer(text):
            raw = match.group().rstrip(" -./(")
            if phone_key(raw) in self.terms.phones:
                hit(match.start(), match.start() + len(raw), PHONE)
        for match in _NUMBER_LIKE.finditer(text):
            if match.group() in self.terms.numbers:
                hit(match.start(), match.end(), NUMBER)
        for token in tokens:
            word = token.folded
            if word in PARTICLES or word in _REPLACEMENT_WORDS:
                continue
            stems = [word] + [
                word.removesuffix(s) for s in _STEMS if word.endswith(s) and len(word) - len(s) >= 3
            ]
            if any(stem in self.terms.name_words for stem in stems):
                if self._name_here(tokens, token):
                    hit(token.start, token.end, NAME)
                continue
            near_allowed = not token.sentence_start or len(word) >= 6
            if token.capitalised and near_allowed and len(word) >= 5 and not is_common_word(word):
                pool = self._near.get((len(word), word[0]), []) + self._near.get((len(word), word[-2:]), [])
                near = process.extractOne(word, pool, scorer=OSA.distance, score_cutoff=1) if pool else None
                if near is not None:
                    hit(token.start, token.end, NAME)
                    continue
            if (
                token.capitalised
                and word in self.terms.single_unit_words
                and not (is_common_word(word) and token.sentence_start)
            ):
                hit(token.start, token.end, UNIT)
        words = [t.folded for t in tokens]
        for index, word in enumerate(words):
            for phrase, kind in self._phrases.get(word, ()):
                size = len(phrase)
                if tuple(words[index : index + size]) == phrase and (tokens[index].capitalised or size >= 3):
                    hit(tokens[index].start, tokens[index + size - 1].end, kind)
        if self._abbreviations is not None:
            for match in self._abbreviations.finditer(text):
                hit(match.start(), match.end(), UNIT)
        for span in dates(text):
            if self._is_incident_date(text[span.start : span.end], span.detail):
                hit(span.start, span.end, DATE)
        for start, end in self._unregistered_names(text):
            hit(start, end, UNREGISTERED_NAME)
        return _joined(found, text)

    def _allowed_ranges(self, tokens: list[Token]) -> list[tuple[int, int]]:
        words = [t.folded for t in tokens]
        ranges = []
        for phrase in self.terms.allowed_phrases:
            size = len(phrase)
            for index in range(len(words) - size + 1):
                if size and tuple(words[index : index + size]) == phrase:
                    ranges.append((tokens[index].start, tokens[index + size - 1].end))
        return ranges

    def _name_here(self, tokens: list[Token], token: Token) -> bool:
        """Capitalised: a name, unless a frequent word opens a sentence ("Maar"). Lower case:
        a name only beside another name part ("bram bakker") or where no ordinary word can
        stand; colours are both common words and common surnames ("helemaal zwart")."""
        word = token.folded
        if token.capitalised:  # "Maar" opens a sentence; "Berg ontkent." is a name
            return not (token.sentence_start and word in stop_words())
        if is_common_word(word):
            return False
        neighbours = [tokens[i].folded for i in (token.index - 1, token.index + 1) if 0 <= i < len(tokens)]
        if any(n in self.terms.name_words for n in neighbours):
            return True
        return word not in _COLOURS and lowercase_name_possible(tokens, token)

    def _is_incident_date(self, surface: str, detail: str) -> bool:
        month, _, year = detail.partition("/")
        day = re.search(r"\d{1,2}", re.sub(r"^\D*", "", surface))
        if not (month and year and day):
            return False
        try:
            return dt.date(int(year), int(month), int(day.group())) in self.terms.incident_dates
        except ValueError:
            return False

    def _unregistered_names(self, text: str) -> list[tuple[int, int]]:
        if self.engine is None:
            return []
        spans = []
        for start, end in self.engine.names_nobody_registered(text):
            words = re.findall(r"[^\W\d_]+", text[start:end])
            if any(len(w) > 1 and fold(w) not in _REPLACEMENT_WORDS for w in words):
                spans.append((start, end))
        return spans


def _joined(found: list[Finding], text: str) -> list[Finding]:
    """ "Pieter Smit" is one finding, not two: the secretary fixes a name, not its parts."""
    joined: list[Finding] = []
    for finding in sorted(found, key=lambda f: f.start):
        last = joined[-1] if joined else None
        if (
            last is not None
            and last.kind == finding.kind
            and finding.kind in (NAME, UNREGISTERED_NAME)
            and not text[last.end : finding.start].strip()
        ):
            joined[-1] = Finding(last.place, last.start, finding.end, last.kind)
        else:
            joined.append(finding)
    return joined
