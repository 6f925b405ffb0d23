"""What needs the case owner's attention today: the home view above the case list.

Case-management tools in this field open on what needs doing, not on a flat table. Each
line names a case by its reference (the owner's own view of the vault) and what is due,
never a person: not a name, not a role letter, not a text of the case. Action descriptions
are the meeting's own words, written behind the gate, and are shown as the meeting screen
shows them.

Feedback to the melder (terugkoppeling) has no record yet; it joins this list when it does.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from casus.model import (
    Action,
    AgendaItem,
    Case,
    FollowUp,
    Meeting,
    MeetingAdvice,
    ReceivedCard,
    RepairAdvice,
    Review,
)
from casus.services.feedback import OPEN, FeedbackKind, feedback_due, owed
from casus.services.retention import kept_too_long
from casus.vocabulary.enums import ActionStatus, CaseStatus, RepairStatus

if TYPE_CHECKING:
    from casus.services.case_values import CaseView
    from casus.vault import Vault

# An action due within this many days is listed before it is late.
ACTION_NOTICE_DAYS = 7


class AttentionKind(Enum):
    """The groups of the home view, in the order shown, with their Dutch headings."""

    TO_PREPARE = "Voorbereiden voor het overleg"
    NOT_ON_AGENDA = "Vrijgegeven, nog niet op een agenda"
    ACTIONS_DUE = "Acties van het overleg die (bijna) verlopen zijn"
    FEEDBACK_DUE = "Terugkoppeling aan de melder"
    ADVICE_FOLLOW_UP = "Heling-en-herstel-advies: vervolgdatum voorbij"
    RETENTION_PASSED = "Bewaartermijn voorbij"


@dataclass(frozen=True)
class AttentionItem:
    """One line: what it says, and what it opens (a case, or a meeting's action list)."""

    kind: AttentionKind
    text: str
    case_id: int | None = None
    meeting_id: int | None = None
    due: dt.date | None = None


def _day(date: dt.date | None) -> str:
    return date.strftime("%d-%m-%Y") if date is not None else ""


def due_words(due: dt.date | None, today: dt.date) -> str:
    """ "verlopen op 08-03-2026" once the day has passed, else "uiterlijk 08-03-2026"."""
    late = due is not None and due < today
    return f"{'verlopen op' if late else 'uiterlijk'} {_day(due)}"


class AttentionService:
    def __init__(self, vault: Vault) -> None:
        self.vault = vault

    def items(self, today: dt.date | None = None) -> tuple[AttentionItem, ...]:
        """Every line, grouped in the order of AttentionKind; within a group, oldest first."""
        today = today or dt.date.today()
        with self.vault.session() as session:
            return (
                *_to_prepare(session, today),
                *_not_on_agenda(session, today),
                *sorted(
                    (*_actions_due(session, today), *_follow_ups_due(session, today)),
                    key=lambda item: item.due or today,
                ),
                *_feedback_due(session, today),
                *_advice_follow_up(session, today),
                *_retention_passed(session, today),
            )


def _to_prepare(session: Session, today: dt.date) -> list[AttentionItem]:
    """Cases being prepared (in progress, or with a review begun) and not released."""
    next_meeting = session.scalar(
        select(Meeting.held_on).where(Meeting.held_on >= today).order_by(Meeting.held_on)
    )
    before = f" vóór het overleg van {_day(next_meeting)}" if next_meeting else ""
    reviewed = exists().where(Review.case_id == Case.id)
    query = (
        select(Case.id, Case.reference, Case.category)
        .where(
            Case.status.in_((CaseStatus.NEW, CaseStatus.IN_PROGRESS)),
            (Case.status == CaseStatus.IN_PROGRESS) | reviewed,
        )
        .order_by(Case.received)
    )
    return [
        AttentionItem(
            AttentionKind.TO_PREPARE,
            f"{ref} · {category.label}: namen nakijken en vrijgeven{before}",
            case_id,
        )
        for case_id, ref, category in session.execute(query)
    ]


def _not_on_agenda(session: Session, today: dt.date) -> list[AttentionItem]:
    upcoming = (
        select(AgendaItem.id).join(Meeting).where(AgendaItem.case_id == Case.id, Meeting.held_on >= today)
    )
    query = (
        select(Case.id, Case.reference, Case.category)
        .where(Case.status == CaseStatus.RELEASED, ~upcoming.exists())
        .order_by(Case.received)
    )
    return [
        AttentionItem(
            AttentionKind.NOT_ON_AGENDA, f"{reference} · {category.label}: op de agenda zetten", case_id
        )
        for case_id, reference, category in session.execute(query)
    ] + _cards_not_on_agenda(session, today)


def _cards_not_on_agenda(session: Session, today: dt.date) -> list[AttentionItem]:
    """Case cards another party brought, waiting for an upcoming meeting's agenda."""
    from casus.services.received_cards import received_case  # the card libraries load when a card is there

    upcoming = (
        select(AgendaItem.id)
        .join(Meeting)
        .where(AgendaItem.received_card_id == ReceivedCard.id, Meeting.held_on >= today)
    )
    query = (
        select(ReceivedCard)
        .where(ReceivedCard.advised_at.is_(None), ~upcoming.exists())
        .order_by(ReceivedCard.id)
    )
    items = []
    for card in session.scalars(query):
        case = received_case(card)
        text = f"Casuskaart van {card.from_party} · {case.category} · {case.period}: op de agenda zetten"
        items.append(AttentionItem(AttentionKind.NOT_ON_AGENDA, text))
    return items


def _actions_due(session: Session, today: dt.date) -> list[AttentionItem]:
    """Open actions late or due within ACTION_NOTICE_DAYS. An open action is carried into the
    next meeting as a copy: only the latest copy is listed."""
    soon = today + dt.timedelta(days=ACTION_NOTICE_DAYS)
    carried = select(Action.carried_over_from_id).where(Action.carried_over_from_id.is_not(None))
    query = (
        select(Action.meeting_id, Action.description, Action.due_date, Action.owner_party)
        .where(Action.status == ActionStatus.OPEN, Action.due_date <= soon, Action.id.not_in(carried))
        .order_by(Action.due_date)
    )
    items = []
    for meeting_id, description, due_date, party in session.execute(query):
        words = description if len(description) <= 80 else description[:77].rstrip() + "…"
        text = f"{words} ({party.label}; {due_words(due_date, today)})"
        items.append(AttentionItem(AttentionKind.ACTIONS_DUE, text, meeting_id=meeting_id, due=due_date))
    return items


def _follow_ups_due(session: Session, today: dt.date) -> list[AttentionItem]:
    """The meeting's actions on this vault's own cases, from its advice cards: the owner
    follows them up as the case's own."""
    soon = today + dt.timedelta(days=ACTION_NOTICE_DAYS)
    query = (
        select(MeetingAdvice.case_id, Case.reference, FollowUp.description, FollowUp.owner, FollowUp.due_date)
        .join(MeetingAdvice, FollowUp.advice_id == MeetingAdvice.id)
        .join(Case, MeetingAdvice.case_id == Case.id)
        .where(FollowUp.done.is_(False), FollowUp.due_date <= soon, Case.status != CaseStatus.DESTROYED)
        .order_by(FollowUp.due_date)
    )
    items = []
    for case_id, reference, description, owner, due_date in session.execute(query):
        words = description if len(description) <= 80 else description[:77].rstrip() + "…"
        text = f"{reference} · {words} ({owner}; {due_words(due_date, today)})"
        items.append(AttentionItem(AttentionKind.ACTIONS_DUE, text, case_id=case_id, due=due_date))
    return items


def _feedback_due(session: Session, today: dt.date) -> list[AttentionItem]:
    items = []
    for due in feedback_due(session, today):
        text = f"{due.reference} · {due.kind.value} terugkoppelen ({due_words(due.due, today)})"
        items.append(AttentionItem(AttentionKind.FEEDBACK_DUE, text, due.case_id, due=due.due))
    return items


def _advice_follow_up(session: Session, today: dt.date) -> list[AttentionItem]:
    query = (
        select(RepairAdvice.case_id, RepairAdvice.type, RepairAdvice.follow_up_date, Case.reference)
        .join(Case)
        .where(
            RepairAdvice.status == RepairStatus.ISSUED,
            RepairAdvice.follow_up_date < today,
            Case.status != CaseStatus.DESTROYED,
        )
        .order_by(RepairAdvice.follow_up_date)
    )
    return [
        AttentionItem(
            AttentionKind.ADVICE_FOLLOW_UP, f"{ref} · {kind.label}: vervolg was {_day(day)}", case_id, due=day
        )
        for case_id, kind, day, ref in session.execute(query)
    ]


def _retention_passed(session: Session, today: dt.date) -> list[AttentionItem]:
    return [
        AttentionItem(
            AttentionKind.RETENTION_PASSED, f"{reference}: bewaren tot {_day(until)}", case_id, due=until
        )
        for case_id, reference, until in kept_too_long(session, today)
    ]


def case_attention(case: CaseView, terms: dict[FeedbackKind, int], today: dt.date) -> list[str]:
    """What the home view says of this one case's duties, for its own outcome tab: feedback
    due or late (an open case whose melder is known) and a retention date that has passed."""
    lines = []
    if case.status in OPEN and not case.anonymous:
        for kind, due in owed(case.received, case.receipt_told_on, case.outcome_told_on, terms, today):
            lines.append(f"{kind.value.capitalize()} terugkoppelen: {due_words(due, today)}.")
    if case.retention_date is not None and case.retention_date < today:
        lines.append(
            f"Bewaartermijn voorbij sinds {_day(case.retention_date)}: vernietig de casus, of kies "
            "een latere datum als er een reden is om langer te bewaren."
        )
    return lines
