"""The case owner's duties (issue 15): destroying a case in a vault of CASES cases with ten
backups (erase, compact, rewrite every backup that held it, each verified), and the Woo copy
of a case and of a meeting's minutes (the full pseudonymiser, deduce loaded once, as in the
app).

    .venv/bin/python benchmarks/duties_bench.py [CASES]

The passphrase's key derivation is real here where it matters: each backup has a key of its
own, derived from the passphrase and its salt, and a destruction derives all ten.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from casus.demo import fill_demo_vault, plan_demo_meetings, release_demo_cases
from casus.identify.catalogue import default_units
from casus.outputs.woo_export import export_woo_case, export_woo_minutes
from casus.pseudonymise import Pseudonymiser
from casus.services.cases import CaseService
from casus.services.meetings import MeetingService
from casus.services.vaults import create_vault

PASSPHRASE = "benchmark olifant danst op het dak"


def _ms(samples: list[float]) -> str:
    return f"median {statistics.median(samples) * 1000:.0f} ms, max {max(samples) * 1000:.0f} ms"


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    folder = Path(tempfile.mkdtemp())
    vault = create_vault(folder / "kluis.casus", PASSPHRASE, actor="bench")
    fill_demo_vault(vault, count=count, seed=5)
    release_demo_cases(vault, 6)
    plan_demo_meetings(vault)
    started = time.perf_counter()
    for _ in range(10):
        vault.backup(PASSPHRASE)
    backups = time.perf_counter() - started
    size = vault.path.stat().st_size / 2**20
    print(f"{count} cases, {size:.1f} MiB; ten backups made in {backups:.1f} s")

    cases = CaseService(vault)
    ids = [row.id for row in cases.summaries()]
    destroying = []
    for case_id in ids[:3]:
        started = time.perf_counter()
        erased = cases.destroy(case_id, PASSPHRASE)
        destroying.append(time.perf_counter() - started)
        print(f"  destroyed: {len(erased.rewritten)} backups rewritten, {len(erased.untouched)} untouched")
    print(f"destroy one case, with every backup rewritten: {_ms(destroying)}")

    pseudonymiser = Pseudonymiser(default_units())
    pseudonymiser.warm_up()
    woo_cases = []
    for case_id in ids[3:13]:
        started = time.perf_counter()
        export_woo_case(vault, pseudonymiser, case_id, folder / "woo.pdf")
        woo_cases.append(time.perf_counter() - started)
    print(f"Woo copy of a case: {_ms(woo_cases)}")
    meeting_id = MeetingService(vault).summaries()[0].id
    woo_minutes = []
    for _ in range(5):
        started = time.perf_counter()
        export_woo_minutes(vault, pseudonymiser, meeting_id, folder / "woo-notulen.pdf")
        woo_minutes.append(time.perf_counter() - started)
    items = len(MeetingService(vault).get(meeting_id).agenda)
    print(f"Woo copy of the minutes of a meeting of {items} cases: {_ms(woo_minutes)}")
    vault.close()


if __name__ == "__main__":
    main()
