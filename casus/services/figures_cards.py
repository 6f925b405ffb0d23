"""The figures card: one party's report figures for a period, sent to the vault that makes
the combined report (issue 14).

A card carries the counts before suppression (by quarter, channel, category, ground,
established violation, intervention and advice type and status, and cluster), never a case.
The coordinating vault adds them to its own and suppresses once, on the sum: two parties'
separately suppressed tables could be compared to work out a small cell; one table of the
sum depends on the sum alone, so whatever the parties' shares, it shows the same.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import msgspec
from sqlalchemy import delete, select

from casus import validation as v
from casus.errors import NotFoundError, ValidationError
from casus.exchange import CardKind, CardRefused, new_card_id, open_sealed, read_payload, seal
from casus.model import FiguresCard, OwnParty
from casus.services.audit import record
from casus.services.parties import PartyService
from casus.services.report_figures import ReportFigures, ReportService
from casus.vocabulary.enums import (
    BehaviourCategory,
    Channel,
    Ground,
    InterventionStatus,
    InterventionType,
    RepairStatus,
    RepairType,
)

if TYPE_CHECKING:
    from casus.vault import Vault

_MAX_COUNT = 10_000_000
OWN_VAULT = "deze kluis"


class _Figures(msgspec.Struct, forbid_unknown_fields=True):
    """A card's figures as they must read: the enumerations by value, each count with its keys."""

    first_day: dt.date
    last_day: dt.date
    by_quarter: list[tuple[str, Channel, int]]
    by_category: list[tuple[BehaviourCategory, Channel, int]]
    by_ground: list[tuple[Ground, Channel, int]]
    by_established: list[tuple[bool | None, Channel, int]]
    by_intervention: list[tuple[InterventionType, InterventionStatus, int]]
    by_advice: list[tuple[RepairType, RepairStatus, int]]
    by_cluster: list[tuple[str, Channel, int]]
    by_feedback: list[tuple[str, str, int]] = []


_FIELDS = ("by_quarter", "by_category", "by_ground", "by_established", "by_intervention", "by_advice",
           "by_cluster", "by_feedback")  # fmt: skip


@dataclass(frozen=True)
class FiguresSource:
    """Whose figures a combined report holds, and for which period."""

    party: str
    first_day: dt.date
    last_day: dt.date

    @property
    def text(self) -> str:
        return f"{self.party} ({self.first_day:%d-%m-%Y} tot en met {self.last_day:%d-%m-%Y})"


def figures_content(first: dt.date, last: dt.date, figures: ReportFigures) -> dict[str, Any]:
    content: dict[str, Any] = {"first_day": first.isoformat(), "last_day": last.isoformat()}
    for field in _FIELDS:
        counts: Counter[tuple[Any, Any]] = getattr(figures, field)
        content[field] = [[*key, count] for key, count in sorted(counts.items(), key=repr) if count]
    return content


def figures_of(content: dict[str, Any]) -> tuple[dt.date, dt.date, ReportFigures]:
    try:
        card = msgspec.convert(content, type=_Figures)
    except msgspec.ValidationError:
        raise CardRefused("Deze cijferkaart is onleesbaar of onvolledig: niet ingelezen.") from None
    counters: dict[str, Counter[Any]] = {}
    for field in _FIELDS:
        rows: list[tuple[Any, Any, int]] = getattr(card, field)
        if any(not 0 <= count <= _MAX_COUNT for *_, count in rows):
            raise CardRefused("Deze cijferkaart heeft een aantal dat niet kan: niet ingelezen.")
        if any(isinstance(key, str) and len(key) > 200 for row in rows for key in row[:2]):
            raise CardRefused("Deze cijferkaart heeft een naam die te lang is: niet ingelezen.")
        counters[field] = Counter()
        for first_key, second_key, count in rows:
            counters[field][(first_key, second_key)] += count
    if card.last_day < card.first_day:
        raise CardRefused("De periode van deze cijferkaart eindigt voor hij begint: niet ingelezen.")
    return card.first_day, card.last_day, ReportFigures(**counters)


def combined(parts: list[ReportFigures]) -> ReportFigures:
    """The sum of several parties' figures, cell by cell."""
    sums: dict[str, Counter[Any]] = {field: Counter() for field in _FIELDS}
    for part in parts:
        for field in _FIELDS:
            sums[field].update(getattr(part, field))
    return ReportFigures(**sums)


class FiguresCardService:
    def __init__(self, vault: Vault) -> None:
        self.vault = vault

    def export(self, start: dt.date | str, end: dt.date | str, to_party: str) -> tuple[bytes, str]:
        first, last = _period(start, end)
        parties = PartyService(self.vault)
        own = parties.own_keys()
        try:
            recipient = parties.current(to_party)
        except NotFoundError:
            raise ValidationError(
                "to_party", "Ontvanger", f"{to_party.strip()} heeft geen ingelezen sleutelkaart"
            ) from None
        figures = ReportService(self.vault).figures(first, last)
        card_id = new_card_id()
        sealed = seal(CardKind.FIGURES, card_id, figures_content(first, last, figures), own, recipient)
        with self.vault.session() as session:
            record(session, self.vault.actor, "figures_card", "vault", 1, ["figures"])
        return sealed, card_id

    def import_card(self, sealed: bytes) -> tuple[FiguresSource, int]:
        """Keeps another party's figures for the combined report: (whose and which period,
        how many earlier cards of that party it replaces). A party's card replaces its own
        earlier cards whose period overlaps, so no count is added twice."""
        parties = PartyService(self.vault)
        opened = open_sealed(sealed, CardKind.FIGURES, parties.own_keys(), parties.senders())
        first, last, _figures = figures_of(opened.content)
        party = opened.sender.party
        with self.vault.session() as session:
            if session.scalar(select(FiguresCard.id).where(FiguresCard.card_id == opened.card_id)):
                raise CardRefused("Deze cijferkaart is al eerder ingelezen: niet nog eens ingelezen.")
            overlapping = select(FiguresCard.id).where(
                FiguresCard.from_party == party, FiguresCard.first_day <= last, FiguresCard.last_day >= first
            )
            earlier = list(session.scalars(overlapping))
            session.execute(delete(FiguresCard).where(FiguresCard.id.in_(earlier)))
            card = FiguresCard(card_id=opened.card_id, from_party=party, first_day=first, last_day=last,
                               figures=opened.payload)  # fmt: skip
            session.add(card)
            session.flush()
            record(session, self.vault.actor, "import_figures_card", "figures_card", card.id, ["figures"])
        return FiguresSource(party, first, last), len(earlier)

    def for_report(self, first: dt.date, last: dt.date) -> tuple[ReportFigures, tuple[FiguresSource, ...]]:
        """This vault's own figures for the period, with every card whose period lies within
        it added; and whose figures they are."""
        cards = self._cards(first, last)
        parts = [figures_of(read_payload(payload))[2] for _source, payload in cards]
        figures = ReportService(self.vault).figures(first, last)
        return combined([figures, *parts]), self._with_own(first, last, [source for source, _ in cards])

    def sources(self, first: dt.date, last: dt.date) -> tuple[FiguresSource, ...]:
        """Whose figures the report of this period would hold (no count is read)."""
        return self._with_own(first, last, [source for source, _ in self._cards(first, last)])

    def _cards(self, first: dt.date, last: dt.date) -> list[tuple[FiguresSource, bytes]]:
        with self.vault.session() as session:
            cards = session.scalars(
                select(FiguresCard)
                .where(FiguresCard.first_day >= first, FiguresCard.last_day <= last)
                .order_by(FiguresCard.from_party, FiguresCard.first_day)
            )
            return [(FiguresSource(c.from_party, c.first_day, c.last_day), c.figures) for c in cards]

    def _with_own(
        self, first: dt.date, last: dt.date, sources: list[FiguresSource]
    ) -> tuple[FiguresSource, ...]:
        with self.vault.session() as session:
            own = session.get(OwnParty, 1)
            name = own.name if own is not None else OWN_VAULT
        return (FiguresSource(name, first, last), *sources)


def _period(start: dt.date | str, end: dt.date | str) -> tuple[dt.date, dt.date]:
    first = v.clean_date(start, "from", "Van", required=True, allow_future=True)
    last = v.clean_date(end, "to", "Tot en met", required=True, allow_future=True)
    assert first is not None and last is not None
    if last < first:
        raise ValidationError("to", "Tot en met", "ligt voor de begindatum")
    return first, last


def figures_file_name(first: dt.date, last: dt.date) -> str:
    """What it is and the period: never a party or a count."""
    return f"cijfers-{first:%Y-%m-%d}-tot-{last:%Y-%m-%d}.cijferkaart"
