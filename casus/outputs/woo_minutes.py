"""The minutes of a meeting as a Woo request may have them (issue 15).

Minutes are pseudonymised already: "Melder A", "Casus 2" and "team K1" are the replacer's
own words and name nobody. What could still lead to someone is what the disclosure gate
finds in them: a name, address or number the vault knows, the patterns, a name nobody
registered (the identifier engine's deduce), and the second line's "controleer" words the
secretary did not mark "geen naam". Each of those is withheld with its Woo ground, the rest
stays readable. The case's own engine pass (casus.outputs.woo) is not run here: over text it
wrote itself it takes "Melder" for a place and "A." for a name.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from casus.disclosure import DisclosureGate, Finding, finding_kind
from casus.identify.folding import clean
from casus.outputs.minutes import Minutes, build_minutes
from casus.outputs.woo import Piece, WooDocument, WooSection, pieces_marked
from casus.vocabulary.agenda import LEARNING_POINTS, PARTIES, action_title
from casus.vocabulary.woo import default_ground

if TYPE_CHECKING:
    from casus.pseudonymise.engine import Pseudonymiser
    from casus.vault import Vault

TITLE = "Notulen casuïstiekoverleg (Woo-versie)"
ACTIONS = "Actielijst"
FIELD_TITLES = {"kop": "Onderwerp"}  # the line under a case's heading in the minutes


def withheld_in(gate: DisclosureGate, place: str, text: str, no_name: frozenset[str]) -> list[Finding]:
    """What the gate refuses in `text` and what its second line asks about."""
    return gate.check({place: text}) + gate.residuals({place: text}, no_name)


def woo_pieces(gate: DisclosureGate, place: str, text: str, no_name: frozenset[str]) -> tuple[Piece, ...]:
    marks = [
        (f.start, f.end, default_ground(finding_kind(f.kind)))
        for f in withheld_in(gate, place, text, no_name)
    ]
    return tuple(
        Piece(clean(piece.text)) if piece.ground is None else piece for piece in pieces_marked(text, marks)
    )


def _action_titles(minutes: Minutes) -> dict[str, str]:
    """ "Actie 2" -> "Actie 2 · P&O · uiterlijk 01-07-2025 · open · Casus 1": the columns of
    the minutes' action list, all of them Casus's own words."""
    titles = {}
    for number, action in enumerate(minutes.actions, 1):
        due = f"uiterlijk {action.due}" if action.due else "geen datum"
        parts = [action_title(number), action.owner, due, action.status.lower(), action.item]
        titles[action_title(number)] = " · ".join(part for part in parts if part)
    return titles


def _section(place: str, actions: dict[str, str], pieces: tuple[Piece, ...]) -> WooSection:
    """Under the heading of its agenda item ("Casus 2" over "Feitenrelaas"), of the action list,
    or of its own (the learning points)."""
    if place in actions:
        return WooSection(actions[place], pieces, ACTIONS)
    item, _comma, field = place.partition(", ")
    if not field:
        return WooSection(place, pieces)
    title = FIELD_TITLES.get(field, field[0].upper() + field[1:])
    return WooSection(title, pieces, item)


def woo_of_minutes(minutes: Minutes, gate: DisclosureGate, made_on: dt.date | None = None) -> WooDocument:
    texts = minutes.texts()
    titles = _action_titles(minutes)
    facts: tuple[tuple[str, tuple[Piece, ...]], ...] = (
        ("Datum van het overleg", (Piece(minutes.date_text),)),
        (PARTIES, woo_pieces(gate, PARTIES, texts.pop(PARTIES), minutes.no_name)),
    )
    learning_points = texts.pop(LEARNING_POINTS)  # last, as in the minutes
    sections = tuple(
        _section(place, titles, woo_pieces(gate, place, text, minutes.no_name))
        for place, text in [*texts.items(), (LEARNING_POINTS, learning_points)]
        if text.strip()
    )
    return WooDocument(TITLE, made_on or dt.date.today(), facts, sections)


def build_woo_minutes(vault: Vault, pseudonymiser: Pseudonymiser, meeting_id: int) -> WooDocument:
    minutes = build_minutes(vault, pseudonymiser, meeting_id)
    return woo_of_minutes(minutes, DisclosureGate.for_vault(vault, pseudonymiser))


def default_file_name(held_on: dt.date) -> str:
    """What it is and the meeting's month, as the minutes' own name: never a case or a party."""
    return f"woo-versie-notulen-casuistiekoverleg-{held_on:%Y-%m}.pdf"
