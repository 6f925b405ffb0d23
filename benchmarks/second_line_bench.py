"""Second-line benchmark: what it finds with the first line blind, and its false alarms.

    .venv/bin/python benchmarks/second_line_bench.py [CORPUS.jsonl ...]   # default: dev and dev2

Recall: the gold people, units and places of each corpus that a residual overlaps, on the
texts as written (registry and deduce switched off: nothing replaced). False alarms: residuals
per case in the texts as the meeting sees them after `casus pseudonymise` (every case released
with every proposal accepted), with clusters and the meeting parties allowed, as the gate has
them. Target: recall at least 95%, fewer than one false alarm per case.
"""

from __future__ import annotations

import io
import json
import re
import runpy
import sys
from pathlib import Path

from casus.identify.catalogue import default_units
from casus.identify.folding import fold
from casus.identify.second_line import residuals
from casus.model.enums import OrgUnitKind, Party
from casus.pseudonymise import Pseudonymiser
from casus.pseudonymise.stream import pseudonymise_stream

ROOT = Path(__file__).resolve().parents[1]
CORPORA = [ROOT.parent / "shared" / "corpus" / name for name in ("dev.jsonl", "dev2.jsonl")]


def words(name: str) -> tuple[str, ...]:
    return tuple(re.findall(r"[^\W_]+", fold(name)))


def main() -> None:
    corpora = [Path(a) for a in sys.argv[1:]] or CORPORA
    units = default_units()
    allowed = {words(u.name) for u in units if u.kind is OrgUnitKind.CLUSTER or u.meeting_party}
    allowed |= {words(p.label) for p in Party} | {words("Bureau I&D"), words("I&D")}
    allowed |= {words(a) for u in units if u.meeting_party for a in u.abbreviations}
    engine = Pseudonymiser(units)
    engine.warm_up()
    for corpus in corpora:
        resolve = runpy.run_path(str(corpus.parent / "resolve.py"))
        cases = [resolve["check_case"](json.loads(line)) for line in corpus.read_text("utf-8").splitlines()]
        total = found = 0
        for case in cases:
            for field, gold in case["gold"].items():
                spans = residuals(case.get(field) or "")
                for g in gold:
                    if g["kind"] in ("person", "org", "location"):
                        total += 1
                        found += any(r.start < g["end"] and g["start"] < r.end for r in spans)
        source = "".join(json.dumps({k: v for k, v in c.items() if k != "gold"}) + "\n" for c in cases)
        out = io.StringIO()
        pseudonymise_stream(io.StringIO(source), out, engine=engine)
        alarms = sum(
            len(residuals(f["text"], allowed))
            for line in out.getvalue().splitlines()
            for f in json.loads(line)["fields"].values()
        )
        print(f"{corpus.name}: first line blind, {found}/{total} = {found / total:.1%} of the gold people, "
              f"units and places flagged; released: {alarms} residuals in {len(cases)} cases = "
              f"{alarms / len(cases):.2f} per case")  # fmt: skip


if __name__ == "__main__":
    main()
