"""The pseudonymiser: detectors propose, resolution decides, the replacer writes.

`propose` is what the review screen shows the case owner; `render` turns the spans the
owner kept into the text the meeting sees. deduce is loaded once, on first use, and
shared by every case the engine handles.
"""

from __future__ import annotations

import bisect
import itertools
import re
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from casus.identify.case_input import CaseInput, KnownUnit, RegisteredPerson
from casus.identify.folding import FoldedText, fold
from casus.identify.patterns import PatternDetector
from casus.identify.second_line import residuals
from casus.identify.spans import PRIORITY_DEDUCE, UNREGISTERED, Span, SpanKind
from casus.identify.tokens import tokenise
from casus.identify.units import build_index
from casus.pseudonymise.context_names import ContextNameDetector
from casus.pseudonymise.deduce_detector import DeduceDetector
from casus.pseudonymise.deduce_support import load_deduce
from casus.pseudonymise.locations import LocationDetector
from casus.pseudonymise.orgs import OrgDetector
from casus.pseudonymise.quasi_identifiers import Warning, warnings_for
from casus.pseudonymise.registry import RegistryDetector
from casus.pseudonymise.replacement import PseudonymBook, Replacer, UnitCodeBook, reserved_codes
from casus.pseudonymise.resolution import resolve
from casus.vocabulary.enums import OrgUnitKind, Party, Role, UnitGeneralisation


@dataclass(frozen=True)
class ReplacedSpan:
    start: int
    end: int
    kind: SpanKind
    ref: str
    replacement: str


@dataclass(frozen=True)
class FieldResult:
    text: str
    spans: tuple[ReplacedSpan, ...]


@dataclass(frozen=True)
class CaseResult:
    case_id: str
    fields: dict[str, FieldResult]
    warnings: tuple[Warning, ...]


# The second line's proposals rank below every detector of the first.
PRIORITY_RESIDUAL = 1
RESIDUAL = "residual"
_UNIT_BEFORE = frozenset({"team", "directie", "afdeling", "stadsdeel", "cluster", "bureau", "bij", "binnen",
                          "vanuit"})  # fmt: skip
_PLACE_BEFORE = frozenset({"in", "aan", "op", "naar", "uit", "langs", "via", "de", "het"})


def _residual_kind(text: str, start: int) -> SpanKind:
    """What a residual most likely is, by the word before it: "bij Financiën" a unit, "aan
    de Kade" a place, otherwise a person."""
    before = text[max(0, start - 20) : start].split()
    word = fold(before[-1]) if before else ""
    if word in _UNIT_BEFORE:
        return SpanKind.ORG
    return SpanKind.LOCATION if word in _PLACE_BEFORE else SpanKind.PERSON


def allowed_phrases(units: Iterable[KnownUnit]) -> frozenset[tuple[str, ...]]:
    """What the second line lets stand: clusters (the permitted generalisation), the meeting
    parties by name, label and abbreviation ("Bureau Integriteit", "Bureau I&D", "P&O")."""

    def words(name: str) -> tuple[str, ...]:
        return tuple(re.findall(r"[^\W_]+", fold(name)))

    allowed = {words(p.label) for p in Party} | {words("Bureau I&D"), words("I&D")}
    for unit in units:
        if unit.kind is OrgUnitKind.CLUSTER or unit.meeting_party is not None:
            allowed |= {words(n) for n in (unit.name, *unit.alternative_names, *unit.abbreviations)}
    return frozenset(w for w in allowed if w)


def _capitalise_at_sentence_start(text: str, start: int, replacement: str) -> str:
    before = text[:start].rstrip(" '\"‘“(")
    if (not before or before[-1] in ".!?:\n") and replacement[:1].islower():
        return replacement[0].upper() + replacement[1:]
    return replacement


class _Coverage:
    """Whether a range overlaps any of many spans, in logarithmic time: the spans by start,
    with the furthest end reached so far."""

    def __init__(self, spans: Sequence[Span]) -> None:
        ordered = sorted(spans, key=lambda s: s.start)
        self.starts = [s.start for s in ordered]
        self.reach = list(itertools.accumulate((s.end for s in ordered), max))

    def overlaps(self, start: int, end: int) -> bool:
        before = bisect.bisect_left(self.starts, end)  # the spans that start before `end`
        return before > 0 and self.reach[before - 1] > start


class Pseudonymiser:
    """One per process: deduce loads once. `propose` and `render` only read the engine, so
    threads may share it; a different unit list gets its own engine (`with_units`)."""

    def __init__(
        self,
        units: Sequence[KnownUnit],
        deduce_loader: Callable[[], Any] | None = load_deduce,
    ) -> None:
        self.units: dict[str, KnownUnit] = {u.id: u for u in units}
        self._index = build_index(units)
        self.reserved_codes = reserved_codes(units)
        self.allowed_phrases = allowed_phrases(units)
        self._patterns = PatternDetector()
        self._locations = LocationDetector()
        self._context_names = ContextNameDetector()
        self._deduce_loader = deduce_loader
        self._deduce: DeduceDetector | None = None
        self._lock = threading.Lock()

    def with_units(self, units: Sequence[KnownUnit]) -> Pseudonymiser:
        """Another engine over another unit list that shares this one's deduce (loaded once)."""
        other = Pseudonymiser(units, deduce_loader=None)
        other._deduce_loader = self._deduce_loader
        other._deduce = self._deduce_detector()
        return other

    def add_units(self, units: Iterable[KnownUnit]) -> None:
        """Learn units (or new facts about known ones, same id) the catalogue lacked."""
        changed = False
        for unit in units:
            if self.units.get(unit.id) != unit:
                self.units[unit.id] = unit
                changed = True
        if changed:
            self._index = build_index(self.units.values())
            self.reserved_codes = reserved_codes(self.units.values())
            self.allowed_phrases = allowed_phrases(self.units.values())

    def warm_up(self) -> None:
        """Load deduce now (in the background, from the window) rather than on first use."""
        self._deduce_detector()

    def _deduce_detector(self) -> DeduceDetector | None:
        if self._deduce_loader is None:
            return None
        with self._lock:
            if self._deduce is None:
                self._deduce = DeduceDetector(self._deduce_loader())
            return self._deduce

    def names_nobody_registered(self, text: str) -> list[tuple[int, int]]:
        """deduce's people in a text (for the disclosure gate); empty without deduce."""
        detector = self._deduce_detector()
        if detector is None:
            return []
        return [(s.start, s.end) for s in detector.detect(text) if s.kind is SpanKind.PERSON]

    # -- proposing ---------------------------------------------------------------------------

    def _attribute_accounts(self, registry: RegistryDetector, spans: Iterable[Span], text: str) -> list[Span]:
        """Pattern-found addresses, numbers and handles that belong to a registered person."""
        result = []
        for span in spans:
            if span.ref == UNREGISTERED and span.kind in (SpanKind.EMAIL, SpanKind.PHONE, SpanKind.ID):
                owner = None
                if span.kind is not SpanKind.ID or span.detail in ("handle", "url"):
                    owner = registry.owner_of_account(text[span.start : span.end])
                if owner:
                    span = Span(
                        span.start, span.end, span.kind, owner, span.priority, span.detector, span.detail
                    )
            result.append(span)
        return result

    @staticmethod
    def _attribute_short_names(registry: RegistryDetector, spans: Iterable[Span], text: str) -> list[Span]:
        """A name nobody registered that is the start of exactly one registered first name is
        that person ("Mo", "Bea", "Piet" in a chat), and so is a handle that is a registered
        name ("@Lan"): one person, one pseudonym."""
        result = []
        for span in spans:
            surface = text[span.start : span.end]
            word = fold(surface.lstrip("@"))
            if span.ref == UNREGISTERED and (
                (span.kind is SpanKind.PERSON and word.isalpha())
                or (span.kind is SpanKind.ID and span.detail == "handle" and word.isalpha())
            ):
                owners = registry.names.given_starting(word) | (
                    registry.names.owners(word) if span.kind is SpanKind.ID else set()
                )
                if len(owners) == 1:
                    span = Span(span.start, span.end, SpanKind.PERSON, next(iter(owners)), span.priority,
                                span.detector)  # fmt: skip
            result.append(span)
        return result

    def propose(self, case: CaseInput) -> dict[str, list[Span]]:
        """Disjoint proposed spans per text field."""
        registry = RegistryDetector(case.persons)
        orgs = OrgDetector(list(self.units.values()), case.unit_id, self._index)
        deduce = self._deduce_detector()
        fields = [name for name, text in case.texts.items() if text]
        others: dict[str, list[Span]] = {}
        for name in fields:
            text = case.texts[name]
            found = (
                orgs.detect(text)
                + self._patterns.detect(text)
                + self._locations.detect(text)
                + self._context_names.detect(text)
            )
            if deduce is not None:
                found += deduce.detect(text)
            others[name] = self._attribute_accounts(registry, found, text)
        people = {name: registry.detect(case.texts[name]) for name in fields}
        # A nickname introduced in one text ("('Segun')") counts in all of them.
        if registry.learn_aliases([case.texts[n] for n in fields], [people[n] for n in fields]):
            people = {name: registry.detect(case.texts[name]) for name in fields}
        others = {
            name: self._attribute_short_names(registry, spans, case.texts[name])
            for name, spans in others.items()
        }
        proposals = {name: resolve(people[name] + others[name]) for name in fields}
        # Every mention of a name nobody registered, once one of them was found
        # ("Ruud Stellingwerf" ... "Stellingwerf deed niets").
        again = self._unregistered_mentions(case, proposals)
        if again:
            proposals = {name: resolve(people[name] + others[name] + again[name]) for name in fields}
        for name in fields:
            proposals[name] = self._with_residuals(case.texts[name], proposals[name])
        for name in case.texts:
            proposals.setdefault(name, [])
        return proposals

    def _with_residuals(self, text: str, spans: list[Span]) -> list[Span]:
        """The second line's residuals no first-line span covers, as proposals of their own
        (detail "residual": the review lists them apart as "Mogelijk herleidbaar")."""
        covered = _Coverage(spans)
        extra = [
            Span(r.start, r.end, _residual_kind(text, r.start), UNREGISTERED, PRIORITY_RESIDUAL,
                 "second_line", RESIDUAL)
            for r in residuals(text, self.allowed_phrases)
            if not covered.overlaps(r.start, r.end)
        ]  # fmt: skip
        return sorted(spans + extra, key=lambda s: s.start) if extra else spans

    @staticmethod
    def _unregistered_mentions(case: CaseInput, proposals: Mapping[str, list[Span]]) -> dict[str, list[Span]]:
        surfaces = {
            case.texts[name][s.start : s.end]
            for name, spans in proposals.items()
            for s in spans
            if s.kind is SpanKind.PERSON and s.ref == UNREGISTERED
        }
        if not surfaces:
            return {}
        stand_ins = [
            RegisteredPerson(f"x{number}", Role.BYSTANDER, surface)
            for number, surface in enumerate(sorted(surfaces))
        ]
        finder = RegistryDetector(stand_ins)
        found: dict[str, list[Span]] = {}
        for name in proposals:
            folded = FoldedText.of(case.texts[name])
            found[name] = [
                Span(s.start, s.end, s.kind, UNREGISTERED, PRIORITY_DEDUCE, "unregistered", s.detail)
                for s in finder.find_names(folded, tokenise(folded))
            ]
        return found

    # -- rendering ---------------------------------------------------------------------------

    def render(
        self,
        case: CaseInput,
        spans: Mapping[str, Sequence[Span]],
        generalisation: UnitGeneralisation,
        codes: UnitCodeBook,
    ) -> CaseResult:
        """The texts with `spans` replaced. Spans must be disjoint (as propose returns them
        and the review keeps them)."""
        people = PseudonymBook(case.persons)
        replacer = Replacer(people, self.units, codes, generalisation, self.reserved_codes)
        fields: dict[str, FieldResult] = {}
        for name, text in case.texts.items():
            parts: list[str] = []
            replaced: list[ReplacedSpan] = []
            position = 0
            for span in sorted(spans.get(name, ()), key=lambda s: s.start):
                if span.start < position or span.end > len(text):
                    raise ValueError("spans overlap or run past the text")
                replacement = _capitalise_at_sentence_start(
                    text, span.start, replacer.text_for(span, text[span.start : span.end])
                )
                parts += [text[position : span.start], replacement]
                replaced.append(ReplacedSpan(span.start, span.end, span.kind, span.ref, replacement))
                position = span.end
            parts.append(text[position:])
            fields[name] = FieldResult("".join(parts), tuple(replaced))
        warnings = warnings_for(case.persons, self.units, case.unit_id, people)
        return CaseResult(case.case_id, fields, tuple(warnings))

    def pseudonymise(
        self,
        case: CaseInput,
        codes: UnitCodeBook,
        generalisation: UnitGeneralisation = UnitGeneralisation.CODE,
    ) -> CaseResult:
        return self.render(case, self.propose(case), generalisation, codes)
