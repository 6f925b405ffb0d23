"""The texts of a meeting the gate checks, by what they are rather than by where on a screen.

A note at an agenda item ("Casus 2, advies"), an item's released case, an action (None for the
one being written), the learning points and the attendance line: each finding of the gate is
tied to one of these, so the screen can put the cursor on it and the minutes can say where.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from casus.disclosure import Finding
from casus.outputs.minutes import Source
from casus.vocabulary.agenda import NoteField


class TextKind(StrEnum):
    NOTE = "note"
    CASE = "case"
    ACTION = "action"
    LEARNING = "learning"
    PARTIES = "parties"


@dataclass(frozen=True)
class MeetingText:
    kind: TextKind
    id: int | None = None  # the agenda item (note, case) or the action
    field: NoteField | None = None  # for a note

    @staticmethod
    def note(item_id: int, field: NoteField) -> MeetingText:
        return MeetingText(TextKind.NOTE, item_id, field)

    @staticmethod
    def case(item_id: int | None) -> MeetingText:
        return MeetingText(TextKind.CASE, item_id)

    @staticmethod
    def action(action_id: int | None) -> MeetingText:
        return MeetingText(TextKind.ACTION, action_id)


LEARNING = MeetingText(TextKind.LEARNING)
PARTIES = MeetingText(TextKind.PARTIES)


@dataclass(frozen=True)
class PlacedFinding:
    """A finding of the gate, the meeting text it is in, and where in it in words a
    secretary can follow ("zin 2, woord 7"; empty where the text is not the notebook's)."""

    finding: Finding
    text: MeetingText
    where: str = ""


def text_of_source(source: Source | None) -> MeetingText:
    """The meeting text a finding in the exported minutes came from (casus.outputs.minutes)."""
    if source is None or source.field == "parties":
        return PARTIES
    if source.field == "case":
        return MeetingText.case(source.item_id)
    if source.action_id is not None:
        return MeetingText.action(source.action_id)
    if source.item_id is not None:
        return MeetingText.note(source.item_id, NoteField(source.field))
    return LEARNING
