"""The disclosure gate: what may never leave is found in every form, and nothing else."""

from __future__ import annotations

import pytest

from casus.disclosure import DisclosureGate, DisclosureRefused
from casus.pseudonymise import Pseudonymiser, UnitCodeBook
from casus.services.cases import CaseDraft, CaseService, PersonDraft
from casus.services.meeting_view import MeetingViewService
from casus.services.org_units import OrgUnitService
from casus.services.review import ReviewService
from casus.vault import Vault
from casus.vocabulary.enums import FindingKind


@pytest.fixture
def case_id(vault: Vault) -> int:
    team = next(u for u in OrgUnitService(vault).list() if u.name == "Team Leerplicht")
    return CaseService(vault).create(
        CaseDraft(
            channel="internal_reporting_point",
            received="2025-03-10",
            incident_date="2025-03-03",
            category="racism",
            org_unit_id=team.id,
            reference="BI-2025-017",
            facts="Op 3 maart 2025 zei Pieter van der Berg tegen Ayşe Yıldız dat zij 'terug moest'.",
            question="Hoe gaan we verder?",
            people=[
                PersonDraft(
                    role="reporter",
                    name="Ayşe Yıldız",
                    email="a.yildiz@example.nl",
                    phone="06-12345678",
                    employee_number="1234567",
                ),
                PersonDraft(role="accused", name="Pieter van der Berg"),
            ],
        )
    )


def kinds(gate: DisclosureGate, text: str) -> list[str]:
    return [f.kind for f in gate.check({"Notitie": text})]


@pytest.mark.parametrize(
    ("note", "kind"),
    [
        ("Ayşe voelde zich niet gehoord.", FindingKind.NAME),
        ("Volgens AYSE was het vaker gebeurd.", FindingKind.NAME),
        ("Yildiz' verhaal klopt.", FindingKind.NAME),
        ("Berg ontkent.", FindingKind.NAME),
        ("Vanderberg ontkent.", FindingKind.NAME),
        ("Bergs opmerking was kwetsend.", FindingKind.NAME),
        ("Volgens Yıldz (met een typefout) is het zo.", FindingKind.NAME),
        ("Y\u200bildiz is boos.", FindingKind.NAME),
        ("Stuur het naar A.Yildiz@Example.nl vandaag.", FindingKind.EMAIL),
        ("Bel +31 6 1234 5678 voor een afspraak.", FindingKind.PHONE),
        ("Personeelsnummer 1234567 staat in het dossier.", FindingKind.STAFF_NUMBER),
        ("Zie casus bi-2025-017 in de kluis.", FindingKind.CASE_REFERENCE),
        ("Het speelt bij team Leerplicht.", FindingKind.UNIT),
        ("Het speelt bij Onderwijs, Jeugd en Zorg.", FindingKind.UNIT),
        ("Het speelt bij OJZ.", FindingKind.UNIT),
        ("Het gebeurde op 3 maart 2025 in de kantine.", FindingKind.INCIDENT_DATE),
        ("Het gebeurde op 03-03-2025 in de kantine.", FindingKind.INCIDENT_DATE),
    ],
)
def test_every_form_of_what_may_not_leave_is_found(vault: Vault, case_id: int, note: str, kind: str) -> None:
    gate = DisclosureGate.for_vault(vault)
    assert kind in kinds(gate, note), note


@pytest.mark.parametrize(
    "note",
    [
        "Melder A en Betrokkene B gaan in gesprek; Persoon D was erbij.",
        "Het speelde in maart 2025 bij een team in cluster Sociaal Domein.",
        "Hij klom de berg op en de bakker lachte.",
        "Bureau Integriteit en P&O bespreken het op 12 mei 2025.",
    ],
)
def test_pseudonymised_and_ordinary_text_passes(
    vault: Vault, case_id: int, engine: Pseudonymiser, note: str
) -> None:
    assert DisclosureGate.for_vault(vault, engine).check({"Notitie": note}) == []


def test_a_refusal_lists_every_finding_with_its_place_and_never_quotes_it(
    vault: Vault, case_id: int, engine: Pseudonymiser
) -> None:
    gate = DisclosureGate.for_vault(vault, engine)
    texts = {"Agendapunt 1, bespreking": "Ayşe is boos op Berg.", "Leerpunten": "Vraag Ruud Stellingwerf."}
    with pytest.raises(DisclosureRefused) as refused:
        gate.require_clean(texts, metadata={"Title": "Notulen", "Author": "Ayşe"})
    findings = refused.value.findings
    assert [(f.place, f.kind) for f in findings] == [
        ("Agendapunt 1, bespreking", FindingKind.NAME),
        ("Agendapunt 1, bespreking", FindingKind.NAME),
        ("Leerpunten", FindingKind.UNREGISTERED_NAME),
        ("metagegevens: Author", FindingKind.NAME),
    ]
    first = findings[0]
    assert texts[first.place][first.start : first.end] == "Ayşe"
    message = str(refused.value)
    assert "Ayşe" not in message and "Berg" not in message and "Ruud" not in message


def test_a_released_case_passes_the_gate(vault: Vault, case_id: int, engine: Pseudonymiser) -> None:
    review = ReviewService(vault, engine)
    review.propose(case_id)
    review.accept_all(case_id)
    review.release(case_id)
    shown = MeetingViewService(review.vault, review.pseudonymiser).meeting_view(
        case_id, UnitCodeBook(b"g" * 32)
    )
    texts = {title: text for title, text in shown.texts.items()}
    texts["Onderdeel"] = shown.unit
    DisclosureGate.for_vault(vault, engine).require_clean(texts)


@pytest.mark.parametrize(
    ("note", "whole"),
    [
        ("Samira van der Berg belt de melder.", "Samira van der Berg"),  # a registered surname in a new name
        ("Gesprek met Pieter van der Berg gepland.", "Pieter van der Berg"),  # parts found one by one
    ],
)
def test_a_name_is_one_finding_that_covers_all_of_it(
    vault: Vault, case_id: int, engine: Pseudonymiser, note: str, whole: str
) -> None:
    """Marking only the known part ("Berg") would let the secretary fix half a name."""
    (finding,) = DisclosureGate.for_vault(vault, engine).check({"Leerpunten": note})
    assert note[finding.start : finding.end] == whole


def test_the_second_line_asks_about_a_note_and_a_no_name_word_quiets_it(vault: Vault, case_id: int) -> None:

    gate = DisclosureGate.for_vault(vault)
    note = {"Casus 1, advies": "Advies: bespreek het met Wijkbeheer en met Pieter."}
    asked = gate.residuals(note)
    assert [f.kind for f in asked] == [FindingKind.CHECK]
    start = note["Casus 1, advies"].index("Wijkbeheer")
    assert (asked[0].start, asked[0].end) == (start, start + len("Wijkbeheer"))
    assert [f.kind for f in gate.check(note)] == [
        FindingKind.NAME
    ]  # the registered name refuses, never a question
    assert gate.residuals(note, no_name={"wijkbeheer"}) == []
    # The meeting's parties and our own pseudonyms are never asked about.
    assert gate.residuals({"x": "Bureau Integriteit en P&O spreken Melder A en directie K."}) == []
