"""Case cards between two parties' vaults (issue 14): the size of a card, the time to make one
(meeting view, the owner's gate, sign, encrypt, write the link) and to read one (decrypt,
check, the meeting's gate, store), with the full pseudonymiser (deduce loaded once, as in the
app). Also an advice card and a figures card.

    .venv/bin/python benchmarks/exchange_bench.py [CARDS]

The key derivation is not what is measured: the vaults use the test-only KDF.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ["CASUS_INSECURE_TEST_KDF"] = "1"

from casus.demo import fill_demo_vault, release_demo_cases
from casus.identify.catalogue import default_units
from casus.pseudonymise import Pseudonymiser
from casus.services.advice_cards import AdviceCardService
from casus.services.case_cards import CaseCardService
from casus.services.cases import CaseService
from casus.services.figures_cards import FiguresCardService
from casus.services.meetings import MeetingService
from casus.services.parties import PartyService
from casus.services.vaults import create_vault
from casus.vocabulary.enums import CaseStatus

PASSPHRASE = "benchmark olifant danst op het dak"


def _ms(samples: list[float]) -> str:
    return f"median {statistics.median(samples) * 1000:.1f} ms, max {max(samples) * 1000:.1f} ms"


def main() -> None:
    cards = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    folder = Path(tempfile.mkdtemp())
    owner = create_vault(folder / "po.casus", PASSPHRASE, actor="po")
    meeting = create_vault(folder / "bi.casus", PASSPHRASE, actor="bi")
    fill_demo_vault(owner, count=cards, seed=11)
    fill_demo_vault(meeting, count=40, seed=12)  # the meeting's own cases: its gate knows their names
    release_demo_cases(owner, cards)
    PartyService(owner).set_party("P&O")
    PartyService(meeting).set_party("Bureau Integriteit")
    for one, other in ((owner, meeting), (meeting, owner)):
        card, fingerprint = PartyService(other).key_card()
        PartyService(one).register(card, fingerprint)
    pseudonymiser = Pseudonymiser(default_units())
    pseudonymiser.warm_up()
    making, reading, sizes = [], [], []
    sealed_cards = []
    for row in CaseService(owner).summaries(status=CaseStatus.RELEASED):
        started = time.perf_counter()
        sealed, _ = CaseCardService(owner, pseudonymiser).export_case(row.id, "Bureau Integriteit")
        making.append(time.perf_counter() - started)
        sizes.append(len(sealed))
        sealed_cards.append(sealed)
    for sealed in sealed_cards:
        started = time.perf_counter()
        CaseCardService(meeting, pseudonymiser).import_card(sealed)
        reading.append(time.perf_counter() - started)
    print(
        f"case card: {len(sizes)} made; size median {statistics.median(sizes):,.0f} B, max {max(sizes):,} B"
    )
    print(f"  make (view, owner's gate, sign, encrypt): {_ms(making)}  (first {making[0] * 1000:.0f} ms)")
    print(
        f"  read (decrypt, verify, meeting's gate, store): {_ms(reading)}  (first {reading[0] * 1000:.0f} ms)"
    )

    meetings = MeetingService(meeting)
    meeting_id = meetings.create("2026-04-08")
    meetings.add_released(meeting_id)
    for entry in meetings.get(meeting_id).agenda:
        meetings.record_item(entry.id, "Besproken met Melder A.", "Een herstelgesprek.", "P&O belt terug.")
    started = time.perf_counter()
    advice = AdviceCardService(meeting, pseudonymiser).export(meeting_id).cards
    made = time.perf_counter() - started
    started = time.perf_counter()
    for card in advice:
        AdviceCardService(owner, pseudonymiser).import_card(card.sealed)
    read = time.perf_counter() - started
    advice_sizes = [len(card.sealed) for card in advice]
    print(f"advice cards: {len(advice)} of a meeting; size median {statistics.median(advice_sizes):,.0f} B;"
          f" all made in {made * 1000:.0f} ms, all read in {read * 1000:.0f} ms")  # fmt: skip
    started = time.perf_counter()
    figures, _ = FiguresCardService(owner).export("2000-01-01", "2030-12-31", "Bureau Integriteit")
    made = time.perf_counter() - started
    started = time.perf_counter()
    FiguresCardService(meeting).import_card(figures)
    read = time.perf_counter() - started
    print(f"figures card: {len(figures):,} B; made in {made * 1000:.0f} ms, read in {read * 1000:.0f} ms")
    owner.close()
    meeting.close()


if __name__ == "__main__":
    main()
