"""The pseudonymiser: every detector, every hard form of a name, resolution and replacement.

One engine with deduce is shared by the session (conftest.engine). Each test asserts what
the meeting would see: the output text, not only the spans.
"""

from __future__ import annotations

import re
import secrets

import pytest

from casus.identify.folding import FoldedText, fold
from casus.identify.spans import PRIORITY_DEDUCE, PRIORITY_REGISTRY, Span, SpanKind
from casus.pseudonymise import CaseInput, KnownUnit, Pseudonymiser, RegisteredPerson, UnitCodeBook
from casus.pseudonymise.engine import FieldResult
from casus.pseudonymise.replacement import PseudonymBook
from casus.pseudonymise.resolution import resolve
from casus.pseudonymise.scoring import leak_fold
from casus.vocabulary.enums import OrgUnitKind, Party, Role, UnitGeneralisation

CAST = (
    RegisteredPerson(
        "p1",
        Role.REPORTER,
        "Ayşe Yıldız",
        "a.yildiz@gemeente.nl",
        "06-12345678",
        "1234567",
        "beleidsadviseur",
        11,
    ),
    RegisteredPerson("p2", Role.ACCUSED, "Pieter van der Berg"),
    RegisteredPerson("p3", Role.WITNESS, "Mohamed Al-Hamwi"),
    RegisteredPerson("p4", Role.MANAGER, "Bram Bakker"),
    RegisteredPerson("p5", Role.BYSTANDER, "Wil Koster"),
    RegisteredPerson("p6", Role.WITNESS, "Chantal Spaans"),
)
KEY = b"k" * 32


def run(engine: Pseudonymiser, text: str, persons=CAST, unit_id: str | None = None,
        level: UnitGeneralisation = UnitGeneralisation.CODE, key: bytes = KEY) -> FieldResult:  # fmt: skip
    case = CaseInput("T1", tuple(persons), {"narrative": text}, unit_id)
    return engine.pseudonymise(case, UnitCodeBook(key), level).fields["narrative"]


def refs(result: FieldResult) -> list[str]:
    return [s.ref for s in result.spans]


def visible(result: FieldResult, surface: str) -> bool:
    return bool(re.search(r"(?<!\w)" + re.escape(leak_fold(surface)) + r"(?!\w)", leak_fold(result.text)))


# -- the registry: every form of a registered name ---------------------------------------------

NAME_FORMS = [
    ("Ayşe Yıldız belde de melder.", "Ayşe Yıldız", "p1"),
    ("Volgens Ayse Yildiz klopt het.", "Ayse Yildiz", "p1"),  # diacritics missing
    ("AYŞE YILDIZ tekende.", "AYŞE YILDIZ", "p1"),  # capitals, Turkish dotted İ folded
    ("Daarna sprak Yildiz met hem.", "Yildiz", "p1"),  # dotless ı written as i
    ("Daarna sprak Yıldız met hem.", "Yıldız", "p1"),
    ("Ayşe zegt dat het vaker gebeurt.", "Ayşe", "p1"),
    ("Hij noemde Áyşe een zeur.", "Áyşe", "p1"),  # an extra accent
    ("Bakkers opmerking was kwetsend.", "Bakkers", "p4"),  # possessive
    ("Het was Bakker's idee.", "Bakker's", "p4"),
    ("toen zei bram bakker dat het moest", "bram bakker", "p4"),  # lower case
    ("Volgens Bakekr was het een grap.", "Bakekr", "p4"),  # transposed letters
    ("Volgens Bakkr was het een grap.", "Bakkr", "p4"),  # a letter missing
    ("Volgens Bak\u200bker was het een grap.", "Bak\u200bker", "p4"),  # zero-width space
    ("Volgens B\u0430kker was het een grap.", "B\u0430kker", "p4"),  # Cyrillic a
    ("Het rapport van B. Bakker ligt er.", "B. Bakker", "p4"),  # initial
    ("Zij noemen hem Bramje.", "Bramje", "p4"),  # diminutive
    ("Dhr. Van der Berg ontkent.", "Van der Berg", "p2"),  # particles, capitalised
    ("Toen ging van der Berg weg.", "van der Berg", "p2"),
    ("In de mail tekent hij als Vanderberg.", "Vanderberg", "p2"),  # surname as one word
    ("Pieters bureau staat leeg.", "Pieters", "p2"),
    ("Collega Al-Hamwi zag het.", "Al-Hamwi", "p3"),
    ("Collega Alhamwi zag het.", "Alhamwi", "p3"),
    ("Collega Hamwi zag het.", "Hamwi", "p3"),
    ("Mohamed Al‐Hamwi (met een ander streepje) zag het.", "Mohamed Al‐Hamwi", "p3"),
    ("Het was Wil die het zag.", "Wil", "p5"),
    ("Dat waren Spaans' woorden.", "Spaans'", "p6"),  # possessive of a name ending in s
]


@pytest.mark.parametrize(("text", "form", "key"), NAME_FORMS)
def test_every_form_of_a_registered_name_becomes_that_persons_pseudonym(
    engine: Pseudonymiser, text: str, form: str, key: str
) -> None:
    result = run(engine, text)
    start = text.index(form)
    covering = [s for s in result.spans if s.start <= start and start + len(form) <= s.end]
    assert covering and covering[0].ref == key, (text, result.spans)
    expected = {"p1": "Melder A", "p2": "Betrokkene B", "p3": "Getuige C", "p4": "Leidinggevende D",
                "p5": "Omstander E", "p6": "Getuige F"}[key]  # fmt: skip
    assert expected in result.text
    for word in re.findall(r"\w+", fold(form)):
        if len(word) > 2 and word not in ("van", "der"):
            assert not visible(result, word), (word, result.text)


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Hij werkt als bakker op de markt.", "bakker"),  # lower case after a noun phrase
        ("Ze liepen de berg op.", "berg"),
        ("Ik wil dat het stopt.", "wil"),  # a verb, not Wil Koster
        ("De bakkerij sluit om vijf uur.", "bakkerij"),
        ("Hij ging naar de koster van de kerk.", "koster"),
    ],
)
def test_ordinary_words_that_are_also_a_registered_name_stay(
    engine: Pseudonymiser, text: str, kept: str
) -> None:
    result = run(engine, text)
    assert kept in result.text, result.text


def test_a_nickname_the_text_introduces_is_that_person_everywhere(engine: Pseudonymiser) -> None:
    persons = (RegisteredPerson("p1", Role.REPORTER, "Olusegun Adeyemi"),
               RegisteredPerson("p2", Role.ACCUSED, "Małgorzata Dąbrowska"))  # fmt: skip
    text = (
        "Olusegun Adeyemi ('Segu') meldde het. Ook Małgorzata Dąbrowska (door iedereen 'Gosia' genoemd) "
        "was erbij. Later zei Segu dat Gosia en Gosha hetzelfde bedoelden."
    )
    result = run(engine, text, persons)
    for nickname in ("Segu", "Gosia", "Gosha"):
        assert not visible(result, nickname), result.text
    assert result.text.count("Melder A") == 3 and result.text.count("Betrokkene B") == 4


def test_initials_a_text_introduces_count_as_the_name(engine: Pseudonymiser) -> None:
    result = run(engine, "Chantal Spaans (CS in de roosters) meldde het. Volgens CS was het vaker gebeurd.")
    assert not visible(result, "CS") and result.text.count("Getuige F") == 3, result.text


def test_hyphens_apostrophes_capitals_and_quoted_initials(engine: Pseudonymiser) -> None:
    persons = (
        RegisteredPerson("p1", Role.REPORTER, "Jan-Willem Jansen-Smit"),
        RegisteredPerson("p2", Role.ACCUSED, "Priya D'Souza"),
        RegisteredPerson("p3", Role.WITNESS, "Thi Thu Hương Nguyễn"),
    )
    text = (
        "MELDER: JANSEN-SMIT. Jan-Willem meldt dat D'Souza hem 'JW' noemt. Dsouza ontkent. "
        "Ook Jan Willem Jansen klaagde. Nguyen vond het niet erg; Huong wel."
    )
    result = run(engine, text, persons)
    for word in ("Jansen", "Smit", "Willem", "JW", "Souza", "Dsouza", "Nguyen", "Huong"):
        assert not visible(result, word), (word, result.text)


def test_a_former_name_is_the_reporters_name(engine: Pseudonymiser) -> None:
    persons = (
        RegisteredPerson("p1", Role.REPORTER, "Noor Jansen"),
        RegisteredPerson("p2", Role.ACCUSED, "Tim Kok"),
    )
    result = run(engine, "Kok spreekt Noor aan met haar oude naam, 'Dirk'. Dirk bestaat niet meer.", persons)
    assert not visible(result, "Dirk")
    assert {s.replacement for s in result.spans if s.ref == "p1"} == {"Melder A"}


def test_contact_details_in_another_notation_belong_to_their_person(engine: Pseudonymiser) -> None:
    text = "Bel haar op +31 (0)6 1234 5678 of mail A.Yildiz@Gemeente.NL; personeelsnummer 1234567."
    result = run(engine, text)
    assert [(s.kind, s.ref) for s in result.spans] == [
        (SpanKind.PHONE, "p1"),
        (SpanKind.EMAIL, "p1"),
        (SpanKind.ID, "p1"),
    ]
    assert not re.search(r"\d{4}", result.text) and "@" not in result.text


def test_an_account_named_after_a_person_is_theirs_and_hides_whole(engine: Pseudonymiser) -> None:
    result = run(engine, "Hij post filmpjes als @brambakker_88 en als @de_keet.")
    assert [(s.kind, s.ref) for s in result.spans] == [(SpanKind.ID, "p4"), (SpanKind.ID, "x")]
    assert "@" not in result.text and "88" not in result.text


def test_initials_written_together_when_no_one_else_shares_them(engine: Pseudonymiser) -> None:
    result = run(engine, "Met collega Bram Bakker (hierna: B.B.) ging het mis. B.B. schreeuwde.")
    assert "B.B." not in result.text and result.text.count("Leidinggevende D") == 3


# -- people nobody registered -----------------------------------------------------------------


def test_unregistered_people_get_one_pseudonym_per_name(engine: Pseudonymiser) -> None:
    text = (
        "Ze meldde het eerder bij Ruud Stellingwerf. Stellingwerf deed niets. "
        "Collega Shurandy zag het, net als Marleen Hofstee."
    )
    result = run(engine, text)
    for name in ("Ruud", "Stellingwerf", "Shurandy", "Marleen", "Hofstee"):
        assert not visible(result, name), result.text
    persons = [s.replacement for s in result.spans if s.kind is SpanKind.PERSON]
    assert persons[0] == persons[1] == "Persoon G", persons
    assert len(set(persons)) == 3


def test_unregistered_names_keep_their_particles(engine: Pseudonymiser) -> None:
    text = "Ik sprak met Anna van der Berg en daarna met De Jong. Het boek is van Jan."
    result = run(engine, text, CAST[:1])
    assert result.text == "Ik sprak met Persoon B en daarna met Persoon C. Het boek is van Persoon D."


# -- organisation units -------------------------------------------------------------------------

UNITS = [
    KnownUnit("c1", OrgUnitKind.CLUSTER, "Sociaal Domein"),
    KnownUnit(
        "d1",
        OrgUnitKind.DIRECTORATE,
        "Werk en Inkomen",
        ("W&I",),
        ("Sociale Dienst",),
        None,
        "Sociaal Domein",
        900,
    ),
    KnownUnit("t1", OrgUnitKind.TEAM, "Team Handhaving Uitkeringen", (), (), "d1", "Sociaal Domein", 12),
    KnownUnit("d2", OrgUnitKind.DIRECTORATE, "Wonen", (), (), None, "Ruimte", 300),
    KnownUnit(
        "d3",
        OrgUnitKind.DIRECTORATE,
        "Bureau Integriteit",
        ("BI",),
        (),
        None,
        "Bedrijfsvoering",
        15,
        Party.INTEGRITY_BUREAU,
    ),
]


@pytest.fixture
def unit_engine(engine: Pseudonymiser) -> Pseudonymiser:
    """The session's deduce with this test's unit list."""
    return engine.with_units(UNITS)


@pytest.mark.parametrize(
    ("text", "surface", "ref"),
    [
        ("Zij werkt bij Werk en Inkomen.", "Werk en Inkomen", "o"),
        ("Zij werkt bij W&I.", "W&I", "o"),
        ("Zij werkt bij de Sociale Dienst.", "Sociale Dienst", "o"),
        ("Zij werkt bij team Handhaving Uitkeringen.", "team Handhaving Uitkeringen", "o"),
        ("Zij werkt bij Handhaving Uitkeringen.", "Handhaving Uitkeringen", "o"),
        ("Hij is overgestapt naar Wonen.", "Wonen", "x"),
        ("Hij is overgestapt naar stadsdeel Noord.", "stadsdeel Noord", "x"),
        ("Hij werkte eerder bij directie Onderwijs en Jeugd.", "Onderwijs en Jeugd", "x"),
    ],
)
def test_units_in_every_form_are_found(unit_engine: Pseudonymiser, text: str, surface: str, ref: str) -> None:
    result = run(unit_engine, text, unit_id="t1")
    start = text.index(surface)
    covering = [s for s in result.spans if s.start <= start and start + len(surface) <= s.end]
    assert covering and covering[0].kind is SpanKind.ORG and covering[0].ref == ref, result.spans
    assert not visible(result, surface)


@pytest.mark.parametrize(
    "text",
    [
        "Zij gaan samen wonen in de stad.",  # the verb, not directie Wonen
        "De melding ging naar Bureau Integriteit (zaak BI-2024-011).",  # a party at the table
    ],
)
def test_words_and_meeting_parties_are_not_units(unit_engine: Pseudonymiser, text: str) -> None:
    result = run(unit_engine, text, unit_id="t1")
    assert not [s for s in result.spans if s.kind is SpanKind.ORG], result.spans


def test_unit_codes_reveal_nothing_and_generalise_on_request(unit_engine: Pseudonymiser) -> None:
    text = "Zij werkt bij team Handhaving Uitkeringen van Werk en Inkomen; hij bij Wonen."
    coded = run(unit_engine, text, unit_id="t1")
    letter = re.search(r"directie ([A-Z]+)", coded.text).group(1)  # type: ignore[union-attr]
    assert f"team {letter}1" in coded.text and "directie" in coded.text
    assert run(unit_engine, text, unit_id="t1").text == coded.text, "the same key gives the same codes"
    letters = {
        re.search(
            r"directie ([A-Z]+)", run(unit_engine, text, unit_id="t1", key=secrets.token_bytes(32)).text
        ).group(1)  # type: ignore[union-attr]
        for _ in range(30)
    }
    assert len(letters) >= 8, "the code follows the key, not the name"
    cluster = run(unit_engine, text, unit_id="t1", level=UnitGeneralisation.CLUSTER).text
    assert (
        "een team in cluster Sociaal Domein" in cluster and "een andere directie in cluster Ruimte" in cluster
    )
    none = run(unit_engine, text, unit_id="t1", level=UnitGeneralisation.NONE).text
    assert "een team" in none and "een andere directie" in none and "cluster" not in none


def test_unit_codes_never_read_as_a_real_units_abbreviation_or_name() -> None:
    """With more directies than letters, codes run into two letters and could draw "BZ", the
    abbreviation of a real unit, which the gate then (rightly) refuses. Every code is drawn
    around what the unit list holds, for every key."""
    from casus.pseudonymise.replacement import CODE_LETTERS, Replacer, reserved_codes

    two = [a + b for a in CODE_LETTERS for b in CODE_LETTERS]
    # A vault whose 60 directies carry 240 two-letter abbreviations and a few one-word names
    # that are also codes ("Ab", "Kz").
    units = [
        KnownUnit(f"d{i}", OrgUnitKind.DIRECTORATE, f"Directie {i}", tuple(two[4 * i : 4 * i + 4]))
        for i in range(60)
    ] + [KnownUnit("n1", OrgUnitKind.DIRECTORATE, "Ab"), KnownUnit("n2", OrgUnitKind.DIRECTORATE, "Kz")]
    reserved = reserved_codes(units)
    assert {"bz", "ab", "kz"} <= reserved
    by_id = {u.id: u for u in units}
    for _ in range(40):
        codes = UnitCodeBook(secrets.token_bytes(32))
        replacer = Replacer(PseudonymBook(()), by_id, codes, UnitGeneralisation.CODE, reserved)
        drawn = [
            replacer.text_for(Span(0, 1, SpanKind.ORG, detail=u.id), "").removeprefix("directie ")
            for u in units
        ]
        assert len(set(drawn)) == len(units), "one code per unit"
        assert not {d.casefold() for d in drawn} & reserved


# -- patterns -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "number",
    [
        "06-12345670", "06 1234 5670", "0612345670", "06 - 12 34 56 70", "+31 6 1234 5670",
        "+31 (0)6 12345670", "0031 6 1234 5670", "+316-12345670", "020-1234567", "020 123 4567",
        "(020) 123 45 67", "010 - 123 45 67", "0800-1234", "0900-1234567", "088 123 4567",
        "toestel 4321", "toestelnummer: 4321",
    ],
)  # fmt: skip
def test_every_dutch_phone_notation_is_found(engine: Pseudonymiser, number: str) -> None:
    result = run(engine, f"Hij belde vanaf {number} naar de balie.")
    assert [s.kind for s in result.spans] == [SpanKind.PHONE]
    assert not re.search(r"\d", result.text), result.text


@pytest.mark.parametrize(
    ("text", "surface", "replacement"),
    [
        ("Het gebeurde in 1234 AB bij het station.", "1234 AB", "[postcode]"),
        (
            "Hij maakte het over naar NL91 ABNA 0417 1643 00 gisteren.",
            "NL91 ABNA 0417 1643 00",
            "[rekeningnummer]",
        ),
        ("Zie zaaknummer Z-2024-118827 in het systeem.", "Z-2024-118827", "[nummer]"),
        ("De bus (kenteken VX-482-K) stond op de stoep.", "VX-482-K", "[kenteken]"),
        ("De auto 12-ABC-3 reed weg.", "12-ABC-3", "[kenteken]"),
        (
            "Het filmpje staat op https://example.org/v/abc123 nog steeds.",
            "https://example.org/v/abc123",
            "[link]",
        ),
        ("Het aangiftenummer is 2023176543.", "2023176543", "[nummer]"),
        ("Zijn mail: piet.jansen@example.com, zei hij.", "piet.jansen@example.com", "[e-mailadres]"),
    ],
)
def test_numbers_and_addresses_by_shape(
    engine: Pseudonymiser, text: str, surface: str, replacement: str
) -> None:
    result = run(engine, text)
    start = text.index(surface)
    assert any(s.start <= start and start + len(surface) <= s.end for s in result.spans), result.spans
    assert replacement in result.text and surface not in result.text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Het gebeurde op 3 januari 2023 in de kantine.", "Het gebeurde in januari 2023 in de kantine."),
        ("Sinds 02-05-2023 is het erger.", "Sinds mei 2023 is het erger."),
        ("Ontvangen 2024-11-28, behandeld.", "Ontvangen november 2024, behandeld."),
        ("Op donderdag 14 maart 2024 was er overleg.", "In maart 2024 was er overleg."),
        ("Het was op 21-9 tijdens de dienst.", "Het was in september tijdens de dienst."),
        ("Ze kwam op 16 april terug.", "Ze kwam in april terug."),
    ],
)
def test_exact_dates_become_month_and_year(engine: Pseudonymiser, text: str, expected: str) -> None:
    assert run(engine, text).text == expected


@pytest.mark.parametrize(
    "text",
    [
        "Hij werkt sinds 2019 in schaal 10 en heeft 3-1 gewonnen.",
        "Versie 2.0.1 van het formulier staat online.",
        "Ze verdiende € 1.234 per maand in maart 2024.",
        "Hij was 62 en werkte er 12 jaar.",
    ],
)
def test_numbers_that_identify_nobody_stay(engine: Pseudonymiser, text: str) -> None:
    assert run(engine, text).text == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Het feest was in buurthuis De Kolk, zei ze.", "Het feest was in een buurthuis, zei ze."),
        (
            "De kluis staat aan de Lombardsteeg 6, zonder camera.",
            "De kluis staat aan een adres, zonder camera.",
        ),
        ("Ze woont bij het Merelplein met haar kinderen.", "Ze woont bij een straat met haar kinderen."),
        ("De vergadering was bij De Meeuw, zei ze.", "De vergadering was bij een gebouw, zei ze."),
        (
            "Na de borrel in Het Pakhuis ging iedereen naar huis.",
            "Na de borrel in een gebouw ging iedereen naar huis.",
        ),
    ],
)
def test_places_become_the_kind_of_place(engine: Pseudonymiser, text: str, expected: str) -> None:
    assert run(engine, text).text == expected


# -- resolution ---------------------------------------------------------------------------------


def test_resolution_prefers_knowledge_and_joins_one_kind() -> None:
    registry = Span(8, 17, SpanKind.PERSON, "p3", PRIORITY_REGISTRY, "registry")
    guess = Span(0, 17, SpanKind.PERSON, "x", PRIORITY_DEDUCE, "deduce")  # "Collega Job Zwart"
    building = Span(20, 37, SpanKind.LOCATION, priority=19, detail="building:kantoor")
    street = Span(28, 37, SpanKind.LOCATION, priority=20, detail="street")
    date_guess = Span(40, 52, SpanKind.DATE, priority=PRIORITY_DEDUCE)
    date = Span(43, 52, SpanKind.DATE, priority=20, detail="1/2023")
    resolved = resolve([guess, registry, street, building, date_guess, date])
    assert [(s.start, s.end, s.kind, s.ref) for s in resolved] == [
        (8, 17, SpanKind.PERSON, "p3"),
        (20, 37, SpanKind.LOCATION, "x"),
        (40, 52, SpanKind.DATE, "x"),
    ]
    assert resolved[1].detail == "building:kantoor" and resolved[2].detail == "1/2023"


def test_folding_maps_every_folded_character_to_its_source() -> None:
    text = "Ĳsbrand Şahİn\u200b-Ørsted ﬁets"
    folded = FoldedText.of(text)
    assert folded.folded == "ijsbrand sahin-orsted fiets"
    start = folded.folded.index("sahin")
    assert text[slice(*folded.original_span(start, start + len("sahin-orsted")))] == "Şahİn\u200b-Ørsted"


# -- warnings ----------------------------------------------------------------------------------


def test_quasi_identifier_and_own_directie_warnings(unit_engine: Pseudonymiser) -> None:
    case = CaseInput("T1", CAST[:1], {"narrative": "Tekst."}, "t1")
    warnings = unit_engine.pseudonymise(case, UnitCodeBook(KEY)).warnings
    assert [w.code for w in warnings] == ["quasi_identifier"]
    assert "schaal 9–11" in warnings[0].message and "adviserende functie" in warnings[0].message
    assert "Ayşe" not in warnings[0].message and "Melder A" in warnings[0].message
    in_party = CaseInput("T2", (), {"narrative": "Tekst."}, "d3")
    assert [w.code for w in unit_engine.pseudonymise(in_party, UnitCodeBook(KEY)).warnings] == [
        "own_directie"
    ]


def test_what_a_case_is_about_is_not_a_person(engine: Pseudonymiser) -> None:
    text = "Het ging over Zwarte Piet en over Sinterklaas. Ze studeert aan de Hogeschool van Amsterdam."
    result = run(engine, text, CAST[:1])
    assert "Zwarte Piet" in result.text and "Sinterklaas" in result.text
    assert not [s for s in result.spans if s.kind is SpanKind.PERSON], result.spans


def test_a_role_word_before_the_name_is_not_repeated(engine: Pseudonymiser) -> None:
    result = run(engine, "Leidinggevende Bram Bakker is op de hoogte.")
    assert result.text == "Leidinggevende D is op de hoogte."
