"""The gate cannot be talked past: what a secretary types to get a name, number or unit past a
filter still refuses the export (issue: 91 of 184 variants reached the minutes).

The people, numbers and units here are invented for these tests. The gate is built without
deduce, so every refusal below comes from what the vault knows or from an identifier's shape.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from casus.disclosure import DisclosureGate, DisclosureRefused
from casus.outputs.minutes_export import export_minutes
from casus.pseudonymise import Pseudonymiser
from casus.services.cases import CaseDraft, CaseService, PersonDraft
from casus.services.meetings import MeetingService
from casus.services.org_units import OrgUnitService
from casus.vault import Vault

PHONE = "06-48213957"


@pytest.fixture
def stocked(vault: Vault) -> Vault:
    team = next(u for u in OrgUnitService(vault).list() if u.name == "Team Leerplicht")
    cases = CaseService(vault)
    for reference, people in (
        ("IM-2025-031", [PersonDraft(role="reporter", name="Noor Belkadi", email="n.belkadi@gemeente.nl",
                                     phone=PHONE, employee_number="0048213"),
                         PersonDraft(role="accused", name="Tomas van der Steeg")]),
        ("D017", [PersonDraft(role="reporter", name="Ilse Wennekes")]),
    ):  # fmt: skip
        cases.create(
            CaseDraft(
                channel="internal_reporting_point",
                received="2025-04-02",
                category="exclusion",
                org_unit_id=team.id,
                reference=reference,
                facts="Het gebeurde in de pauze.",
                people=people,
            )
        )
    return vault


BYPASSES = [
    # invisible characters inside a name
    "Zij sprak met Bel\u034fkadi.",  # combining grapheme joiner
    "Zij sprak met Belka\ufe00di.",  # variation selector
    "Zij sprak met Bel\u200bkadi.",  # zero-width space
    "Zij sprak met Bel\u00adkadi.",  # soft hyphen
    "Zij sprak met Bel\u2060kadi.",  # word joiner
    # spaced, dotted, joined, broken
    "Zij sprak met B e l k a d i.",
    "Zij sprak met B.e.l.k.a.d.i.",
    "Zij sprak met NoorBelkadi.",
    "Zie #NoorBelkadi op intranet.",
    "Zij sprak met Bel-kadi.",
    # look-alike letters: Cyrillic, Latin alpha, small capital, full width, Armenian
    "Zij sprak met Веlkаdі.",
    "Zij sprak met Belkɑdi.",
    "Zij sprak met ʙᴇʟᴋᴀᴅɪ.",
    "Zij sprak met Ｂｅｌｋａｄｉ.",
    "Zij sprak met Սteeg.",
    # typos, forms, initials
    "Zij sprak met Bilkadie.",  # two edits
    "Zij sprak met Belkadis collega.",
    "Zij sprak met noor belkadi.",
    "Zij sprak met N.B. over het rooster.",
    "Zij sprak met T.v.d.S. over het rooster.",
    # e-mail addresses
    "Mail n.bel\u200bkadi@gemeente.nl even.",
    "Mail n.belkadi at gemeente dot nl even.",
    "Mail n.belkadi (at) gemeente (punt) nl even.",
    "Mail iemand.anders@voorbeeld.com even.",  # nobody registered it: shaped like one
    # phone numbers
    "Bel 06\u201348213957 na vijven.",  # en dash
    "Bel O6-48213957 na vijven.",  # letter O for zero
    "Bel ０６４８２１３９５７ na vijven.",  # full-width digits
    "Bel ٠٦٤٨٢١٣٩٥٧ na vijven.",  # Arabic-Indic digits
    "Bel 06-4821\u200b3957 na vijven.",
    "Bel 06 4821\n3957 na vijven.",  # split over two lines
    "Bel +31 (0)6 4821 3957 na vijven.",
    "Bel 06-12873465 na vijven.",  # nobody registered it: shaped like one
    # employee numbers
    "Personeelsnummer 48213 klopt niet.",  # leading zeros dropped
    "Personeelsnummer 00-482-13 klopt niet.",
    "Personeelsnummer P0048213 klopt niet.",
    "Personeelsnummer 0048213a klopt niet.",
    "Personeelsnummer 0048\u200b213 klopt niet.",
    # case references
    "Zie IM2025031 in de kluis.",
    "Zie im 2025 031 in de kluis.",
    "Zie IM-2025\u200b-031 in de kluis.",
    "Zie D-017 in de kluis.",
    "Zie notulen-d017.pdf in de map.",
    # units
    "Het speelt in stadsdeel west.",
    "Het speelt bij fb.",
    "Het speelt bij wpi.",
    "Het speelt in W e s t.",
    "Het speelt bij Leer\u200bplicht.",
    # identifiers nobody registered, by their shape
    "Rekening NL91ABNA0417164300 is van haar.",
    "Zij woont in 1012 AB.",
    "De auto met kenteken 12-ABC-3 stond er.",
    "Zaak PV-2024-556677 loopt nog.",
]


@pytest.mark.parametrize("note", BYPASSES)
def test_every_bypass_is_found_by_the_gate(stocked: Vault, note: str) -> None:
    assert DisclosureGate.for_vault(stocked).check({"Leerpunten": note}), note


@pytest.fixture
def empty_meeting(stocked: Vault) -> int:
    return MeetingService(stocked).create("2025-06-12")


@pytest.mark.parametrize("note", BYPASSES)
def test_every_bypass_refuses_the_export(
    stocked: Vault, empty_meeting: int, light_engine: Pseudonymiser, note: str, tmp_path: Path
) -> None:
    MeetingService(stocked).set_learning_points(empty_meeting, note)
    target = tmp_path / "notulen.pdf"
    with pytest.raises(DisclosureRefused) as refused:
        export_minutes(stocked, light_engine, empty_meeting, target)
    assert any(f.place == "Leerpunten" for f in refused.value.findings)
    assert not target.exists()


@pytest.mark.parametrize("name", ["notulen-D017.pdf", "notulen-IM-2025-031.pdf", "Belkadi.pdf"])
def test_the_file_name_passes_the_gate(
    stocked: Vault, empty_meeting: int, light_engine: Pseudonymiser, name: str, tmp_path: Path
) -> None:
    with pytest.raises(DisclosureRefused) as refused:
        export_minutes(stocked, light_engine, empty_meeting, tmp_path / name)
    assert [f.place for f in refused.value.findings] == ["metagegevens: Bestandsnaam"]
    assert not (tmp_path / name).exists()


@pytest.mark.parametrize(
    "note",
    [
        "Melder A en Betrokkene B. Vervolgens sprak Persoon C met directie K en team K1.",
        "Het overleg adviseert een herstelgesprek en een teamsessie in het voorjaar.",
        "In maart 2025 ging het mis; de ramadan viel toen samen met de roosterwissel.",
        "Ze had haar gezicht niet zwart geschminkt, zei de leidinggevende.",
        "Maar ik werd elke dag buitengesloten. Kan P&O dit oppakken?",
        "Toestel 4821 is het algemene nummer van de balie.",
        "Bureau Integriteit en P&O bespreken het in een team in cluster Sociaal Domein.",
    ],
)
def test_ordinary_minutes_pass(stocked: Vault, note: str) -> None:
    assert DisclosureGate.for_vault(stocked).check({"Leerpunten": note}) == []


def test_what_is_written_is_normalised(
    stocked: Vault, empty_meeting: int, light_engine: Pseudonymiser, tmp_path: Path
) -> None:
    """Full-width digits were empty boxes in the PDF; invisible characters hide words from search."""
    from pypdf import PdfReader

    MeetingService(stocked).set_learning_points(empty_meeting, "Evaluatie in week １２ met het\u200b team.")
    target = export_minutes(stocked, light_engine, empty_meeting, tmp_path / "notulen.pdf")
    text = "".join(page.extract_text() for page in PdfReader(str(target)).pages)
    assert "week 12 met het team" in " ".join(text.split())
    assert "\u200b" not in text and "１" not in text
