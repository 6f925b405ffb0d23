"""Export benchmark: minutes of a 20-case meeting, and the report over 5,000 cases.

    .venv/bin/python benchmarks/export_bench.py

Targets: under 1 s and under 2 s. deduce is loaded before timing (the window loads it in the
background at start); the disclosure gate, which reads the whole vault, is inside the timing.
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

os.environ.setdefault("CASUS_INSECURE_TEST_KDF", "1")  # the KDF is measured in vault_bench.py

from casus.demo import fill_demo_vault
from casus.model.enums import CaseStatus, Party
from casus.outputs.minutes import export_minutes
from casus.outputs.report import export_report
from casus.pseudonymise import Pseudonymiser
from casus.services.cases import CaseService
from casus.services.meetings import MeetingService
from casus.services.review import ReviewService
from casus.vault import Vault


def main() -> None:
    folder = Path(tempfile.mkdtemp())
    vault = Vault.create(folder / "bench.casus", "benchmark olifant danst op het dak")
    fill_demo_vault(vault, count=5_000)
    engine = Pseudonymiser(())
    engine.warm_up()
    review = ReviewService(vault, engine)
    for row in CaseService(vault).summaries()[:20]:
        review.propose(row.id)
        review.accept_all(row.id)
        review.release(row.id)
    meetings = MeetingService(vault)
    meeting = meetings.create("2026-11-12", list(Party))
    for row in CaseService(vault).summaries(status=CaseStatus.RELEASED):
        meetings.add_agenda_item(meeting, row.id)

    started = time.perf_counter()
    export_minutes(vault, engine, meeting, folder / "notulen.pdf")
    minutes = time.perf_counter() - started
    started = time.perf_counter()
    export_report(vault, "2000-01-01", "2030-12-31", folder / "rapportage.pdf")
    report = time.perf_counter() - started
    vault.close()
    print("5000 cases in the vault")
    print(f"minutes of a 20-case meeting (incl. gate)   {minutes:.2f} s  (target < 1 s)")
    print(f"report over 5,000 cases (incl. gate)        {report:.2f} s  (target < 2 s)")


if __name__ == "__main__":
    main()
