"""Invented cases for the demo vault, the benchmarks and tests. No real person is in here.

Deterministic for a given seed, so a benchmark measures the same vault every time.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from collections.abc import Iterator, Sequence

from casus.identify.folding import fold
from casus.services.cases import CaseDraft, CaseService, PersonDraft
from casus.services.org_units import OrgUnitService
from casus.vault import Vault
from casus.vocabulary.enums import BehaviourCategory, Channel, Ground, OrgUnitKind, Party, Role

DEMO_PASSPHRASE = "demo kluis met verzonnen casussen"

FIRST_NAMES = (
    "Anouk",
    "Bram",
    "Chaima",
    "Daan",
    "Esra",
    "Fenna",
    "Gijs",
    "Hatice",
    "Ilse",
    "Jurre",
    "Karim",
    "Lotte",
    "Mehmet",
    "Naima",
    "Olaf",
    "Priya",
    "Quinten",
    "Rachida",
    "Sem",
    "Tamara",
    "Umut",
    "Vera",
    "Wouter",
    "Xiomara",
    "Yusuf",
    "Zoë",
    "Jayden",
    "Mei",
    "Kofi",
    "Sanne",
)
SURNAMES = (
    "de Vries",
    "Bakker",
    "El Idrissi",
    "Yılmaz",
    "Janssen",
    "van Dijk",
    "Öztürk",
    "Mulder",
    "Boateng",
    "Visser",
    "Tahiri",
    "Smit",
    "Nguyen",
    "de Boer",
    "Şahin",
    "Meijer",
    "Pinas",
    "van der Berg",
    "Kartosen",
    "Hoekstra",
    "Amrani",
    "Dekker",
    "Wijnberg",
    "Lachman",
)
FUNCTIONS = (
    "beleidsadviseur",
    "teamleider",
    "medewerker klantcontact",
    "handhaver",
    "projectleider",
    "adviseur",
    "coördinator",
    "jurist",
    "beheerder",
    "gebiedsmakelaar",
)
STORIES = (
    "{reporter} meldt dat {accused} in het teamoverleg herhaaldelijk grappen maakt over "
    "{aspect}. Collega's lachen mee; {reporter} voelt zich buitengesloten.",
    "Volgens {reporter} krijgt zij structureel de minder interessante klussen sinds "
    "{accused} teamleider werd. Zij vermoedt dat dit met {aspect} te maken heeft.",
    "{reporter} werd op de gang door {accused} aangesproken op {aspect}, op een toon die "
    "{reporter} als vernederend ervoer. Een collega was erbij.",
    "Tijdens een werkbezoek maakte {accused} opmerkingen over {aspect} van {reporter}. "
    "{reporter} heeft dit eerder aangekaart, zonder resultaat.",
)
ASPECTS = {
    Ground.ORIGIN_RACE: "haar afkomst",
    Ground.RELIGION: "het dragen van een hoofddoek",
    Ground.SEX: "haar zwangerschap",
    Ground.SEXUAL_ORIENTATION: "zijn partner",
    Ground.AGE: "haar leeftijd",
    Ground.DISABILITY_CHRONIC_ILLNESS: "zijn beperking",
}
QUESTIONS = (
    "Hoe kan de leidinggevende dit bespreekbaar maken zonder de melder bloot te stellen?",
    "Welke heling-en-herstelinterventie past hier?",
    "Is een teamsessie verstandig, of eerst een gesprek met de betrokkene?",
)
CATEGORIES = (
    BehaviourCategory.DISCRIMINATION,
    BehaviourCategory.SUBTLE_RACISM,
    BehaviourCategory.EXCLUSION,
    BehaviourCategory.BULLYING,
    BehaviourCategory.SEXUAL_HARASSMENT,
    BehaviourCategory.AGGRESSION,
)
CHANNEL_PARTY = (
    (Channel.EXTERNAL_REPORTING_POINT, Party.DISCRIMINATIE_NL),
    (Channel.INTERNAL_REPORTING_POINT, Party.INTEGRITY_BUREAU),
    (Channel.HR, Party.HR),
    (Channel.DIVERSITY_BUREAU, Party.DIVERSITY_BUREAU),
)


def _person(
    rng: random.Random,
    role: Role,
    key: str,
    serial: int,
    seed: int,
    names: tuple[Sequence[str], Sequence[str]] = (FIRST_NAMES, SURNAMES),
) -> PersonDraft:
    first, last = rng.choice(names[0]), rng.choice(names[1])
    # An address of plain letters, whatever the name holds ("Çiğdem", "d'Ancona").
    handle = re.sub(r"[^a-z0-9.]", "", fold(f"{first[0]}.{last.split()[-1]}")) or "medewerker"
    return PersonDraft(
        key=key,
        role=role,
        name=f"{first} {last}",
        function=rng.choice(FUNCTIONS),
        salary_scale=rng.randint(5, 12),
        email=f"{handle}{serial}.{seed}@gemeente.example",
        employee_number=f"{seed}-{serial}",
    )


def demo_cases(
    count: int,
    team_ids: list[int],
    seed: int = 2026,
    today: dt.date | None = None,
    prefix: str = "DEMO",
    names: tuple[Sequence[str], Sequence[str]] = (FIRST_NAMES, SURNAMES),
) -> Iterator[CaseDraft]:
    """`names`: first names and surnames to draw from (a benchmark gives larger lists)."""
    rng = random.Random(seed)
    today = today or dt.date.today()
    for number in range(1, count + 1):
        reporter = _person(rng, Role.REPORTER, "p1", number * 3, seed, names)
        accused = _person(rng, Role.ACCUSED, "p2", number * 3 + 1, seed, names)
        manager = _person(rng, Role.MANAGER, "p3", number * 3 + 2, seed, names)
        ground = rng.choice(list(ASPECTS))
        channel, party = rng.choice(CHANNEL_PARTY)
        received = today - dt.timedelta(days=rng.randint(1, 3 * 365))
        first = reporter.name.split()[0]
        story = rng.choice(STORIES).format(reporter=first, accused=accused.name, aspect=ASPECTS[ground])
        yield CaseDraft(
            reference=f"{prefix}-{number:05d}",
            channel=channel,
            owner_party=party,
            received=received,
            incident_date=received - dt.timedelta(days=rng.randint(0, 30)),
            category=rng.choice(CATEGORIES),
            grounds=[ground],
            org_unit_id=rng.choice(team_ids) if team_ids else None,
            facts=f"{story} Leidinggevende {manager.name} is op de hoogte.",
            question=rng.choice(QUESTIONS),
            people=[reporter, accused, manager],
        )


def team_ids(vault: Vault) -> list[int]:
    return [unit.id for unit in OrgUnitService(vault).list() if unit.kind is OrgUnitKind.TEAM]


def fill_demo_vault(
    vault: Vault,
    count: int = 24,
    seed: int = 2026,
    names: tuple[Sequence[str], Sequence[str]] = (FIRST_NAMES, SURNAMES),
) -> int:
    """Add `count` invented cases in one transaction."""
    teams = team_ids(vault)
    CaseService(vault).create_all(demo_cases(count, teams, seed, names=names))
    return count


def release_demo_cases(vault: Vault, count: int = 5) -> int:
    """Release the newest `count` demo cases, so that meeting mode has something to show.

    Every name in a demo text is one of the case's registered people, so the registry finds
    them all; deduce is not loaded for this (a real case always gets the full pseudonymiser).
    """
    from casus.pseudonymise import Pseudonymiser
    from casus.services.cases import CaseService
    from casus.services.review import ReviewService

    review = ReviewService(vault, Pseudonymiser((), deduce_loader=None))
    released = 0
    for row in CaseService(vault).summaries()[:count]:
        review.propose(row.id)
        review.accept_all(row.id)
        review.release(row.id)
        released += 1
    return released


def plan_demo_meetings(vault: Vault, today: dt.date | None = None) -> int:
    """A meeting four weeks ago with one action still open, and one today with the released
    cases on its agenda: the meeting screen then shows an agenda, a note, an action carried
    over ("Is dit gelukt?") and learning points. Returns today's meeting."""
    from casus.services.meetings import MeetingService
    from casus.vocabulary.enums import ActionStatus

    today = today or dt.date.today()
    meetings = MeetingService(vault)
    earlier = meetings.create(today - dt.timedelta(days=28), list(Party))
    meetings.add_action(
        earlier, "Teamsessie over omgangsvormen plannen", Party.DIVERSITY_BUREAU, today - dt.timedelta(days=7)
    )
    done = meetings.add_action(earlier, "Melder informeren over de opvolging", Party.DISCRIMINATIE_NL)
    meetings.set_action_status(done, ActionStatus.DONE)
    meeting = meetings.create(today, [Party.DISCRIMINATIE_NL, Party.INTEGRITY_BUREAU, Party.HR])
    meetings.add_released(meeting)
    first = meetings.get(meeting).agenda[0]
    meetings.record_item(
        first.id,
        "Het overleg herkent een patroon van kleine opmerkingen die samen uitsluiten.",
        "Herstelgesprek aanbieden aan Melder A, met een gespreksleider van buiten het team.",
        "Bureau I&D neemt contact op met de leidinggevende.",
    )
    meetings.set_learning_points(
        meeting, "Subtiel racisme herkennen: herhaalde 'grapjes' over afkomst zijn geen incidenten."
    )
    return meeting


def add_demo_follow_ups(vault: Vault, today: dt.date | None = None) -> None:
    """What makes the home view say something: two new cases taken in hand (to prepare for
    the meeting) and heling-en-herstel advice on a released case whose follow-up date passed."""
    from casus.services.cases import CaseService
    from casus.services.interventions import InterventionService, RepairAdviceDraft
    from casus.vocabulary.enums import CaseStatus

    today = today or dt.date.today()
    cases = CaseService(vault)
    for row in cases.summaries(status=CaseStatus.NEW)[:2]:
        cases.set_status(row.id, CaseStatus.IN_PROGRESS)
    _demo_feedback(vault, today)
    released = cases.summaries(status=CaseStatus.RELEASED)
    if released:
        InterventionService(vault).add_repair_advice(
            released[-1].id,
            RepairAdviceDraft(
                type="restorative_conversation",
                addressed_to="reporter",
                rationale="Op verzoek van de melder",
                follow_up_date=today - dt.timedelta(days=10),
            ),
        )


def _demo_feedback(vault: Vault, today: dt.date) -> None:
    """The melders were told in time, except two: the newest case's receipt is not confirmed
    yet, and the outcome of the one before it is still to come. The oldest case was closed
    long ago and is kept past its date."""
    from sqlalchemy import select

    from casus.model import Case
    from casus.vocabulary.enums import CaseStatus

    with vault.session() as session:
        rows = session.scalars(select(Case).order_by(Case.received.desc(), Case.id.desc())).all()
        oldest = rows[-1]  # closed long ago, kept past its date: the home view says so
        oldest.status, oldest.violation_established = CaseStatus.CLOSED, False
        oldest.retention_date = today - dt.timedelta(days=5)
        for number, case in enumerate(rows):
            if not case.anonymous:
                case.receipt_told_on = min(today, case.received + dt.timedelta(days=3)) if number else None
                told = case.received + dt.timedelta(days=70)
                case.outcome_told_on = told if told <= today and number > 1 else None


def add_demo_exchange(vault: Vault, today: dt.date | None = None) -> None:
    """The demo vault is Bureau Integriteit's, which holds the meeting, and P&O has brought a
    case card to today's meeting (issue 14): its agenda shows "Ingebracht door P&O" beside the
    vault's own cases. P&O's keys are made here and their private half dropped, so nothing can
    answer the demo from outside; the card is an invented meeting view, sealed as P&O would."""
    from casus.exchange import CardKind, new_card_id, seal
    from casus.keycards import OwnKeys, key_card
    from casus.pseudonymise import Pseudonymiser
    from casus.services.agenda_cards import AgendaCards
    from casus.services.case_cards import CaseCardService
    from casus.services.meetings import MeetingService
    from casus.services.parties import PartyService

    parties = PartyService(vault)
    own = parties.set_party(Party.INTEGRITY_BUREAU.label)
    po = OwnKeys.generate(Party.HR.label)
    parties.register(key_card(po), po.public().fingerprint)
    from casus.identify.patterns import MONTH_NAMES

    today = today or dt.date.today()
    month = today.replace(day=1) - dt.timedelta(days=1)  # reported last month
    clusters = [unit.name for unit in OrgUnitService(vault).list() if unit.kind is OrgUnitKind.CLUSTER]
    view = {
        "category": BehaviourCategory.EXCLUSION.label,
        "period": f"{MONTH_NAMES[month.month - 1]} {month.year}",
        "unit": f"een team in cluster {clusters[0]}" if clusters else "",
        "people": [["Melder A", Role.REPORTER.label], ["Leidinggevende B", Role.MANAGER.label]],
        "texts": {
            "Bespreekvraag": "Hoe herstellen we het vertrouwen van Melder A in het team?",
            "Feiten": "Melder A wordt sinds de reorganisatie niet meer uitgenodigd voor het werkoverleg. "
            "Leidinggevende B zegt dat dit een vergissing is; het gebeurde vier keer.",
        },
        "warnings": [],
    }
    sealed = seal(CardKind.CASE, new_card_id(), view, po, own)
    CaseCardService(vault, Pseudonymiser((), deduce_loader=None)).import_card(sealed)
    AgendaCards(vault).add_to(MeetingService(vault).find(today))
