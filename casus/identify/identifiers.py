"""An identifier set: everything known to point to a person, a case or a unit, looked up fast.

Built from plain values, from one case (its people and unit) or from the whole vault (every
person row, reference, incident date and unit), and compiled once into indices: the name
matcher, canonical keys of e-mail addresses, phone numbers, employee numbers and references,
and the unit index. The pseudonymiser and the gate ask the same questions of it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from casus.identify.case_input import KnownUnit, RegisteredPerson
from casus.identify.folding import fold
from casus.identify.matcher import NameMatcher
from casus.identify.numbers import is_extension, number_key, phone_key
from casus.identify.units import UnitIndex, build_index
from casus.vocabulary.enums import OrgUnitKind, Role

_WORD = re.compile(r"[^\W_]+")


def reference_key(text: str) -> str:
    """A case reference without its separators: "D-001", "d001" and "D 001" are one."""
    return "".join(_WORD.findall(fold(text)))


@dataclass
class IdentifierSet:
    """The raw values; `compile` makes the lookups."""

    persons: list[RegisteredPerson] = field(default_factory=list)
    references: set[str] = field(default_factory=set)
    incident_dates: set[dt.date] = field(default_factory=set)
    units: list[KnownUnit] = field(default_factory=list)
    # Names that may stand in an output although they name a unit's words: clusters, the
    # permitted generalisation ("Ruimte en Economie" holds directie Economie).
    allowed_phrases: set[tuple[str, ...]] = field(default_factory=set)

    def add_person(self, name: str, email: str | None, phone: str | None, number: str | None) -> None:
        self.persons.append(RegisteredPerson("", Role.WITNESS, name, email, phone, number))

    def allow_phrase(self, name: str) -> None:
        words = tuple(_WORD.findall(fold(name)))
        if words:
            self.allowed_phrases.add(words)

    def compile(self, stored: dict[str, list[str]] | None = None) -> KnownIdentifiers:
        """`stored`: what `KnownIdentifiers.sections` wrote of this set's people and cases,
        which then need not be in it (a vault keeps them: casus.identify.stored_index)."""
        return KnownIdentifiers(self, stored)


class KnownIdentifiers:
    """The indices of one identifier set. Every registered person shares one key here: the
    question is whether a text names anyone, not whom."""

    KEY = "vault"
    # Stricter with typos than the pseudonymiser: a two-letter slip must not get a name out.
    TYPOS_FROM, TWO_TYPOS_FROM = 5, 6

    def __init__(self, values: IdentifierSet, stored: dict[str, list[str]] | None = None) -> None:
        if stored is None:
            self._build(values)
        else:
            self._restore(stored)
        forbidden = [u for u in values.units if u.kind is not OrgUnitKind.CLUSTER and u.meeting_party is None]
        self.units: UnitIndex = build_index(forbidden)
        self.allowed_phrases = set(values.allowed_phrases)

    def _build(self, values: IdentifierSet) -> None:
        self.names = NameMatcher(
            values.persons,
            shared_key=self.KEY,
            typos_from=self.TYPOS_FROM,
            two_typos_from=self.TWO_TYPOS_FROM,
        )
        self.emails = {p.email.casefold() for p in values.persons if p.email}
        self.phones = {key for p in values.persons if p.phone and len(key := phone_key(p.phone)) >= 6}
        # Registered extensions ("4471") count after the words that announce one: alone, four
        # digits are as often a year or an amount.
        self.extensions = {p.phone.strip() for p in values.persons if p.phone and is_extension(p.phone)}
        self.numbers = {
            key
            for p in values.persons
            if p.employee_number and len(key := number_key(p.employee_number)) >= 4
        }
        self.references = {key for r in values.references if len(key := reference_key(r)) >= 3}
        self.incident_dates = set(values.incident_dates)

    def sections(self) -> dict[str, list[str]]:
        """What the people and cases made, as named lists of strings (the units are few and
        read afresh)."""
        sections = {f"names{name}": values for name, values in self.names.shared_sections().items()}
        sections |= {
            "emails": sorted(self.emails), "phones": sorted(self.phones),
            "extensions": sorted(self.extensions), "numbers": sorted(self.numbers),
            "references": sorted(self.references),
            "incident_dates": sorted(d.isoformat() for d in self.incident_dates),
        }  # fmt: skip
        return sections

    def _restore(self, stored: dict[str, list[str]]) -> None:
        names = {
            name.removeprefix("names"): values for name, values in stored.items() if name.startswith("names_")
        }
        self.names = NameMatcher.from_shared_sections(names, self.KEY, self.TYPOS_FROM, self.TWO_TYPOS_FROM)
        self.emails = set(stored["emails"])
        self.phones = set(stored["phones"])
        self.extensions = set(stored["extensions"])
        self.numbers = set(stored["numbers"])
        self.references = set(stored["references"])
        self.incident_dates = {dt.date.fromisoformat(d) for d in stored["incident_dates"]}

    def is_unit_phrase(self, words: tuple[str, ...]) -> bool:
        return words in self.units.names


def identifiers_of_units(units: Iterable[KnownUnit]) -> IdentifierSet:
    """A set that knows units only: the start of a vault's or a case's set."""
    values = IdentifierSet(units=list(units))
    for unit in values.units:
        if unit.kind is OrgUnitKind.CLUSTER:
            values.allow_phrase(unit.name)
    return values
