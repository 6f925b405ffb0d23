"""Every vault a released schema revision saved still opens, upgrades and holds what it held.

The fixtures are real files (tests/data/vaults/revision-<rev>.casus, written once by
make_fixture.py with the version of that revision), not vaults made at test time by today's
code: the code moves on, the files people have do not.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from sqlalchemy import select

from casus.model import MeetingUnitCode
from casus.pseudonymise import Pseudonymiser
from casus.pseudonymise.replacement import UnitCodeBook
from casus.services.cases import CaseService
from casus.services.meeting_view import MeetingViewService
from casus.services.meetings import MeetingService
from casus.services.parties import PartyService
from casus.vault import Vault, schema
from tests.conftest import PASSPHRASE

FIXTURES = Path(__file__).parent / "data" / "vaults"
REVISIONS = sorted(path.stem.removeprefix("revision-") for path in FIXTURES.glob("revision-*.casus"))


def test_the_schema_head_has_a_fixture() -> None:
    """A new migration comes with a vault saved at it (run make_fixture.py)."""
    assert schema.head_revision() in REVISIONS


@pytest.mark.parametrize("revision", REVISIONS)
def test_a_saved_vault_opens_upgraded_whole_and_holds_what_it_held(revision: str, tmp_path: Path) -> None:
    expected = json.loads((FIXTURES / f"revision-{revision}.json").read_text(encoding="utf-8"))
    path = tmp_path / "kluis.casus"
    shutil.copyfile(FIXTURES / f"revision-{revision}.casus", path)
    with Vault.open(path, PASSPHRASE) as vault:
        assert vault.verify().ok
        with vault.session() as session:
            assert schema.current_revision(session.connection()) == schema.head_revision()
        cases = CaseService(vault)
        rows = {row.reference: row for row in cases.summaries()}
        assert {reference: row.status.value for reference, row in rows.items()} == expected["cases"]
        views = [cases.get(row.id) for row in rows.values()]
        assert sorted(p.name for view in views for p in view.involvements) == expected["people"]
        assert sum(len(view.interventions) for view in views) == expected["interventions"]
        assert sum(len(view.repair_advice) for view in views) == expected["repair_advice"]
        meetings = MeetingService(vault)
        meeting = meetings.get(meetings.find(expected["meeting"]["held_on"]))
        assert sorted(party.value for party in meeting.parties) == expected["meeting"]["parties"]
        assert len(meeting.agenda) == expected["meeting"]["agenda"]
        assert meeting.agenda[0].discussion == expected["meeting"]["discussion"]
        assert [action.description for action in meeting.actions] == expected["meeting"]["actions"]
        assert meeting.learning_points == expected["meeting"]["learning_points"]
        assert sorted(meetings.no_name_words(meeting.id)) == expected["meeting"]["no_name"]
        with vault.session() as session:
            rows = session.scalars(select(MeetingUnitCode))
            kept = sorted([row.unit_key, row.team_key, row.code] for row in rows)
        assert kept == expected["meeting"].get("unit_codes", []), "the codes the meeting showed"
        if "party" in expected:
            parties = PartyService(vault)
            assert parties.own_keys().public().fingerprint == expected["party"]["fingerprint"]
            assert [[p.name, p.fingerprint] for p in parties.known()] == expected["party"]["known"]
        if "received_cards" in expected:
            later = meetings.get(meetings.find(expected["received_cards"]["held_on"]))
            views = MeetingViewService(vault, Pseudonymiser(()))
            brought = [views.agenda_view(e.case_id, e.card_id, UnitCodeBook(b"k" * 32)).brought_by
                       for e in later.agenda if e.card_id is not None]  # fmt: skip
            assert brought == expected["received_cards"]["brought_by"]
    if revision != schema.head_revision():
        assert list((tmp_path / "kluis.casus.backups").glob("*voor-migratie*")), "upgraded after a backup"
