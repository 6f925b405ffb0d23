"""Time against length: one case whose narrative grows from 5,000 characters to the limit a
case text may have (50,000, the same for import and `casus pseudonymise`).

    .venv/bin/python benchmarks/long_text_bench.py [LENGTH ...]

The text is the development corpora's narratives one after another, so names, units, dates
and numbers stand in it at the density case files have. deduce is loaded before timing.
"""

from __future__ import annotations

import io
import json
import runpy
import sys
import time
from pathlib import Path

from casus.identify.catalogue import default_units
from casus.pseudonymise import Pseudonymiser
from casus.pseudonymise.stream import pseudonymise_stream

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "data" / "corpus"


def main() -> None:
    lengths = [int(a) for a in sys.argv[1:]] or [5_000, 10_000, 20_000, 30_000, 40_000, 50_000]
    resolve = runpy.run_path(str(CORPUS / "resolve.py"))
    cases = []
    for name in ("dev.jsonl", "dev2.jsonl"):
        lines = (CORPUS / name).read_text("utf-8").splitlines()
        cases += [resolve["check_case"](json.loads(line)) for line in lines if line.strip()]
    persons = [p for case in cases for p in case["persons"]][:100]
    keys = [f"p{n}" for n in range(1, len(persons) + 1)]
    persons = [{**p, "key": key} for p, key in zip(persons, keys, strict=True)]
    text = "\n".join(case["narrative"] for case in cases)
    engine = Pseudonymiser(default_units())
    engine.warm_up()
    print("characters   seconds   µs per character")
    for length in lengths:
        line = {"id": "LANG", "persons": persons, "narrative": (text * (length // len(text) + 1))[:length]}
        source = io.StringIO(json.dumps(line, ensure_ascii=False) + "\n")
        started = time.perf_counter()
        pseudonymise_stream(source, io.StringIO(), engine=engine)
        elapsed = time.perf_counter() - started
        print(f"{length:>10,}   {elapsed:7.2f}   {elapsed / length * 1e6:8.1f}")


if __name__ == "__main__":
    main()
