"""Writes the vault fixture for today's schema head: `python tests/data/vaults/make_fixture.py`.

Run it once when a migration is added (tests/test_schema_fixtures.py asks for a fixture of the
head), and commit the two files it writes; never rewrite an older fixture. Each fixture is a
vault as that version of Casus saved it, with what it holds written beside it (JSON), so every
later version is tested on opening and upgrading the real file (Electrum's habit).

Invented people only; the cheap test-only KDF; the passphrase of tests/conftest.py.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

os.environ["CASUS_INSECURE_TEST_KDF"] = "1"
sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from sqlalchemy import select  # noqa: E402

from casus.exchange import CardKind, new_card_id, seal  # noqa: E402
from casus.keycards import OwnKeys, key_card, read_key_card  # noqa: E402
from casus.model import MeetingUnitCode  # noqa: E402
from casus.outputs.minutes import build_minutes  # noqa: E402
from casus.pseudonymise import Pseudonymiser  # noqa: E402
from casus.services.case_cards import CaseCardService  # noqa: E402
from casus.services.cases import CaseDraft, CaseService, PersonDraft  # noqa: E402
from casus.services.interventions import InterventionDraft, InterventionService, RepairAdviceDraft  # noqa: E402
from casus.services.meetings import MeetingService  # noqa: E402
from casus.services.org_units import OrgUnitService  # noqa: E402
from casus.services.parties import PartyService  # noqa: E402
from casus.services.review import ReviewService  # noqa: E402
from casus.services.vaults import create_vault  # noqa: E402
from casus.vault import schema  # noqa: E402
from casus.vocabulary.enums import ActionStatus, Party  # noqa: E402
from tests.conftest import PASSPHRASE  # noqa: E402

PEOPLE = (("Ilse Groenveld", "Bart Meulenkamp"), ("Hamza El Idrissi", "Wendy Schoonhoven"), ("Petra Lok", "Ruben Aalders"))


def main() -> None:
    revision = schema.head_revision()
    folder = Path(__file__).resolve().parent
    target = folder / f"revision-{revision}.casus"
    if target.exists():
        raise SystemExit(f"{target.name} exists: a fixture is never rewritten")
    vault = create_vault(target, PASSPHRASE, actor="fixture")
    cases = CaseService(vault)
    ids = []
    erfgoed = next(unit.id for unit in OrgUnitService(vault).list() if unit.name == "Team Erfgoed")
    for number, (reporter, accused) in enumerate(PEOPLE, 1):
        ids.append(cases.create(CaseDraft(
            reference=f"FIX-{number}", channel="hr", received=f"2025-0{number}-10", category="exclusion",
            org_unit_id=erfgoed if number == 1 else None,
            grounds=["age"], facts=f"{accused} sloot {reporter} buiten bij het teamuitje van Team Kunst en Cultuur.",
            question="Hoe herstellen we het vertrouwen?",
            people=[PersonDraft(role="reporter", name=reporter), PersonDraft(role="accused", name=accused)],
        )))  # fmt: skip
    InterventionService(vault).add_intervention(ids[0], InterventionDraft(type="coaching", note="Zes sessies"))
    InterventionService(vault).add_repair_advice(
        ids[0], RepairAdviceDraft(type="restorative_conversation", addressed_to="reporter", rationale="Op verzoek")
    )
    review = ReviewService(vault, Pseudonymiser(()))
    for case_id in ids[:2]:
        review.propose(case_id)
        review.accept_all(case_id)
        review.release(case_id)
    meetings = MeetingService(vault)
    meeting = meetings.create("2025-05-15", [Party.HR, Party.INTEGRITY_BUREAU])
    meetings.add_released(meeting)
    first = meetings.get(meeting).agenda[0]
    meetings.record_item(first.id, "Het overleg bespreekt de uitsluiting.", "Herstelgesprek.", "P&O belt terug.")
    action = meetings.add_action(meeting, "Teamsessie plannen", Party.HR, "2025-06-30", first.id)
    meetings.set_action_status(action, ActionStatus.DONE)
    meetings.set_learning_points(meeting, "Let op wie niet wordt uitgenodigd.")
    meetings.mark_no_name(meeting, "Wijkzorg")
    build_minutes(vault, Pseudonymiser(()), meeting)  # the meeting keeps the unit codes it showed
    parties = PartyService(vault)
    own = parties.set_party("P&O")
    other = OwnKeys.generate("Bureau Integriteit")
    card = key_card(other)
    known = parties.register(card, read_key_card(card).fingerprint)
    brought = {"category": "Pesten", "period": "april 2025", "unit": "cluster Ruimte",
               "people": [["Melder A", "Melder"]], "texts": {"Feiten": "Melder A wordt gepest."}, "warnings": []}
    sealed = seal(CardKind.CASE, new_card_id(), brought, other, own)
    CaseCardService(vault, Pseudonymiser(())).import_card(sealed)
    later = meetings.create("2025-06-12", [Party.HR])
    meetings.add_released(later)
    with vault.session() as session:
        kept = sorted([row.unit_key, row.team_key, row.code] for row in session.scalars(select(MeetingUnitCode)))
    expected = {
        "revision": revision,
        "cases": {f"FIX-{n}": status for n, status in zip((1, 2, 3), ("released", "released", "new"), strict=True)},
        "people": sorted(name for pair in PEOPLE for name in pair),
        "interventions": 1,
        "repair_advice": 1,
        "meeting": {"held_on": "2025-05-15", "parties": ["hr", "integrity_bureau"], "agenda": 2,
                    "discussion": "Het overleg bespreekt de uitsluiting.", "actions": ["Teamsessie plannen"],
                    "learning_points": "Let op wie niet wordt uitgenodigd.", "no_name": ["wijkzorg"],
                    "unit_codes": kept},
        "party": {"own": own.party, "fingerprint": own.fingerprint, "known": [[known.name, known.fingerprint]]},
        "received_cards": {"held_on": "2025-06-12", "brought_by": ["Bureau Integriteit"]},
    }  # fmt: skip
    vault.close()
    (folder / f"revision-{revision}.json").write_text(json.dumps(expected, indent=2, ensure_ascii=False) + "\n")
    for leftover in folder.glob(f"revision-{revision}.casus.*"):
        leftover.unlink()  # the lock file; backups are not part of a fixture
    print(f"wrote {target.name} ({target.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
