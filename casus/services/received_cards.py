"""A case card's content and the meeting view it stands for, both ways: what the owner's vault
puts on a card, and what the meeting's vault reads back from one it kept. Anything that does
not read as a meeting view is refused."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

import msgspec

from casus.exchange import CardRefused, read_payload
from casus.model import ReceivedCard
from casus.services.meeting_values import MeetingCase

_TEXT_MAX = 100_000


class _CardCase(msgspec.Struct, forbid_unknown_fields=True):
    """The content of a case card, as it must read: anything else is refused."""

    category: str
    period: str
    unit: str
    people: list[tuple[str, str]]
    texts: dict[str, str]
    warnings: list[str]


def card_content(view: MeetingCase) -> dict[str, Any]:
    fields = asdict(view)
    fields.pop("brought_by")
    return fields


def case_of(content: dict[str, Any], brought_by: str) -> MeetingCase:
    """The meeting view a card carries; a card whose content does not read is refused."""
    try:
        card = msgspec.convert(content, type=_CardCase)
    except msgspec.ValidationError:
        raise CardRefused("Deze casuskaart is onleesbaar of onvolledig: niet ingelezen.") from None
    strings = [card.category, card.period, card.unit, *card.warnings, *card.texts, *card.texts.values()]
    strings += [part for person in card.people for part in person]
    if any(len(text) > _TEXT_MAX for text in strings):
        raise CardRefused("Deze casuskaart heeft een tekst die te lang is: niet ingelezen.")
    return MeetingCase(card.category, card.period, card.unit, tuple(card.people), dict(card.texts),
                       tuple(card.warnings), brought_by)  # fmt: skip


def received_case(card: ReceivedCard) -> MeetingCase:
    """A card this vault read, as the meeting sees it."""
    return case_of(read_payload(card.content), card.from_party)
