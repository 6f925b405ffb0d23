"""Second-line benchmark: what it finds with the first line blind, and its false alarms.

    .venv/bin/python benchmarks/second_line_bench.py [--show] [CORPUS.jsonl ...]   # default: dev and dev2

`--show` lists each false alarm and each gold span missed, in its sentence (invented corpora).

Recall: the gold people, units and places of each corpus that a residual overlaps, on the
texts as written (registry and deduce switched off: nothing replaced). False alarms: the
second line's own proposals in the review ("Mogelijk herleidbaar": residuals no first-line span
covers) that overlap no gold span, per case; and what is left for the gate once every proposal
is accepted (`casus release --all --accept-proposed`). Clusters and meeting parties are
allowed, as in the engine. Target: recall at least 95%, fewer than one false alarm per case.
"""

from __future__ import annotations

import json
import runpy
import sys
from dataclasses import replace
from pathlib import Path

from casus.identify.catalogue import default_units
from casus.identify.second_line import residuals
from casus.pseudonymise import Pseudonymiser
from casus.pseudonymise.contract import case_from_line, own_unit
from casus.pseudonymise.engine import RESIDUAL
from casus.pseudonymise.replacement import UnitCodeBook
from casus.pseudonymise.scoring import SECOND_LINE_KINDS, blind_recall
from casus.vocabulary.enums import UnitGeneralisation

ROOT = Path(__file__).resolve().parents[1]
CORPORA = [ROOT / "tests" / "data" / "corpus" / name for name in ("dev.jsonl", "dev2.jsonl")]


def _quoted(text: str, start: int, end: int) -> str:
    return f"{text[max(0, start - 35) : start]}[[{text[start:end]}]]{text[end : end + 20]}".replace("\n", " ")


def main() -> None:
    show = "--show" in sys.argv
    corpora = [Path(a) for a in sys.argv[1:] if a != "--show"] or CORPORA
    engine = Pseudonymiser(default_units())
    engine.warm_up()
    for corpus in corpora:
        resolve = runpy.run_path(str(corpus.parent / "resolve.py"))
        cases = [resolve["check_case"](json.loads(line)) for line in corpus.read_text("utf-8").splitlines()]
        found, total = blind_recall(cases, residuals)
        if show:
            for case in cases:
                for field, gold in case["gold"].items():
                    spans = residuals(case.get(field) or "")
                    for g in gold:
                        if g["kind"] in SECOND_LINE_KINDS and not any(
                            s.start < g["end"] and g["start"] < s.end for s in spans
                        ):
                            print(f"  missed {g['kind']}:", _quoted(case[field], g["start"], g["end"]))
        proposals = caught = alarms = left = 0
        for case in cases:
            source, data = case_from_line({k: v for k, v in case.items() if k != "gold"})
            unit_id, added = own_unit(data, list(engine.units.values()))
            engine.add_units(added)
            source = replace(source, unit_id=unit_id)
            spans = engine.propose(source)
            for field, gold in case["gold"].items():
                for span in spans.get(field, ()):
                    if span.detail != RESIDUAL:
                        continue
                    proposals += 1
                    hit = any(span.start < g["end"] and g["start"] < span.end for g in gold)
                    caught += hit
                    alarms += not hit
                    if show and not hit:
                        print("  false alarm:", _quoted(case[field], span.start, span.end))
            rendered = engine.render(source, spans, UnitGeneralisation.CODE, UnitCodeBook(b"b" * 32))
            for rendered_field in rendered.fields.values():
                remaining = residuals(rendered_field.text, engine.allowed_phrases)
                left += len(remaining)
                for r in remaining if show else ():
                    print("  left after release:", _quoted(rendered_field.text, r.start, r.end))
        print(f"{corpus.name}: first line blind, {found}/{total} = {found / total:.1%} of the gold people, "
              f"units and places flagged.\n  In the review: {proposals} residual proposals, {caught} on a "
              f"gold span (a leak stopped), {alarms} false alarms = {alarms / len(cases):.2f} per case; "
              f"left after release, every proposal accepted: {left / len(cases):.2f} per case")  # fmt: skip


if __name__ == "__main__":
    main()
