"""The command line as a script uses it: passphrase from the environment or standard input,
exit code 0 or non-zero with one line on standard error."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from casus import cli
from casus.errors import ValidationError
from casus.pseudonymise import Pseudonymiser
from casus.services.cases import CaseDraft, CaseService, PersonDraft
from casus.services.review import ReviewService
from casus.vault import Vault
from casus.vocabulary.enums import CaseStatus
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


def test_a_note_from_the_command_line_is_stored_and_checked_at_export(tmp_path: Path) -> None:
    """`casus meeting note`: the meeting screen's service and checks, for automation."""
    import json

    vault = tmp_path / "notes.casus"
    env = {"CASUS_PASSPHRASE": PASSPHRASE}
    cases = tmp_path / "cases.jsonl"
    line = {"id": "N1", "source": "intern", "category": "pesten", "ground": None, "received": "2025-02-03",
            "anonymous": False, "advice": "",
            "org_unit": {"cluster": "Sociaal Domein", "directie": "Onderwijs, Jeugd en Zorg",
                         "abbreviation": "OJZ", "team": "Team Leerplicht"}, "question": "Hoe verder?",
            "persons": [{"key": "p1", "role": "melder", "name": "Roos Oudendijk"}],
            "narrative": "Roos Oudendijk werd buitengesloten bij de lunch."}  # fmt: skip
    cases.write_text(json.dumps(line) + "\n", encoding="utf-8")
    assert casus("init", str(vault), env=env).returncode == 0
    assert casus("import", str(vault), str(cases), env=env).returncode == 0
    assert casus("release", str(vault), "--all", "--accept-proposed", env=env).returncode == 0
    created = casus("meeting", "create", str(vault), "--date", "2025-03-01", "--cases", "released", env=env)
    assert created.returncode == 0, created.stderr

    note = tmp_path / "note.txt"
    note.write_text("Het overleg adviseert een herstelgesprek met Oudendijk.", encoding="utf-8")
    args = ("meeting", "note", str(vault), "--meeting", "2025-03-01", "--item", "1", "--field", "advies")
    stored = casus(*args, "--text-file", str(note), env=env)
    assert stored.returncode == 0, stored.stderr
    assert "agendapunt 1" in stored.stdout and "Oudendijk" not in stored.stdout + stored.stderr

    # The name in the note refuses the export, by place and kind only; nothing is written.
    out = tmp_path / "notulen.pdf"
    refused = casus("export", "minutes", str(vault), "--meeting", "2025-03-01", "--out", str(out), env=env)
    assert refused.returncode != 0 and not out.exists()
    assert "Casus 1, advies: naam" in refused.stderr and "Oudendijk" not in refused.stderr

    note.write_text("Het overleg adviseert een herstelgesprek met de melder.", encoding="utf-8")
    assert casus(*args, "--text-file", str(note), env=env).returncode == 0
    written = casus("export", "minutes", str(vault), "--meeting", "2025-03-01", "--out", str(out), env=env)
    assert written.returncode == 0, written.stderr
    assert out.exists()

    # A word that may be a name and nobody registered: written, and the secretary told where.
    note.write_text("Het overleg adviseert een gesprek met Stadsbeheer.", encoding="utf-8")
    assert casus(*args, "--text-file", str(note), env=env).returncode == 0
    asked = casus("export", "minutes", str(vault), "--meeting", "2025-03-01", "--out", str(out), env=env)
    assert asked.returncode == 0, asked.stderr
    assert "Let op" in asked.stderr and "Casus 1, advies: controleer" in asked.stderr
    assert "Stadsbeheer" not in asked.stderr + asked.stdout

    # Bad input: one Dutch line, nothing changed.
    missing = casus(*args[:5], "--item", "7", "--field", "advies", "--text-file", str(note), env=env)
    assert (
        missing.returncode != 0 and "Agendapunt" in missing.stderr and len(missing.stderr.splitlines()) == 1
    )
    note.write_bytes(b"\xff\xfe niet utf-8")
    broken = casus(*args, "--text-file", str(note), env=env)
    assert broken.returncode != 0 and "UTF-8" in broken.stderr and len(broken.stderr.splitlines()) == 1


def test_release_all_goes_on_past_a_case_that_cannot_go_out(
    vault: Vault, engine: Pseudonymiser, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """One refused case stops only itself: the others are released, the refused one is named
    by its internal number (never its reference), and the exit code says something is left."""
    cases = CaseService(vault)
    ids = [
        cases.create(
            CaseDraft(
                channel="internal_reporting_point", received="2025-03-04", category="bullying",
                reference=f"BI-2025-{n:03d}", facts=f"Er werd in week {n} gepest.", question="Wat nu?",
                people=[PersonDraft(role="reporter", name=name)],
            )
        )
        for n, name in ((1, "Ilse Vermeer"), (2, "Omar Benali"), (3, "Tessa Kuipers"))
    ]  # fmt: skip
    path = vault.path
    vault.close()
    release = ReviewService.release

    def refuse_the_second(self: ReviewService, case_id: int) -> None:
        if case_id == ids[1]:
            raise ValidationError(
                "gate", "Vrijgeven", "de controle vond nog een naam (feitenrelaas, teken 4–9)"
            )
        release(self, case_id)

    monkeypatch.setattr(ReviewService, "release", refuse_the_second)
    monkeypatch.setattr(cli, "_pseudonymiser", lambda: engine)
    monkeypatch.setenv("CASUS_PASSPHRASE", PASSPHRASE)
    assert cli.main(["release", str(path), "--all", "--accept-proposed"]) == 1
    out, err = capsys.readouterr()
    assert "2 casussen vrijgegeven" in out
    assert f"intern nummer {ids[1]}" in err and "BI-2025-002" not in err and "Benali" not in err
    with Vault.open(path, PASSPHRASE) as reopened:
        released = {row.id for row in CaseService(reopened).summaries() if row.status is CaseStatus.RELEASED}
    assert released == {ids[0], ids[2]}
