"""The second line: what still looks like a name, a place or a unit, found without the
registry, the unit list or deduce. Sentences and names of our own."""

from __future__ import annotations

import json
import runpy

import pytest

from casus.identify.second_line import residuals
from casus.pseudonymise.scoring import blind_recall
from tests.conftest import CORPUS_DIR


def flagged(text: str) -> list[str]:
    return [text[r.start : r.end] for r in residuals(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Het gesprek met Oudendijk verliep moeizaam.", "Oudendijk"),  # unknown to any dictionary
        ("Daarna sprak zij met Winter over het rooster.", "Winter"),  # an ordinary word, a known name
        ("Zij werkt sinds maart bij Burgerzaken.", "Burgerzaken"),  # where one works
        ("Hij zit in team Handhaving Noord.", "Handhaving Noord"),
        ("Volgens collega Tjeerd was het een grap.", "Tjeerd"),
        ("[12-3-2024 10:02] Femke: ik kom eraan", "Femke"),  # a chat sender
        ("Van: Okafor, Grace <g.okafor@voorbeeld.nl>", "Okafor"),  # a header line
        ("Zij meldde het bij G.H. en later bij de leiding.", "G.H."),
        ("Hij werkt bij V&OR in de buitendienst.", "V&OR"),
    ],
)
def test_what_looks_like_a_name_is_flagged(text: str, expected: str) -> None:
    assert any(expected in found for found in flagged(text)), flagged(text)


@pytest.mark.parametrize(
    "text",
    [
        "Melder A en Betrokkene B spraken met directie K over team K1.",
        "Zij is van Ghanese afkomst en haar ouders komen uit Marokko.",
        "Hij noemde hem een echte Hollander, omdat hij Turk is.",
        "Tijdens de Ramadan en rond Koningsdag is het druk.",
        "De berichten stonden in de WhatsApp-groep en op TikTok.",
        "Het overleg adviseert een herstelgesprek, d.w.z. binnen een maand.",
        "Maar de melder wil geen gesprek. Daarom stopt het hier.",
    ],
)
def test_ordinary_text_pseudonyms_origins_and_holidays_are_not(text: str) -> None:
    assert flagged(text) == []


def test_in_a_text_without_capitals_a_word_no_dictionary_knows_is_flagged() -> None:
    """(A surname Hunspell can build from Dutch words, "oudendijk" from ouden + dijk, passes in
    lower case: a known limit of this line, which the first line covers for registered names.)"""
    text = "gisteren zei oyelaran tegen mij dat ik niet mee mocht. daarna ging ik naar huis."
    assert flagged(text) == ["oyelaran"]


def test_the_callers_allowed_phrases_stand() -> None:
    text = "Het is besproken met Bureau Integriteit en het Sociaal Domein."
    assert flagged(text) != []
    assert residuals(text, {("bureau", "integriteit"), ("sociaal", "domein")}) == []


@pytest.mark.parametrize(("corpus", "floor"), [("dev.jsonl", 0.90), ("dev2.jsonl", 0.82)])
def test_with_the_first_line_blind_the_second_finds_the_gold_names_units_and_places(
    corpus: str, floor: float
) -> None:
    """Registry and deduce switched off: the texts as written. The figures are the measured
    floor (benchmarks/second_line_bench.py), below the 95% the issue asks; a rule that lowers
    them fails here."""
    resolve = runpy.run_path(str(CORPUS_DIR / "resolve.py"))
    path = CORPUS_DIR / corpus
    if not path.exists():
        pytest.skip(f"{corpus} is not beside this checkout")
    cases = [resolve["check_case"](json.loads(line)) for line in path.read_text("utf-8").splitlines()]
    found, total = blind_recall(cases, residuals)
    assert found / total >= floor, f"{found}/{total}"
