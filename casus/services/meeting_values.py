"""A meeting as the services hand it out: plain frozen values, not ORM entities, so that a
screen cannot change the database by accident or read a lazy relation after its session.

The order is the one the minutes use, fixed here once: the agenda by position ("Casus 1" is
the first), the actions open first and then as they were made ("Actie 1" is the first).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from casus.model import Action, AgendaItem, Meeting
from casus.vocabulary.agenda import NoteField, case_title
from casus.vocabulary.enums import ActionStatus, Party


@dataclass(frozen=True)
class MeetingCase:
    category: str
    period: str
    unit: str
    people: tuple[tuple[str, str], ...]  # (pseudonym, role)
    texts: dict[str, str]  # Dutch field name -> pseudonymised text
    warnings: tuple[str, ...]
    brought_by: str = ""  # the party that brought it: "ingebracht door discriminatie.nl"

    @property
    def heading(self) -> str:
        return " · ".join(part for part in (self.category, self.period, self.unit) if part)

    @property
    def brought_line(self) -> str:
        return f"Ingebracht door {self.brought_by}" if self.brought_by else ""

    def shown(self, title: str) -> dict[str, str]:
        """Everything of the case that a screen or a document shows, by place, for the gate."""
        texts = {
            f"{title}, kop": " · ".join((self.category, self.period, self.unit)),
            f"{title}, betrokkenen": "; ".join(f"{name} ({role})" for name, role in self.people),
        }
        if self.brought_by:
            texts[f"{title}, ingebracht door"] = self.brought_by
        texts.update({f"{title}, {field.lower()}": text for field, text in self.texts.items()})
        return texts


@dataclass(frozen=True)
class AgendaEntry:
    id: int
    case_id: int | None  # one of the vault's own cases,
    number: int  # 1 is the first item: "Casus 1"
    discussion: str
    advice: str
    agreements: str
    card_id: int | None = None  # or a case card another party brought (its row here)

    @property
    def title(self) -> str:
        return case_title(self.number)

    def note(self, field: NoteField) -> str:
        return str(getattr(self, field.value))


@dataclass(frozen=True)
class ActionEntry:
    id: int
    description: str
    owner_party: Party
    due_date: dt.date | None
    status: ActionStatus
    agenda_item_id: int | None
    carried_over: bool  # open at the previous meeting: "Is dit gelukt?"


@dataclass(frozen=True)
class MeetingView:
    id: int
    held_on: dt.date
    parties: frozenset[Party]
    agenda: tuple[AgendaEntry, ...]
    actions: tuple[ActionEntry, ...]
    learning_points: str

    def item(self, item_id: int) -> AgendaEntry | None:
        return next((entry for entry in self.agenda if entry.id == item_id), None)


def agenda_entries(items: Iterable[AgendaItem]) -> tuple[AgendaEntry, ...]:
    ordered = sorted(items, key=lambda item: (item.position, item.id))
    return tuple(
        AgendaEntry(
            item.id,
            item.case_id,
            number,
            item.discussion,
            item.advice,
            item.agreements,
            item.received_card_id,
        )
        for number, item in enumerate(ordered, 1)
    )


def action_entries(actions: Iterable[Action]) -> tuple[ActionEntry, ...]:
    ordered = sorted(actions, key=lambda action: (action.status is not ActionStatus.OPEN, action.id))
    return tuple(
        ActionEntry(
            action.id,
            action.description,
            action.owner_party,
            action.due_date,
            action.status,
            action.agenda_item_id,
            action.carried_over_from_id is not None,
        )
        for action in ordered
    )


def meeting_view(meeting: Meeting) -> MeetingView:
    return MeetingView(
        meeting.id,
        meeting.held_on,
        frozenset(a.party for a in meeting.attendance),
        agenda_entries(meeting.agenda),
        action_entries(meeting.actions),
        meeting.learning_points,
    )
