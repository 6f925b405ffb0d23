"""The failure classes found on other writers' case files, each with sentences of our own.

Every name, street and number here is invented for these tests; none comes from a corpus.
A class is held by several sentences, so that a rule fitted to one of them fails the others.
"""

from __future__ import annotations

import re

import pytest

from casus.identify.case_input import CaseInput, KnownUnit, RegisteredPerson
from casus.identify.spans import SpanKind
from casus.pseudonymise import Pseudonymiser, UnitCodeBook
from casus.pseudonymise.engine import FieldResult
from casus.pseudonymise.scoring import leak_fold
from casus.vocabulary.enums import OrgUnitKind, Role

KEY = b"failure-classes-key-0123456789ab"
CAST = (
    RegisteredPerson("p1", Role.REPORTER, "Lotte Kramer", phone="06-41327788", employee_number="0072215"),
    RegisteredPerson("p2", Role.ACCUSED, "Bert-Jan Hoekstra"),
    RegisteredPerson("p3", Role.WITNESS, "Wiebe van der Linden"),
    RegisteredPerson("p4", Role.MANAGER, "Gerda de Wolf"),
    RegisteredPerson("p5", Role.BYSTANDER, "Marleen Tjon A Joe"),
    RegisteredPerson("p6", Role.WITNESS, "Kazimierz Nowacki"),
    RegisteredPerson("p7", Role.WITNESS, "Henk Visser", phone="3318"),
)


def run(engine: Pseudonymiser, text: str, persons=CAST, unit_id: str | None = None) -> FieldResult:
    case = CaseInput("F1", tuple(persons), {"narrative": text}, unit_id)
    return engine.pseudonymise(case, UnitCodeBook(KEY)).fields["narrative"]


def covered(result: FieldResult, text: str, surface: str) -> bool:
    """Every character of `surface` (its first occurrence) lies inside a replaced span."""
    start = text.index(surface)
    inside = set()
    for span in result.spans:
        inside |= set(range(span.start, span.end))
    return set(range(start, start + len(surface))) <= inside


def refs_of(result: FieldResult, text: str, surface: str) -> set[str]:
    start = text.index(surface)
    end = start + len(surface)
    return {s.ref for s in result.spans if s.start < end and start < s.end}


def visible(result: FieldResult, surface: str) -> bool:
    return bool(re.search(r"(?<!\w)" + re.escape(leak_fold(surface)) + r"(?!\w)", leak_fold(result.text)))


NAME_STRUCTURES = [
    # inverted names in headers and chat senders
    ("Van: Kramer, Lotte <l.kramer@voorbeeld.nl>", "Kramer, Lotte", "p1"),
    ("[3-2-2024 10:12] Hoekstra, Bert-Jan: ok komt goed", "Hoekstra, Bert-Jan", "p2"),
    # chat senders with the surname abbreviated
    ("10:14 Wiebe vd L.: ik pak hem op", "Wiebe vd L.", "p3"),
    ("10:15 Gerda dW: prima", "Gerda dW", "p4"),
    ("10:16 Lotte K: dank je", "Lotte K", "p1"),
    ("Kramer L. heeft gebeld.", "Kramer L.", "p1"),
    # a name's own short words
    ("Collega Marleen Tjon A Joe zag het gebeuren.", "Marleen Tjon A Joe", "p5"),
    ("Mevrouw Tjon A Joe bevestigt dit.", "Tjon A Joe", "p5"),
    # letters alone once the person is known; abbreviated particles
    ("Volgens BJ was het een grap.", "BJ", "p2"),
    ("Daarna kwam W. v.d. Linden erbij.", "W. v.d. Linden", "p3"),
]


@pytest.mark.parametrize(("text", "surface", "ref"), NAME_STRUCTURES)
def test_name_structures(engine: Pseudonymiser, text: str, surface: str, ref: str) -> None:
    result = run(engine, text)
    assert covered(result, text, surface), result.text
    assert refs_of(result, text, surface) == {ref}


LOWER_CASE = [
    ("gisteren zei lotte kramer dat ze er klaar mee is en gerda de wolf knikte.",
     ["lotte kramer", "gerda de wolf"]),
    ("volgens melder stuurt de wolf alles door en visser zegt niks.", ["de wolf"]),
    ("henk visser en wiebe van der linden waren er ook bij in de kantine.",
     ["henk visser", "wiebe van der linden"]),
]  # fmt: skip


@pytest.mark.parametrize(("text", "surfaces"), LOWER_CASE)
def test_a_text_in_lower_case(engine: Pseudonymiser, text: str, surfaces: list[str]) -> None:
    result = run(engine, text)
    for surface in surfaces:
        assert covered(result, text, surface), (surface, result.text)


@pytest.mark.parametrize(
    "text",
    [
        "Het hele team is wit, zei ze, en de wolf in het verhaal was een grapje.",
        "De visser op de kade had er niets mee te maken.",
    ],
)
def test_ordinary_words_that_are_also_surnames_stay(engine: Pseudonymiser, text: str) -> None:
    """In a text written with capitals, a lower-case word is a word ("wit", "de wolf")."""
    result = run(engine, text)
    assert not [s for s in result.spans if s.kind is SpanKind.PERSON], result.text


NICKNAMES = [
    ("Lotte, roepnaam Lotje, werkt sinds 2021 bij ons. Lotje meldt het.", "Lotje meldt", "p1"),
    ("Collega's noemen hem Kazik. Kazik ontkent alles.", "Kazik ontkent", "p6"),
    ("Collega kaz (kazimierz nowacki) was erbij. Later zei kaz niets meer.", "kaz niets", "p6"),
    ("Teamleider Gerda de Wolf (Ge) zegt dat het meevalt. Ge wil praten.", "Ge wil", "p4"),
    ("Hij noemt haar 'Lottebol' in de groepsapp.", "Lottebol", "p1"),
    ("Daarna zag Kazimierzek het ook.", "Kazimierzek", "p6"),
]


SAME_PERSON = [
    # a Dutch spelling of the same name; a short form; a chat mention
    ("Yusuf Demirci", "Yusuf Demirci belde. Later belde Joesoef opnieuw."),
    ("Wojciech Kowalczyk", "Wojciech Kowalczyk meldt dit. Kovaltsjik, zei hij."),
    ("Beatrijs Mulder", "Beatrijs Mulder belt. [10:02] Bea: ik ben er"),
    ("Ismail Oduya", "Ismail Oduya schreef: @Ismail kom je ook?"),
]


@pytest.mark.parametrize(("name", "text"), SAME_PERSON)
def test_every_mention_of_one_person_is_one_pseudonym(engine: Pseudonymiser, name: str, text: str) -> None:
    result = run(engine, text, persons=(RegisteredPerson("p1", Role.REPORTER, name),))
    people = {s.replacement.removesuffix("'s") for s in result.spans if s.kind is SpanKind.PERSON}
    assert people == {"Melder A"}, result.text
    assert len([s for s in result.spans if s.ref == "p1"]) >= 2, result.text


@pytest.mark.parametrize(("text", "surface", "ref"), NICKNAMES)
def test_nicknames_the_text_gives(engine: Pseudonymiser, text: str, surface: str, ref: str) -> None:
    result = run(engine, text)
    word = surface.split()[0]
    assert not visible(result, word), result.text
    assert ref in refs_of(result, text, surface)


UNITS = (
    KnownUnit("d1", OrgUnitKind.DIRECTORATE, "Zorg, Welzijn en Sport", ("ZWS",)),
    KnownUnit("t1", OrgUnitKind.TEAM, "Team Schuldhulp", directie_id="d1"),
    KnownUnit("d2", OrgUnitKind.DISTRICT, "Stadsdeel Zuidwest", ("SDZW",)),
    KnownUnit("d3", OrgUnitKind.DIRECTORATE, "Burgerzaken", ("BZ",)),
)


@pytest.fixture
def unit_engine(engine: Pseudonymiser) -> Pseudonymiser:
    return engine.with_units(UNITS)


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("Zij werkt bij Zorg, Welzijn en Sport.", "Zorg, Welzijn en Sport"),
        ("Hij is overgestapt naar zws, zegt hij.", "zws"),
        ("Sinds kort werkt zij in Zuidwest.", "Zuidwest"),
        ("Zij werkt als consulent bij schuldhulp.", "schuldhulp"),
        ("Melding doorgezet naar bz voor verdere afhandeling.", "bz"),
        ("Hij werkt bij ZW&S sinds de reorganisatie.", "ZW&S"),  # the "&" form of its name
        ("Afdeling: Zorg, Welzijn en Sport – schuldhulp, tweede verdieping.", "schuldhulp"),
        ("Zij werkt bij zws (schuldhulp, locatie oost).", "schuldhulp"),
    ],
)
def test_units_as_people_write_them(unit_engine: Pseudonymiser, text: str, surface: str) -> None:
    result = run(unit_engine, text, unit_id="t1")
    assert covered(result, text, surface), result.text


@pytest.mark.parametrize(
    "text",
    [
        "Zij komt uit Zuidwest-Frankrijk.",  # a compound, not the stadsdeel
        "Het gaat om zorg en sport voor ouderen.",  # words
        "Zij maakte zich zorgen over haar gezondheid.",
    ],
)
def test_words_are_not_units(unit_engine: Pseudonymiser, text: str) -> None:
    result = run(unit_engine, text, unit_id="t1")
    assert not [s for s in result.spans if s.kind is SpanKind.ORG], result.text


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("Hij liep over het Damrak naar huis.", "Damrak"),  # a street without a number
        ("Zij woont aan de Kikkenstein sinds vorig jaar.", "Kikkenstein"),
        ("We spraken af op het Anton de Komplein bij de markt.", "Anton de Komplein"),
        ("Het incident was bij Kraaiennest, vlak bij de trap.", "Kraaiennest"),
        ("locatie pieter calandlaan, tweede verdieping", "pieter calandlaan"),
        ("Het kantoor is op Amstel 1 in het centrum.", "Amstel 1"),
    ],
)
def test_streets_and_squares(engine: Pseudonymiser, text: str, surface: str) -> None:
    result = run(engine, text)
    assert covered(result, text, surface), result.text


@pytest.mark.parametrize(
    "text",
    [
        "Zij is geboren in Polen en woont hier sinds 2015.",
        "Zijn ouders komen uit Marokko.",
    ],
)
def test_countries_stay(engine: Pseudonymiser, text: str) -> None:
    result = run(engine, text)
    assert not [s for s in result.spans if s.kind is SpanKind.LOCATION], result.text


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("Aantekeningen gesprek 14/2\n\nMelder belt terug.", "14/2"),
        ("- wo 21/2 opnieuw een opmerking", "wo 21/2"),
        ("Eerste reactie leidinggevende (22-2): geen actie.", "22-2"),
        ("Op vr 1 maart 2024 kwam het tot een ruzie.", "vr 1 maart 2024"),
        ("Het gebeurde al eerder, op maandag de twaalfde.", "maandag de twaalfde"),
    ],
)
def test_dates_as_notes_write_them(engine: Pseudonymiser, text: str, surface: str) -> None:
    result = run(engine, text)
    assert covered(result, text, surface), result.text


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("Er is aangifte gedaan (PV3319-2024117788).", "PV3319-2024117788"),
        ("Ticket INC-55120 staat nog open.", "INC-55120"),
        ("Kenmerk dz-2023-1187 in het systeem.", "dz-2023-1187"),
        ("Zie registratie M23-4471 voor details.", "M23-4471"),
        ("Gemeld via Topdesk (#66120).", "#66120"),
    ],
)
def test_numbers_with_letter_codes(engine: Pseudonymiser, text: str, surface: str) -> None:
    result = run(engine, text)
    assert covered(result, text, surface), result.text


@pytest.mark.parametrize(
    "text",
    [
        "Het schooljaar 2024-2025 begon onrustig.",
        "Volgens ISO 27001 moet dat anders.",
        "Zie notulen-casuistiekoverleg-2025-05 voor het vorige overleg.",
    ],
)
def test_numbers_that_are_no_references(engine: Pseudonymiser, text: str) -> None:
    result = run(engine, text)
    assert not [s for s in result.spans if s.kind is SpanKind.ID], result.text


@pytest.mark.parametrize(
    ("text", "surface", "kind"),
    [
        ("Mijn nummer is nul zes, eenenveertig, tweeëndertig, zevenenzeventig, achtentachtig.",
         "nul zes, eenenveertig, tweeëndertig, zevenenzeventig, achtentachtig", SpanKind.PHONE),
        ("Personeelsnummer 722 15 klopt niet.", "722 15", SpanKind.ID),
        ("Bel mij op O6-41327788 na vijven.", "O6-41327788", SpanKind.PHONE),
        ("Henk is bereikbaar op toestel 3318.", "3318", SpanKind.PHONE),
    ],
)  # fmt: skip
def test_registered_numbers_however_written(
    engine: Pseudonymiser, text: str, surface: str, kind: SpanKind
) -> None:
    result = run(engine, text)
    assert covered(result, text, surface), result.text
    assert {s.kind for s in result.spans if s.start <= text.index(surface) < s.end} == {kind}


@pytest.mark.parametrize(
    "text",
    [
        "De melding ging naar Bureau I&D. Fragment uit de chat volgt hieronder.",
        "Dat regelt P&O. Daarna volgt een gesprek met de teamleider.",
        "Zij vroeg advies aan R&D. Advies kwam niet.",
    ],
)
def test_a_code_s_last_letter_before_a_full_stop_is_no_initial(engine: Pseudonymiser, text: str) -> None:
    """deduce reads "I&D. Fragment" as the initial D. and a surname."""
    result = run(engine, text)
    assert not [s for s in result.spans if s.kind is SpanKind.PERSON], result.text
