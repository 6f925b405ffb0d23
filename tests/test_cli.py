"""The command line as a script uses it: passphrase from the environment or standard input,
exit code 0 or non-zero with one line on standard error."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import OTHER_PASSPHRASE, PASSPHRASE


def casus(
    *args: str, stdin: str | None = None, env: dict[str, str] | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("CASUS_PASSPHRASE")}
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "ui.launch", *args],
        input=stdin if stdin is not None else "",
        capture_output=True,
        text=True,
        env=environment,
        timeout=300,
        cwd=cwd,
    )


def test_init_import_verify_backup_restore(tmp_path: Path, corpus_file: Path) -> None:
    vault = tmp_path / "cli.casus"
    env = {"CASUS_PASSPHRASE": PASSPHRASE}
    assert casus("init", str(vault), env=env).returncode == 0
    result = casus("import", str(vault), str(corpus_file), stdin=PASSPHRASE + "\n")
    assert result.returncode == 0, result.stderr
    assert "40 casussen" in result.stdout
    assert casus("verify", str(vault), env=env).returncode == 0
    backup = casus("backup", str(vault), env=env)
    assert backup.returncode == 0 and "Reservekopie gemaakt" in backup.stdout
    listed = casus("list", str(vault), env=env)
    assert listed.returncode == 0 and len(listed.stdout.splitlines()) == 40
    restored = casus("restore", str(vault), env=env)
    assert restored.returncode == 0, restored.stderr
    changed = casus("passphrase", str(vault), stdin=f"{PASSPHRASE}\n{OTHER_PASSPHRASE}\n")
    assert changed.returncode == 0, changed.stderr
    assert casus("verify", str(vault), env={"CASUS_PASSPHRASE": OTHER_PASSPHRASE}).returncode == 0


def test_errors_are_one_dutch_line_and_non_zero(tmp_path: Path) -> None:
    vault = tmp_path / "cli.casus"
    casus("init", str(vault), env={"CASUS_PASSPHRASE": PASSPHRASE})
    cases = [
        (
            casus("verify", str(vault), env={"CASUS_PASSPHRASE": OTHER_PASSPHRASE}),
            "wachtwoordzin klopt niet",
        ),
        (
            casus("init", str(tmp_path / "b.casus"), env={"CASUS_PASSPHRASE": "te kort"}),
            "minstens 15 tekens",
        ),
        (
            casus("verify", str(tmp_path / "weg.casus"), env={"CASUS_PASSPHRASE": PASSPHRASE}),
            "bestaat niet",
        ),
        (casus("verify", str(vault), stdin=""), "geen wachtwoordzin"),
    ]
    for result, fragment in cases:
        assert result.returncode == 1
        assert fragment in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
        assert "Traceback" not in result.stderr


def test_import_refusal_names_the_line(tmp_path: Path) -> None:
    vault = tmp_path / "cli.casus"
    env = {"CASUS_PASSPHRASE": PASSPHRASE}
    casus("init", str(vault), env=env)
    bad = tmp_path / "bad.jsonl"
    bad.write_text('\n{"id": "X"}\n', encoding="utf-8")
    result = casus("import", str(vault), str(bad), env=env)
    assert result.returncode == 1
    assert "regel 2" in result.stderr and "verplicht veld ontbreekt" in result.stderr


def test_there_is_no_passphrase_argument() -> None:
    result = casus("init", "x.casus", "--passphrase", "iets")
    assert result.returncode == 2
