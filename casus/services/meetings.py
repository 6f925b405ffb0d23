"""Meetings: attendance by party, an agenda of released cases, and the action list."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from casus import validation as v
from casus.errors import NotFoundError, ValidationError
from casus.identify.folding import fold
from casus.model import Action, AgendaItem, Case, Meeting, MeetingAttendance, NoNameWord
from casus.services.agenda_cards import add_waiting
from casus.services.audit import record
from casus.services.lookup import required
from casus.services.meeting_values import (
    ActionEntry,
    AgendaEntry,
    MeetingView,
    action_entries,
    agenda_entries,
    meeting_view,
)
from casus.vocabulary.agenda import NoteField
from casus.vocabulary.enums import ActionStatus, CaseStatus, Party

if TYPE_CHECKING:
    from casus.vault import Vault


T = TypeVar("T")


@dataclass(frozen=True)
class MeetingSummary:
    """A meeting as the meeting screen lists it: its date and how much is on it."""

    id: int
    held_on: dt.date
    items: int
    open_actions: int


class MeetingService:
    def __init__(self, vault: Vault) -> None:
        self.vault = vault

    def summaries(self) -> list[MeetingSummary]:
        """Newest first: the secretary nearly always works on the latest meeting."""
        with self.vault.session() as session:
            items = (
                select(func.count(AgendaItem.id))
                .where(AgendaItem.meeting_id == Meeting.id)
                .correlate(Meeting)
                .scalar_subquery()
            )
            open_actions = (
                select(func.count(Action.id))
                .where(Action.meeting_id == Meeting.id, Action.status == ActionStatus.OPEN)
                .correlate(Meeting)
                .scalar_subquery()
            )
            rows = session.execute(
                select(Meeting.id, Meeting.held_on, items, open_actions).order_by(Meeting.held_on.desc())
            ).all()
        return [MeetingSummary(*row) for row in rows]

    def create(self, held_on: dt.date | str, parties: Iterable[Party | str] = ()) -> int:
        """A meeting; open actions of the previous meeting carry over to it ("Is dit gelukt?")."""
        date = v.clean_date(held_on, "held_on", "Datum overleg", required=True, allow_future=True)
        present = {v.clean_enum(Party, p, "parties", "Aanwezige partijen") for p in parties}
        with self.vault.session() as session:
            if session.scalar(select(Meeting.id).where(Meeting.held_on == date)) is not None:
                raise ValidationError("held_on", "Datum overleg", "er is al een overleg op deze datum")
            meeting = Meeting(held_on=date, code_key=secrets.token_bytes(32))
            meeting.attendance = [MeetingAttendance(party=p) for p in sorted(present)]
            session.add(meeting)
            session.flush()
            previous = session.scalars(
                select(Meeting).where(Meeting.held_on < date).order_by(Meeting.held_on.desc())
            ).first()
            if previous is not None:
                for action in previous.actions:
                    if action.status is ActionStatus.OPEN:
                        meeting.actions.append(
                            Action(
                                description=action.description,
                                owner_party=action.owner_party,
                                due_date=action.due_date,
                                carried_over_from_id=action.id,
                            )
                        )
            record(session, self.vault.actor, "create", "meeting", meeting.id, ["held_on", "parties"])
            return meeting.id

    def find(self, held_on: dt.date | str) -> int:
        date = v.clean_date(held_on, "held_on", "Datum overleg", required=True, allow_future=True)
        with self.vault.session() as session:
            meeting_id = session.scalar(select(Meeting.id).where(Meeting.held_on == date))
        if meeting_id is None:
            raise NotFoundError()
        return meeting_id

    def set_learning_points(self, meeting_id: int, text: str) -> None:
        value = v.clean_text(text, "learning_points", "Leerpunten", max_length=v.LONG_TEXT_MAX)
        with self.vault.session() as session:
            meeting = required(session, Meeting, meeting_id)
            meeting.learning_points = value
            record(session, self.vault.actor, "update", "meeting", meeting_id, ["learning_points"])

    def mark_no_name(self, meeting_id: int, word: str) -> None:
        """The secretary's "geen naam" for a word the second line asks about in this meeting's
        notes ("Defensie", "Koers"): stored folded, so every notation of it counts. It quiets
        the question only; a registered name or a pattern-shaped number refuses regardless."""
        folded = " ".join(fold(word).split())
        if not folded:
            raise ValidationError("word", "Woord", "is leeg")
        if len(folded) > 200:
            raise ValidationError("word", "Woord", "is te lang (ten hoogste 200 tekens)")
        with self.vault.session() as session:
            meeting = required(session, Meeting, meeting_id)
            if folded not in {w.word for w in meeting.no_name_words}:
                meeting.no_name_words.append(NoNameWord(word=folded))
                record(session, self.vault.actor, "update", "meeting", meeting_id, ["no_name_words"])

    def no_name_words(self, meeting_id: int) -> frozenset[str]:
        with self.vault.session() as session:
            required(session, Meeting, meeting_id)
            words = select(NoNameWord.word).where(NoNameWord.meeting_id == meeting_id)
            return frozenset(session.scalars(words))

    def get(self, meeting_id: int) -> MeetingView:
        with self.vault.session() as session:
            meeting = session.scalars(
                select(Meeting)
                .where(Meeting.id == meeting_id)
                .options(
                    selectinload(Meeting.attendance),
                    selectinload(Meeting.agenda),
                    selectinload(Meeting.actions),
                )
            ).first()
            if meeting is None:
                raise NotFoundError()
            return meeting_view(meeting)

    def agenda(self, meeting_id: int) -> tuple[AgendaEntry, ...]:
        """The agenda alone (after a move or removal): "Casus N" in the new order."""
        with self.vault.session() as session:
            required(session, Meeting, meeting_id)
            items = session.scalars(select(AgendaItem).where(AgendaItem.meeting_id == meeting_id))
            return agenda_entries(items)

    def actions(self, meeting_id: int) -> tuple[ActionEntry, ...]:
        """The action list alone (after an action was added, changed or removed)."""
        with self.vault.session() as session:
            required(session, Meeting, meeting_id)
            return action_entries(session.scalars(select(Action).where(Action.meeting_id == meeting_id)))

    def set_attendance(self, meeting_id: int, parties: Iterable[Party | str]) -> None:
        """Organisations, never names: the minutes go to all of them."""
        present = {v.clean_enum(Party, p, "parties", "Aanwezige partijen") for p in parties}
        with self.vault.session() as session:
            meeting = required(session, Meeting, meeting_id)
            if {a.party for a in meeting.attendance} != present:
                meeting.attendance = [MeetingAttendance(party=p) for p in sorted(present)]
                record(session, self.vault.actor, "update", "meeting", meeting_id, ["parties"])

    def add_released(self, meeting_id: int) -> int:
        """Puts every released case and every case card waiting for the meeting that is not on
        the agenda yet on it (own cases oldest report first, then the cards as they came in),
        in one transaction; returns how many were added."""
        with self.vault.session() as session:
            required(session, Meeting, meeting_id)
            on_agenda = select(AgendaItem.case_id).where(
                AgendaItem.meeting_id == meeting_id, AgendaItem.case_id.is_not(None)
            )
            case_ids = session.scalars(
                select(Case.id)
                .where(Case.status == CaseStatus.RELEASED, Case.id.not_in(on_agenda))
                .order_by(Case.received, Case.id)
            ).all()
            for case_id in case_ids:
                self._append(session, meeting_id, case_id)
            cards = add_waiting(session, meeting_id)
            if case_ids or cards:
                record(session, self.vault.actor, "add_agenda_item", "meeting", meeting_id, ["agenda"])
        return len(case_ids) + cards

    def remove_agenda_item(self, item_id: int) -> None:
        """The item's notes go with it; its actions stay on the list (no longer tied to it)."""
        with self.vault.session() as session:
            item = required(session, AgendaItem, item_id)
            meeting_id = item.meeting_id
            session.delete(item)
            session.flush()
            self._renumber(session, meeting_id)
            record(session, self.vault.actor, "remove_agenda_item", "meeting", meeting_id, ["agenda"])

    def move_agenda_item(self, item_id: int, offset: int) -> None:
        """Moves an item up (negative) or down the agenda; "Casus N" follows the new order."""
        with self.vault.session() as session:
            item = required(session, AgendaItem, item_id)
            items = self._ordered(session, item.meeting_id)
            index = items.index(item)
            target = max(0, min(len(items) - 1, index + offset))
            if target == index:
                return
            items.insert(target, items.pop(index))
            for position, each in enumerate(items, 1):
                each.position = position
            record(session, self.vault.actor, "move_agenda_item", "meeting", item.meeting_id, ["agenda"])

    @staticmethod
    def _ordered(session: Session, meeting_id: int) -> list[AgendaItem]:
        return list(
            session.scalars(
                select(AgendaItem)
                .where(AgendaItem.meeting_id == meeting_id)
                .order_by(AgendaItem.position, AgendaItem.id)
            )
        )

    def _renumber(self, session: Session, meeting_id: int) -> None:
        for position, each in enumerate(self._ordered(session, meeting_id), 1):
            each.position = position

    def add_agenda_item(self, meeting_id: int, case_id: int) -> int:
        with self.vault.session() as session:
            required(session, Meeting, meeting_id)
            item = self._append(session, meeting_id, case_id)
            record(session, self.vault.actor, "add_agenda_item", "meeting", meeting_id, ["agenda"])
            return item.id

    @staticmethod
    def _append(session: Session, meeting_id: int, case_id: int) -> AgendaItem:
        case = required(session, Case, case_id)
        if case.status is not CaseStatus.RELEASED:
            raise ValidationError("case_id", "Casus", "is niet vrijgegeven voor het overleg")
        highest = select(func.max(AgendaItem.position)).where(AgendaItem.meeting_id == meeting_id)
        last = session.scalar(highest)
        item = AgendaItem(meeting_id=meeting_id, case_id=case_id, position=(last or 0) + 1)
        session.add(item)
        session.flush()
        return item

    def record_note(self, meeting_id: int, number: int, field: str, text: str) -> None:
        """One note of agenda item `number` (1 is the first), the others kept as they are."""
        agenda = self.get(meeting_id).agenda
        if not 1 <= number <= len(agenda):
            raise ValidationError("item", "Agendapunt", f"{number} bestaat niet in dit overleg")
        if field not in set(NoteField):
            raise ValidationError("field", "Notitie", "moet bespreking, advies of afspraken zijn")
        item = agenda[number - 1]
        notes = {each: item.note(each) for each in NoteField}
        notes[NoteField(field)] = text
        self.record_item(item.id, *(notes[each] for each in NoteField))

    def record_item(self, item_id: int, discussion: str, advice: str, agreements: str) -> None:
        values = {
            field.value: v.clean_text(text, field.value, field.heading, max_length=v.LONG_TEXT_MAX)
            for field, text in zip(NoteField, (discussion, advice, agreements), strict=True)
        }
        with self.vault.session() as session:
            item = required(session, AgendaItem, item_id)
            for name, value in values.items():
                setattr(item, name, value)
            record(session, self.vault.actor, "update", "agenda_item", item_id, values)

    def add_action(
        self,
        meeting_id: int,
        description: str,
        owner_party: Party | str,
        due_date: dt.date | str | None = None,
        agenda_item_id: int | None = None,
    ) -> int:
        text = v.clean_text(description, "description", "Actie", max_length=v.QUESTION_MAX, required=True)
        party = v.clean_enum(Party, owner_party, "owner_party", "Eigenaar")
        due = v.clean_date(due_date, "due_date", "Gereed op", allow_future=True)
        with self.vault.session() as session:
            required(session, Meeting, meeting_id)
            action = Action(
                meeting_id=meeting_id,
                description=text,
                owner_party=party,
                due_date=due,
                agenda_item_id=agenda_item_id,
            )
            session.add(action)
            session.flush()
            record(
                session,
                self.vault.actor,
                "create",
                "action",
                action.id,
                ["description", "owner_party", "due_date"],
            )
            return action.id

    def update_action(
        self, action_id: int, description: str, owner_party: Party | str, due_date: dt.date | str | None
    ) -> None:
        text = v.clean_text(description, "description", "Actie", max_length=v.QUESTION_MAX, required=True)
        party = v.clean_enum(Party, owner_party, "owner_party", "Eigenaar")
        due = v.clean_date(due_date, "due_date", "Gereed op", allow_future=True)
        with self.vault.session() as session:
            action = required(session, Action, action_id)
            action.description, action.owner_party, action.due_date = text, party, due
            record(
                session,
                self.vault.actor,
                "update",
                "action",
                action_id,
                ["description", "owner_party", "due_date"],
            )

    def remove_action(self, action_id: int) -> None:
        with self.vault.session() as session:
            action = required(session, Action, action_id)
            session.delete(action)
            record(session, self.vault.actor, "remove", "action", action_id, ["description"])

    def set_action_status(self, action_id: int, status: ActionStatus | str) -> None:
        value = v.clean_enum(ActionStatus, status, "status", "Status")
        with self.vault.session() as session:
            action = required(session, Action, action_id)
            action.status = value
            record(session, self.vault.actor, "update", "action", action_id, ["status"])
