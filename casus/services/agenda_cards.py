"""Case cards on a meeting's agenda: the cards read into this vault and not yet answered wait
for a meeting; putting them on one is the same for `--cases released`, the meeting screen's
"Casuskaarten inlezen…" and "Vrijgegeven casussen toevoegen"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from casus.model import AgendaItem, Meeting, ReceivedCard
from casus.services.audit import record
from casus.services.lookup import required

if TYPE_CHECKING:
    from casus.vault import Vault


class AgendaCards:
    def __init__(self, vault: Vault) -> None:
        self.vault = vault

    def waiting(self) -> list[int]:
        """The case cards read into this vault whose advice has not gone back yet."""
        with self.vault.session() as session:
            return waiting_cards(session)

    def add_to(self, meeting_id: int) -> int:
        """The waiting cards not on this meeting's agenda yet, put on it; how many."""
        with self.vault.session() as session:
            required(session, Meeting, meeting_id)
            added = add_waiting(session, meeting_id)
            if added:
                record(session, self.vault.actor, "add_agenda_item", "meeting", meeting_id, ["agenda"])
        return added


def waiting_cards(session: Session) -> list[int]:
    """The received cards whose advice has not gone back yet, as they came in."""
    waiting = select(ReceivedCard.id).where(ReceivedCard.advised_at.is_(None)).order_by(ReceivedCard.id)
    return list(session.scalars(waiting))


def card_on(session: Session, meeting_id: int, card_id: int) -> bool:
    on = select(AgendaItem.id).where(
        AgendaItem.meeting_id == meeting_id, AgendaItem.received_card_id == card_id
    )
    return session.scalar(on) is not None


def add_waiting(session: Session, meeting_id: int) -> int:
    """Every waiting card not on this agenda yet, added at its end; how many."""
    card_ids = [card for card in waiting_cards(session) if not card_on(session, meeting_id, card)]
    for card_id in card_ids:
        append_card(session, meeting_id, card_id)
    return len(card_ids)


def append_card(session: Session, meeting_id: int, card_id: int) -> AgendaItem:
    required(session, ReceivedCard, card_id)
    highest = select(func.max(AgendaItem.position)).where(AgendaItem.meeting_id == meeting_id)
    item = AgendaItem(
        meeting_id=meeting_id, received_card_id=card_id, position=(session.scalar(highest) or 0) + 1
    )
    session.add(item)
    session.flush()
    return item
