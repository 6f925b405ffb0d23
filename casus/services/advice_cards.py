"""The advice card: what the meeting said of a case card, sent back to the case's owner
(issue 14).

Per card on a meeting's agenda, the meeting's vault sends the discussion, the advice, the
agreements and the actions of that item, through its own gate, signed by it and encrypted
to the key of the party whose card it was. Only the owner's vault knows which case the
card id stands for; there the advice is attached to that case, its actions become the
case's follow-ups, and the case is marked discussed on the meeting's date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

import msgspec
from sqlalchemy import select

from casus.disclosure import DisclosureGate
from casus.errors import NotFoundError
from casus.exchange import CardKind, CardRefused, new_card_id, open_sealed, seal
from casus.keycards import PartyKeys
from casus.model import Action, Case, CaseCard, FollowUp, MeetingAdvice, ReceivedCard
from casus.model.entities import utc_now
from casus.services.audit import record
from casus.services.lookup import required
from casus.services.meetings import MeetingService
from casus.services.parties import PartyService
from casus.vocabulary.agenda import NoteField
from casus.vocabulary.enums import CaseStatus

if TYPE_CHECKING:
    from casus.pseudonymise.engine import Pseudonymiser
    from casus.vault import Vault

_TEXT_MAX = 100_000


class _AdviceAction(msgspec.Struct, forbid_unknown_fields=True):
    description: str
    owner: str
    due_date: dt.date | None


class _Advice(msgspec.Struct, forbid_unknown_fields=True):
    case_card: str  # the id of the case card this advice answers
    discussed_on: dt.date
    discussion: str
    advice: str
    agreements: str
    actions: list[_AdviceAction]


@dataclass(frozen=True)
class AdviceCard:
    """One advice card made: its bytes, its own id, and the party it goes back to."""

    sealed: bytes
    card_id: str
    to_party: str
    number: int  # the agenda item: "Casus N"


@dataclass(frozen=True)
class AdviceExport:
    cards: list[AdviceCard]
    skipped: list[str]  # "Casus 3: P&O heeft geen geldige sleutelkaart meer"


@dataclass(frozen=True)
class AttachedAdvice:
    case_id: int
    reference: str  # the owner's own reference, for the owner's own screen and command line
    discussed_on: dt.date
    follow_ups: int


@dataclass(frozen=True)
class FollowUpEntry:
    id: int
    description: str
    owner: str
    due_date: dt.date | None
    done: bool


@dataclass(frozen=True)
class ReceivedAdvice:
    """What the meeting said of one of this vault's cases, as the case shows it."""

    discussed_on: dt.date
    from_party: str
    discussion: str
    advice: str
    agreements: str
    follow_ups: tuple[FollowUpEntry, ...]

    @property
    def heading(self) -> str:
        return f"Besproken op {self.discussed_on:%d-%m-%Y} in het overleg van {self.from_party}"


def received_advice(vault: Vault, case_id: int) -> tuple[ReceivedAdvice, ...]:
    """Every advice that came back for the case, the latest meeting first."""
    with vault.session() as session:
        rows = session.scalars(
            select(MeetingAdvice)
            .where(MeetingAdvice.case_id == case_id)
            .order_by(MeetingAdvice.discussed_on.desc(), MeetingAdvice.id.desc())
        )
        return tuple(_received(row) for row in rows)


def _received(row: MeetingAdvice) -> ReceivedAdvice:
    follow_ups = tuple(
        FollowUpEntry(f.id, f.description, f.owner, f.due_date, f.done) for f in row.follow_ups
    )
    return ReceivedAdvice(row.discussed_on, row.from_party, row.discussion, row.advice, row.agreements,
                          follow_ups)  # fmt: skip


def set_follow_up_done(vault: Vault, follow_up_id: int, done: bool) -> None:
    """The owner's record that a meeting's action on the case was done (or is open again)."""
    with vault.session() as session:
        follow_up = required(session, FollowUp, follow_up_id)
        follow_up.done = done
        record(session, vault.actor, "update", "case", follow_up.advice.case_id, ["follow_up"])


class AdviceCardService:
    def __init__(self, vault: Vault, pseudonymiser: Pseudonymiser) -> None:
        self.vault = vault
        self.pseudonymiser = pseudonymiser

    def export(self, meeting_id: int) -> AdviceExport:
        """One advice card per case card on the meeting's agenda. All are checked first and
        made together: a finding of the gate in one item refuses them all, so an owner never
        gets half a meeting's advice. A card whose party has no current key card any more
        gets none, and is said so."""
        meeting = MeetingService(self.vault).get(meeting_id)
        parties = PartyService(self.vault)
        own = parties.own_keys()
        gate = DisclosureGate.for_vault(self.vault, self.pseudonymiser)
        planned: list[tuple[int, _Advice, PartyKeys, int]] = []
        skipped: list[str] = []
        with self.vault.session() as session:
            for entry in meeting.agenda:
                if entry.card_id is None:
                    continue
                card = required(session, ReceivedCard, entry.card_id)
                try:
                    recipient = parties.by_signing_key(card.signing_key)
                except NotFoundError:  # the party left the meeting, or replaced its key card
                    skipped.append(f"{entry.title}: {card.from_party} heeft geen geldige sleutelkaart meer")
                    continue
                actions = session.scalars(select(Action).where(Action.agenda_item_id == entry.id))
                advice = _Advice(
                    card.card_id, meeting.held_on, entry.discussion, entry.advice, entry.agreements,
                    [_AdviceAction(a.description, a.owner_party.label, a.due_date) for a in actions],
                )  # fmt: skip
                gate.require_clean(_texts(entry.title, advice))
                planned.append((entry.number, advice, recipient, card.id))
        cards = []
        for number, advice, recipient, _row in planned:
            card_id = new_card_id()
            sealed = seal(CardKind.ADVICE, card_id, msgspec.to_builtins(advice), own, recipient)
            cards.append(AdviceCard(sealed, card_id, recipient.party, number))
        with self.vault.session() as session:
            for *_, row in planned:
                required(session, ReceivedCard, row).advised_at = utc_now()
            record(session, self.vault.actor, "advice_cards", "meeting", meeting_id, ["advice"])
        return AdviceExport(cards, skipped)

    def import_card(self, sealed: bytes) -> AttachedAdvice:
        """Attaches advice that came back to the case its card was made of. Refused, with
        nothing changed, unless it answers a card this vault made, comes from the party the
        card went to, and is read for the first time."""
        parties = PartyService(self.vault)
        opened = open_sealed(sealed, CardKind.ADVICE, parties.own_keys(), parties.senders())
        try:
            advice = msgspec.convert(opened.content, type=_Advice)
        except msgspec.ValidationError:
            raise CardRefused("Deze advieskaart is onleesbaar of onvolledig: niet ingelezen.") from None
        texts = [
            advice.discussion,
            advice.advice,
            advice.agreements,
            *(a.description for a in advice.actions),
        ]
        if any(len(text) > _TEXT_MAX for text in texts):
            raise CardRefused("Deze advieskaart heeft een tekst die te lang is: niet ingelezen.")
        with self.vault.session() as session:
            card = session.scalar(select(CaseCard).where(CaseCard.card_id == advice.case_card))
            if card is None:
                raise CardRefused(
                    "Deze advieskaart hoort bij geen casuskaart van deze kluis: niet ingelezen."
                )
            if card.to_party.casefold() != opened.sender.party.casefold():
                raise CardRefused(
                    f"Deze advieskaart komt van {opened.sender.party}, maar de casuskaart ging naar "
                    f"{card.to_party}: niet ingelezen."
                )
            if card.advice_id is not None:
                raise CardRefused(
                    "Het advies op deze casuskaart is al eerder ingelezen: niet nog eens ingelezen."
                )
            card.advice_id = opened.card_id
            attached = MeetingAdvice(
                case_id=card.case_id, from_party=opened.sender.party, discussed_on=advice.discussed_on,
                discussion=advice.discussion, advice=advice.advice, agreements=advice.agreements,
                follow_ups=[FollowUp(description=a.description, owner=a.owner, due_date=a.due_date)
                            for a in advice.actions],
            )  # fmt: skip
            session.add(attached)
            case = required(session, Case, card.case_id)
            if case.status is CaseStatus.RELEASED:
                case.status = CaseStatus.DISCUSSED
            record(session, self.vault.actor, "import_advice", "case", case.id, ["meeting_advice", "status"])
            return AttachedAdvice(case.id, case.reference, advice.discussed_on, len(advice.actions))


def _texts(title: str, advice: _Advice) -> dict[str, str]:
    texts = {f"{title}, {field.place}": getattr(advice, field.value) for field in NoteField}
    texts.update({f"{title}, actie {n}": a.description for n, a in enumerate(advice.actions, 1)})
    return texts


def advice_file_name(held_on: dt.date, number: int) -> str:
    """What it is, the meeting's month and the item's number: never a case or a party."""
    return f"advies-casuistiekoverleg-{held_on:%Y-%m}-casus-{number}.advieskaart"
