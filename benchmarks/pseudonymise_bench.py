"""Pseudonymiser benchmark: quality per kind against deduce alone, speed and memory.

    .venv/bin/python benchmarks/pseudonymise_bench.py [CORPUS.jsonl ...]   # default: dev and dev2

Runs `casus pseudonymise` and deduce alone (benchmarks/deduce_alone.py) as separate
processes on the same plain texts (tests/data/corpus/dev.jsonl and dev2.jsonl by default, resolved with
its resolve.py), then scores both as tests/data/corpus/README.md defines it. Reports, for
registered and unregistered mentions per kind: recall, leaks (to the letter, and beyond
the same word used ordinarily in the text), precision and consistency; time per case
(median after the first five cases), cold start to the first result with and without a
lookup cache, and peak memory (maximum resident set size of each process).
"""

from __future__ import annotations

import itertools
import json
import os
import runpy
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from casus.pseudonymise.scoring import KINDS, Score, score_corpus

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPORA = [ROOT / "tests" / "data" / "corpus" / name for name in ("dev.jsonl", "dev2.jsonl")]
WARM_UP = 5


def load(corpus: Path) -> list[dict]:
    resolve = runpy.run_path(str(corpus.parent / "resolve.py"))
    return [
        resolve["check_case"](json.loads(line))
        for line in corpus.read_text("utf-8").splitlines()
        if line.strip()
    ]


class Run:
    def __init__(self, name: str, command: list[str], cases: list[dict], env: dict[str, str]) -> None:
        source = "".join(json.dumps({k: v for k, v in c.items() if k != "gold"}, ensure_ascii=False) + "\n"
                         for c in cases)  # fmt: skip
        started = time.perf_counter()
        process = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=sys.stderr, text=True,
            encoding="utf-8", env=env, cwd=ROOT,
        )  # fmt: skip
        assert process.stdin and process.stdout
        process.stdin.write(source)
        process.stdin.close()
        arrivals, self.outputs = [], {}
        for line in process.stdout:
            arrivals.append(time.perf_counter())
            out = json.loads(line)
            self.outputs[out["id"]] = out
        _, status, usage = os.wait4(process.pid, 0)
        if status != 0 or len(self.outputs) != len(cases):
            raise SystemExit(f"{name} failed (status {status})")
        self.name = name
        self.first_result = arrivals[0] - started
        gaps = [b - a for a, b in itertools.pairwise(arrivals)][WARM_UP:]
        self.per_case = statistics.median(gaps) if gaps else float("nan")
        self.peak_mib = usage.ru_maxrss / 1024
        self.score: Score = score_corpus(cases, self.outputs)


def row(label: str, values: list[str]) -> str:
    return f"{label:<34}" + "".join(f"{v:>22}" for v in values)


def _kind_total(score: Score, kind: str) -> tuple[float, int]:
    predicted = sum(score.tallies[(kind, g)].predicted for g in ("registered", "unregistered"))
    correct = sum(score.tallies[(kind, g)].predicted_correct for g in ("registered", "unregistered"))
    return (correct / predicted if predicted else 1.0), predicted


def report(runs: list[Run]) -> None:
    print(row("", [r.name for r in runs]))
    for kind in KINDS:
        for group in ("registered", "unregistered"):
            tallies = [r.score.tallies.get((kind, group)) for r in runs]
            gold = max((t.gold for t in tallies if t), default=0)
            if not gold:
                continue
            print(f"\n{kind} ({group}, {gold} gold spans)")
            print(row("  recall", [f"{t.recall:.1%}" if t else "-" for t in tallies]))
            leaks = [f"{t.leaks} / {t.leaks_beyond_text}" if t else "-" for t in tallies]
            print(row("  leaks (to the letter / beyond text)", leaks))
        # Precision over every predicted span of the kind: deduce resolves no span to a
        # registered person, so a split by the predicted ref would not compare.
        kind_totals = [_kind_total(r.score, kind) for r in runs]
        print(row(f"  precision of {kind} spans", [f"{p:.1%} of {n}" if n else "-" for p, n in kind_totals]))
    print()
    print(row("precision, all predicted spans", [f"{r.score.total().precision:.1%}" for r in runs]))
    print(
        row("registered people consistent", [f"{r.score.consistent_persons}/{r.score.persons}" for r in runs])
    )
    print(row("time per case (median)", [f"{r.per_case * 1000:.1f} ms" for r in runs]))
    print(row("cold start to first result", [f"{r.first_result:.2f} s" for r in runs]))
    print(row("peak memory (max RSS)", [f"{r.peak_mib:.0f} MiB" for r in runs]))
    for run in runs:
        missed = [m for t in run.score.tallies.values() for m in t.missed]
        if missed and run.name.startswith("casus"):
            print(f"\n{run.name} missed: " + "; ".join(missed[:20]))


def main() -> None:
    for corpus in [Path(a) for a in sys.argv[1:]] or DEFAULT_CORPORA:
        measure(corpus)
        print("\n" + "=" * 100 + "\n")


def measure(corpus: Path) -> None:
    cases = load(corpus)
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    casus = [sys.executable, "-m", "ui.launch", "pseudonymise"]
    alone = [sys.executable, str(ROOT / "benchmarks" / "deduce_alone.py")]
    with tempfile.TemporaryDirectory() as empty_cache:
        first = Run("casus (no cache yet)", casus, cases, {**env, "XDG_CACHE_HOME": empty_cache})
    runs = [Run("casus pseudonymise", casus, cases, env), Run("deduce alone", alone, cases, env)]
    spans = sum(len(s) for c in cases for s in c["gold"].values())
    print(f"{len(cases)} cases from {corpus}; {spans} gold spans\n")
    report(runs)
    print(f"\ncasus, empty lookup cache (very first start): first result after {first.first_result:.2f} s")


if __name__ == "__main__":
    main()
