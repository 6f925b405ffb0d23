"""Nothing lost: a writer killed with SIGKILL at random moments never loses a committed case."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from casus.services.cases import CaseService
from casus.vault import Vault
from tests.conftest import PASSPHRASE

KILLS = 24

WRITER = r"""
import sys
from casus.services.cases import CaseDraft, CaseService, PersonDraft
from casus.vault import Vault

vault = Vault.open(sys.argv[1], sys.stdin.readline().rstrip("\n"))
service = CaseService(vault)
prefix = sys.argv[2]
print("ready", flush=True)
number = 0
while True:
    number += 1
    reference = f"{prefix}-{number}"
    service.create(CaseDraft(
        reference=reference, channel="hr", received="2024-02-02", category="bullying",
        facts="Een melding " * 200,
        people=[PersonDraft(role="reporter", name=f"Persoon {number}")],
    ))
    print(reference, flush=True)
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is POSIX")
def test_killed_writer_loses_no_committed_case(vault_path: Path) -> None:
    Vault.create(vault_path, PASSPHRASE).close()
    rng = random.Random(20261123)
    committed: set[str] = set()
    for round_number in range(KILLS):
        writer = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(vault_path), f"R{round_number}"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert writer.stdin and writer.stdout
        writer.stdin.write(PASSPHRASE + "\n")
        writer.stdin.flush()
        assert writer.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.0, 0.4))
        os.kill(writer.pid, signal.SIGKILL)
        writer.wait(timeout=30)
        # Lines printed before the kill are commits that returned.
        committed.update(line.strip() for line in writer.stdout.read().splitlines() if line.strip())
        with Vault.open(vault_path, PASSPHRASE) as vault:
            assert vault.verify().ok, f"vault damaged after kill {round_number}"
            stored = {row.reference for row in CaseService(vault).summaries()}
        missing = committed - stored
        assert not missing, f"kill {round_number} lost committed cases: {sorted(missing)[:5]}"
    assert len(committed) > KILLS, "the writer must have committed cases between the kills"
