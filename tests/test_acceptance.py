"""The issue's acceptance run on both development corpora, through the real command line:
`casus release --all --accept-proposed` releases every case, and `casus export minutes`
writes the minutes without a refusal; no registered person's full name, e-mail address,
phone number or employee number is in the PDF."""

from __future__ import annotations

import json
import re
import runpy
from pathlib import Path

import pytest
from pypdf import PdfReader

from casus.pseudonymise.scoring import leak_fold
from tests.conftest import CORPUS_DIR, PASSPHRASE
from tests.test_cli import casus


def _plain_cases(corpus: Path, target: Path) -> list[dict]:
    resolve = runpy.run_path(str(CORPUS_DIR / "resolve.py"))
    cases = [
        resolve["check_case"](json.loads(line)) for line in corpus.read_text("utf-8").splitlines() if line
    ]
    with open(target, "w", encoding="utf-8") as handle:
        for case in cases:
            handle.write(
                json.dumps({k: v for k, v in case.items() if k != "gold"}, ensure_ascii=False) + "\n"
            )
    return cases


@pytest.mark.slow
@pytest.mark.parametrize("corpus", ["dev.jsonl", "dev2.jsonl"])
def test_release_everything_and_export_the_minutes_without_a_refusal(tmp_path: Path, corpus: str) -> None:
    path = CORPUS_DIR / corpus
    cases = _plain_cases(path, tmp_path / "cases.jsonl")
    vault, env = str(tmp_path / "overleg.casus"), {"CASUS_PASSPHRASE": PASSPHRASE}
    said = {}
    for step in (
        ("init", vault),
        ("import", vault, str(tmp_path / "cases.jsonl")),
        ("release", vault, "--all", "--accept-proposed"),
        ("meeting", "create", vault, "--date", "2026-12-01", "--cases", "released"),
    ):
        done = casus(*step, env=env)
        assert done.returncode == 0, (step[0], done.stderr)
        said[step[0]] = done.stdout
    assert f"{len(cases)} casussen vrijgegeven" in said["release"]
    out = tmp_path / "notulen.pdf"
    written = casus("export", "minutes", vault, "--meeting", "2026-12-01", "--out", str(out), env=env)
    assert written.returncode == 0, written.stderr
    text = re.sub(r"\s+", " ", leak_fold(" ".join(page.extract_text() for page in PdfReader(out).pages)))
    for case in cases:
        for person in case["persons"]:
            for value in (
                person["name"],
                person.get("email"),
                person.get("phone"),
                person.get("employee_number"),
            ):
                if value:
                    folded = re.sub(r"\s+", " ", leak_fold(value))
                    assert not re.search(rf"(?<!\w){re.escape(folded)}(?!\w)", text), (
                        case["id"],
                        person["role"],
                    )
