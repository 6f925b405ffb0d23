"""Scoring a pseudonymiser's output against gold spans, as ../shared/corpus/README.md defines it.

Used by benchmarks/pseudonymise_bench.py and by the tests that hold the engine to its
targets on the development corpus.

Per kind, and separately for registered (p…, o) and unregistered (x) mentions:
recall (every character of a gold span inside predicted spans), leaks (a gold surface
still present as a whole word in the output, after case and diacritics folding and
without zero-width characters), precision (predicted spans overlapping some gold span)
and consistency (one replacement per registered person per case, distinct per person).

Leaks are counted twice. `leaks` is the definition to the letter. A surface that is also
an ordinary word of the same text outside any mention ("Kerk" the surname and "de kerk"
the building) is then a leak whenever that word is left alone, which is the right thing
to do; `leaks_beyond_text` counts only surfaces that occur in the output more often than
the input used them as ordinary words.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

KINDS = ("person", "org", "email", "phone", "date", "location", "id")


def leak_fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c) and unicodedata.category(c) != "Cf")


def _count_word(haystack: str, needle: str) -> int:
    if not needle.strip():
        return 0
    return len(re.findall(r"(?<!\w)" + re.escape(needle) + r"(?!\w)", haystack))


def _group(ref: str) -> str:
    return "unregistered" if ref == "x" else "registered"


@dataclass
class Tally:
    gold: int = 0
    caught: int = 0
    leaks: int = 0
    leaks_beyond_text: int = 0
    predicted: int = 0
    predicted_correct: int = 0
    missed: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.caught / self.gold if self.gold else 1.0

    @property
    def precision(self) -> float:
        return self.predicted_correct / self.predicted if self.predicted else 1.0


@dataclass
class Score:
    tallies: dict[tuple[str, str], Tally] = field(default_factory=lambda: defaultdict(Tally))
    persons: int = 0
    consistent_persons: int = 0
    inconsistent: list[str] = field(default_factory=list)

    def total(self, group: str | None = None) -> Tally:
        total = Tally()
        for (_, g), tally in self.tallies.items():
            if group in (None, g):
                for name in (
                    "gold",
                    "caught",
                    "leaks",
                    "leaks_beyond_text",
                    "predicted",
                    "predicted_correct",
                ):
                    setattr(total, name, getattr(total, name) + getattr(tally, name))
        return total


def score_case(
    score: Score,
    case_id: str,
    texts: Mapping[str, str],
    gold: Mapping[str, Sequence[Mapping[str, Any]]],
    output: Mapping[str, Mapping[str, Any]],
) -> None:
    """Adds one case; `output` maps a field to {"text", "spans"} as the contract writes it."""
    replacements: dict[str, set[str]] = defaultdict(set)
    for name, source in texts.items():
        result = output.get(name, {"text": source, "spans": []})
        predicted: list[Mapping[str, Any]] = list(result["spans"])
        covered = [False] * len(source)
        for span in predicted:
            for i in range(max(0, span["start"]), min(len(source), span["end"])):
                covered[i] = True
        gold_spans = list(gold.get(name, ()))
        outside = list(source)
        for span in gold_spans:
            for i in range(span["start"], span["end"]):
                outside[i] = " "
        ordinary = leak_fold("".join(outside))
        out_text = leak_fold(result["text"])
        for span in gold_spans:
            tally = score.tallies[(span["kind"], _group(span["ref"]))]
            tally.gold += 1
            if all(covered[span["start"] : span["end"]]):
                tally.caught += 1
            else:
                tally.missed.append(f"{case_id}/{name}: {span['text']}")
            surface = leak_fold(span["text"])
            in_output = _count_word(out_text, surface)
            if in_output:
                tally.leaks += 1
                if in_output > _count_word(ordinary, surface):
                    tally.leaks_beyond_text += 1
            if span["kind"] == "person" and span["ref"] != "x":
                for p in predicted:
                    if p["start"] < span["end"] and span["start"] < p["end"]:
                        replacements[span["ref"]].add(str(p.get("replacement", "")).removesuffix("'s"))
        for span in predicted:
            tally = score.tallies[(span["kind"], _group(span["ref"]))]
            tally.predicted += 1
            if any(span["start"] < g["end"] and g["start"] < span["end"] for g in gold_spans):
                tally.predicted_correct += 1
    registered = {
        s["ref"] for spans in gold.values() for s in spans if s["kind"] == "person" and s["ref"] != "x"
    }
    for key in sorted(registered):
        score.persons += 1
        mine = replacements.get(key, set())
        others = (
            set().union(*(v for k, v in replacements.items() if k != key)) if len(replacements) > 1 else set()
        )
        if len(mine) == 1 and not (mine & others):
            score.consistent_persons += 1
        else:
            score.inconsistent.append(f"{case_id}/{key}: {sorted(mine)}")


def score_corpus(cases: Iterable[Mapping[str, Any]], outputs: Mapping[str, Mapping[str, Any]]) -> Score:
    """`cases` as resolve.py --resolve writes them; `outputs` maps id to the output line."""
    score = Score()
    for case in cases:
        texts = {name: case.get(name) or "" for name in ("narrative", "question", "advice")}
        output = outputs.get(case["id"], {"fields": {}})
        score_case(score, case["id"], texts, case.get("gold", {}), output["fields"])
    return score


SECOND_LINE_KINDS = ("person", "org", "location")


def blind_recall(cases: Iterable[Mapping[str, Any]], finder: Any) -> tuple[int, int]:
    """(found, total): the gold people, units and places of `cases` (resolved corpus cases)
    that a span of `finder(text)` overlaps, on the texts as written."""
    found = total = 0
    for case in cases:
        for name, gold in case["gold"].items():
            spans = finder(case.get(name) or "")
            for g in gold:
                if g["kind"] in SECOND_LINE_KINDS:
                    total += 1
                    found += any(s.start < g["end"] and g["start"] < s.end for s in spans)
    return found, total
