"""One meeting, one code per unit, in every view of it, whenever a case joins the agenda.

Issue 13 item 3: a case added mid-meeting showed "directie U" on the meeting screen and
"directie W" in meeting mode and the minutes, because each view drew its codes afresh and a
collision's letter and a team's number follow the order units are met.
"""

from __future__ import annotations

import re
import secrets

from hypothesis import given
from hypothesis import strategies as st

from casus.notebook.preparation import prepare_meeting
from casus.outputs.minutes import build_minutes
from casus.outputs.shared_screen import shared_screen_cases
from casus.pseudonymise import Pseudonymiser
from casus.pseudonymise.replacement import CODE_LETTERS, UnitCodeBook
from casus.services.cases import CaseDraft, CaseService, PersonDraft
from casus.services.meeting_codes import MeetingCodes
from casus.services.meetings import MeetingService
from casus.services.org_units import OrgUnitService
from casus.vault import Vault
from tests.helpers import release

_CODE = re.compile(r"\b(?:directie|team) [A-Z]{1,2}\d*\b")

units = st.lists(st.text("abcdefghij", min_size=1, max_size=4), min_size=1, max_size=40, unique=True)


@given(units=units, data=st.data())
def test_a_book_opened_with_what_another_gave_gives_the_same_codes_in_any_order(
    units: list[str], data: st.DataObject
) -> None:
    key = secrets.token_bytes(32)
    first = UnitCodeBook(key)
    codes = {unit: first.code(unit) for unit in units}
    teams = {unit: first.team_number("d", unit) for unit in units}
    assert len(set(codes.values())) == len(units), "no two units share a code"
    assert sorted(teams.values()) == list(range(1, len(units) + 1))

    reordered = data.draw(st.permutations(units))
    later = UnitCodeBook(key, first.given())
    assert {unit: later.code(unit) for unit in reordered} == codes
    assert {unit: later.team_number("d", unit) for unit in reordered} == teams
    assert later.given() == (), "nothing new was given out"
    newcomer = later.code("a new unit!")
    assert newcomer not in codes.values() and later.given()[0].code == newcomer


def test_a_book_gives_two_letter_codes_when_single_letters_run_out() -> None:
    book = UnitCodeBook(secrets.token_bytes(32))
    codes = [book.code(f"unit {n}") for n in range(len(CODE_LETTERS) + 10)]
    assert len(set(codes)) == len(codes)
    assert any(len(code) == 2 for code in codes)


# Directie, the team a case is in, and what its facts name of its own directie and of others.
_CASES = (
    ("Cultuur", "Team Kunst en Cultuur", "Team Erfgoed en directie Wonen"),
    ("Wonen", "Team Huisvesting", "Team Woningtoezicht en directie Economie"),
    ("Economie", "Team Markten", "Team Ondernemersloket en directie Cultuur"),
    ("Cultuur", "Team Erfgoed", "Team Kunst en Cultuur en directie Belastingen"),
    ("Belastingen", "Team Invordering", "Team Taxatie en directie Wonen"),
    ("Wonen", "Team Woningtoezicht", "Team Huisvesting en directie Burgerzaken"),
)
_PEOPLE = (
    ("Marloes Tjon", "Gerrit Hofstede"),
    ("Anouk Bergsma", "Dennis Kuipers"),
    ("Latifa Ouali", "Sjoerd Veenstra"),
    ("Ingrid Poot", "Menno Dijkhuis"),
    ("Fenna Roelofs", "Bram Hekking"),
    ("Esra Yıldız", "Thijs Wolters"),
)


def _released_case(vault: Vault, engine: Pseudonymiser, number: int) -> int:
    directie, team, named = _CASES[number]
    reporter, accused = _PEOPLE[number]
    unit = next(u.id for u in OrgUnitService(vault).list() if u.name == team)
    case_id = CaseService(vault).create(
        CaseDraft(
            channel="internal_reporting_point",
            received=f"2025-0{number + 1}-12",
            category="exclusion",
            grounds=["origin_race"],
            org_unit_id=unit,
            facts=f"{accused} sloot {reporter} uit bij het overleg met {named}.",
            question=f"Wat kan de directie {directie} doen?",
            people=[PersonDraft(role="reporter", name=reporter), PersonDraft(role="accused", name=accused)],
        )
    )
    release(vault, case_id, engine)
    return case_id


def _codes_by_case(views: dict[int, object]) -> dict[int, list[str]]:
    return {case_id: _CODE.findall(repr(view)) for case_id, view in views.items()}


def test_a_case_added_mid_meeting_has_one_code_per_unit_on_screen_in_meeting_mode_and_minutes(
    vault: Vault, engine: Pseudonymiser
) -> None:
    meetings = MeetingService(vault)
    meeting_id = meetings.create("2025-09-10")
    for number in range(3):
        _released_case(vault, engine, number)
    meetings.add_released(meeting_id)
    # The meeting screen opens: it renders the agenda it has.
    screen = prepare_meeting(vault, engine, meeting_id, meetings.agenda(meeting_id)).views
    # Three more cases are released and added during the meeting; the screen renders only those.
    for number in range(3, 6):
        _released_case(vault, engine, number)
    meetings.add_released(meeting_id)
    shown = {entry.id for entry in meetings.agenda(meeting_id)} - set(screen)
    added = [entry for entry in meetings.agenda(meeting_id) if entry.id in shown]
    screen.update(prepare_meeting(vault, engine, meeting_id, added).views)
    # The secretary moves the last case to the top: meeting mode and the minutes render in that order.
    last = meetings.agenda(meeting_id)[-1]
    for _ in range(5):
        meetings.move_agenda_item(last.id, -1)
    agenda = meetings.agenda(meeting_id)
    assert agenda[0].id == last.id

    on_screen = {entry.case_id: screen[entry.id] for entry in agenda}
    minutes = {item.title: item.case for item in build_minutes(vault, engine, meeting_id).items}
    in_minutes = {entry.case_id: minutes[entry.title] for entry in agenda}
    shared = shared_screen_cases(vault, engine, meeting_id)
    in_meeting_mode = {entry.case_id: shared[n].case for n, entry in enumerate(agenda)}

    codes = _codes_by_case(on_screen)  # type: ignore[arg-type]
    assert all(codes.values()), "every case shows unit codes"
    assert _codes_by_case(in_minutes) == codes  # type: ignore[arg-type]
    assert _codes_by_case(in_meeting_mode) == codes  # type: ignore[arg-type]
    assert in_minutes == on_screen == in_meeting_mode
    team_codes = {code for found in codes.values() for code in found if code.startswith("team")}
    assert len(team_codes) == 8, "eight named teams, eight codes"


def test_a_note_names_a_unit_as_the_meeting_codes_it(vault: Vault, engine: Pseudonymiser) -> None:
    from casus.services.notes import NoteService

    meetings = MeetingService(vault)
    meeting_id = meetings.create("2025-09-10")
    case_id = _released_case(vault, engine, 0)
    meetings.add_released(meeting_id)
    view = prepare_meeting(vault, engine, meeting_id, meetings.agenda(meeting_id)).views
    wonen = re.search(r"directie [A-Z]+", next(iter(view.values())).texts["Feitenrelaas"])  # type: ignore[union-attr]
    assert wonen is not None
    note = NoteService(vault, engine).pseudonymise("De directie Wonen pakt dit op.", meeting_id, case_id)
    assert wonen.group() in note
    # A unit first named in a note keeps its code: the next view of the meeting has it.
    note = NoteService(vault, engine).pseudonymise("Ook directie Burgerzaken doet mee.", meeting_id, case_id)
    burgerzaken = re.search(r"directie [A-Z]+", note)
    assert burgerzaken is not None
    book = MeetingCodes(vault).book(meeting_id)
    assert burgerzaken.group().removeprefix("directie ") in _kept(vault, meeting_id)
    assert book.given() == ()


def _kept(vault: Vault, meeting_id: int) -> set[str]:
    from sqlalchemy import select

    from casus.model import MeetingUnitCode

    with vault.session() as session:
        rows = select(MeetingUnitCode.code).where(MeetingUnitCode.meeting_id == meeting_id)
        return set(session.scalars(rows))


def test_a_meetings_codes_are_its_own(vault: Vault, engine: Pseudonymiser) -> None:
    """Another meeting draws its own codes: the kept ones belong to the meeting, not the unit."""
    meetings = MeetingService(vault)
    first, second = meetings.create("2025-09-10"), meetings.create("2025-10-08")
    codes = MeetingCodes(vault)
    with codes.coding(first) as book:
        letters_first = [book.code(f"unit {n}") for n in range(12)]
    with codes.coding(second) as book:
        letters_second = [book.code(f"unit {n}") for n in range(12)]
    assert letters_first != letters_second
    with codes.coding(first) as book:
        assert [book.code(f"unit {n}") for n in range(12)] == letters_first


def test_the_running_screen_meeting_mode_and_minutes_show_one_code_per_unit(
    qtbot, vault: Vault, engine: Pseudonymiser
) -> None:
    """The same, driven through the window: cases added on the meeting screen mid-meeting,
    one moved to the top, then meeting mode (F5) and the minutes."""
    from PySide6.QtCore import Qt

    from ui.main_window import MainWindow

    meetings = MeetingService(vault)
    meeting_id = meetings.create("2025-09-10")
    for number in range(3):
        _released_case(vault, engine, number)
    meetings.add_released(meeting_id)
    window = MainWindow(vault, engine)
    qtbot.addWidget(window)
    window.open_meeting_screen()
    screen = window.meeting_screen
    assert screen is not None
    screen.load_meeting(meeting_id)
    qtbot.waitUntil(lambda: screen.notebook.ready, timeout=60_000)
    for number in range(3, 6):
        _released_case(vault, engine, number)
    screen.agenda_panel.add_released()
    qtbot.waitUntil(lambda: screen.notebook.ready and len(screen.notebook.agenda) == 6, timeout=60_000)
    screen.agenda.setCurrentRow(5)
    for _ in range(5):
        screen.agenda_panel.move_item(-1)
    agenda = screen.notebook.agenda
    on_screen = [screen.notebook.views[entry.id] for entry in agenda]

    screen.agenda.setCurrentRow(0)
    qtbot.keyClick(screen, Qt.Key.Key_F5)
    shared = window.meeting_window
    assert shared is not None
    qtbot.waitUntil(lambda: shared.loaded, timeout=60_000)
    in_meeting_mode = [case.case for case in shared.cases]
    in_minutes = [item.case for item in build_minutes(vault, engine, meeting_id).items]
    assert _CODE.findall(repr(on_screen[0])), "the moved case shows its codes"
    assert in_meeting_mode == on_screen
    assert in_minutes == on_screen
    shared.shut()
    window.close()


def test_the_review_says_its_codes_are_its_own_and_each_meeting_draws_its_own(
    qtbot, vault: Vault, light_engine: Pseudonymiser
) -> None:
    from casus.vocabulary.enums import UnitGeneralisation
    from ui.review_dialog import ReviewDialog

    unit = next(u.id for u in OrgUnitService(vault).list() if u.name == "Team Markten")
    case_id = CaseService(vault).create(
        CaseDraft(channel="hr", received="2025-03-04", category="exclusion", org_unit_id=unit,
                  facts="Bij Team Markten werd Femke Zandbergen buitengesloten.",
                  people=[PersonDraft(role="reporter", name="Femke Zandbergen")])
    )  # fmt: skip
    dialog = ReviewDialog(vault, light_engine, case_id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.status.text().startswith(("Nog", "Alle")), timeout=30_000)
    assert dialog.codes_note.isVisible() and "elk overleg" in dialog.codes_note.text()
    dialog.unit_combo.setCurrentIndex(list(UnitGeneralisation).index(UnitGeneralisation.CLUSTER))
    dialog.unit_combo.activated.emit(dialog.unit_combo.currentIndex())
    qtbot.waitUntil(lambda: not dialog.codes_note.isVisible(), timeout=30_000)
