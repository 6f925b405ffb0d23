"""The minutes of a meeting as a document model: parties present, per agenda item the
pseudonymised case ("Casus 1"), the discussion, advice and agreements, the action list, the
learning points.

Everything in them comes from the pseudonymised view of released cases and from what the
secretary typed. The model knows no file format: the writers (casus.outputs.minutes_pdf,
casus.outputs.minutes_docx) each know the model, and casus.outputs.minutes_export puts every
text through the disclosure gate before one of them writes a byte. Internal references never
appear: agenda items are numbered.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from casus.errors import ValidationError
from casus.identify.folding import clean
from casus.identify.patterns import MONTH_NAMES
from casus.services.meeting_codes import MeetingCodes
from casus.services.meeting_view import MeetingCase, MeetingViewService
from casus.services.meetings import MeetingService
from casus.vocabulary.agenda import LEARNING_POINTS, PARTIES, NoteField, action_title

if TYPE_CHECKING:
    from casus.pseudonymise.engine import Pseudonymiser
    from casus.vault import Vault

Progress = Callable[[int, int], None]
TITLE = "Notulen casuïstiekoverleg"
FOOTER = "Vertrouwelijk · gepseudonimiseerd verslag van het casuïstiekoverleg"


@dataclass(frozen=True)
class Source:
    """What a text of the minutes was made from, so a finding of the gate can be traced back to
    the field that must change: a secretary's note (`item_id` or `action_id` and its field), the
    learning points, or a released case's reviewed text ("case": fixed in the case's review)."""

    field: str
    item_id: int | None = None
    action_id: int | None = None


@dataclass(frozen=True)
class MinutesItem:
    item_id: int
    title: str
    case: MeetingCase
    discussion: str
    advice: str
    agreements: str

    def note(self, field: NoteField) -> str:
        return str(getattr(self, field.value))


@dataclass(frozen=True)
class MinutesAction:
    action_id: int
    description: str
    owner: str
    due: str
    status: str
    carried_over: bool
    # Which item it belongs to, as the minutes number it ("Casus 2"), "Vorig overleg" or
    # "Algemeen": "Terugkoppeling aan Melder A" means nothing without its case.
    item: str = ""


@dataclass(frozen=True)
class Minutes:
    held_on: dt.date
    parties: tuple[str, ...]
    items: tuple[MinutesItem, ...]
    actions: tuple[MinutesAction, ...]
    learning_points: str
    # The words the secretary marked "geen naam" in this meeting's notes (folded).
    no_name: frozenset[str] = frozenset()

    @property
    def date_text(self) -> str:
        return f"{self.held_on.day} {MONTH_NAMES[self.held_on.month - 1]} {self.held_on.year}"

    def cleaned(self) -> Minutes:
        """The minutes as written: no invisible characters, full-width and other digits as
        ASCII digits (casus.identify.folding.clean). The gate checks the texts as typed, so its
        offsets point into the secretary's own note; what is written is this."""
        return replace(
            self,
            items=tuple(
                replace(
                    item,
                    case=replace(item.case, texts={k: clean(v) for k, v in item.case.texts.items()}),
                    discussion=clean(item.discussion),
                    advice=clean(item.advice),
                    agreements=clean(item.agreements),
                )
                for item in self.items
            ),
            actions=tuple(replace(a, description=clean(a.description)) for a in self.actions),
            learning_points=clean(self.learning_points),
        )

    def texts(self) -> dict[str, str]:
        """Every text of the document by its place, for the gate."""
        return {place: text for place, (text, _source) in self.sourced_texts().items()}

    def note_texts(self) -> dict[str, str]:
        """What the secretary typed (notes, actions, learning points), by place: the texts the
        second line asks about. A released case's texts were decided at its review."""
        return {
            place: text
            for place, (text, source) in self.sourced_texts().items()
            if source.field not in ("case", "parties")
        }

    def sources(self) -> dict[str, Source]:
        return {place: source for place, (_text, source) in self.sourced_texts().items()}

    def sourced_texts(self) -> dict[str, tuple[str, Source]]:
        texts = {
            PARTIES: (", ".join(self.parties), Source("parties")),
            LEARNING_POINTS: (self.learning_points, Source("learning_points")),
        }
        for item in self.items:
            case = Source("case", item_id=item.item_id)
            texts.update({place: (text, case) for place, text in item.case.shown(item.title).items()})
            for field in NoteField:
                texts[f"{item.title}, {field.place}"] = (
                    item.note(field),
                    Source(field, item_id=item.item_id),
                )
        for number, action in enumerate(self.actions, 1):
            place = action_title(number)
            texts[place] = (action.description, Source("description", action_id=action.action_id))
        return texts


def default_file_name(held_on: dt.date, suffix: str = ".pdf") -> str:
    """Says only what it is and the month: never a case, a party or a person."""
    return f"notulen-casuistiekoverleg-{held_on:%Y-%m}{suffix}"


EARLIER_MEETING = "Vorig overleg"
WHOLE_MEETING = "Algemeen"


def action_item(agenda_item_id: int | None, carried_over: bool, titles: dict[int, str]) -> str:
    if agenda_item_id is not None and agenda_item_id in titles:
        return titles[agenda_item_id]
    return EARLIER_MEETING if carried_over else WHOLE_MEETING


def build_minutes(
    vault: Vault, pseudonymiser: Pseudonymiser, meeting_id: int, progress: Progress | None = None
) -> Minutes:
    """`progress(done, total)` is told after every agenda item: rendering a case is the slow part."""
    meetings = MeetingService(vault)
    meeting = meetings.get(meeting_id)
    views = MeetingViewService(vault, pseudonymiser)
    items = []
    with MeetingCodes(vault).coding(meeting_id) as codes:
        for entry in meeting.agenda:
            try:
                view = views.agenda_view(entry.case_id, entry.card_id, codes)
            except ValidationError:
                raise ValidationError(
                    "agenda",
                    entry.title,
                    "is niet meer vrijgegeven (de tekst is veranderd); "
                    "geef hem opnieuw vrij of haal hem van de agenda",
                ) from None
            items.append(
                MinutesItem(entry.id, entry.title, view, entry.discussion, entry.advice, entry.agreements)
            )
            if progress is not None:
                progress(entry.number, len(meeting.agenda))
    titles = {entry.id: entry.title for entry in meeting.agenda}
    actions = tuple(
        MinutesAction(
            a.id,
            a.description,
            a.owner_party.label,
            a.due_date.strftime("%d-%m-%Y") if a.due_date else "",
            a.status.label,
            a.carried_over,
            action_item(a.agenda_item_id, a.carried_over, titles),
        )
        for a in meeting.actions
    )
    parties = tuple(sorted(party.label for party in meeting.parties))
    no_name = meetings.no_name_words(meeting_id)
    return Minutes(meeting.held_on, parties, tuple(items), actions, meeting.learning_points, no_name)
