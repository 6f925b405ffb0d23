"""Property tests: for generated names and texts, no registered name survives in any form,
offsets are valid, and pseudonymising is deterministic."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casus.identify.folding import fold
from casus.identify.lexicon import PARTICLES, is_common_word
from casus.pseudonymise import CaseInput, Pseudonymiser, RegisteredPerson, UnitCodeBook
from casus.pseudonymise.scoring import leak_fold
from casus.vocabulary.enums import Role

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


# -- no crash on any valid line ----------------------------------------------------------------

# Text as case owners paste it: letters of many scripts, digits of other systems, punctuation,
# titles and initials, line breaks and the invisible characters a copy from a PDF brings.
_PIECES = st.one_of(
    st.text(min_size=1, max_size=12),
    st.sampled_from(["Prof. Dr. ", "J.C. ", "dhr. ", "laan 1", "06-1234 5678", "@x_1", "3 maart ",
                     "\u200b", "\u00ad", "\u034f", "١٢٣", "１２３", "\n", "  ", "'t ", "-", "."]),
)  # fmt: skip
arbitrary_text = st.lists(_PIECES, max_size=20).map("".join)


# A valid name: letters of any script with spaces, hyphens and apostrophes between them.
valid_names = st.lists(
    st.text(st.characters(categories=("Lu", "Ll", "Lo")), min_size=1, max_size=8), min_size=1, max_size=3
).map(" ".join)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(narrative=arbitrary_text, question=arbitrary_text, name=valid_names)
def test_the_stream_never_dies_on_a_valid_line_and_offsets_are_ints(
    engine: Pseudonymiser, narrative: str, question: str, name: str
) -> None:
    import io
    import json

    from casus.pseudonymise.stream import pseudonymise_stream

    line = {"id": "H2", "persons": [{"key": "p1", "role": "melder", "name": name}],
            "narrative": narrative, "question": question, "advice": ""}  # fmt: skip
    target = io.StringIO()
    assert pseudonymise_stream(io.StringIO(json.dumps(line) + "\n"), target, engine=engine) == 1
    out = json.loads(target.getvalue())
    for field, source in (("narrative", narrative), ("question", question)):
        for span in out["fields"][field]["spans"]:
            assert type(span["start"]) is int and type(span["end"]) is int
            assert 0 <= span["start"] < span["end"] <= len(source)


# -- what the pseudonymiser replaces, the gate refuses -----------------------------------------


def _typo(word: str) -> str:
    """One letter swapped with its neighbour: the commonest slip."""
    return word[0] + word[2] + word[1] + word[3:] if len(word) >= 5 else word


def gate_forms(first: str, last: str) -> list[str]:
    return [*forms(first, last), _typo(last), f"{last}, {first}", f"{first} {last[0]}.",
            " ".join(last), f"{first}{last}"]  # fmt: skip


OTHERS = [("Anouk", "Verbeek"), ("Rachid", "Bennani"), ("Marloes", "Timmer"), ("Dewi", "Sastro")]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    person=name,
    choice=st.integers(min_value=0, max_value=12),
    filler=st.sampled_from(FILLER),
)
def test_every_form_the_pseudonymiser_replaces_the_gate_refuses(
    engine: Pseudonymiser, person: tuple[str, str], choice: int, filler: str
) -> None:
    from casus.disclosure import DisclosureGate
    from casus.identify.identifiers import IdentifierSet

    first, last = person
    form = gate_forms(first, last)[choice % len(gate_forms(first, last))]
    text = f"Volgens de melder zei {form} het. Daarna {filler}"
    case = CaseInput("G1", (RegisteredPerson("p1", Role.ACCUSED, f"{first} {last}"),), {"narrative": text})
    replaced = [
        s
        for s in engine.pseudonymise(case, UnitCodeBook(b"g" * 32)).fields["narrative"].spans
        if s.ref == "p1"
    ]
    values = IdentifierSet()
    for other_first, other_last in [*OTHERS, (first, last)]:
        values.add_person(f"{other_first} {other_last}", None, None, None)
    findings = DisclosureGate(values).check({"Notitie": text})
    for span in replaced:
        assert any(f.start < span.end and span.start < f.end for f in findings), (form, text, findings)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    value=st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=10),
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
        max_leaves=8,
    ),
    field=st.sampled_from(["id", "persons", "narrative", "received", "org_unit", "source", "anonymous"]),
)
def test_any_value_in_any_field_is_read_or_refused_in_one_dutch_line(
    engine: Pseudonymiser, value: object, field: str
) -> None:
    """Import and pseudonymise read a line by one schema: whatever stands in a field, the
    answer is a result or a CasusError naming the line, never another exception."""
    import io
    import json

    from casus.errors import CasusError
    from casus.pseudonymise.stream import pseudonymise_stream

    line = {
        "id": "H3",
        "persons": [{"key": "p1", "role": "melder", "name": "Fenna Kuipers"}],
        "narrative": "x",
    }
    line[field] = value
    try:
        pseudonymise_stream(io.StringIO(json.dumps(line) + "\n"), io.StringIO(), engine=engine)
    except CasusError as error:
        assert str(error).startswith("Regel 1: ") and "\n" not in str(error)
        assert "Fenna" not in str(error)
