"""Export benchmark: minutes of a 20-case meeting, and the report over the whole vault; and what
the meeting screen costs: building the gate over the vault, checking a note as it is typed,
and loading meeting mode's 20 cases through the gate. Per vault size:

    .venv/bin/python benchmarks/export_bench.py [CASES ...]      # default: 1000 5000 50000

The people get realistic, mostly distinct names: first names and surnames drawn from deduce's
own lists (14,700 and 10,300 of them), three people a case.

Targets: under 1 s and under 2 s; a note's check should stay well under a frame budget of
50 ms, since it runs on the GUI thread a quarter second after the last key. deduce is loaded
before timing (the window loads it in the background at start); the disclosure gate, which
reads the whole vault, is inside the timing. The vault keeps the gate's indices
(casus.identifier_index): a fresh process loads them; after a change to a person they are
built from the rows once, which is measured apart.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("CASUS_INSECURE_TEST_KDF", "1")  # the KDF is measured in vault_bench.py

from casus.collector import collector_paused
from casus.demo import fill_demo_vault
from casus.disclosure import DisclosureGate
from casus.identifier_index import vault_identifiers
from casus.outputs.minutes_export import export_minutes
from casus.outputs.report_export import export_report
from casus.outputs.shared_screen import shared_screen_cases
from casus.pseudonymise import Pseudonymiser
from casus.services.cases import CaseService
from casus.services.meetings import MeetingService
from casus.services.review import ReviewService
from casus.services.vaults import create_vault
from casus.vault import Vault
from casus.vocabulary.enums import Party

PASSPHRASE = "benchmark olifant danst op het dak"
NOTE = (
    "Het overleg bespreekt de melding. Melder A voelt zich niet gehoord door Leidinggevende C. "
    "Advies: een herstelgesprek met een gespreksleider van buiten directie K, en een teamsessie. "
)


def realistic_names() -> tuple[list[str], list[str]]:
    from casus.identify.wordlists import raw_word_list

    return sorted(raw_word_list("names/lst_first_name")), sorted(raw_word_list("names/lst_surname"))


def reopened(vault: Vault) -> Vault:
    path = vault.path
    vault.close()
    return Vault.open(path, PASSPHRASE)


def measure(size: int, names: tuple[list[str], list[str]]) -> None:
    folder = Path(tempfile.mkdtemp())
    vault = create_vault(folder / "bench.casus", PASSPHRASE)
    started = time.perf_counter()
    fill_demo_vault(vault, count=size, names=names)
    filled = time.perf_counter() - started
    engine = Pseudonymiser(())
    engine.warm_up()
    review = ReviewService(vault, engine)
    for row in CaseService(vault).summaries()[:20]:
        review.propose(row.id)
        review.accept_all(row.id)
        review.release(row.id)
    meetings = MeetingService(vault)
    meeting = meetings.create("2026-11-12", list(Party))
    meetings.add_released(meeting)

    started = time.perf_counter()
    with collector_paused():
        vault_identifiers(vault).compile()
    rebuilt = time.perf_counter() - started

    # What the next process finds: the indices the releases kept in the vault.
    vault = reopened(vault)
    started = time.perf_counter()
    DisclosureGate.for_vault(vault, engine)
    loaded = time.perf_counter() - started
    vault = reopened(vault)
    minutes = []
    for _ in range(3):  # the first loads the kept indices; the later ones find them held
        started = time.perf_counter()
        export_minutes(vault, engine, meeting, folder / "notulen.pdf")
        minutes.append(time.perf_counter() - started)
    started = time.perf_counter()
    export_report(vault, "2000-01-01", "2030-12-31", folder / "rapportage.pdf")
    report = time.perf_counter() - started
    gate = DisclosureGate.for_vault(vault, engine)
    note = NOTE * 3  # about 600 characters, a long note
    checks = []
    for _ in range(30):
        started = time.perf_counter()
        gate.check({"Casus 1, bespreking": note})
        checks.append(time.perf_counter() - started)
    started = time.perf_counter()
    shared_screen_cases(vault, engine, meeting)
    shared = time.perf_counter() - started
    vault.close()
    print(f"\n{size:,} cases in the vault ({size * 3:,} person rows; filled in {filled:.0f} s)")
    print(
        f"minutes of a 20-case meeting (incl. gate)   {minutes[0]:.2f} s in a fresh process, then"
        f" {min(minutes[1:]):.2f} s"
        "  (target < 1 s)"
    )
    print(f"report over the vault (incl. gate)          {report:.2f} s  (target < 2 s at 5,000)")
    print(f"gate over the vault, kept indices loaded    {loaded:.2f} s  (target < 0.5 s at 50,000)")
    print(f"gate indices built from the rows            {rebuilt:.2f} s  (once after a change to a person)")
    print(
        f"check of a {len(note)}-character note            median {statistics.median(checks) * 1000:.1f} ms,"
        f" max {max(checks) * 1000:.1f} ms"
    )
    print(f"meeting mode: 20 cases through the gate     {shared:.2f} s  (off the GUI thread)")


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [1_000, 5_000, 50_000]
    names = realistic_names()
    for size in sizes:
        measure(size, names)


if __name__ == "__main__":
    main()
