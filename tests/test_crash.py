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

from casus.errors import DamagedVaultError
from casus.services.cases import CaseService
from casus.services.vaults import create_vault
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
    create_vault(vault_path, PASSPHRASE).close()
    rng = random.Random(20261123)
    committed: set[str] = set()
    for round_number in range(KILLS):
        # Lines printed before the kill are commits that returned.
        committed |= _killed_writer(vault_path, f"R{round_number}", rng.uniform(0.0, 0.4))
        with Vault.open(vault_path, PASSPHRASE) as vault:
            assert vault.verify().ok, f"vault damaged after kill {round_number}"
            stored = {row.reference for row in CaseService(vault).summaries()}
        missing = committed - stored
        assert not missing, f"kill {round_number} lost committed cases: {sorted(missing)[:5]}"
    assert len(committed) > KILLS, "the writer must have committed cases between the kills"


def _killed_writer(vault_path: Path, prefix: str, seconds: float) -> set[str]:
    """Start the writer, kill it after `seconds`; the references whose commit returned."""
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(vault_path), prefix],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert writer.stdin and writer.stdout
    writer.stdin.write(PASSPHRASE + "\n")
    writer.stdin.flush()
    assert writer.stdout.readline().strip() == "ready"
    time.sleep(seconds)
    os.kill(writer.pid, signal.SIGKILL)
    writer.wait(timeout=30)
    return {line.strip() for line in writer.stdout.read().splitlines() if line.strip()}


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is POSIX")
def test_a_vault_killed_before_anything_was_folded_back_opens_with_every_commit(vault_path: Path) -> None:
    """The first commits after creating a vault are in its main file, not in a log beside it:
    killed at once, the vault opens and holds them all."""
    create_vault(vault_path, PASSPHRASE).close()
    committed = _killed_writer(vault_path, "F", 0.6)
    assert committed
    with Vault.open(vault_path, PASSPHRASE) as vault:
        assert vault.verify().ok
        assert committed <= {row.reference for row in CaseService(vault).summaries()}


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is POSIX")
def test_a_write_ahead_log_vault_killed_before_its_first_checkpoint_opens(vault_path: Path) -> None:
    """A vault an older version (WAL mode) created and wrote to, killed before its first
    checkpoint: a one-page main file beside its log. Every commit that returned is there, and
    the vault is converted to the journal at this open."""
    legacy = (
        "import casus.vault.connection as c\n"
        "c._CONNECTION_PRAGMAS = tuple(p.replace('DELETE', 'WAL') for p in c._CONNECTION_PRAGMAS)\n"
        + WRITER.replace("Vault.open(sys.argv[1]", "Vault.create(sys.argv[1]")
    )
    writer = subprocess.Popen(
        [sys.executable, "-c", legacy, str(vault_path), "W"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert writer.stdin and writer.stdout
    writer.stdin.write(PASSPHRASE + "\n")
    writer.stdin.flush()
    assert writer.stdout.readline().strip() == "ready"
    committed = {writer.stdout.readline().strip() for _ in range(24)}
    os.kill(writer.pid, signal.SIGKILL)
    writer.wait(timeout=30)
    log = vault_path.with_name(vault_path.name + "-wal")
    assert vault_path.stat().st_size < 2 * 4096 < log.stat().st_size, "the state the issue found"
    with Vault.open(vault_path, PASSPHRASE) as vault:
        assert vault.verify().ok
        assert committed <= {row.reference for row in CaseService(vault).summaries()}
    assert not log.exists(), "converted: no log beside the vault any more"


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is POSIX")
def test_a_damaged_journal_is_never_a_silent_loss(vault_path: Path) -> None:
    """A kill mid-transaction leaves a journal; one flipped byte or a cut in it either leaves
    every committed case in a vault that verifies, or the open refuses and says the vault is
    damaged. Never an open that verifies and has lost a commit."""
    rng = random.Random(20261201)
    journal = vault_path.with_name(vault_path.name + "-journal")
    damaged = 0
    for round_number in range(12):
        for leftover in vault_path.parent.glob(vault_path.name + "*"):
            leftover.unlink()
        Vault.create(vault_path, PASSPHRASE).close()
        committed = _killed_writer(vault_path, f"J{round_number}", rng.uniform(0.1, 0.4))
        if journal.exists() and journal.stat().st_size > 0:
            data = bytearray(journal.read_bytes())
            if rng.random() < 0.5:
                data[rng.randrange(len(data))] ^= 0x5A
            else:
                del data[rng.randrange(len(data)) :]
            journal.write_bytes(bytes(data))
            damaged += 1
        try:
            vault = Vault.open(vault_path, PASSPHRASE)
        except DamagedVaultError:
            continue  # detected and said: a backup is the way back
        with vault:
            if vault.verify().ok:
                missing = committed - {row.reference for row in CaseService(vault).summaries()}
                assert not missing, f"round {round_number}: a verified vault lost {sorted(missing)[:3]}"
    assert damaged, "the kills must have left journals to damage"
