"""Four parties, four vaults, one meeting (issue 14), through the command line as a script
uses it: key cards exchanged and confirmed by fingerprint, case cards made by three owners,
read into the meeting's vault and put on one agenda with its own case, minutes exported,
advice cards sent back and attached to the right case in each owner's vault, figures
combined and suppressed once.

The people, units and texts are invented for this test. Every identifier an owner
registered is searched for in every decrypted card and in the minutes.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from casus.exchange import CardKind, open_sealed
from casus.model import Case, FollowUp, MeetingAdvice
from casus.services.parties import PartyService, party_of
from casus.vault import Vault
from casus.vocabulary.enums import CaseStatus
from tests.conftest import PASSPHRASE
from tests.test_cli import casus

ENV = {"CASUS_PASSPHRASE": PASSPHRASE}
MEETING_PARTY = "Bureau Integriteit"


def _case(reference: str, source: str, received: str, unit: tuple[str, str, str, str], people: list[dict],
          narrative: str, question: str) -> dict:  # fmt: skip
    cluster, directie, abbreviation, team = unit
    return {
        "id": reference, "source": source, "category": "pesten", "ground": "herkomst",
        "received": received, "org_unit": {"cluster": cluster, "directie": directie,
                                           "abbreviation": abbreviation, "team": team},
        "persons": people, "narrative": narrative, "question": question,
    }  # fmt: skip


def _person(key: str, role: str, name: str, **contact: str | None) -> dict:
    return {"key": key, "role": role, "name": name, **contact}


# Each owner's cases: two apiece, all "pesten" in the first quarter of 2026, so that each
# party's own count (2) is suppressed and the combined count is shown.
OWNERS: dict[str, list[dict]] = {
    "discriminatie.nl": [
        _case(
            "DN-2026-0311",
            "extern",
            "2026-01-12",
            ("Ruimte", "Stadsontwikkeling", "STO", "Team Kademuren"),
            [
                _person(
                    "p1",
                    "melder",
                    "Noor Achterberg",
                    email="n.achterberg@voorbeeld.nl",
                    phone="06-28814410",
                    employee_number="5521904",
                ),
                _person("p2", "betrokkene", "Gerrit Wolters"),
            ],
            "Noor Achterberg meldt dat Gerrit Wolters haar in Team Kademuren steeds buitensluit.",
            "Hoe kan Stadsontwikkeling Noor Achterberg het best steunen?",
        ),
        _case(
            "DN-2026-0312",
            "extern",
            "2026-02-03",
            ("Ruimte", "Stadsontwikkeling", "STO", "Team Kademuren"),
            [_person("p1", "melder", "Imane Bouzidi", email="imane.bouzidi@voorbeeld.nl")],
            "Imane Bouzidi hoort van collega's dat zij 'de nieuwe' wordt genoemd.",
            "Wat kan het team doen?",
        ),
    ],
    "P&O": [
        _case(
            "PO-2026-0047",
            "po",
            "2026-01-20",
            ("Dienstverlening", "Publiekszaken", "PZ", "Team Balie Oost"),
            [
                _person("p1", "melder", "Femke Oosterhuis", phone="010-4471290"),
                _person("p2", "betrokkene", "Marco Verbeek", employee_number="3390127"),
            ],
            "Femke Oosterhuis wordt door Marco Verbeek uitgelachen bij de balie van Team Balie Oost.",
            "Is een mediationgesprek met Marco Verbeek verstandig?",
        ),
        _case(
            "PO-2026-0051",
            "po",
            "2026-03-02",
            ("Dienstverlening", "Publiekszaken", "PZ", "Team Balie Oost"),
            [_person("p1", "melder", "Sander Kuipers")],
            "Sander Kuipers krijgt in Team Balie Oost geen roosterdiensten meer.",
            "Wat adviseert het overleg?",
        ),
    ],
    "Bureau I&D": [
        _case(
            "ID-2026-0009",
            "id",
            "2026-02-17",
            ("Sociaal Domein", "Werk en Inkomen", "WI", "Team Re-integratie"),
            [
                _person("p1", "melder", "Dewi Sastrowardoyo", email="d.sastro@voorbeeld.nl"),
                _person("p2", "getuige", "Hanneke Brouwer"),
            ],
            "Dewi Sastrowardoyo werd in Team Re-integratie met een bijnaam aangesproken; "
            "Hanneke Brouwer hoorde het.",
            "Hoe herstellen we het vertrouwen?",
        ),
        _case(
            "ID-2026-0010",
            "id",
            "2026-03-09",
            ("Sociaal Domein", "Werk en Inkomen", "WI", "Team Re-integratie"),
            [_person("p1", "melder", "Yusuf Demirtas")],
            "Yusuf Demirtas wordt bij Werk en Inkomen niet uitgenodigd voor de teamdag.",
            "Welke interventie past?",
        ),
    ],
}
OWN_CASES = [
    _case(
        "BI-2026-0102",
        "intern",
        "2026-01-28",
        ("Bedrijfsvoering", "Financiën", "FIN", "Team Crediteuren"),
        [_person("p1", "melder", "Lotte Hazenberg", email="l.hazenberg@voorbeeld.nl")],
        "Lotte Hazenberg wordt door haar team van Financiën genegeerd.",
        "Wat nu?",
    ),
    _case(
        "BI-2026-0103",
        "intern",
        "2026-02-26",
        ("Bedrijfsvoering", "Financiën", "FIN", "Team Crediteuren"),
        [_person("p1", "melder", "Bram Tjoa")],
        "Bram Tjoa wordt uitgescholden.",
        "Wat nu?",
    ),
]
FILE_NAMES = {"discriminatie.nl": "dnl", "P&O": "po", "Bureau I&D": "bid", MEETING_PARTY: "bi"}


def _identifiers(cases: list[dict]) -> set[str]:
    """Every identifier the owner registered, in every form the test can name."""
    found: set[str] = set()
    for case in cases:
        found.add(case["id"])
        found.update(v for v in case["org_unit"].values() if v)
        found.add(case["org_unit"]["team"].removeprefix("Team "))
        for person in case["persons"]:
            found.update(person["name"].split())
            found.add(person["name"])
            for contact in ("email", "phone", "employee_number"):
                if person.get(contact):
                    found.add(person[contact])
    # The clusters are the meeting's shared level (shown on a card by design), not identifiers.
    found -= {case["org_unit"]["cluster"] for case in cases}
    return found


def _run(*args: str) -> str:
    result = casus(*args, env=ENV)
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.mark.slow
def test_four_parties_bring_cases_to_one_meeting_and_get_their_advice_back(tmp_path: Path) -> None:
    vaults = {party: tmp_path / f"{short}.casus" for party, short in FILE_NAMES.items()}
    fingerprints = {}
    for party, path in vaults.items():
        _run("init", str(path), "--party", party)
        out = _run("keys", "export", str(path), "--out", str(tmp_path / f"{FILE_NAMES[party]}.sleutelkaart"))
        fingerprints[party] = re.search(r"Vingerafdruk: ([\d ]+)", out).group(1).strip()
    meeting = vaults[MEETING_PARTY]
    for party in OWNERS:
        # Both ways: the meeting checks the owner's signature, the owner the meeting's advice.
        key = tmp_path / f"{FILE_NAMES[party]}.sleutelkaart"
        _run("keys", "import", str(meeting), str(key), "--fingerprint", fingerprints[party])
        meeting_key = tmp_path / "bi.sleutelkaart"
        _run(
            "keys",
            "import",
            str(vaults[party]),
            str(meeting_key),
            "--fingerprint",
            fingerprints[MEETING_PARTY],
        )
    assert len(_run("keys", "list", str(meeting)).splitlines()) == 3

    card_ids: dict[str, str] = {}  # reference -> card id
    for party, cases in [*OWNERS.items(), (MEETING_PARTY, OWN_CASES)]:
        source = tmp_path / f"{FILE_NAMES[party]}.jsonl"
        source.write_text("".join(json.dumps(case, ensure_ascii=False) + "\n" for case in cases), "utf-8")
        _run("import", str(vaults[party]), str(source))
        assert "2 casussen vrijgegeven" in _run("release", str(vaults[party]), "--all", "--accept-proposed")
    sealed_cards = []
    for party, cases in OWNERS.items():
        for case in cases:
            out_file = tmp_path / f"kaart-{len(sealed_cards) + 1}.casuskaart"
            made = _run("card", "export", str(vaults[party]), "--case", case["id"], "--to", MEETING_PARTY,
                        "--out", str(out_file))  # fmt: skip
            card_ids[case["id"]] = re.search(r"Kaart-id: ([0-9a-f]{32})", made).group(1)
            assert case["id"] not in made
            sealed_cards.append((party, out_file))

    # The meeting reads the cards; each decrypted card holds none of its owner's identifiers.
    with Vault.open(meeting, PASSPHRASE) as vault:
        parties = PartyService(vault)
        for party, path in sealed_cards:
            opened = open_sealed(path.read_bytes(), CardKind.CASE, parties.own_keys(), parties.senders())
            assert opened.sender.party == party_of(party)[0]
            text = opened.payload.decode("utf-8")
            for identifier in _identifiers(OWNERS[party]):
                assert identifier not in text, (party, identifier)
    for _party, path in sealed_cards:
        read = _run("card", "import", str(meeting), str(path))
        assert re.search(r"Kaart-id: [0-9a-f]{32}", read)
    assert "8 casussen op de agenda" in _run(
        "meeting", "create", str(meeting), "--date", "2026-04-08", "--cases", "released"
    )
    note = tmp_path / "advies.txt"
    for item in range(1, 9):
        note.write_text(f"Het overleg adviseert een gesprek met Melder A over punt {item}.", "utf-8")
        _run("meeting", "note", str(meeting), "--meeting", "2026-04-08", "--item", str(item),
             "--field", "advies", "--text-file", str(note))  # fmt: skip
    minutes = tmp_path / "notulen.pdf"
    _run("export", "minutes", str(meeting), "--meeting", "2026-04-08", "--out", str(minutes))
    text = " ".join(page.extract_text() for page in PdfReader(minutes).pages)
    flat = " ".join(text.split())
    for party, cases in [*OWNERS.items(), (MEETING_PARTY, OWN_CASES)]:
        for identifier in _identifiers(cases):
            assert identifier not in flat, (party, identifier)
        assert f"Ingebracht door {party_of(party)[0]}" in flat
    assert flat.count("Ingebracht door") == 8

    # Advice back: one card per case card on the agenda, none for the meeting's own cases.
    outbox = tmp_path / "advies"
    outbox.mkdir()
    written = _run("advice", "export", str(meeting), "--meeting", "2026-04-08", "--out-dir", str(outbox))
    assert "6 advieskaarten geschreven" in written
    advice_files = sorted(outbox.iterdir())
    advice_name = re.compile(r"advies-casuistiekoverleg-2026-04-casus-\d\.advieskaart")
    assert len(advice_files) == 6 and all(advice_name.fullmatch(f.name) for f in advice_files)
    for party in OWNERS:
        attached = 0
        for path in advice_files:
            result = casus("advice", "import", str(vaults[party]), str(path), env=ENV)
            if result.returncode == 0:
                attached += 1
                assert "besproken op 08-04-2026" in result.stdout
            else:  # another owner's advice: encrypted to that owner alone
                assert "voor een andere partij versleuteld" in result.stderr
        assert attached == 2, party
        with Vault.open(vaults[party], PASSPHRASE) as vault, vault.session() as session:
            for case in OWNERS[party]:
                row = session.query(Case).filter_by(reference=case["id"]).one()
                assert row.status is CaseStatus.DISCUSSED
                advice = session.query(MeetingAdvice).filter_by(case_id=row.id).one()
                assert advice.discussed_on.isoformat() == "2026-04-08" and advice.from_party == MEETING_PARTY
                assert "Melder A" in advice.advice
                assert session.query(FollowUp).count() == 0

    # Figures: each owner's two cases are under 5 alone; combined once, the eight are shown.
    for party in OWNERS:
        card = tmp_path / f"cijfers-{FILE_NAMES[party]}.cijferkaart"
        _run("figures", "export", str(vaults[party]), "--from", "2026-01-01", "--to", "2026-03-31",
             "--to-party", MEETING_PARTY, "--out", str(card))  # fmt: skip
        assert f"Cijfers ingelezen van {party_of(party)[0]}" in _run(
            "figures", "import", str(meeting), str(card)
        )
    report = tmp_path / "rapportage.pdf"
    _run("export", "report", str(meeting), "--from", "2026-01-01", "--to", "2026-03-31", "--out", str(report))
    report_text = " ".join(" ".join(page.extract_text() for page in PdfReader(report).pages).split())
    assert "Samengevoegde cijfers" in report_text
    for party in FILE_NAMES:
        assert party_of(party)[0] in report_text
    # Extern is discriminatie.nl's 2 (under 5), so Intern is hidden too; the total of 8 shows.
    assert "Pesten • < 5 8" in report_text, report_text


def test_a_refused_card_on_the_command_line_is_one_dutch_line_exit_1_and_changes_nothing(
    parties, light_engine, tmp_path: Path
) -> None:
    from casus.services.case_cards import CaseCardService
    from tests.conftest import snapshot

    sealed, _ = CaseCardService(parties.owner, light_engine).export("PO-2026-501", "Bureau Integriteit")
    card = tmp_path / "kaart.casuskaart"
    card.write_bytes(sealed)
    damaged = tmp_path / "beschadigd.casuskaart"
    damaged.write_bytes(sealed[:-30] + bytes(30))
    meeting = Path(parties.meeting.path)
    parties.meeting.close()
    assert "Kaart-id" in _run("card", "import", str(meeting), str(card))
    for path, message in (
        (card, "al eerder ingelezen"),
        (damaged, "beschadigd"),
        (tmp_path / "weg.casuskaart", "kan niet worden gelezen"),
    ):
        before = snapshot(meeting.parent)
        result = casus("card", "import", str(meeting), str(path), env=ENV)
        assert result.returncode == 1 and message in result.stderr, result.stderr
        assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
        assert snapshot(meeting.parent) == before
    parties.meeting = Vault.open(meeting, PASSPHRASE)  # the fixture closes it again


def test_the_word_minutes_say_who_brought_each_case_and_hold_nothing_of_the_owner(
    parties, light_engine, tmp_path: Path
) -> None:
    import docx

    from casus.outputs.minutes_export import export_minutes
    from casus.services.case_cards import CaseCardService
    from casus.services.meetings import MeetingService

    sealed, _ = CaseCardService(parties.owner, light_engine).export("PO-2026-501", "Bureau Integriteit")
    CaseCardService(parties.meeting, light_engine).import_card(sealed)
    meetings = MeetingService(parties.meeting)
    meeting_id = meetings.create("2026-03-04")
    assert meetings.add_released(meeting_id) == 1
    target = export_minutes(parties.meeting, light_engine, meeting_id, tmp_path / "notulen.docx")
    text = "\n".join(paragraph.text for paragraph in docx.Document(str(target)).paragraphs)
    assert "Ingebracht door P&O" in text and "Melder A" in text
    assert "Landeweerd" not in text and "Joris" not in text and "PO-2026-501" not in text
