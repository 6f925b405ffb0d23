"""`casus pseudonymise` per the corpus contract, deduce loaded lightly and outside
site-packages, and the engine held to its targets on the development corpus."""

from __future__ import annotations

import io
import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import platformdirs
import pytest

from casus.pseudonymise import Pseudonymiser
from casus.pseudonymise.deduce_support import default_cache_dir
from casus.pseudonymise.scoring import score_corpus
from casus.pseudonymise.stream import pseudonymise_stream
from tests.conftest import USER_DIRS, snapshot

CASUS = [sys.executable, "-m", "ui.launch"]


def _listing(folder: Path) -> set[tuple[str, int, int]]:
    """Every file below `folder` with its size and modification time (the checkout holds the
    virtual environment: reading every byte would take long and prove no more). Python's
    bytecode caches are left out: a first import may write them, and they hold no data."""
    return {
        (str(path), stat.st_size, stat.st_mtime_ns)
        for path in folder.rglob("*")
        if "__pycache__" not in path.parts
        and path.is_file()
        and not path.is_symlink()
        and (stat := path.stat())
    }


def plain_lines(cases: list[dict], count: int | None = None) -> str:
    return "".join(json.dumps(case, ensure_ascii=False) + "\n" for case in cases[:count])


def test_the_contract_line_for_line(corpus_cases: list[dict]) -> None:
    source = plain_lines(corpus_cases, 3)
    done = subprocess.run(
        [*CASUS, "pseudonymise"], input=source, capture_output=True, text=True, encoding="utf-8", timeout=300,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    lines = done.stdout.splitlines()
    assert len(lines) == 3, "one line out per line in, and nothing else on standard output"
    for case, line in zip(corpus_cases[:3], lines, strict=True):
        out = json.loads(line)
        assert out["id"] == case["id"] and set(out["fields"]) == {"narrative", "question", "advice"}
        for field, result in out["fields"].items():
            text = case.get(field) or ""
            rebuilt, position = [], 0
            for span in result["spans"]:
                assert set(span) == {"start", "end", "kind", "ref", "replacement"}
                assert position <= span["start"] < span["end"] <= len(text)
                assert span["kind"] in {"person", "org", "email", "phone", "date", "location", "id"}
                rebuilt += [text[position : span["start"]], span["replacement"]]
                position = span["end"]
            rebuilt.append(text[position:])
            assert "".join(rebuilt) == result["text"], "the spans are offsets into the input text"
        for person in case["persons"]:
            assert person["name"] not in line


def test_a_bad_line_stops_with_its_number_and_no_content() -> None:
    source = (
        '{"id": "A1", "persons": [], "narrative": "Geen namen."}\n{"id": "A2", "narrative": "geheim Jansen\n'
    )
    done = subprocess.run([*CASUS, "pseudonymise"], input=source, capture_output=True, text=True, timeout=300)
    assert done.returncode == 1
    assert done.stderr.strip().startswith("casus: Regel 2: geen geldige JSON")
    assert len(done.stderr.strip().splitlines()) == 1
    assert "Jansen" not in done.stderr and "Traceback" not in done.stderr
    assert json.loads(done.stdout.splitlines()[0])["id"] == "A1"


def test_deduce_is_trimmed_cached_in_the_user_cache_and_leaves_logging_alone(engine: Pseudonymiser) -> None:
    deduce = engine._deduce_detector().deduce  # type: ignore[union-attr]
    cache = Path(deduce.cache_path)
    assert cache == default_cache_dir()
    assert cache.is_relative_to(platformdirs.user_cache_path("Casus", appauthor=False))
    assert (cache / "cache" / "lookup_structs.pickle").is_file()
    assert "street" not in deduce.lookup_structs or len(deduce.lookup_structs["street"].children) < 5
    assert not logging.getLogger().handlers or all(
        getattr(h, "stream", None) is not sys.stdout for h in logging.getLogger().handlers
    )
    script = (
        "import logging; from casus.identify.wordlists import import_deduce; import_deduce(); "
        "print(len(logging.getLogger().handlers), logging.getLogger().level)"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.stdout.split() == ["0", str(logging.WARNING)], done.stdout


@pytest.mark.slow
def test_targets_on_the_development_corpus(corpus_cases: list[dict], engine: Pseudonymiser) -> None:
    """The issue's targets; the held-out corpus is judged the same way (benchmarks/)."""
    output = io.StringIO()
    engine.warm_up()
    before = (snapshot(USER_DIRS), _listing(Path.cwd()))
    pseudonymise_stream(io.StringIO(plain_lines(corpus_cases)), output, engine=engine.with_units(
        list(engine.units.values())))  # fmt: skip
    outputs = {json.loads(line)["id"]: json.loads(line) for line in output.getvalue().splitlines()}
    after = (snapshot(USER_DIRS), _listing(Path.cwd()))
    assert after == before, "pseudonymising writes nothing: no cache, no temporary file, no log"
    score = score_corpus(corpus_cases, outputs)
    tallies = score.tallies
    for kind in ("person", "org", "email", "phone", "id"):
        tally = tallies[(kind, "registered")]
        assert tally.recall == 1.0, (kind, tally.missed)
        assert tally.leaks_beyond_text == 0, kind
    assert tallies[("person", "unregistered")].recall >= 0.97
    dates = [tallies[("date", g)] for g in ("registered", "unregistered")]
    assert sum(t.caught for t in dates) / sum(t.gold for t in dates) >= 0.95
    assert tallies[("location", "unregistered")].recall >= 0.90
    assert score.total().precision >= 0.90
    assert score.consistent_persons == score.persons, score.inconsistent


def test_a_title_and_initials_before_a_street_do_not_stop_the_stream() -> None:
    """deduce reports numpy integers as offsets; json cannot write those ("onverwachte fout")."""
    line = {"id": "T1", "persons": [], "question": "", "advice": "",
            "narrative": "Zij woont aan de Prof. Dr. J.C. Schoutelaan 1 in het oosten."}  # fmt: skip
    done = subprocess.run(
        [*CASUS, "pseudonymise"], input=json.dumps(line) + "\n", capture_output=True, text=True,
        encoding="utf-8", timeout=300, env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    spans = json.loads(done.stdout)["fields"]["narrative"]["spans"]
    assert spans and all(type(s["start"]) is int and type(s["end"]) is int for s in spans)
