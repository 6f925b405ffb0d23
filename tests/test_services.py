"""Service rules a case owner relies on: validation, audit, release withdrawal, meetings."""

from __future__ import annotations

import datetime as dt

import pytest

from casus.errors import NotFoundError, ValidationError
from casus.pseudonymise import Pseudonymiser
from casus.services.audit import AuditService
from casus.services.cases import CaseDraft, CaseService, PersonDraft
from casus.services.interventions import InterventionDraft, InterventionService, RepairAdviceDraft
from casus.services.meetings import MeetingService
from casus.services.org_units import OrgUnitDraft, OrgUnitService
from casus.vault import Vault
from casus.vocabulary.enums import ActionStatus, CaseStatus, Party, RepairStatus, Role
from tests.conftest import PASSPHRASE
from tests.helpers import release


def draft(**changes: object) -> CaseDraft:
    base = CaseDraft(
        channel="internal_reporting_point",
        received="2025-03-03",
        category="racism",
        grounds=["origin_race", "religion"],
        facts="Feiten.",
        question="Vraag?",
        people=[
            PersonDraft(role="reporter", name="Yasmina Amrani", employee_number="123456"),
            PersonDraft(role="accused", name="Pieter Smit", email="p.smit@example.nl"),
        ],
    )
    for key, value in changes.items():
        setattr(base, key, value)
    return base


@pytest.mark.parametrize(
    ("changes", "field", "fragment"),
    [
        ({"received": dt.date.today() + dt.timedelta(days=1)}, "received", "toekomst"),
        ({"received": None}, "received", "verplicht"),
        ({"category": "onzin"}, "category", "onbekende waarde"),
        ({"grounds": ["geen-grond"]}, "grounds", "onbekende waarde"),
        ({"facts": "a" * 50_001}, "facts", "te lang"),
        ({"question": "Wie\u2067 is dit?"}, "question", "leesrichting"),
        ({"facts": "nul\x00byte"}, "facts", "stuurteken"),
        ({"incident_date": "2025-04-01"}, "incident_date", "na de datum"),
        ({"people": [PersonDraft(role="reporter", name="  ")]}, "name", "verplicht"),
        ({"people": [PersonDraft(role="baas", name="X Y")]}, "role", "onbekende waarde"),
        (
            {"people": [PersonDraft(role="reporter", name="X Y", salary_scale=40)]},
            "salary_scale",
            "tussen",
        ),
        (
            {"people": [PersonDraft(role="reporter", name="X Y", phone="bel me")]},
            "phone",
            "telefoonnummer",
        ),
    ],
)
def test_invalid_input_is_refused_before_anything_is_written(
    vault: Vault, changes: dict, field: str, fragment: str
) -> None:
    with pytest.raises(ValidationError) as error:
        CaseService(vault).create(draft(**changes))
    assert error.value.field == field
    assert fragment in str(error.value)
    assert CaseService(vault).count() == 0


def test_every_change_is_audited_by_field_name_without_values(vault: Vault) -> None:
    service = CaseService(vault)
    case_id = service.create(draft())
    service.update(case_id, draft(facts="Nieuwe feiten over Yasmina Amrani."))
    history = AuditService(vault).history("case", case_id)
    assert [e.action for e in history] == ["create", "update"]
    assert history[1].fields == ("facts",)
    assert history[0].actor == "test"
    assert all("Amrani" not in " ".join(e.fields) for e in history)


def test_people_are_shared_across_cases_by_employee_number_or_email(vault: Vault) -> None:
    service = CaseService(vault)
    first = service.create(draft())
    second = service.create(
        draft(
            people=[
                PersonDraft(role="witness", name="Y. Amrani", employee_number="123456"),
                PersonDraft(role="bystander", name="Pieter Smit", email="P.Smit@example.nl"),
                PersonDraft(role="bystander", name="Pieter Smit"),
            ]
        )
    )
    one, two = service.get(first), service.get(second)
    assert one.involvements[0].person_id == two.involvements[0].person_id
    assert one.involvements[1].person_id == two.involvements[1].person_id
    assert two.involvements[2].person_id not in {i.person_id for i in one.involvements}, (
        "a name alone never merges two people"
    )


def test_editing_released_content_withdraws_the_release(vault: Vault, light_engine: Pseudonymiser) -> None:
    service = CaseService(vault)
    case_id = service.create(draft())
    with pytest.raises(ValidationError, match="controle van de namen"):
        service.set_status(case_id, CaseStatus.RELEASED)
    release(vault, case_id, light_engine)
    service.update(case_id, draft(category="subtle_racism"))
    assert service.get(case_id).status is CaseStatus.RELEASED
    service.update(case_id, draft(category="subtle_racism", facts="Aangevulde feiten."))
    assert service.get(case_id).status is CaseStatus.IN_PROGRESS


def test_reference_stays_unique_on_create_and_rename(vault: Vault) -> None:
    service = CaseService(vault)
    first = service.create(draft(reference="K-1"))
    service.create(draft(reference="K-2"))
    with pytest.raises(ValidationError, match="bestaat al"):
        service.create(draft(reference="K-1"))
    with pytest.raises(ValidationError, match="bestaat al"):
        service.update(first, draft(reference="K-2"))
    assert service.get(first).reference == "K-1"
    generated = service.get(service.create(draft()))
    assert generated.reference == "C-2025-0001"


def test_person_add_remove_and_destroy(vault: Vault) -> None:
    service = CaseService(vault)
    case_id = service.create(draft())
    involvement = service.add_person(case_id, PersonDraft(role=Role.WITNESS, name="Kofi Boateng"))
    case = service.get(case_id)
    assert [i.key for i in case.involvements] == ["p1", "p2", "p3"]
    service.remove_person(case_id, involvement)
    with pytest.raises(NotFoundError):
        service.remove_person(case_id, involvement)
    service.destroy(case_id, PASSPHRASE)
    destroyed = service.get(case_id)
    assert destroyed.status is CaseStatus.DESTROYED
    assert destroyed.facts == "" and destroyed.involvements == ()
    assert destroyed.category.value == "racism", "figures keep what they need"
    with pytest.raises(ValidationError):
        service.set_status(case_id, CaseStatus.NEW)


def test_interventions_and_repair_advice(vault: Vault) -> None:
    case_id = CaseService(vault).create(draft())
    interventions = InterventionService(vault)
    interventions.add_intervention(
        case_id,
        InterventionDraft(type="warning_conversation", decided_on="2025-04-01", deciding_role="directeur"),
    )
    advice_id = interventions.add_repair_advice(
        case_id,
        RepairAdviceDraft(
            type="restorative_conversation",
            addressed_to="reporter",
            follow_up_date=dt.date.today() + dt.timedelta(days=30),
        ),
    )
    interventions.update_repair_advice(
        advice_id,
        RepairAdviceDraft(type="restorative_conversation", addressed_to="reporter", status="followed"),
    )
    case = CaseService(vault).get(case_id)
    assert case.interventions[0].type.label == "Waarschuwend gesprek"
    assert case.repair_advice[0].status is RepairStatus.FOLLOWED
    with pytest.raises(ValidationError):
        interventions.add_intervention(case_id, InterventionDraft(type="ontslag"))
    with pytest.raises(NotFoundError):
        interventions.add_intervention(9999, InterventionDraft(type="coaching"))


def test_meeting_agenda_takes_only_released_cases_and_open_actions_carry_over(
    vault: Vault, light_engine: Pseudonymiser
) -> None:
    cases = CaseService(vault)
    released = cases.create(draft())
    not_released = cases.create(draft())
    release(vault, released, light_engine)
    meetings = MeetingService(vault)
    first = meetings.create("2025-05-01", [Party.HR, Party.INTEGRITY_BUREAU])
    meetings.add_agenda_item(first, released)
    with pytest.raises(ValidationError, match="niet vrijgegeven"):
        meetings.add_agenda_item(first, not_released)
    done = meetings.add_action(first, "Teamsessie plannen", Party.DIVERSITY_BUREAU)
    meetings.add_action(first, "Gesprek leidinggevende", Party.HR, "2025-06-01")
    meetings.set_action_status(done, ActionStatus.DONE)
    second = meetings.create("2025-06-05", [Party.HR])
    carried = meetings.get(second).actions
    assert [a.description for a in carried] == ["Gesprek leidinggevende"]
    assert carried[0].carried_over
    with pytest.raises(ValidationError):
        meetings.create("2025-06-05")


def test_the_agenda_is_put_together_reordered_and_pruned_in_the_vault(
    vault: Vault, light_engine: Pseudonymiser
) -> None:
    cases = CaseService(vault)
    ids = [cases.create(draft(received=f"2025-0{month}-01")) for month in (3, 1, 2)]
    for case_id in ids:
        release(vault, case_id, light_engine)
    meetings = MeetingService(vault)
    meeting = meetings.create("2025-05-01", [Party.HR])
    assert meetings.add_released(meeting) == 3
    assert meetings.add_released(meeting) == 0, "a case goes on the agenda once"
    agenda = meetings.get(meeting).agenda
    assert [i.case_id for i in agenda] == [ids[1], ids[2], ids[0]], "oldest report first"
    action = meetings.add_action(meeting, "Terugkoppelen", Party.HR, agenda_item_id=agenda[0].id)

    meetings.move_agenda_item(agenda[2].id, -5)
    assert [i.case_id for i in meetings.get(meeting).agenda] == [ids[0], ids[1], ids[2]]
    meetings.remove_agenda_item(agenda[0].id)
    after = meetings.get(meeting)
    assert [(i.number, i.case_id) for i in after.agenda] == [(1, ids[0]), (2, ids[2])]
    assert [(a.id, a.agenda_item_id) for a in after.actions] == [(action, None)], "the action stays"

    with pytest.raises(ValidationError, match="Actie"):
        meetings.update_action(action, "  ", Party.HR, None)
    meetings.update_action(action, "Terugkoppelen aan de melder", Party.INTEGRITY_BUREAU, "2025-06-01")
    (summary,) = meetings.summaries()
    assert (summary.held_on, summary.items, summary.open_actions) == (dt.date(2025, 5, 1), 2, 1)
    meetings.remove_action(action)
    assert meetings.summaries()[0].open_actions == 0
    events = [e.action for e in AuditService(vault).history()]
    assert {"remove_agenda_item", "move_agenda_item", "remove"} <= set(events)


def test_a_note_without_a_case_loses_what_needs_no_registry(
    vault: Vault, light_engine: Pseudonymiser
) -> None:
    from casus.services.notes import NoteService

    meeting = MeetingService(vault).create("2025-05-01")
    note = "Bel 06-12345678 of mail j.jansen@example.nl voor 3 januari 2026."
    text = NoteService(vault, light_engine).pseudonymise(note, meeting)
    assert "06-12345678" not in text and "example.nl" not in text and "3 januari" not in text
    assert "januari 2026" in text


def test_default_org_units_are_loaded_and_editable(vault: Vault) -> None:
    service = OrgUnitService(vault)
    units = service.list()
    assert len(units) > 60
    kinds = {u.kind.value for u in units}
    assert {"cluster", "directorate", "district", "team"} <= kinds
    integrity = next(u for u in units if u.meeting_party is Party.INTEGRITY_BUREAU)
    service.update(
        integrity.id,
        OrgUnitDraft(
            kind=integrity.kind,
            name=integrity.name,
            parent_id=integrity.parent_id,
            abbreviations=["BI", "BIN"],
            headcount=28,
            meeting_party=Party.INTEGRITY_BUREAU,
        ),
    )
    assert next(u for u in service.list() if u.id == integrity.id).abbreviations == ("BI", "BIN")
    with pytest.raises(ValidationError, match="in gebruik"):
        service.delete(integrity.parent_id)  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="past niet"):
        service.create(OrgUnitDraft(kind="team", name="Los team"))


def test_a_no_name_word_is_stored_folded_once_and_an_empty_one_refused(vault: Vault) -> None:
    from casus.errors import ValidationError
    from casus.services.meetings import MeetingService

    meetings = MeetingService(vault)
    meeting_id = meetings.create("2025-06-02")
    meetings.mark_no_name(meeting_id, "Wijkbeheer")
    meetings.mark_no_name(meeting_id, "WIJKBEHEER")
    meetings.mark_no_name(meeting_id, "  Gouden   Eeuw ")
    assert meetings.no_name_words(meeting_id) == {"wijkbeheer", "gouden eeuw"}
    with pytest.raises(ValidationError) as refused:
        meetings.mark_no_name(meeting_id, "  ")
    assert "leeg" in str(refused.value)
    assert meetings.no_name_words(meetings.create("2025-06-09")) == frozenset()


def test_every_enumeration_member_has_its_own_label() -> None:
    """Members are strings: OrgUnitKind.CLUSTER and UnitGeneralisation.CLUSTER are equal as
    keys, and once a cluster's "Soort" read "Alleen het cluster", intervention "Mediation" read
    "Bemiddeling" and status "Uitgevoerd" read "Gelukt"."""
    from casus.vocabulary import enums

    for member, label in enums._LABELS:
        assert member.label == label, (type(member).__name__, member.value)
    kinds = [k for k in vars(enums).values() if isinstance(k, type) and issubclass(k, enums.DutchEnum)]
    for kind in kinds:
        if kind is not enums.DutchEnum:
            assert all(member.label for member in kind), kind.__name__
    assert enums.OrgUnitKind.CLUSTER.label == "Cluster"
    assert enums.InterventionType.MEDIATION.label == "Mediation"
    assert enums.InterventionStatus.DONE.label == "Uitgevoerd"


def test_counts_are_said_in_dutch_singular_and_plural() -> None:
    """Once "1 casussen toegevoegd", "1 open acties", "bevinding(en)", "voorstel(len)"."""
    from casus.vocabulary.dutch import WORDS, counted

    assert counted(1, "casus") == "1 casus" and counted(2, "casus") == "2 casussen"
    assert counted(0, "open actie") == "0 open acties" and counted(1, "open actie") == "1 open actie"
    assert counted(1, "herleidbaar gegeven") == "1 herleidbaar gegeven"
    assert counted(3, "herleidbaar gegeven") == "3 herleidbare gegevens"
    assert all("(" not in word for pair in WORDS.items() for word in pair)
