"""Property tests: for generated names and texts, no registered name survives in any form,
offsets are valid, and pseudonymising is deterministic."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casus.model.enums import Role
from casus.pseudonymise import CaseInput, Pseudonymiser, RegisteredPerson, UnitCodeBook
from casus.pseudonymise.folding import fold
from casus.pseudonymise.lexicon import PARTICLES, is_common_word
from casus.pseudonymise.scoring import leak_fold

_ONSETS = ["b", "d", "f", "g", "h", "j", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w", "z", "br", "dr",
           "kr", "st", "tr", "gr", "sh", "ch"]  # fmt: skip
_VOWELS = ["a", "e", "i", "o", "u", "aa", "ee", "oe", "ie", "ij", "ou", "ü", "ö", "é", "ı", "ş"]
_CODAS = ["", "", "n", "r", "l", "s", "k", "t", "m", "nd", "rt", "ck"]

syllable = st.builds(lambda o, v, c: o + v + c, st.sampled_from(_ONSETS), st.sampled_from(_VOWELS),
                     st.sampled_from(_CODAS))  # fmt: skip
word = (
    st.lists(syllable, min_size=2, max_size=3)
    .map("".join)
    .filter(lambda w: len(fold(w)) >= 4 and not is_common_word(fold(w)) and fold(w) not in PARTICLES)
)
name = st.tuples(word, word).map(lambda parts: (parts[0].capitalize(), parts[1].capitalize()))

FILLER = [
    "zei dat het niet zo bedoeld was.",
    "stuurde op 3 maart 2024 een bericht.",
    "werkt al jaren in het team.",
    "vond de opmerking kwetsend.",
]


def forms(first: str, last: str) -> list[str]:
    """The forms a case owner writes: full, first, last, possessive, initial, lower case,
    without diacritics, with a zero-width space."""
    plain = "".join(c for c in fold(last) if c.isalpha())
    return [
        f"{first} {last}",
        first,
        last,
        f"{last}s",
        f"{first[0]}. {last}",
        f"{first.lower()} {last.lower()}",
        plain.capitalize(),
        last[:2] + "\u200b" + last[2:],
    ]


def build_text(people: list[tuple[str, str]], choices: list[int]) -> str:
    sentences = []
    for number, choice in enumerate(choices):
        first, last = people[number % len(people)]
        form = forms(first, last)[choice % 8]
        sentences.append(f"Volgens de melder {'belde' if number % 2 else 'zag'} {form} gisteren; {form} "
                         f"{FILLER[number % len(FILLER)]}")  # fmt: skip
    return " ".join(sentences)


def assert_no_name_left(output: str, people: list[tuple[str, str]]) -> None:
    folded_output = leak_fold(output)
    for first, last in people:
        for part in (first, last):
            needle = leak_fold(part)
            assert not re.search(r"(?<!\w)" + re.escape(needle) + r"s?(?!\w)", folded_output), (part, output)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    people=st.lists(name, min_size=1, max_size=3, unique_by=lambda n: (fold(n[0]), fold(n[1]))).filter(
        lambda ps: len({fold(p) for n in ps for p in n}) == 2 * len(ps)
    ),
    choices=st.lists(st.integers(min_value=0, max_value=7), min_size=1, max_size=8),
)
def test_no_registered_name_survives_offsets_are_valid_and_output_is_deterministic(
    engine: Pseudonymiser, people: list[tuple[str, str]], choices: list[int]
) -> None:
    text = build_text(people, choices)
    persons = tuple(
        RegisteredPerson(f"p{i + 1}", Role.REPORTER if i == 0 else Role.ACCUSED, f"{first} {last}")
        for i, (first, last) in enumerate(people)
    )
    case = CaseInput("H1", persons, {"narrative": text, "question": f"Hoe verder met {people[0][1]}?"})
    key = b"hypothesis-key-0123456789abcdef"
    result = engine.pseudonymise(case, UnitCodeBook(key))
    for field, source in case.texts.items():
        out = result.fields[field]
        previous_end = 0
        for span in out.spans:
            assert previous_end <= span.start < span.end <= len(source)
            previous_end = span.end
        assert_no_name_left(out.text, people)
    again = engine.pseudonymise(case, UnitCodeBook(key))
    assert again == result
    # One pseudonym per person, whatever the form.
    for key_ in (p.key for p in persons):
        replacements = {
            s.replacement.removesuffix("'s") for f in result.fields.values() for s in f.spans if s.ref == key_
        }
        assert len(replacements) <= 1, replacements
