"""Kill benchmark: SIGKILL at random moments during import, backup, passphrase change and
restore; after every kill the vault must open (with the old or the new passphrase, exactly
one) and hold every case whose commit returned.

    .venv/bin/python benchmarks/kill_bench.py [KILLS]        # default 120

Each round starts one operation in a child process and kills it after a random delay; the
child prints a line after each step that returned. Reports the kills per operation, committed
cases lost, vaults that did not open, passphrase states that were not exactly one, and what
the opens said they finished, undid or removed.
"""

from __future__ import annotations

import collections
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("CASUS_INSECURE_TEST_KDF", "1")  # the KDF is measured in vault_bench.py

from casus.errors import WrongPassphraseError
from casus.services.cases import CaseDraft, CaseService, PersonDraft
from casus.services.vaults import create_vault
from casus.vault import Vault

PASSPHRASES = ("paarse olifant danst op het dak", "groene giraf fietst naar de maan")

CHILD = r"""
import json, os, sys
from pathlib import Path
from casus.importing import import_cases
from casus.vault import Vault, restore_backup
operation, vault_path, passphrase, other, extra = sys.argv[1:6]
print("ready", flush=True)
if operation == "import":
    with Vault.open(vault_path, passphrase) as vault:
        import_cases(vault, Path(extra))
        print("imported", flush=True)
elif operation == "backup":
    with Vault.open(vault_path, passphrase) as vault:
        while True:
            vault.backup(passphrase, "kill")
            print("backup", flush=True)
elif operation == "passphrase":
    with Vault.open(vault_path, passphrase) as vault:
        vault.change_passphrase(passphrase, other)
        print("changed", flush=True)
elif operation == "restore":
    restore_backup(vault_path, extra, passphrase)
    print("restored", flush=True)
"""


def _case_lines(prefix: str, count: int) -> str:
    lines = []
    for number in range(count):
        lines.append(json.dumps({
            "id": f"{prefix}-{number}", "source": "intern", "category": "pesten", "received": "2025-02-03",
            "org_unit": {"directie": "Dienstverlening"}, "narrative": "Een melding. " * 40,
            "persons": [{"key": "p1", "role": "melder", "name": f"Persoon {prefix} {number}"}],
        }))  # fmt: skip
    return "\n".join(lines) + "\n"


def _references(vault: Vault) -> set[str]:
    return {row.reference for row in CaseService(vault).summaries()}


def _open_either(path: Path) -> tuple[Vault, str] | None:
    """The vault with whichever passphrase opens it; None if none does (or both would)."""
    opened = []
    for passphrase in PASSPHRASES:
        try:
            vault = Vault.open(path, passphrase)
        except WrongPassphraseError:
            continue
        opened.append((vault, passphrase))
        vault.close()
    if len(opened) != 1:
        return None
    return Vault.open(path, opened[0][1]), opened[0][1]


def main() -> None:
    kills = int(sys.argv[1]) if len(sys.argv) > 1 else 120
    rng = random.Random(20261202)
    folder = Path(tempfile.mkdtemp())
    path = folder / "kluis.casus"
    with create_vault(path, PASSPHRASES[0]) as vault:
        CaseService(vault).create(
            CaseDraft(reference="BASIS-1", channel="hr", received="2025-01-06", category="bullying",
                      facts="Een melding.", people=[PersonDraft(role="reporter", name="Noor Veltman")])
        )  # fmt: skip
        restore_point = vault.backup(PASSPHRASES[0], "herstelpunt")
        committed = _references(vault)
    backup_cases = {"BASIS-1"}
    current = PASSPHRASES[0]
    restore_passphrase = PASSPHRASES[0]
    tally: collections.Counter[str] = collections.Counter()
    lost = unopenable = ambiguous = 0
    said: collections.Counter[str] = collections.Counter()
    started = time.perf_counter()
    for round_number in range(kills):
        operation = rng.choice(["import", "backup", "passphrase", "restore"])
        other = PASSPHRASES[1] if current == PASSPHRASES[0] else PASSPHRASES[0]
        extra = ""
        batch: set[str] = set()
        if operation == "import":
            extra_file = folder / f"import-{round_number}.jsonl"
            extra_file.write_text(_case_lines(f"K{round_number}", 40), encoding="utf-8")
            batch = {f"K{round_number}-{n}" for n in range(40)}
            extra = str(extra_file)
        elif operation == "restore":
            extra = str(restore_point)
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, operation, str(path),
             restore_passphrase if operation == "restore" else current, other, extra],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
        )  # fmt: skip
        assert child.stdout is not None
        if child.stdout.readline().strip() != "ready":
            raise SystemExit("the child did not start")
        time.sleep(rng.uniform(0.0, 0.6))
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        lines = set(child.stdout.read().split())
        tally[operation] += 1
        opened = _open_either(path)
        if opened is None:
            unopenable += 1
            continue
        vault, current = opened
        with vault:
            said.update(vault.recovered)
            stored = _references(vault)
            if operation == "restore":
                if stored == backup_cases:
                    committed = set(backup_cases)
                elif not committed <= stored:
                    lost += 1
            else:
                if operation == "import" and "imported" in lines:
                    committed |= batch
                if operation == "import" and batch & stored and not batch <= stored:
                    lost += 1  # half an import: all or nothing was promised
                if not committed <= stored:
                    lost += 1
                committed |= stored & batch
            if operation == "passphrase" and "changed" in lines and current != other:
                ambiguous += 1
    elapsed = time.perf_counter() - started
    per_operation = ", ".join(f"{name} {count}" for name, count in sorted(tally.items()))
    print(f"{sum(tally.values())} SIGKILLs in {elapsed:.0f} s: {per_operation}")
    print(f"committed cases lost: {lost}; vault not openable (or by both passphrases): {unopenable}; "
          f"a returned passphrase change not in force: {ambiguous}")  # fmt: skip
    for line, count in said.most_common():
        print(f"  the open said ({count}x): {line}")


if __name__ == "__main__":
    main()
