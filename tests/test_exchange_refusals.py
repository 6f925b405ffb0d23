"""Every card that must not be read is refused with its own Dutch message, and the vault it
was offered to is unchanged to the byte (issue 14): an unknown signer, a tampered card, a
card for another recipient or forwarded from one, a replay, a revoked key; and for advice
cards, advice from a party the case card did not go to. Plus: combining the parties' figures
and suppressing once shows no small cell, none derivable from a shown total, and the same
table whatever each party's share.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
from collections import Counter

import pyrage
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pyrage import x25519

from casus.exchange import CardRefused
from casus.keycards import PartyKeys
from casus.outputs.report import report_of
from casus.outputs.suppression import suppress
from casus.services.advice_cards import AdviceCardService
from casus.services.agenda_cards import AgendaCards
from casus.services.case_cards import CaseCardService
from casus.services.figures_cards import FiguresCardService, combined
from casus.services.meetings import MeetingService
from casus.services.parties import PartyService
from casus.services.report_figures import ReportFigures
from casus.vault import Vault
from casus.vocabulary.enums import BehaviourCategory, Channel, Ground, InterventionStatus, InterventionType
from tests.conftest import snapshot
from tests.exchange_parties import Parties


def _refused_unchanged(parties: Parties, vault: Vault, attempt, message: str) -> None:
    """`attempt` is refused with `message`, and nothing of `vault`'s folder changed."""
    before = snapshot(parties.folder(vault))
    with pytest.raises(CardRefused) as refused:
        attempt()
    assert message in str(refused.value)
    assert "\n" not in str(refused.value), "one line"
    assert snapshot(parties.folder(vault)) == before


def _reseal(sealed: bytes, opener: Vault, to: PartyKeys, change) -> bytes:
    """What a party in the middle can do: open a card meant for it, change it, encrypt it anew."""
    identity = x25519.Identity.from_str(PartyService(opener).own_keys().identity)
    envelope = json.loads(pyrage.decrypt(sealed, [identity]))
    change(envelope)
    return pyrage.encrypt(json.dumps(envelope).encode(), [x25519.Recipient.from_str(to.recipient)])


def test_a_card_signed_by_a_party_the_meeting_never_registered_is_refused(
    parties: Parties, light_engine
) -> None:
    sealed, _ = CaseCardService(parties.stranger, light_engine).export("DN-2026-777", "Bureau Integriteit")
    cards = CaseCardService(parties.meeting, light_engine)
    _refused_unchanged(
        parties, parties.meeting, lambda: cards.import_card(sealed), "geen sleutelkaart heeft ingelezen"
    )


@pytest.mark.parametrize("where", ["content", "signature", "sender"])
def test_a_card_changed_on_the_way_is_refused(parties: Parties, light_engine, where: str) -> None:
    sealed, _ = CaseCardService(parties.owner, light_engine).export("PO-2026-501", "Bureau Integriteit")
    # Someone who holds the meeting's identity (or re-encrypts to its public key) changes it.
    meeting_keys = PartyService(parties.meeting).own_keys().public()

    def change(envelope: dict) -> None:
        payload = json.loads(base64.b64decode(envelope["payload"]))
        if where == "content":
            payload["content"]["texts"] = {"Feiten": "Iets anders dan de eigenaar schreef."}
        elif where == "sender":
            payload["sender"] = PartyService(parties.stranger).own_keys().public().fingerprint
        if where == "signature":
            signature = bytearray(base64.b64decode(envelope["signature"]))
            signature[5] ^= 1
            envelope["signature"] = base64.b64encode(bytes(signature)).decode()
        envelope["payload"] = base64.b64encode(json.dumps(payload).encode()).decode()

    changed = _reseal(sealed, parties.meeting, meeting_keys, change)
    cards = CaseCardService(parties.meeting, light_engine)
    message = "geen sleutelkaart heeft ingelezen" if where == "sender" else "onderweg veranderd"
    _refused_unchanged(parties, parties.meeting, lambda: cards.import_card(changed), message)


def test_a_damaged_file_is_refused_as_damaged(parties: Parties, light_engine) -> None:
    sealed, _ = CaseCardService(parties.owner, light_engine).export("PO-2026-501", "Bureau Integriteit")
    damaged = sealed[:-40] + bytes(b ^ 0x55 for b in sealed[-40:])
    cards = CaseCardService(parties.meeting, light_engine)
    _refused_unchanged(parties, parties.meeting, lambda: cards.import_card(damaged), "beschadigd")
    for junk, message in ((b"", "geen versleuteld kaartbestand"), (b"{}", "geen versleuteld kaartbestand")):
        _refused_unchanged(parties, parties.meeting, lambda junk=junk: cards.import_card(junk), message)


def test_a_card_for_another_recipient_is_refused_and_so_is_one_forwarded_from_it(
    parties: Parties, light_engine
) -> None:
    sealed, _ = CaseCardService(parties.owner, light_engine).export("PO-2026-501", "discriminatie.nl")
    cards = CaseCardService(parties.meeting, light_engine)
    _refused_unchanged(
        parties, parties.meeting, lambda: cards.import_card(sealed), "voor een andere partij versleuteld"
    )
    # discriminatie.nl opens it (it is theirs) and encrypts it on to the meeting, signature intact.
    meeting_keys = PartyService(parties.meeting).own_keys().public()
    forwarded = _reseal(sealed, parties.stranger, meeting_keys, lambda envelope: None)
    _refused_unchanged(parties, parties.meeting, lambda: cards.import_card(forwarded), "daarna doorgestuurd")


def test_a_card_read_twice_is_refused_the_second_time(parties: Parties, light_engine) -> None:
    sealed, card_id = CaseCardService(parties.owner, light_engine).export("PO-2026-501", "Bureau Integriteit")
    cards = CaseCardService(parties.meeting, light_engine)
    assert cards.import_card(sealed) == (card_id, "P&O")
    _refused_unchanged(parties, parties.meeting, lambda: cards.import_card(sealed), "al eerder ingelezen")
    assert AgendaCards(parties.meeting).waiting() != []


def test_a_card_signed_with_a_revoked_key_is_refused_by_name(parties: Parties, light_engine) -> None:
    sealed, _ = CaseCardService(parties.owner, light_engine).export("PO-2026-501", "Bureau Integriteit")
    PartyService(parties.meeting).revoke("P&O")
    cards = CaseCardService(parties.meeting, light_engine)
    _refused_unchanged(
        parties, parties.meeting, lambda: cards.import_card(sealed), "ingetrokken sleutel van P&O"
    )


def test_a_case_card_is_not_read_as_an_advice_card(parties: Parties, light_engine) -> None:
    sealed, _ = CaseCardService(parties.owner, light_engine).export("PO-2026-501", "Bureau Integriteit")
    advice = AdviceCardService(parties.meeting, light_engine)
    _refused_unchanged(parties, parties.meeting, lambda: advice.import_card(sealed), "ander soort kaart")


def _discussed(parties: Parties, light_engine) -> bytes:
    """The owner's card read by the meeting, discussed, and its advice card made."""
    sealed, _ = CaseCardService(parties.owner, light_engine).export("PO-2026-501", "Bureau Integriteit")
    CaseCardService(parties.meeting, light_engine).import_card(sealed)
    meetings = MeetingService(parties.meeting)
    meeting_id = meetings.create("2026-03-04")
    assert meetings.add_released(meeting_id) == 1
    item = meetings.get(meeting_id).agenda[0]
    meetings.record_item(item.id, "Besproken met Melder A.", "Een herstelgesprek voor Melder A.", "")
    meetings.add_action(meeting_id, "Melder A terugkoppelen", "hr", "2026-03-18", agenda_item_id=item.id)
    meetings.add_action(meeting_id, "Een ander punt", "hr")  # of the meeting, not of this case
    [card] = AdviceCardService(parties.meeting, light_engine).export(meeting_id).cards
    assert card.to_party == "P&O" and card.number == 1
    assert AgendaCards(parties.meeting).waiting() == [], "advised: no longer waiting for a meeting"
    return card.sealed


def test_advice_is_attached_once_to_the_case_its_card_was_made_of(parties: Parties, light_engine) -> None:
    from casus.model import Case, FollowUp, MeetingAdvice
    from casus.vocabulary.enums import CaseStatus

    sealed = _discussed(parties, light_engine)
    attached = AdviceCardService(parties.owner, light_engine).import_card(sealed)
    assert (attached.reference, attached.discussed_on, attached.follow_ups) == (
        "PO-2026-501",
        dt.date(2026, 3, 4),
        1,
    )
    with parties.owner.session() as session:
        assert session.get(Case, attached.case_id).status is CaseStatus.DISCUSSED
        advice = session.query(MeetingAdvice).one()
        assert (
            advice.advice == "Een herstelgesprek voor Melder A." and advice.from_party == "Bureau Integriteit"
        )
        [follow_up] = session.query(FollowUp).all()
        assert (follow_up.description, follow_up.due_date) == ("Melder A terugkoppelen", dt.date(2026, 3, 18))
    service = AdviceCardService(parties.owner, light_engine)
    _refused_unchanged(parties, parties.owner, lambda: service.import_card(sealed), "al eerder ingelezen")


def test_advice_from_a_party_the_card_did_not_go_to_is_refused(parties: Parties, light_engine) -> None:
    sealed = _discussed(parties, light_engine)
    # discriminatie.nl, known to the owner, signs the same advice anew and sends it to the owner.
    from casus.exchange import CardKind, open_sealed, seal

    meeting = PartyService(parties.meeting)
    owner_keys = PartyService(parties.owner).own_keys()
    opened = open_sealed(sealed, CardKind.ADVICE, owner_keys, PartyService(parties.owner).senders())
    assert opened.sender.party == meeting.own_keys().party
    forged = seal(CardKind.ADVICE, "0" * 32, opened.content, PartyService(parties.stranger).own_keys(),
                  owner_keys.public())  # fmt: skip
    service = AdviceCardService(parties.owner, light_engine)
    _refused_unchanged(
        parties,
        parties.owner,
        lambda: service.import_card(forged),
        "de casuskaart ging naar Bureau Integriteit",
    )


def test_figures_are_read_once_and_a_later_card_for_the_same_time_replaces_the_earlier(
    parties: Parties,
) -> None:
    figures = FiguresCardService(parties.owner)
    first, _ = figures.export("2026-01-01", "2026-03-31", "Bureau Integriteit")
    second, _ = figures.export("2026-01-01", "2026-03-31", "Bureau Integriteit")
    meeting = FiguresCardService(parties.meeting)
    source, replaced = meeting.import_card(first)
    assert (source.party, replaced) == ("P&O", 0)
    _refused_unchanged(parties, parties.meeting, lambda: meeting.import_card(first), "al eerder ingelezen")
    assert meeting.import_card(second)[1] == 1
    combined_figures, sources = meeting.for_report(dt.date(2026, 1, 1), dt.date(2026, 3, 31))
    assert [s.party for s in sources] == ["Bureau Integriteit", "P&O"]
    assert sum(combined_figures.by_category.values()) == 1, "the owner's one case, counted once"


def test_a_figures_card_that_cannot_be_true_is_refused(parties: Parties) -> None:
    from casus.exchange import CardKind, new_card_id, seal
    from casus.services.figures_cards import figures_content

    empty = ReportFigures(*(Counter() for _ in range(7)))
    content = figures_content(dt.date(2026, 1, 1), dt.date(2026, 3, 31), empty)
    meeting_keys = PartyService(parties.meeting).own_keys().public()
    owner = PartyService(parties.owner).own_keys()
    service = FiguresCardService(parties.meeting)
    for change, message in (
        (lambda c: c["by_category"].append(["pesten_niet", "hr", 3]), "onleesbaar"),
        (lambda c: c["by_category"].append(["bullying", "hr", -2]), "aantal dat niet kan"),
        (lambda c: c.update(last_day="2025-12-31"), "eindigt voor hij begint"),
    ):
        bad = json.loads(json.dumps(content))
        change(bad)
        sealed = seal(CardKind.FIGURES, new_card_id(), bad, owner, meeting_keys)
        _refused_unchanged(
            parties, parties.meeting, lambda sealed=sealed: service.import_card(sealed), message
        )


# -- combined once -------------------------------------------------------------------------------

CATEGORIES = list(BehaviourCategory)[:4]
CHANNELS = [Channel.HR, Channel.EXTERNAL_REPORTING_POINT]
counts = st.integers(min_value=0, max_value=12)


@st.composite
def party_figures(draw: st.DrawFn) -> tuple[ReportFigures, ReportFigures]:
    """Two parties' figures, each cell of the sum split between them at random."""
    halves: list[dict[str, Counter]] = [{}, {}]
    fields = {
        "by_quarter": [("2026 K1", c) for c in CHANNELS],
        "by_category": [(k, c) for k in CATEGORIES for c in CHANNELS],
        "by_ground": [(g, c) for g in list(Ground)[:3] for c in CHANNELS],
        "by_established": [(v, c) for v in (True, False, None) for c in CHANNELS],
        "by_intervention": [(t, s) for t in list(InterventionType)[:3] for s in list(InterventionStatus)[:2]],
        "by_advice": [],
        "by_cluster": [(name, c) for name in ("Ruimte", "Sociaal Domein") for c in CHANNELS],
    }
    for field, keys in fields.items():
        for half in halves:
            half[field] = Counter()
        for key in keys:
            total = draw(counts)
            share = draw(st.integers(min_value=0, max_value=total))
            halves[0][field][key] += share
            halves[1][field][key] += total - share
    return ReportFigures(**halves[0]), ReportFigures(**halves[1])


@settings(max_examples=150, deadline=None)
@given(party_figures())
def test_combining_then_suppressing_shows_no_small_or_derivable_cell_whatever_the_split(
    pair: tuple[ReportFigures, ReportFigures],
) -> None:
    first, last = dt.date(2026, 1, 1), dt.date(2026, 3, 31)
    a, b = pair
    report = report_of(first, last, combined([a, b]))
    # Any other split of the same sums between the parties publishes the very same report:
    # comparing it with anything a party knows of its own share tells nothing of the other's.
    assert report == report_of(first, last, combined([b, a]))
    assert report == report_of(first, last, combined([combined([a, b])]))
    for table in (*report.tables, *([report.unit_table] if report.unit_table else [])):
        if not table.rows:
            continue  # "Geen meldingen of maatregelen in deze periode"
        values = [list(row) for row in table.counts]
        hidden = suppress(values)
        width = len(table.columns)
        for r, row in enumerate(values):
            for c, value in enumerate(row):
                assert not (0 < value < 5) or hidden.cells[r][c], "a small cell is shown"
        lines = [([(r, c) for c in range(width)], hidden.row_totals[r]) for r in range(len(values))]
        lines += [([(r, c) for r in range(len(values))], hidden.column_totals[c]) for c in range(width)]
        for cells, total_hidden in lines:
            lone = [(r, c) for r, c in cells if hidden.cells[r][c]]
            if len(lone) == 1:
                others = [values[r][c] for r, c in cells if (r, c) not in lone]
                assert total_hidden and not any(others), "a hidden cell follows from a shown total"
    if report.unit_table is not None:
        assert not any(0 < v < 5 for row in report.unit_table.counts for v in row)


@pytest.mark.parametrize(
    "leak",
    ["Bel haar op 06-19283746.", "Zij mailde vanaf t.landeweerd@voorbeeld.nl.", "Zie zaak PO-2026-501."],
)
def test_a_validly_signed_card_that_carries_an_identifier_is_refused_by_the_meetings_own_gate(
    parties: Parties, light_engine, leak: str
) -> None:
    """The owner's gate is the first line; the meeting's vault does not trust it blindly."""
    from casus.disclosure import DisclosureGate
    from casus.exchange import CardKind, new_card_id, seal

    texts = {"Feiten": f"Melder A werd buitengesloten. {leak}"}
    content = {"category": "Uitsluiting", "period": "februari 2026", "unit": "", "warnings": [],
               "people": [["Melder A", "Melder"]], "texts": texts}  # fmt: skip
    sealed = seal(CardKind.CASE, new_card_id(), content, PartyService(parties.owner).own_keys(),
                  PartyService(parties.meeting).own_keys().public())  # fmt: skip
    cards = CaseCardService(parties.meeting, light_engine)
    # The gate's indices are kept in the vault, built at the first output ever: built here
    # first, so that what follows is the refusal's own doing (nothing).
    DisclosureGate.for_vault(parties.meeting)
    _refused_unchanged(parties, parties.meeting, lambda: cards.import_card(sealed), "(Casuskaart, feiten: ")
    with pytest.raises(CardRefused) as refused:
        cards.import_card(sealed)
    assert leak.split()[-1].rstrip(".") not in str(refused.value), "the refusal never quotes it"


def test_a_party_that_left_the_meeting_gets_no_advice_and_its_new_cards_are_refused(
    parties: Parties, light_engine
) -> None:
    sealed, _ = CaseCardService(parties.owner, light_engine).export("PO-2026-501", "Bureau Integriteit")
    CaseCardService(parties.meeting, light_engine).import_card(sealed)
    meetings = MeetingService(parties.meeting)
    meeting_id = meetings.create("2026-03-04")
    meetings.add_released(meeting_id)
    PartyService(parties.meeting).revoke("P&O")  # P&O leaves the meeting
    made = AdviceCardService(parties.meeting, light_engine).export(meeting_id)
    assert made.cards == [] and made.skipped == ["Casus 1: P&O heeft geen geldige sleutelkaart meer"]
    assert AgendaCards(parties.meeting).waiting() != [], "nothing marked as answered"
    later, _ = CaseCardService(parties.owner, light_engine).export("PO-2026-501", "Bureau Integriteit")
    cards = CaseCardService(parties.meeting, light_engine)
    _refused_unchanged(
        parties, parties.meeting, lambda: cards.import_card(later), "ingetrokken sleutel van P&O"
    )


def test_a_card_waiting_for_an_agenda_is_on_the_meeting_vaults_home_view_until_it_is_on_one(
    parties: Parties, light_engine
) -> None:
    from casus.services.attention import AttentionKind, AttentionService

    sealed, _ = CaseCardService(parties.owner, light_engine).export("PO-2026-501", "Bureau Integriteit")
    CaseCardService(parties.meeting, light_engine).import_card(sealed)
    today = dt.date(2026, 3, 1)

    def waiting() -> list[str]:
        items = AttentionService(parties.meeting).items(today)
        return [item.text for item in items if item.kind is AttentionKind.NOT_ON_AGENDA]

    assert waiting() == ["Casuskaart van P&O · Uitsluiting · februari 2026: op de agenda zetten"]
    meetings = MeetingService(parties.meeting)
    meetings.add_released(meetings.create("2026-02-20"))  # a meeting in the past does not count
    assert len(waiting()) == 1
    meetings.add_released(meetings.create("2026-03-04"))
    assert waiting() == []
