"""The meeting notebook: one meeting's notes, what is saved and checked, and the findings.

Rules it keeps, so no window has to:
- a note typed is unsaved and unchecked until it is stored and checked; storing happens all at
  once (`save`), and a refused store (too long) keeps every unsaved note as typed;
- a meeting is not left while a note is unsaved: `open` stores first, and refuses to switch if
  that fails, so nothing typed is lost;
- every note, action and case text is checked by the gate exactly as the minutes will hold it,
  with the second line's questions ("controleer") beside the refusals, minus the words the
  secretary marked "geen naam" for this meeting;
- findings are ordered as the minutes read: per agenda item its case, then its notes in field
  order; then the actions in the minutes' order; then the learning points.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from enum import Enum

from casus.disclosure import DisclosureGate, Finding
from casus.errors import ValidationError
from casus.events import Events
from casus.notebook.export import ExportRefusal
from casus.notebook.preparation import MeetingPreparation
from casus.notebook.texts import LEARNING, MeetingText, PlacedFinding, TextKind
from casus.services.agenda_cards import AgendaCards
from casus.services.meeting_values import ActionEntry, AgendaEntry, MeetingView
from casus.services.meeting_view import MeetingCase
from casus.services.meetings import MeetingService
from casus.services.notes import NoteService
from casus.vocabulary.agenda import LEARNING_POINTS, NoteField, action_title, note_place
from casus.vocabulary.enums import FindingKind, Party
from casus.vocabulary.text_position import position_in

NEW_ACTION = "Nieuwe actie"


class Change(Enum):
    """What changed in the notebook, for whoever shows it."""

    MEETING = "meeting"  # another meeting, or the same one read again
    AGENDA = "agenda"  # items added, moved or removed ("Casus N" may have changed)
    VIEWS = "views"  # the cases as the meeting sees them, and the gate, are ready
    ACTIONS = "actions"
    FINDINGS = "findings"
    SAVED = "saved"


@dataclass(frozen=True)
class Tally:
    refusing: int  # findings that stop the minutes
    questions: int  # words the second line asks about


class MeetingNotebook:
    def __init__(self, meetings: MeetingService, notes: NoteService | None = None) -> None:
        self.meetings = meetings
        self.notes_service = notes
        self.events: Events[Change] = Events()
        self.meeting: MeetingView | None = None
        self.notes: dict[MeetingText, str] = {}
        self.action_draft: tuple[int | None, str] = (None, "")  # the action in the form
        self.unsaved: set[MeetingText] = set()
        self.unchecked: set[MeetingText] = set()
        self.findings: dict[MeetingText, list[Finding]] = {}
        self.gate: DisclosureGate | None = None
        self.views: dict[int, MeetingCase | str] = {}
        self.no_name: frozenset[str] = frozenset()

    # -- what is open ------------------------------------------------------------------------------

    @property
    def meeting_id(self) -> int | None:
        return self.meeting.id if self.meeting is not None else None

    @property
    def agenda(self) -> tuple[AgendaEntry, ...]:
        return self.meeting.agenda if self.meeting is not None else ()

    @property
    def actions(self) -> tuple[ActionEntry, ...]:
        return self.meeting.actions if self.meeting is not None else ()

    def entry(self, item_id: int | None) -> AgendaEntry | None:
        return next((entry for entry in self.agenda if entry.id == item_id), None)

    def open(self, meeting_id: int, keep_views: bool = False) -> None:
        """Store what was typed, then read the meeting. A refused store raises and leaves the
        notebook on the meeting it was on."""
        self.save()
        if meeting_id != self.meeting_id or not keep_views:
            self.views, self.gate = {}, None
        self.meeting = self.meetings.get(meeting_id)
        self.notes = {
            MeetingText.note(entry.id, field): entry.note(field)
            for entry in self.agenda
            for field in NoteField
        }
        self.notes[LEARNING] = self.meeting.learning_points
        self.no_name = self.meetings.no_name_words(meeting_id)
        self.events.publish(Change.MEETING)
        if self.ready:
            self.check_all()

    def to_prepare(self) -> list[AgendaEntry]:
        """The agenda items whose case is not read yet (all of them while there is no gate)."""
        return [entry for entry in self.agenda if self.gate is None or entry.id not in self.views]

    @property
    def ready(self) -> bool:
        return self.gate is not None and not self.to_prepare()

    def adopt(self, preparation: MeetingPreparation) -> None:
        if preparation.meeting_id != self.meeting_id:
            return  # another meeting was chosen meanwhile
        self.gate = preparation.gate
        self.views.update(preparation.views)
        self.events.publish(Change.VIEWS)
        self.check_all()

    # -- the agenda and the actions ----------------------------------------------------------------

    def add_released(self) -> int:
        meeting_id = self._required_meeting()
        added = self.meetings.add_released(meeting_id)
        self._reread_agenda()
        return added

    def add_cards(self) -> int:
        """The case cards read in and not yet answered, on this meeting's agenda."""
        meeting_id = self._required_meeting()
        added = AgendaCards(self.meetings.vault).add_to(meeting_id)
        self._reread_agenda()
        return added

    def move(self, item_id: int, offset: int) -> None:
        self.save()
        self.meetings.move_agenda_item(item_id, offset)
        self._reread_agenda()

    def remove(self, item_id: int) -> None:
        self.save()
        self.meetings.remove_agenda_item(item_id)
        self.notes = {
            text: words
            for text, words in self.notes.items()
            if text.kind is not TextKind.NOTE or text.id != item_id
        }
        self._reread_agenda()
        self.actions_changed()  # its actions stay, no longer tied to the item

    def set_attendance(self, parties: Iterable[Party]) -> None:
        self.meetings.set_attendance(self._required_meeting(), parties)

    def actions_changed(self) -> None:
        """The action list was edited (casus.services.meetings): read it alone and check it."""
        actions = self.meetings.actions(self._required_meeting())
        self.meeting = replace(self._open_meeting(), actions=actions)
        self.events.publish(Change.ACTIONS)
        self.check_all()

    def _reread_agenda(self) -> None:
        """The agenda alone (the notes and the actions are as they were)."""
        agenda = self.meetings.agenda(self._required_meeting())
        self.meeting = replace(self._open_meeting(), agenda=agenda)
        self.events.publish(Change.AGENDA)
        self.check_all()

    def _open_meeting(self) -> MeetingView:
        if self.meeting is None:
            raise ValidationError("meeting", "Overleg", "kies eerst een overleg")
        return self.meeting

    def _required_meeting(self) -> int:
        return self._open_meeting().id

    # -- typing and saving -------------------------------------------------------------------------

    def type_note(self, text: MeetingText, words: str) -> None:
        """A note (item or learning points) as it now reads: unsaved and unchecked."""
        self.notes[text] = words
        self.unsaved.add(text)
        self.unchecked.add(text)

    def type_action(self, action_id: int | None, words: str) -> None:
        """The action in the form as it now reads: checked, stored by the action list itself."""
        self.action_draft = (action_id, words)
        self.unchecked.add(MeetingText.action(action_id))

    def save(self) -> None:
        """Store every unsaved note; a refusal (CasusError) keeps what was not stored unsaved."""
        items = {text.id for text in self.unsaved if text.kind is TextKind.NOTE and text.id is not None}
        for item_id in items:
            self.meetings.record_item(
                item_id, *(self.notes.get(MeetingText.note(item_id, f), "") for f in NoteField)
            )
            self.unsaved -= {MeetingText.note(item_id, field) for field in NoteField}
        learning = LEARNING in self.unsaved and self.meeting is not None
        if learning:
            self.meetings.set_learning_points(self._required_meeting(), self.notes.get(LEARNING, ""))
            self.unsaved.discard(LEARNING)
        if items or learning:
            self.events.publish(Change.SAVED)

    # -- checking ----------------------------------------------------------------------------------

    def place(self, text: MeetingText) -> str:
        """Where a text stands, as the minutes and the findings name it."""
        entry = self.entry(text.id)
        if text.kind is TextKind.NOTE and text.field is not None:
            return note_place(entry.number if entry else 0, text.field)
        if text.kind is TextKind.CASE:
            return entry.title if entry else ""
        if text.kind is TextKind.ACTION:
            order = [action.id for action in self.actions]
            return action_title(order.index(text.id) + 1) if text.id in order else NEW_ACTION
        return LEARNING_POINTS

    def text(self, text: MeetingText) -> str:
        if text.kind is TextKind.ACTION:
            draft_id, words = self.action_draft
            if text.id == draft_id:
                return words
            return next((a.description for a in self.actions if a.id == text.id), "")
        return self.notes.get(text, "")

    def check_pending(self) -> None:
        if self.gate is None:
            return  # everything is checked once the gate is ready
        for text in self.unchecked:
            self._check(text)
        self.unchecked.clear()
        self.events.publish(Change.FINDINGS)

    def check_all(self) -> None:
        """Every note, action and case text, as the minutes will hold them."""
        if self.gate is None:
            return
        self.findings = {}
        for text in [*self.notes, *(MeetingText.action(a.id) for a in self.actions)]:
            self._check(text)
        self._check(MeetingText.action(self.action_draft[0]))
        for entry in self.agenda:
            view = self.views.get(entry.id)
            if isinstance(view, MeetingCase):
                self.findings[MeetingText.case(entry.id)] = self.gate.check(view.shown(entry.title))
        self.unchecked.clear()
        self.events.publish(Change.FINDINGS)

    def _check(self, text: MeetingText) -> None:
        assert self.gate is not None
        texts = {self.place(text): self.text(text)}
        found = self.gate.check(texts) + self.gate.residuals(texts, self.no_name)
        self.findings[text] = sorted(found, key=lambda finding: finding.start)

    def placed_findings(self) -> list[PlacedFinding]:
        """In the order the minutes read (see the module docstring)."""
        return [
            PlacedFinding(found, text, position_in(self.text(text), found.start))
            for text in sorted(self.findings, key=self._rank)
            for found in self.findings[text]
        ]

    def _rank(self, text: MeetingText) -> tuple[int, int, int]:
        numbers = {entry.id: entry.number for entry in self.agenda}
        actions = [action.id for action in self.actions]
        fields = list(NoteField)
        if text.kind is TextKind.CASE:
            return (0, numbers.get(text.id or 0, 0), 0)
        if text.kind is TextKind.NOTE and text.field is not None:
            return (0, numbers.get(text.id or 0, 0), 1 + fields.index(text.field))
        if text.kind is TextKind.ACTION:
            return (1, actions.index(text.id) if text.id in actions else len(actions), 0)
        return (2, 0, 0)

    def tally(self) -> Tally:
        found = [finding for listed in self.findings.values() for finding in listed]
        questions = sum(1 for finding in found if finding.kind is FindingKind.CHECK)
        return Tally(len(found) - questions, questions)

    def mark_no_name(self, placed: PlacedFinding) -> None:
        """F9: the word the second line asked about is no name; stored with the meeting."""
        finding = placed.finding
        if finding.kind is not FindingKind.CHECK:
            raise ValidationError("finding", "Bevinding", "is geen woord om te controleren")
        word = self.text(placed.text)[finding.start : finding.end]
        meeting_id = self._required_meeting()
        self.meetings.mark_no_name(meeting_id, word)
        self.no_name = self.meetings.no_name_words(meeting_id)
        self.check_all()

    def pseudonymised(self, words: str, item_id: int | None) -> str:
        """A note's words with names replaced as the meeting's version replaces them: at an
        agenda item by that case's pseudonyms, elsewhere only what needs no registry."""
        if self.notes_service is None or self.gate is None or self.meeting_id is None:
            raise ValidationError("note", "Notitie", "de controle is nog niet klaar; probeer het zo opnieuw")
        entry = self.entry(item_id)
        return self.notes_service.pseudonymise(words, self.meeting_id, entry.case_id if entry else None)

    def adopt_refusal(self, refusal: ExportRefusal) -> None:
        """The export's own check refused: its findings replace the list."""
        self.findings = refusal.by_text()
        self.events.publish(Change.FINDINGS)
