"""What replaces a span: role pseudonyms, unit codes and generalisations.

People get a role and a letter per case ("Melder A", "Betrokkene B", "Persoon D"), one and
the same for every form of their name. Units get a code that reveals nothing: the letter
comes from a keyed hash (HMAC-SHA256 with a key kept in the vault), so it follows neither
the alphabet nor the name's first letter, and nobody without the key can rebuild the
table. Or, by the owner's choice, only the cluster or nothing of the unit is shown.
Exact dates become month and year; places become what kind of place they are.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass

from casus.identify.case_input import KnownUnit, RegisteredPerson
from casus.identify.folding import fold
from casus.identify.patterns import MONTH_NAMES
from casus.identify.spans import UNREGISTERED, Span, SpanKind
from casus.vocabulary.enums import OrgUnitKind, UnitGeneralisation

# No I, O, Q or Y: they read as digits or as each other on a shared screen.
CODE_LETTERS = "ABCDEFGHJKLMNPRSTUVWXZ"
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class UnitCode:
    """One code a book gave out: a directie's letter(s) (`team` empty) or a team's number."""

    unit: str
    team: str
    code: str


class UnitCodeBook:
    """Codes for units, stable for one key (one meeting) and meaningless without it.

    Which letter a unit gets when two collide, and a team's number, depend on the order units
    are met; a meeting therefore keeps what its book gave out (`given`) and opens the next
    book with it (`kept`), so every view of the meeting reads the same codes.
    """

    def __init__(self, key: bytes, kept: Iterable[UnitCode] = ()) -> None:
        if len(key) < 16:
            raise ValueError("code key too short")
        self._key = key
        self._codes: dict[str, str] = {}
        self._teams: dict[str, dict[str, int]] = {}
        self._given: list[UnitCode] = []
        for code in kept:
            if code.team:
                self._teams.setdefault(code.unit, {})[code.team] = int(code.code)
            else:
                self._codes[code.unit] = code.code

    def _rank(self, name: str, salt: int) -> int:
        digest = hmac.new(self._key, f"{salt}:{name}".encode(), hashlib.sha256).digest()
        return int.from_bytes(digest[:8], "big")

    def code(self, unit: str, reserved: Collection[str] = ()) -> str:
        """The unit's letter(s). `reserved` holds what a code must never read as (casefolded
        abbreviations and one-word names of real units): "directie BZ" would name one."""
        if unit not in self._codes:
            taken = set(self._codes.values())
            salt = 0
            while True:
                letters = CODE_LETTERS if salt < 4 else [a + b for a in CODE_LETTERS for b in CODE_LETTERS]
                candidate = letters[self._rank(unit, salt) % len(letters)]
                if candidate not in taken and candidate.casefold() not in reserved:
                    break
                salt += 1
            self._codes[unit] = candidate
            self._given.append(UnitCode(unit, "", candidate))
        return self._codes[unit]

    def team_number(self, directie: str, team: str) -> int:
        """Teams of one directie are numbered in the order the texts first name them."""
        numbers = self._teams.setdefault(directie, {})
        if team not in numbers:
            numbers[team] = max(numbers.values(), default=0) + 1
            self._given.append(UnitCode(directie, team, str(numbers[team])))
        return numbers[team]

    def given(self) -> tuple[UnitCode, ...]:
        """The codes this book gave out that it was not opened with, in the order given."""
        return tuple(self._given)


def reserved_codes(units: Iterable[KnownUnit]) -> frozenset[str]:
    """What a unit code must not equal: every unit's abbreviations and one-word names."""
    reserved: set[str] = set()
    for unit in units:
        reserved.update(a.casefold() for a in unit.abbreviations)
        for name in (unit.name, *unit.alternative_names):
            words = _WORD.findall(name)
            if len(words) == 1:
                reserved.add(words[0].casefold())
    return frozenset(reserved)


class PseudonymBook:
    """The replacement of every person of one case, registered or not."""

    def __init__(self, persons: Sequence[RegisteredPerson]) -> None:
        self._names: dict[str, str] = {}
        for letter_index, person in enumerate(persons):
            self._names[person.key] = f"{person.role.label} {self._letter(letter_index)}"
        self._next = len(persons)
        self._unregistered: list[tuple[set[str], str]] = []

    @staticmethod
    def _letter(index: int) -> str:
        count = len(CODE_LETTERS)
        if index < count:
            return CODE_LETTERS[index]
        return CODE_LETTERS[index // count - 1] + CODE_LETTERS[index % count]

    def is_registered(self, key: str) -> bool:
        return key in self._names

    def registered(self, key: str) -> str:
        return self._names[key]

    def unregistered(self, surface: str) -> str:
        """ "Persoon D" for a name nobody registered; the same name, in full or in part,
        gets the same pseudonym ("Ruud Stellingwerf" ... "Stellingwerf")."""
        words = {w for w in _WORD.findall(fold(surface)) if len(w) >= 3}
        for known, pseudonym in self._unregistered:
            if words & known:
                known |= words
                return pseudonym
        pseudonym = f"Persoon {self._letter(self._next)}"
        self._next += 1
        self._unregistered.append((words or {fold(surface)}, pseudonym))
        return pseudonym


def _month_year(detail: str) -> str:
    month, _, year = detail.partition("/")
    if not month.isdigit():
        return "[datum]"
    name = MONTH_NAMES[int(month) - 1]
    return f"{name} {year}" if year else name


_LOCATION_WORDS = {
    "address": "een adres",
    "street": "een straat",
    "postcode": "[postcode]",
}
_ID_WORDS = {
    "employee": "[personeelsnummer]",
    "case": "[nummer]",
    "plate": "[kenteken]",
    "iban": "[rekeningnummer]",
    "handle": "[account]",
    "url": "[link]",
    "number": "[nummer]",
}


def _location(span: Span, surface: str) -> str:
    if span.detail.startswith("building:"):
        return "een " + span.detail.split(":", 1)[1]
    if span.detail in _LOCATION_WORDS:
        return _LOCATION_WORDS[span.detail]
    if span.detail == "building":
        return "een gebouw"
    return "[plaats]"


class Replacer:
    """Renders the replacement text of a span; one per case and generalisation choice."""

    def __init__(
        self,
        people: PseudonymBook,
        units: Mapping[str, KnownUnit],
        codes: UnitCodeBook,
        generalisation: UnitGeneralisation,
        reserved: Collection[str] = (),
    ) -> None:
        self.people = people
        self.units = units
        self.codes = codes
        self.generalisation = generalisation
        self.reserved = reserved

    def _unit(self, span: Span, surface: str) -> str:
        unit = self.units.get(span.detail)
        if unit is not None:
            is_team = unit.kind in (OrgUnitKind.TEAM, OrgUnitKind.DEPARTMENT)
        else:
            is_team = fold(surface).startswith(("team", "afdeling"))
        noun = "team" if is_team else "directie"
        other = span.ref == UNREGISTERED
        article = ("een ander" if is_team else "een andere") if other else "een"
        if self.generalisation is UnitGeneralisation.NONE:
            return f"{article} {noun}"
        if self.generalisation is UnitGeneralisation.CLUSTER:
            cluster = unit.cluster_name if unit is not None else None
            return f"{article} {noun} in cluster {cluster}" if cluster else f"{article} {noun}"
        directie_key = (unit.directie_id or unit.id) if unit is not None else span.detail
        letter = self.codes.code(directie_key, self.reserved)
        if is_team:
            return f"team {letter}{self.codes.team_number(directie_key, span.detail)}"
        return f"directie {letter}"

    def text_for(self, span: Span, surface: str) -> str:
        if span.kind is SpanKind.PERSON:
            name = (
                self.people.registered(span.ref)
                if self.people.is_registered(span.ref)
                else self.people.unregistered(surface)
            )
            return name + "'s" if span.detail == "possessive" else name
        if span.kind is SpanKind.ORG:
            return self._unit(span, surface)
        if span.kind is SpanKind.DATE:
            general = _month_year(span.detail)
            return "in " + general if fold(surface).startswith("op ") else general
        if span.kind is SpanKind.LOCATION:
            return _location(span, surface)
        if span.kind is SpanKind.EMAIL:
            return "[e-mailadres]"
        if span.kind is SpanKind.PHONE:
            return "[toestelnummer]" if span.detail == "extension" else "[telefoonnummer]"
        return _ID_WORDS.get(span.detail, "[nummer]")
