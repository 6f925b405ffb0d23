"""The disclosure gate: every output passes here before it is written or shown.

It asks the identifier pseudonymiser (casus.identify) what the whole vault knows: every registered
person's name in every form the pseudonymiser replaces (the same matcher, over every person
at once), e-mail addresses, phone numbers, employee numbers and case references in any
notation, unit names, other names and abbreviations (clusters and the meeting parties' own
units excepted), and exact incident dates; and it asks deduce for names nobody registered.

What is checked is the text as a reader sees it, whatever was typed to get past a filter:
invisible characters removed, look-alike letters folded to their Latin skeleton (Unicode TS
#39), digits of any script read as digits, spaced-out letters ("O u a h b i") and digit
groups joined, a letter O among digits read as a zero. Identifiers shaped like an e-mail
address, phone number, IBAN, postcode, licence plate or case number refuse whether anyone
registered them or not. A hit refuses the output and says where, so the secretary can fix
the text; the refusal itself never quotes what it found.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from casus.errors import CasusError
from casus.identify import patterns
from casus.identify.dutch_dictionary import is_dutch_word
from casus.identify.folding import FoldedText, cleaned, fold, join_spaced_letters
from casus.identify.identifiers import IdentifierSet, KnownIdentifiers
from casus.identify.lexicon import is_common_word
from casus.identify.numbers import number_key, phone_key, spoken_digits
from casus.identify.second_line import residuals as second_line_residuals
from casus.identify.spans import SpanKind
from casus.identify.tokens import Token, tokenise
from casus.identify.units import find_units
from casus.vocabulary.dutch import counted
from casus.vocabulary.enums import FindingKind, Role

if TYPE_CHECKING:
    from casus.pseudonymise.engine import Pseudonymiser
    from casus.vault import Vault

SHAPED = {
    SpanKind.EMAIL: FindingKind.EMAIL,
    SpanKind.PHONE: FindingKind.PHONE,
}

_ROLE_WORDS = "|".join(sorted({r.label for r in Role} | {"Persoon"}, key=len, reverse=True))
# What our own replacements look like ("Melder A", "Persoon F's", "directie K", "team K1"):
# the replacer writes them, so they name nobody; deduce may read "Betrokkene B." as a name.
_PSEUDONYM = re.compile(
    rf"(?i:\b(?:{_ROLE_WORDS}))\s[A-Z]{{1,2}}(?:'s)?\b|\b(?:directie|team)\s[A-Z]{{1,2}}\d{{0,2}}\b"
)


_EXTENSION_WORDS = re.compile(
    r"\b(?:toestel(?:nummer)?|tst|doorkies(?:nummer)?|intern(?:\s+nummer)?|extensie|ext)\.?\s*:?\s*(?P<number>\d{3,5})\b"
)


_REPLACED_AS = {
    FindingKind.NAME: SpanKind.PERSON,
    FindingKind.UNREGISTERED_NAME: SpanKind.PERSON,
    FindingKind.EMAIL: SpanKind.EMAIL,
    FindingKind.PHONE: SpanKind.PHONE,
    FindingKind.UNIT: SpanKind.ORG,
    FindingKind.INCIDENT_DATE: SpanKind.DATE,
    FindingKind.POSTCODE: SpanKind.LOCATION,
}


def finding_kind(kind: FindingKind) -> SpanKind:
    """The span kind that replaces what a finding of `kind` found."""
    return _REPLACED_AS.get(kind, SpanKind.ID)


@dataclass(frozen=True)
class Finding:
    """Where something traceable stands: `place` names the text in Dutch ("Agendapunt 2,
    bespreking"), start/end are offsets into it. The found text itself is not kept here."""

    place: str
    start: int
    end: int
    kind: FindingKind


class DisclosureRefused(CasusError):
    def __init__(self, findings: list[Finding]) -> None:
        self.findings = findings
        places = len({f.place for f in findings})
        super().__init__(
            f"Niet geëxporteerd: {counted(len(findings), 'vondst')} in {counted(places, 'tekst')} "
            "die naar een persoon, casus of onderdeel kunnen leiden. Er is niets geschreven."
        )


class DisclosureGate:
    """One per output. `pseudonymiser` lends its deduce for names nobody registered (optional)."""

    def __init__(
        self, values: IdentifierSet | KnownIdentifiers, pseudonymiser: Pseudonymiser | None = None
    ) -> None:
        self.known: KnownIdentifiers = values.compile() if isinstance(values, IdentifierSet) else values
        self.pseudonymiser = pseudonymiser

    @classmethod
    def for_vault(cls, vault: Vault, pseudonymiser: Pseudonymiser | None = None) -> DisclosureGate:
        """Over the vault's kept indices (casus.identifier_index): built once per change."""
        from casus.identifier_index import known_identifiers

        return cls(known_identifiers(vault), pseudonymiser)

    def check(
        self,
        texts: Mapping[str, str],
        metadata: Mapping[str, str] | None = None,
        vocabulary: Iterable[str] = (),
    ) -> list[Finding]:
        """`vocabulary`: the output's own fixed words (a report's headings and the domain's
        labels), which name nobody even where a registered surname is spelled the same
        ("Grond" as a column heading)."""
        own = {words for phrase in vocabulary if (words := tuple(re.findall(r"[^\W_]+", fold(phrase))))}
        findings: list[Finding] = []
        for place, text in texts.items():
            findings += self._scan(place, text, own)
        for key, value in (metadata or {}).items():
            findings += self._scan(f"metagegevens: {key}", value, own)
        return sorted(findings, key=lambda f: (f.place, f.start))

    def residuals(self, texts: Mapping[str, str], no_name: Collection[str] = ()) -> list[Finding]:
        """The second line over a secretary's notes: what looks like a name, a place or a unit
        and nothing registered (casus.identify.second_line). Marked "controleer" in the meeting
        screen, never refused: the first line and the patterns refuse what is known; this asks.
        `no_name`: the words the secretary marked "geen naam" (folded)."""
        found: list[Finding] = []
        for place, text in texts.items():
            if not text or not text.strip():
                continue
            refused = self._scan(place, text)
            for residual in second_line_residuals(text, self.known.allowed_phrases):
                if " ".join(fold(text[residual.start : residual.end]).split()) in no_name:
                    continue
                if any(f.start < residual.end and residual.start < f.end for f in refused):
                    continue  # already a finding that refuses
                found.append(Finding(place, residual.start, residual.end, FindingKind.CHECK))
        return sorted(found, key=lambda f: (f.place, f.start))

    def require_clean(
        self,
        texts: Mapping[str, str],
        metadata: Mapping[str, str] | None = None,
        vocabulary: Iterable[str] = (),
    ) -> None:
        findings = self.check(texts, metadata, vocabulary)
        if findings:
            raise DisclosureRefused(findings)

    # -- scanning ------------------------------------------------------------------------------

    def _scan(self, place: str, text: str, own: Collection[tuple[str, ...]] = ()) -> list[Finding]:
        if not text or not text.strip():
            return []
        found: list[Finding] = []
        folded = FoldedText.of(text)
        tokens = tokenise(folded)
        allowed = self._allowed_ranges(text, tokens, own)

        def hit(start: int, end: int, kind: FindingKind) -> None:
            """A hit that overlaps earlier ones joins them: "Vries" known to the vault and
            "Samira de Vries" found by deduce are one finding that covers the whole name."""
            if any(a <= start and end <= b for a, b in allowed):
                return
            overlapping = [f for f in found if f.start < end and start < f.end]
            for earlier in overlapping:
                found.remove(earlier)
                start, end, kind = min(start, earlier.start), max(end, earlier.end), overlapping[0].kind
            found.append(Finding(place, start, end, kind))

        for start, end, kind in itertools.chain(
            self._contacts_and_numbers(text, folded),
            self._shaped(text),
            self._names(folded, tokens),
            self._units(folded, tokens),
            self._incident_dates(text),
            self._unregistered_names(text, allowed),
        ):
            hit(start, end, kind)
        return _joined(found, text)

    def _allowed_ranges(
        self, text: str, tokens: list[Token], own: Collection[tuple[str, ...]] = ()
    ) -> list[tuple[int, int]]:
        words = [t.folded for t in tokens]
        ranges = [m.span() for m in _PSEUDONYM.finditer(text)]
        for phrase in (*self.known.allowed_phrases, *own):
            size = len(phrase)
            for index in range(len(words) - size + 1):
                if tuple(words[index : index + size]) == phrase:
                    ranges.append((tokens[index].start, tokens[index + size - 1].end))
        return ranges

    def _names(self, folded: FoldedText, tokens: list[Token]) -> Iterator[tuple[int, int, FindingKind]]:
        """Every form the pseudonymiser would replace, plus the forms typed to get past it:
        spaced letters, a name written together with another ("SamiraOuahbi") or broken
        by a hyphen ("Ouah-bi")."""
        names = self.known.names
        for span in names.find_names(folded, tokens):
            yield span.start, span.end, FindingKind.NAME
        joined = join_spaced_letters(folded)
        if joined is not None:
            for span in names.find_names(joined):
                yield span.start, span.end, FindingKind.NAME
        text = folded.original
        for token in tokens:
            surface = text[token.start : token.end]
            parts = [fold(p) for p in re.findall(r"[A-ZÀ-Ý][a-zß-ÿ]+", surface)]
            if len(parts) >= 2 and any(names.knows(p) for p in parts if len(p) >= 3):
                yield token.start, token.end, FindingKind.NAME
        for first, second in itertools.pairwise(tokens):
            between = text[first.end : second.start]
            if between == "-" and names.knows(first.folded + second.folded):
                yield first.start, second.end, FindingKind.NAME

    def _contacts_and_numbers(self, text: str, folded: FoldedText) -> Iterator[tuple[int, int, FindingKind]]:
        known = self.known
        for match in re.finditer(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+", folded.folded):
            if match.group().strip(".") in known.emails:
                yield *folded.original_span(match.start(), match.end()), FindingKind.EMAIL
        for start, end, digits in [*patterns.digit_runs(folded.folded), *spoken_digits(folded.folded)]:
            original = folded.original_span(start, end)
            if len(digits) >= 6 and phone_key(digits) in known.phones:
                yield *original, FindingKind.PHONE
            elif number_key(digits) in known.numbers:
                yield *original, FindingKind.STAFF_NUMBER
        if known.extensions:
            for match in _EXTENSION_WORDS.finditer(folded.folded):
                if match.group("number") in known.extensions:
                    yield *folded.original_span(*match.span("number")), FindingKind.PHONE
        # A reference in any notation ("D-001", "d001", "notulen-D001.pdf"): runs of up to four
        # word pieces one separator apart, compared without their separators.
        pieces = list(re.finditer(r"[^\W_]+", folded.folded))
        for first, piece in enumerate(pieces):
            compact = piece.group()
            last = first
            while True:
                if compact in known.references:
                    yield *folded.original_span(piece.start(), pieces[last].end()), FindingKind.CASE_REFERENCE
                last += 1
                if last >= min(first + 4, len(pieces)) or pieces[last].start() - pieces[last - 1].end() > 1:
                    break
                compact += pieces[last].group()

    @staticmethod
    def _shaped(text: str) -> Iterator[tuple[int, int, FindingKind]]:
        """What has the shape of an identifier refuses, registered or not."""
        view = cleaned(text)
        normal = view.folded
        spans = [
            *patterns.phones(normal),
            *(s for s in patterns.accounts(normal) if s.kind is SpanKind.EMAIL),
            *patterns.spelled_out_emails(normal),
            *patterns.postcodes(normal),
            *(s for s in patterns.numbers(normal) if s.detail in ("case", "plate", "iban")),
        ]
        kinds = {
            "case": FindingKind.FILE_NUMBER,
            "plate": FindingKind.PLATE,
            "iban": FindingKind.IBAN,
            "postcode": FindingKind.POSTCODE,
        }
        for span in spans:
            if span.detail == "extension":
                continue  # "toestel 1234" on its own points to nobody outside the building
            kind = SHAPED.get(span.kind) or kinds.get(span.detail, FindingKind.STAFF_NUMBER)
            yield *view.original_span(span.start, span.end), kind

    def _units(self, folded: FoldedText, tokens: list[Token]) -> Iterator[tuple[int, int, FindingKind]]:
        for mention in find_units(folded, tokens, self.known.units):
            yield mention.start, mention.end, FindingKind.UNIT

    def _incident_dates(self, text: str) -> Iterator[tuple[int, int, FindingKind]]:
        for span in patterns.dates(text):
            if self._is_incident_date(text[span.start : span.end], span.detail):
                yield span.start, span.end, FindingKind.INCIDENT_DATE

    def _is_incident_date(self, surface: str, detail: str) -> bool:
        month, _, year = detail.partition("/")
        day = re.search(r"\d{1,2}", re.sub(r"^\D*", "", surface))
        if not (month and year and day):
            return False
        try:
            return dt.date(int(year), int(month), int(day.group())) in self.known.incident_dates
        except ValueError:
            return False

    def _unregistered_names(
        self, text: str, allowed: Iterable[tuple[int, int]]
    ) -> Iterator[tuple[int, int, FindingKind]]:
        if self.pseudonymiser is None:
            return
        ours = list(allowed)
        for start, end in self.pseudonymiser.names_nobody_registered(text):
            # deduce may read "Betrokkene B. Vervolgens" or "directie P Ongefilterd" as an
            # initial and a surname: once our own pseudonyms are taken out, what is left must
            # still hold a word that no Dutch dictionary knows.
            words = [
                m.group()
                for m in re.finditer(r"[^\W\d_]+", text[start:end])
                if not any(a <= start + m.start() and start + m.end() <= b for a, b in ours)
            ]
            touches_ours = any(a <= end + 1 and start - 1 <= b for a, b in ours)  # overlaps or adjoins
            if any(
                len(w) > 1 and not is_common_word(fold(w)) and not (touches_ours and is_dutch_word(w))
                for w in words
            ):
                yield start, end, FindingKind.UNREGISTERED_NAME


def _joined(found: list[Finding], text: str) -> list[Finding]:
    """ "Pieter Smit" is one finding, not two: the secretary fixes a name, not its parts."""
    joined: list[Finding] = []
    for finding in sorted(found, key=lambda f: f.start):
        last = joined[-1] if joined else None
        if (
            last is not None
            and last.kind == finding.kind
            and finding.kind in (FindingKind.NAME, FindingKind.UNREGISTERED_NAME)
            and not text[last.end : finding.start].strip()
        ):
            joined[-1] = Finding(last.place, last.start, finding.end, last.kind)
        else:
            joined.append(finding)
    return joined
