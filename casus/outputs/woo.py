"""A case as a Woo request may have it (issue 15): the document model of the Woo-ready copy.

Every span the identifier engine finds and every span of the owner's review, whatever was
decided for the meeting, is withheld and marked with its Woo ground ("5.1.2e" unless the
owner chose another for that span, or chose to leave it readable). People appear by role,
their names withheld; the reference and the unit are withheld as such. The withheld text is
never part of the model: a renderer cannot put it under a black box because it does not
have it. What stays readable passes the disclosure gate before anything is written
(casus.outputs.woo_export), as a net under the engine.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from casus.identify.patterns import MONTH_NAMES
from casus.services.case_texts import REVIEWED_FIELDS, ReviewedSpan
from casus.services.cases import CaseService
from casus.services.review import ReviewService
from casus.vocabulary.woo import WooGround, default_ground

if TYPE_CHECKING:
    from casus.pseudonymise.engine import Pseudonymiser
    from casus.vault import Vault

TITLE = "Melding (Woo-versie)"
FOOTER = "Woo-versie · weggelakte passages zijn gemarkeerd met hun weigeringsgrond"


@dataclass(frozen=True)
class Piece:
    """Readable text, or a withheld passage: then only its ground, never its text."""

    text: str = ""
    ground: WooGround | None = None


@dataclass(frozen=True)
class WooSection:
    title: str
    pieces: tuple[Piece, ...]
    group: str = ""  # the heading above a run of sections ("Casus 2" over its texts), if any


@dataclass(frozen=True)
class WooDocument:
    title: str
    made_on: dt.date
    facts: tuple[tuple[str, tuple[Piece, ...]], ...]  # (label, value) of the report's head
    sections: tuple[WooSection, ...]

    def pieces(self) -> list[Piece]:
        found = [piece for _label, value in self.facts for piece in value]
        return found + [piece for section in self.sections for piece in section.pieces]

    def grounds_used(self) -> Counter[WooGround]:
        return Counter(piece.ground for piece in self.pieces() if piece.ground is not None)

    def readable(self) -> dict[str, str]:
        """What stays readable, by place, for the gate."""
        texts = {label: " ".join(p.text for p in value if p.ground is None) for label, value in self.facts}
        texts.update({s.title: "".join(p.text for p in s.pieces if p.ground is None) for s in self.sections})
        return texts


def withheld(ground: WooGround = WooGround.PRIVACY) -> tuple[Piece, ...]:
    return (Piece(ground=ground),)


def pieces_of(text: str, spans: list[ReviewedSpan]) -> tuple[Piece, ...]:
    """`text` cut into readable pieces and the reviewed spans withheld, each with its ground."""
    return pieces_marked(
        text,
        [
            (s.start, s.end, WooGround(s.woo_ground) if s.woo_ground else default_ground(s.kind))
            for s in spans
        ],
    )


def pieces_marked(text: str, marks: list[tuple[int, int, WooGround]]) -> tuple[Piece, ...]:
    """`text` cut into readable pieces and withheld ones; overlapping marks withhold as one,
    with the ground of the first. A mark "openbaar" stays readable."""
    pieces: list[Piece] = []
    at = 0
    for start, end, ground in sorted(marks, key=lambda mark: (mark[0], -mark[1])):
        if ground is WooGround.PUBLIC:
            continue
        if start < at:  # inside or overlapping the passage withheld before
            if end > at:
                at = end
            continue
        if start > at:
            pieces.append(Piece(text[at:start]))
        pieces.append(Piece(ground=ground))
        at = end
    if at < len(text):
        pieces.append(Piece(text[at:]))
    return tuple(pieces)


def build_woo_case(vault: Vault, pseudonymiser: Pseudonymiser, case_id: int) -> WooDocument:
    reviews = ReviewService(vault, pseudonymiser).propose(case_id)  # the engine's finds, merged
    case = CaseService(vault).get(case_id)
    people = "; ".join(f"{person.role.label}" for person in case.involvements)
    facts: tuple[tuple[str, tuple[Piece, ...]], ...] = (
        ("Kenmerk", withheld()),
        ("Ontvangen", (Piece(f"{MONTH_NAMES[case.received.month - 1]} {case.received.year}"),)),
        ("Kanaal", (Piece(case.channel.label),)),
        ("Aard van het gedrag", (Piece(case.category.label),)),
        ("Organisatieonderdeel", withheld() if case.org_unit_id is not None else (Piece("—"),)),
        ("Betrokkenen (namen weggelakt)", (Piece(people or "—"),)),
    )
    sections = tuple(
        WooSection(REVIEWED_FIELDS[review.field], pieces_of(review.text, list(review.spans)))
        for review in reviews
        if review.text.strip()
    )
    return WooDocument(TITLE, dt.date.today(), facts, sections)


def default_file_name(made_on: dt.date) -> str:
    """What it is and the day it was made: never the case."""
    return f"woo-versie-melding-{made_on:%Y-%m-%d}.pdf"
