"""Editing the people of a case in place, and undoing every change of the editor.

Issue 13 item 4: people in a case could not be edited, "Persoon verwijderen" deleted at once,
and Annuleren did not bring anyone back.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from casus.errors import ValidationError
from casus.pseudonymise import Pseudonymiser
from casus.services.cases import CaseDraft, CaseService, PeopleChanges, PersonDraft
from casus.vault import Vault
from casus.vocabulary.enums import CaseStatus, Role
from tests.helpers import release


def _case(vault: Vault, facts: str, *people: PersonDraft) -> int:
    return CaseService(vault).create(
        CaseDraft(channel="hr", received="2025-02-11", category="bullying", facts=facts, people=list(people))
    )


def _people(vault: Vault, case_id: int) -> list[tuple[str, Role, str, str | None, str | None]]:
    return [
        (p.key, p.role, p.name, p.function, p.email) for p in CaseService(vault).get(case_id).involvements
    ]


def test_a_person_is_corrected_in_place_and_keeps_their_key(vault: Vault) -> None:
    case_id = _case(
        vault,
        "Noortje Wassenaar werd gepest door Harm Elzinga.",
        PersonDraft(role="reporter", name="Noortje Wasenaar", function="Beleidsmedewerker"),
        PersonDraft(role="accused", name="Harm Elzinga"),
    )
    service = CaseService(vault)
    first = service.get(case_id).involvements[0]
    service.update_person(
        case_id,
        first.id,
        PersonDraft(role="reporter", name="Noortje Wassenaar", function="Senior beleidsmedewerker",
                    email="n.wassenaar@example.org", salary_scale="10"),
    )  # fmt: skip
    corrected = service.get(case_id).involvements[0]
    assert (corrected.id, corrected.key) == (first.id, first.key), "Melder A stays Melder A"
    assert (corrected.name, corrected.function, corrected.email, corrected.salary_scale) == (
        "Noortje Wassenaar", "Senior beleidsmedewerker", "n.wassenaar@example.org", 10
    )  # fmt: skip


def test_the_editors_changes_are_saved_all_or_nothing(vault: Vault) -> None:
    case_id = _case(
        vault,
        "Sander Holtkamp maakte opmerkingen over Ayşe Korkmaz.",
        PersonDraft(role="reporter", name="Ayşe Korkmaz"),
        PersonDraft(role="accused", name="Sander Holtkamp"),
        PersonDraft(role="witness", name="Lieke Brandsma"),
    )
    service = CaseService(vault)
    before = _people(vault, case_id)
    facts = service.get(case_id).facts
    involvements = service.get(case_id).involvements
    draft = CaseDraft(channel="hr", received="2025-02-11", category="bullying", facts=facts + " Aangevuld.")
    changes = PeopleChanges(
        changed={involvements[0].id: PersonDraft(role="reporter", name="Ayşe Korkmaz", email="geen adres")},
        removed=(involvements[2].id,),
        added=(PersonDraft(role="witness", name="Joost Verbeek"),),
    )
    with pytest.raises(ValidationError) as refused:
        service.update(case_id, draft, changes)
    assert refused.value.field == "email"
    assert _people(vault, case_id) == before and service.get(case_id).facts == facts, "nothing changed"

    fixed = PeopleChanges(
        changed={
            involvements[0].id: PersonDraft(
                role="reporter", name="Ayşe Korkmaz", email="a.korkmaz@example.org"
            )
        },
        removed=changes.removed,
        added=changes.added,
    )
    (added,) = service.update(case_id, draft, fixed)
    after = service.get(case_id)
    assert [p.name for p in after.involvements] == ["Ayşe Korkmaz", "Sander Holtkamp", "Joost Verbeek"]
    assert after.involvements[0].email == "a.korkmaz@example.org" and after.involvements[2].id == added
    assert after.facts.endswith("Aangevuld.")
    assert len({p.key for p in after.involvements}) == 3


def test_a_corrected_name_is_the_persons_own_and_every_case_of_theirs_is_reviewed_again(
    vault: Vault, light_engine: Pseudonymiser
) -> None:
    """One person, two cases (matched on the employee number): the correction holds in both,
    and the other case's release goes, since its texts were checked against the old name."""
    person = PersonDraft(role="accused", name="Wim Brakel", employee_number="884412")
    one = _case(
        vault, "Wim Brakel negeerde de melder.", PersonDraft(role="reporter", name="Dana Kroes"), person
    )
    other = _case(
        vault, "Wim Brakel schold een collega uit.", PersonDraft(role="reporter", name="Omar Tahiri"), person
    )
    release(vault, other, light_engine)
    service = CaseService(vault)
    accused = service.get(one).involvements[1]
    service.update_person(
        one, accused.id, PersonDraft(role="accused", name="Willem Brakel", employee_number="884412")
    )
    assert service.get(other).involvements[1].name == "Willem Brakel"
    assert service.get(other).status is not CaseStatus.RELEASED


def test_an_involvement_of_another_case_cannot_be_edited_or_removed_through_this_one(vault: Vault) -> None:
    one = _case(vault, "", PersonDraft(role="reporter", name="Karin Lubbers"))
    other = _case(vault, "", PersonDraft(role="reporter", name="Tess Hoogeveen"))
    foreign = CaseService(vault).get(other).involvements[0].id
    for changes in (
        PeopleChanges(removed=(foreign,)),
        PeopleChanges(changed={foreign: PersonDraft("witness", "X")}),
    ):
        with pytest.raises(Exception) as refused:
            CaseService(vault).change_people(one, changes)
        assert "Tess" not in str(refused.value)
    assert _people(vault, other)[0][2] == "Tess Hoogeveen"


def _people_tab(qtbot, vault: Vault, case_id: int):
    """The case editor, active, on its Personen tab."""
    from ui.case_editor import CaseEditor

    editor = CaseEditor(vault, case_id)
    qtbot.addWidget(editor)
    editor.show()
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)
    editor.tabs.setCurrentIndex(1)
    return editor


def _edit_cell(qtbot, editor, row: int, column: int, text: str, commit: bool = True) -> None:
    """As a user does: the cell made current, F2, select all, type, Enter."""
    table = editor.people
    table.setFocus()
    table.setCurrentCell(row, column)
    QTest.keyClick(table, Qt.Key.Key_F2)
    line = QApplication.focusWidget()
    assert line is not None and line is not table and table.isAncestorOf(line), "an editor opened in the cell"
    QTest.keyClick(line, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(line, text)
    if commit:
        QTest.keyClick(line, Qt.Key.Key_Return)
        qtbot.wait(1)  # the delegate commits on a queued call


def test_the_case_editor_edits_a_stored_person_with_the_keyboard(qtbot, vault: Vault) -> None:

    case_id = _case(
        vault,
        "Rutger Manders passeerde Sevda Aydın bij de promotie.",
        PersonDraft(role="reporter", name="Sevda Aydin", function="Jurist"),
        PersonDraft(role="accused", name="Rutger Manders"),
    )
    editor = _people_tab(qtbot, vault, case_id)
    _edit_cell(qtbot, editor, 0, 1, "Sevda Aydin-Kaya")
    _edit_cell(qtbot, editor, 0, 2, "Senior jurist")
    role = editor.people.cellWidget(1, 0)
    assert role.isEnabled(), "a stored person's role can be changed"
    role.setCurrentIndex(role.findData(Role.MANAGER))
    assert editor.changed
    editor.save()
    people = CaseService(vault).get(case_id).involvements
    assert (people[0].name, people[0].function) == ("Sevda Aydin-Kaya", "Senior jurist")
    assert people[1].role is Role.MANAGER


def test_a_refused_person_value_puts_the_cursor_in_its_cell_and_stores_nothing(qtbot, vault: Vault) -> None:
    case_id = _case(vault, "", PersonDraft(role="reporter", name="Mirjam Oosting"),
                    PersonDraft(role="witness", name="Koen Dijkgraaf"))  # fmt: skip
    editor = _people_tab(qtbot, vault, case_id)
    _edit_cell(qtbot, editor, 1, 4, "koen@")
    _edit_cell(qtbot, editor, 0, 2, "Teamleider")
    editor.save()
    assert editor.isVisible() and editor.message.text().startswith("Niet opgeslagen.")
    assert (editor.people.currentRow(), editor.people.currentColumn()) == (1, 4)
    assert [p.function for p in CaseService(vault).get(case_id).involvements] == [None, None]
    editor.done(0)  # leave without the unsaved-changes question


def test_annuleren_undoes_every_change_of_the_editor_to_its_people(qtbot, monkeypatch, vault: Vault) -> None:
    from ui import dialogs

    case_id = _case(
        vault,
        "",
        PersonDraft(role="reporter", name="Hanneke Stoel"),
        PersonDraft(role="accused", name="Frits Wubben"),
        PersonDraft(role="witness", name="Gerda Mulder"),
    )
    before = _people(vault, case_id)
    monkeypatch.setattr(dialogs, "confirm", lambda *_args: True)
    asked: list[bool] = []
    monkeypatch.setattr(
        dialogs, "ask_save_changes", lambda _p: asked.append(True) or dialogs.SaveAnswer.DISCARD
    )
    editor = _people_tab(qtbot, vault, case_id)
    _edit_cell(qtbot, editor, 0, 1, "Hanneke van der Stoel")
    editor.people.setCurrentCell(2, 1)
    editor.people_table.remove_current()
    editor.people_table.add_row(Role.WITNESS, ("Jelle Bosma",))
    editor.reject()
    assert asked, "the editor asked before discarding"
    assert _people(vault, case_id) == before


def test_ctrl_s_straight_after_typing_in_a_cell_saves_what_was_typed(qtbot, vault: Vault) -> None:

    case_id = _case(vault, "", PersonDraft(role="reporter", name="Bas Kloosterman"))
    editor = _people_tab(qtbot, vault, case_id)
    _edit_cell(qtbot, editor, 0, 2, "Adviseur", commit=False)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not editor.isVisible()
    assert CaseService(vault).get(case_id).involvements[0].function == "Adviseur"
