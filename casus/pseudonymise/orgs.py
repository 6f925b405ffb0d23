"""Detector for organisation units: the vault's catalogue and the way people write units.

Names, abbreviations, alternative names and teams come from the vault's own unit list
(or the default list plus the case's own unit, for `casus pseudonymise`). Running text
also names units the list does not know ("stadsdeel Noord", "directie Handhaving"):
those are found by their phrasing. A single-word name that is also a Dutch word
("Wonen", "Control") counts only when it is capitalised.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from casus.identify.case_input import KnownUnit
from casus.identify.dutch_dictionary import is_dutch_word
from casus.identify.folding import FoldedText, fold
from casus.identify.spans import OWN_UNIT, PRIORITY_ORG, UNREGISTERED, Span, SpanKind
from casus.identify.tokens import Token, tokenise
from casus.identify.units import WHERE_ONE_WORKS, UnitIndex, build_index, find_units, in_compound

_WORD = re.compile(r"[^\W_]+")
_UNIT_NOUN = re.compile(r"(?i)(?:directie|stadsdeel|team|afdeling|cluster|bureau)\s+$")
# "stadsdeel Noord", "directie Zorg en Welzijn", "team Handhaving Oost": a unit the list
# may not know. Connecting words join capitalised words into one name.
_PHRASED = re.compile(
    r"(?<![\w])(?P<noun>[Ss]tadsdeel|[Dd]irectie|[Aa]fdeling|[Tt]eam)\s+"
    r"(?P<name>[A-Z][\w&'\-]*(?:\s+(?:en|&)\s+[A-Z][\w&'\-]*|\s+[A-Z][\w&'\-]*)*)"
)
_NOT_A_UNIT_NAME = frozenset({"integriteit", "p&o"})
_SUB_UNIT = re.compile(r"\s*(?:[–—-]|,|\(|/)\s*")


def own_unit_ids(units: dict[str, KnownUnit], unit_id: str | None) -> set[str]:
    """The case's unit and its directie: both are "the own unit" in the texts."""
    own = units.get(unit_id or "")
    if own is None:
        return set()
    return {own.id, own.directie_id} if own.directie_id else {own.id}


class OrgDetector:
    name = "org"

    def __init__(
        self, units: Sequence[KnownUnit], own_unit_id: str | None, index: UnitIndex | None = None
    ) -> None:
        self.units = {u.id: u for u in units}
        self.index = index or build_index(units)
        self.own_ids = own_unit_ids(self.units, own_unit_id)

    def _counts(self, unit_ids: Sequence[str]) -> bool:
        """A meeting party's own unit ("Bureau Integriteit", "P&O") acts in every case;
        naming it identifies nobody, unless the case is set in it."""
        return any(i in self.own_ids or self.units[i].meeting_party is None for i in unit_ids)

    def _ref(self, unit_ids: Sequence[str]) -> tuple[str, str]:
        """Own unit first (a name shared by the own team and another unit is the own one)."""
        for unit_id in unit_ids:
            if unit_id in self.own_ids:
                return OWN_UNIT, unit_id
        return UNREGISTERED, unit_ids[0]

    def _span(self, text: str, start: int, end: int, unit_ids: Sequence[str]) -> Span | None:
        if not self._counts(unit_ids):
            return None
        # Take the unit noun before the name into the span, so the replacement carries it.
        noun = _UNIT_NOUN.search(text, max(0, start - 12), start)
        if noun:
            start = noun.start()
        ref, unit_id = self._ref(unit_ids)
        return Span(start, end, SpanKind.ORG, ref, PRIORITY_ORG, self.name, unit_id)

    def _known(self, folded: FoldedText, tokens: list[Token]) -> list[Span]:
        spans = []
        mentions = find_units(folded, tokens, self.index)
        for mention in mentions:
            span = self._span(folded.original, mention.start, mention.end, mention.unit_ids)
            if span is not None:
                spans.append(span)
        return spans + self._own_in_lower_case(folded, tokens, [m.end for m in mentions])

    def _own_in_lower_case(
        self, folded: FoldedText, tokens: list[Token], unit_ends: Sequence[int] = ()
    ) -> list[Span]:
        """The case's own unit in lower case ("bij erfpacht", "sinds kort bij jeugdhulp"): where
        the case is set, its name is the unit where no ordinary word could stand."""
        text = folded.original
        spans = []
        for token in tokens:
            if not token.lowercase or in_compound(text, token.start, token.end):
                continue
            own = [i for i in self.index.names.get((token.folded,), ()) if i in self.own_ids]
            if not own:
                continue
            working = token.index >= 1 and tokens[token.index - 1].folded in WHERE_ONE_WORKS
            # "Grond en Ontwikkeling – erfpacht", "wpi (klantmanagement, …)": a part named
            # right after the unit it belongs to.
            working = working or any(_SUB_UNIT.fullmatch(text[end : token.start]) for end in unit_ends)
            # "haar gezondheid", "de cultuur": an ordinary word needs "bij", "naar", … before it.
            if own and (working or not is_dutch_word(token.folded)):
                spans.append(
                    Span(token.start, token.end, SpanKind.ORG, OWN_UNIT, PRIORITY_ORG, self.name, own[0])
                )
        return spans

    def _phrased(self, text: str) -> list[Span]:
        spans = []
        for match in _PHRASED.finditer(text):
            name = match.group("name")
            if fold(name) in _NOT_A_UNIT_NAME:
                continue
            start = match.start() if match.group("noun").lower() == "stadsdeel" else match.start("name")
            known = self.index.names.get(tuple(_WORD.findall(fold(name))))
            if known:
                span = self._span(text, start, match.end(), known)
                if span is not None:
                    spans.append(span)
            else:
                spans.append(Span(match.start(), match.end(), SpanKind.ORG, UNREGISTERED, PRIORITY_ORG - 1,
                                  self.name, "?" + fold(name)))  # fmt: skip
        return spans

    def detect(self, text: str) -> list[Span]:
        folded = FoldedText.of(text)
        return self._known(folded, tokenise(folded)) + self._phrased(text)
