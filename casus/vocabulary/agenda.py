"""How the meeting names what is on it, in one place for the meeting screen, the minutes and
meeting mode: "Casus 2" is the second agenda item everywhere, "Casus 2, advies" the advice
noted at it, "Actie 3" the third action in the order the minutes list them.

Numbers, never references: the meeting sees "Casus 2", not the case's reference.
"""

from __future__ import annotations

from enum import StrEnum

LEARNING_POINTS = "Leerpunten"
PARTIES = "Aanwezig"


class NoteField(StrEnum):
    """The secretary's notes at an agenda item; the value is the agenda item's column."""

    DISCUSSION = "discussion"
    ADVICE = "advice"
    AGREEMENTS = "agreements"

    @property
    def heading(self) -> str:
        """As a heading in the minutes and a label on the screen."""
        return _HEADINGS[self]

    @property
    def place(self) -> str:
        """As the second half of a place: "Casus 2, advies"."""
        return self.heading.lower()


_HEADINGS = {
    NoteField.DISCUSSION: "Bespreking",
    NoteField.ADVICE: "Advies",
    NoteField.AGREEMENTS: "Afspraken",
}


def case_title(number: int) -> str:
    """Agenda item `number` (1 is the first)."""
    return f"Casus {number}"


def note_place(number: int, field: NoteField) -> str:
    return f"{case_title(number)}, {field.place}"


def action_title(number: int) -> str:
    """The `number`th action as the minutes list them (open first, then as they were made)."""
    return f"Actie {number}"
