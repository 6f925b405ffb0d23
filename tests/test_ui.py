"""The window, driven offscreen through real widgets."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QAbstractButton, QInputDialog, QLineEdit, QTableView, QWidget

from casus.demo import fill_demo_vault
from casus.services.cases import CaseService
from casus.services.vaults import create_vault
from casus.vault import Vault
from tests.conftest import OTHER_PASSPHRASE, PASSPHRASE
from ui.case_table_model import CaseTableModel
from ui.main_window import MainWindow
from ui.settings import RECENT_VAULT
from ui.start_dialog import StartDialog


@pytest.fixture
def demo_vault(vault: Vault) -> Vault:
    fill_demo_vault(vault, count=40)
    return vault


def answer_save_as(monkeypatch: pytest.MonkeyPatch, answer: Callable[[str], Path | None]) -> None:
    """Every "save as" question (ui.dialogs, the one seam for modal questions) answered by
    `answer(default file name)`."""
    from ui import dialogs

    monkeypatch.setattr(
        dialogs, "choose_export_target", lambda _parent, _title, name, word=False: answer(name)
    )


def unnamed_controls(widget: QWidget) -> list[str]:
    """Visible controls a screen reader could not name."""
    controls = [
        *widget.findChildren(QLineEdit),
        *widget.findChildren(QAbstractButton),
        *widget.findChildren(QTableView),
    ]
    return [type(c).__name__ for c in controls if c.isVisibleTo(widget) and not c.accessibleName()]


def test_unlock_with_wrong_then_right_passphrase(qtbot, vault_path: Path) -> None:
    create_vault(vault_path, PASSPHRASE).close()
    dialog = StartDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.path_edit.setText(str(vault_path))
    dialog.passphrase_edit.setText(OTHER_PASSPHRASE)
    qtbot.mouseClick(dialog.unlock_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.feedback.text() == "De wachtwoordzin klopt niet.", timeout=10_000)
    assert dialog.vault is None
    dialog.passphrase_edit.setText(PASSPHRASE)
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        qtbot.keyClick(dialog.passphrase_edit, Qt.Key.Key_Return)
    assert dialog.vault is not None and dialog.vault.is_open
    assert dialog.passphrase_edit.text() == ""
    assert QSettings().value(RECENT_VAULT.key) == str(vault_path.absolute())
    dialog.vault.close()


def test_start_dialog_controls_have_accessible_names(qtbot) -> None:
    dialog = StartDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    assert unnamed_controls(dialog) == []
    dialog._set_creating(True)
    assert dialog.confirm_edit.isVisible()
    assert dialog.warning.isVisible() and "kan niemand herstellen" in dialog.warning.text()
    dialog.passphrase_edit.setText("kort")
    assert "minstens 15 tekens" in dialog.feedback.text()
    assert dialog.warning.isVisible(), "the warning stays while the user types"
    assert unnamed_controls(dialog) == []
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog.passphrase_edit, Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)  # &Terug
    qtbot.waitUntil(lambda: dialog.unlock_button.isVisible(), timeout=2_000)
    assert not dialog.confirm_edit.isVisible()


def test_main_window_lists_filters_and_locks(qtbot, demo_vault: Vault) -> None:
    window = MainWindow(demo_vault)
    qtbot.addWidget(window)
    window.show()
    assert window.windowTitle() == "Casus"
    assert window.model.rowCount() == 40
    assert window.count_label.text() == "40 casussen"
    assert unnamed_controls(window) == []
    qtbot.keyClicks(window.filter_edit, "DEMO-0001")
    assert window.model.rowCount() == 10  # DEMO-00010 .. DEMO-00019
    assert window.count_label.text() == "10 van 40 casussen"
    window.filter_edit.clear()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    with qtbot.waitSignal(window.locked, timeout=5_000):
        qtbot.keyClick(window.filter_edit, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.model.rowCount() == 0
    assert not demo_vault.is_open
    assert not window.isVisible()


def test_qt_standard_texts_are_dutch(qapp) -> None:
    from PySide6.QtWidgets import QDialogButtonBox

    from ui.app import install_dutch_translations

    translator = install_dutch_translations(qapp)
    try:
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        assert box.button(QDialogButtonBox.StandardButton.Cancel).text().replace("&", "") == "Annuleren"
    finally:
        qapp.removeTranslator(translator)


def test_case_table_model_contract(qtmodeltester, demo_vault: Vault) -> None:
    model = CaseTableModel()
    model.set_rows(CaseService(demo_vault).summaries())
    qtmodeltester.check(model)
    assert model.rowCount() == 40
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Kenmerk"


# -- preparing, meeting mode, idle lock ------------------------------------------------------


def _case_with_people(vault: Vault) -> int:
    from casus.services.cases import CaseDraft, PersonDraft

    return CaseService(vault).create(
        CaseDraft(
            channel="internal_reporting_point",
            received="2025-03-04",
            category="racism",
            grounds=["origin_race"],
            facts="Op 3 maart 2025 zei Pieter Smit tegen Yasmina Amrani dat zij 'terug moest'. Smit ontkent.",
            question="Hoe beschermen we Yasmina?",
            people=[
                PersonDraft(role="reporter", name="Yasmina Amrani"),
                PersonDraft(role="accused", name="Pieter Smit"),
            ],
        )
    )


def test_review_and_release_through_the_window(qtbot, vault: Vault, engine) -> None:
    from casus.vocabulary.enums import CaseStatus
    from ui.review_dialog import ReviewDialog

    case_id = _case_with_people(vault)
    window = MainWindow(vault, engine)
    qtbot.addWidget(window)
    window.show()
    window.table.selectRow(0)
    window.review_action.trigger()
    dialog = window.findChild(ReviewDialog)
    qtbot.waitUntil(lambda: dialog.status.text().startswith("Nog"), timeout=30_000)
    assert not dialog.release_button.isEnabled(), "release waits for a decision on every span"
    page = dialog.pages["facts"]
    assert "Betrokkene B" in page.preview.toPlainText() and "Smit" not in page.preview.toPlainText()
    assert dialog.table.rowCount() >= 4 and unnamed_controls(dialog) == []
    dialog.table.selectRow(0)
    qtbot.keyClick(dialog.table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.table.item(0, 3).text() == "Geaccepteerd"
    qtbot.mouseClick(dialog.accept_all_button, Qt.MouseButton.LeftButton)
    assert dialog.release_button.isEnabled()
    with qtbot.waitSignal(dialog.released):
        qtbot.mouseClick(dialog.release_button, Qt.MouseButton.LeftButton)
    assert CaseService(vault).get(case_id).status is CaseStatus.RELEASED
    assert window.model.data(window.model.index(0, 4)) == "Vrijgegeven voor overleg"
    window.close()


def test_meeting_mode_shows_no_registered_name(qtbot, vault: Vault, engine, corpus_file) -> None:
    import json
    import re

    from casus.importing import import_cases
    from tests.helpers import release
    from ui.meeting_mode import MeetingModeWindow

    import_cases(vault, corpus_file)
    for row in CaseService(vault).summaries()[:12]:
        release(vault, row.id, engine)
    window = MeetingModeWindow(vault, engine)
    qtbot.addWidget(window)
    window.open()
    qtbot.waitUntil(lambda: window.loaded, timeout=60_000)
    assert all(shared.case is not None for shared in window.cases), "the gate passed every case"
    shown = []
    for _ in window.cases:
        shown.append(window.heading.text() + "\n" + window.body.toPlainText())
        qtbot.keyClick(window, Qt.Key.Key_Right)
    window.shut()
    visible = "\n".join(shown)
    assert len(window.cases) == 12 and "Casus 12 van 12" in visible
    references = {row.reference for row in CaseService(vault).summaries()}
    assert not any(reference in visible for reference in references)
    released_ids = {json.loads(line)["id"] for line in corpus_file.read_text("utf-8").splitlines()}
    for case in (json.loads(line) for line in corpus_file.read_text("utf-8").splitlines()):
        assert case["id"] in released_ids
        for person in case["persons"]:
            words = [w for w in re.findall(r"[^\W\d_]+", person["name"]) if len(w) >= 4 and w[0].isupper()]
            for word in [person["name"], *words, person.get("email") or "@@", person.get("phone") or "@@"]:
                assert not re.search(r"(?<!\w)" + re.escape(word) + r"(?!\w)", visible), word


def test_meeting_mode_is_left_only_with_the_passphrase(qtbot, vault: Vault, engine) -> None:
    from ui.meeting_mode import MeetingModeWindow

    window = MeetingModeWindow(vault, engine)
    qtbot.addWidget(window)
    window.open()
    qtbot.waitUntil(lambda: window.loaded, timeout=30_000)
    window.close()
    assert window.isVisible(), "closing without the passphrase is refused"
    for dialog in window.findChildren(QInputDialog):
        dialog.reject()
    window.leave_with(OTHER_PASSPHRASE)
    qtbot.waitUntil(lambda: "klopt niet" in window.hint.text(), timeout=10_000)
    assert window.isVisible()
    with qtbot.waitSignal(window.left, timeout=10_000):
        window.leave_with(PASSPHRASE)
    assert not window.isVisible()


def test_idle_time_locks_and_clears_the_models(qtbot, vault: Vault, engine) -> None:
    fill_demo_vault(vault, count=5)
    window = MainWindow(vault, engine, idle_minutes=0.003)
    qtbot.addWidget(window)
    window.show()
    assert window.model.rowCount() == 5
    with qtbot.waitSignal(window.locked, timeout=5_000):
        pass
    assert window.model.rowCount() == 0 and window.vault is None and not vault.is_open


def test_add_a_case_with_people_and_keep_input_on_an_error(qtbot, vault: Vault, engine) -> None:
    from casus.vocabulary.enums import Role
    from ui.case_editor import CaseEditor

    window = MainWindow(vault, engine)
    qtbot.addWidget(window)
    window.show()
    window.new_action.trigger()
    editor = window.findChild(CaseEditor)
    editor.facts.setPlainText("Tijdens het teamoverleg zei Pieter Smit iets kwetsends tegen Yasmina Amrani.")
    editor.people.item(0, 6).setText("1234567")
    editor.save()
    assert editor.isVisible() and "Naam" in editor.message.text(), "a person without a name is refused"
    assert editor.facts.toPlainText().startswith("Tijdens"), "nothing typed is lost"
    assert editor.tabs.currentIndex() == 1
    editor.people.item(0, 1).setText("Yasmina Amrani")
    row = editor.add_person_row(Role.ACCUSED)
    editor.people.item(row, 1).setText("Pieter Smit")
    with qtbot.waitSignal(editor.saved):
        editor.save()
    assert window.model.rowCount() == 1
    case = CaseService(vault).get(window.model.case_id(0))
    assert sorted(i.name for i in case.involvements) == ["Pieter Smit", "Yasmina Amrani"]
    assert unnamed_controls(editor) == []
    window.close()


def test_filters_by_status_channel_category_and_year(qtbot, demo_vault: Vault, engine) -> None:
    from casus.vocabulary.enums import BehaviourCategory

    window = MainWindow(demo_vault, engine)
    qtbot.addWidget(window)
    rows = CaseService(demo_vault).summaries()
    channel = rows[0].channel
    combo = window.filters.combos["channel"]
    combo.setCurrentIndex(combo.findData(channel))
    assert window.model.rowCount() == sum(r.channel is channel for r in rows)
    year = rows[0].received.year
    years = window.filters.combos["year"]
    years.setCurrentIndex(years.findData(year))
    expected = [r for r in rows if r.channel is channel and r.received.year == year]
    assert window.model.rowCount() == len(expected)
    category = window.filters.combos["category"]
    category.setCurrentIndex(category.findData(BehaviourCategory.OTHER))
    assert window.model.rowCount() == sum(r.category is BehaviourCategory.OTHER for r in expected)
    window.close()


def test_windows_with_identities_ask_to_be_left_out_of_screen_sharing(
    qtbot, vault: Vault, engine, monkeypatch
) -> None:
    import sys

    import ui.screen_capture as capture
    from ui.meeting_mode import MeetingModeWindow

    asked: list[int] = []
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(capture, "_set_affinity", lambda handle, affinity: asked.append(affinity) or True)
    case_id = _case_with_people(vault)
    window = MainWindow(vault, engine)
    qtbot.addWidget(window)
    window.edit_case(case_id)
    window.table.selectRow(0)
    window.review_selected()
    assert asked == [capture.WDA_EXCLUDEFROMCAPTURE] * 3, "main window, editor and review"
    meeting = MeetingModeWindow(vault, engine)
    qtbot.addWidget(meeting)
    assert len(asked) == 3, "meeting mode stays shareable"
    qtbot.waitUntil(lambda: meeting.loaded, timeout=30_000)
    meeting.shut()
    window.close()


def test_what_casus_copies_leaves_the_clipboard(qtbot) -> None:
    from PySide6.QtWidgets import QApplication

    from ui.clipboard_guard import ClipboardGuard

    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.applicationState() == Qt.ApplicationState.ApplicationActive)
    guard = ClipboardGuard(clear_after_ms=50)
    QApplication.clipboard().setText("06-12345678")
    qtbot.waitUntil(lambda: QApplication.clipboard().text() == "", timeout=3_000)
    guard.deleteLater()


def test_qt_bindings_keep_the_reference_count_of_none(qtbot) -> None:
    """PySide6 6.12.0 on Python 3.11 lost a reference to None on every void call, which ends
    a working session in a fatal error; pyproject.toml excludes it. (Python 3.12+ has an
    immortal None, where this cannot happen.)"""
    import sys

    from PySide6.QtWidgets import QLabel

    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for _ in range(1_000):
        label.setText("x")
    assert sys.getrefcount(None) - before > -100


def test_organisation_units_are_edited_and_found_by_the_pseudonymiser(qtbot, vault: Vault, engine) -> None:
    from casus.identify.catalogue import units_from_rows
    from casus.services.org_units import OrgUnitService
    from ui.org_units_dialog import OrgUnitsDialog

    window = MainWindow(vault, engine)
    qtbot.addWidget(window)
    window.units_action.trigger()
    dialog = window.findChild(OrgUnitsDialog)
    assert unnamed_controls(dialog) == []
    team = next(r for r in OrgUnitService(vault).list() if r.name == "Team Leerplicht")
    dialog.reload(select=team.id)
    dialog.abbreviations.setText("LPL, RMC")
    dialog.headcount.setValue(38)
    dialog.save()
    assert dialog.message.text() == "Opgeslagen."
    saved = next(r for r in OrgUnitService(vault).list() if r.id == team.id)
    assert saved.abbreviations == ("LPL", "RMC") and saved.headcount == 38
    units = engine.with_units(units_from_rows(OrgUnitService(vault).list()))
    from casus.pseudonymise import CaseInput, UnitCodeBook

    text = (
        units.pseudonymise(CaseInput("T", (), {"n": "Zij werkt bij RMC."}), UnitCodeBook(b"k" * 32))
        .fields["n"]
        .text
    )
    assert "RMC" not in text
    dialog.reload(select=team.parent_id)
    dialog.delete()
    assert "in gebruik" in dialog.message.text(), "a unit with teams is not removed"
    window.close()


def test_interventions_and_repair_advice_in_the_case_editor(qtbot, vault: Vault) -> None:
    from casus.vocabulary.enums import InterventionStatus, RepairType
    from ui.case_editor import CaseEditor

    case_id = _case_with_people(vault)
    editor = CaseEditor(vault, case_id)
    qtbot.addWidget(editor)
    page = editor.interventions
    page.new_intervention_note.setText("Gesprek gepland")
    page._add_intervention()
    page.new_repair.setCurrentIndex(page.new_repair.findData(RepairType.TEAM_SESSION))
    page._add_repair()
    status = page.interventions.cellWidget(0, 1)
    status.setCurrentIndex(status.findData(InterventionStatus.DONE))
    status.activated.emit(status.currentIndex())
    case = CaseService(vault).get(case_id)
    assert (
        case.interventions[0].status is InterventionStatus.DONE
        and case.interventions[0].note == "Gesprek gepland"
    )
    assert case.repair_advice[0].type is RepairType.TEAM_SESSION
    assert page.repairs.rowCount() == 1 and page.message.text() == ""


def test_unlocking_returns_to_where_the_user_was(qtbot, demo_vault: Vault, engine) -> None:
    window = MainWindow(demo_vault, engine)
    qtbot.addWidget(window)
    year = window.filters.combos["year"]
    year.setCurrentIndex(1)
    window.table.selectRow(2)
    chosen = window.selected_case_id()
    window.lock()
    assert window.model.rowCount() == 0
    state = window.last_view_state
    reopened = MainWindow(Vault.open(demo_vault.path, PASSPHRASE), engine)
    qtbot.addWidget(reopened)
    reopened.restore_view_state(state)
    assert reopened.filters.combos["year"].currentIndex() == 1
    assert reopened.selected_case_id() == chosen
    reopened.close()


def test_the_session_locking_or_sleeping_locks_the_vault(qtbot, vault: Vault, engine) -> None:
    from ui.session_watch import (
        PBT_APMSUSPEND,
        WM_POWERBROADCAST,
        WM_WTSSESSION_CHANGE,
        WTS_SESSION_LOCK,
        locks_session,
    )

    assert locks_session(WM_WTSSESSION_CHANGE, WTS_SESSION_LOCK) and locks_session(
        WM_POWERBROADCAST, PBT_APMSUSPEND
    )
    assert not locks_session(WM_WTSSESSION_CHANGE, 0x8)  # unlock
    window = MainWindow(vault, engine)
    qtbot.addWidget(window)
    window.session_watch.going_to_sleep(False)
    assert window.vault is not None, "waking up locks nothing"
    with qtbot.waitSignal(window.locked):
        window.session_watch.screensaver(True)
    assert window.vault is None and not vault.is_open


def test_backup_from_the_window_runs_in_the_background(qtbot, vault: Vault, engine) -> None:
    """The passphrase is asked (the backup's own key is derived from it), then the backup is
    made off the GUI thread; a wrong passphrase is said in Dutch and makes nothing."""
    from tests.conftest import PASSPHRASE

    window = MainWindow(vault, engine)
    qtbot.addWidget(window)
    window.backup_action.trigger()
    dialog = window.backup_dialog
    assert dialog.isVisible() and dialog.textEchoMode() == QLineEdit.EchoMode.Password
    dialog.setTextValue("niet de goede wachtwoordzin")
    dialog.accept()
    qtbot.waitUntil(lambda: "wachtwoord" in window.statusBar().currentMessage().lower(), timeout=10_000)
    assert vault.backups.list() == []
    window.backup_action.trigger()
    window.backup_dialog.setTextValue(PASSPHRASE)
    window.backup_dialog.accept()
    qtbot.waitUntil(
        lambda: window.statusBar().currentMessage().startswith("Reservekopie gemaakt"), timeout=10_000
    )
    assert len(vault.backups.list()) == 1 and window.backup_action.isEnabled()
    made = vault.backups.list()[0]
    assert f"in de map {made.parent}" in window.statusBar().currentMessage(), "says where, not only what"
    window.close()


def test_demo_vault_has_released_cases_for_meeting_mode(qtbot, tmp_path: Path) -> None:
    from casus.pseudonymise import Pseudonymiser
    from casus.pseudonymise.replacement import UnitCodeBook
    from casus.services.meeting_view import MeetingViewService
    from casus.services.meetings import MeetingService
    from casus.vocabulary.enums import CaseStatus
    from ui.app import create_demo_vault

    vault = create_demo_vault(tmp_path / "demo" / "demo.casus")
    try:
        assert len(CaseService(vault).summaries(status=CaseStatus.RELEASED)) == 5
        today, earlier = MeetingService(vault).summaries()
        # Its own five and a case card P&O brought; one action carried over.
        assert (today.items, today.open_actions, earlier.items) == (6, 1, 0)
        [card] = [e for e in MeetingService(vault).get(today.id).agenda if e.card_id is not None]
        assert (
            MeetingViewService(vault, Pseudonymiser(()))
            .agenda_view(None, card.card_id, UnitCodeBook(b"k" * 32))
            .brought_by
            == "P&O"
        )
    finally:
        vault.close()


def test_an_uncaught_error_shows_dutch_words_and_no_traceback(qtbot, monkeypatch, capsys) -> None:
    import ui.crash_guard as crash_guard
    from ui import dialogs

    shown: list[str] = []
    monkeypatch.setattr(dialogs, "show_error", lambda _parent, text: shown.append(text))
    try:
        raise ValueError("Yasmina Amrani")
    except ValueError as error:
        crash_guard._hook(ValueError, error, error.__traceback__)
    assert shown and "Yasmina" not in shown[0] and "onverwachts" in shown[0]
    assert capsys.readouterr().err == ""


def test_the_review_lists_what_may_still_identify_apart_and_decides_it_from_the_keyboard(
    qtbot, vault: Vault, light_engine
) -> None:
    """The second line's proposals ("Mogelijk herleidbaar") in a list of their own; rejecting
    one keeps an ordinary word, accepting another replaces it; release then passes."""
    from casus.services.cases import CaseDraft, PersonDraft
    from casus.vocabulary.enums import CaseStatus
    from ui.review_dialog import ReviewDialog

    case_id = CaseService(vault).create(
        CaseDraft(channel="hr", received="2025-03-04", category="exclusion",
                  facts="Yasmina Amrani werkt sinds maart met Oyelaran bij de Koffiehoek van de kantine.",
                  people=[PersonDraft(role="reporter", name="Yasmina Amrani")])
    )  # fmt: skip
    dialog = ReviewDialog(vault, light_engine, case_id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.status.text().startswith("Nog"), timeout=30_000)
    listed = [dialog.residual_table.item(r, 1).text() for r in range(dialog.residual_table.rowCount())]
    assert "Oyelaran" in listed and "Yasmina Amrani" not in listed
    assert dialog.residual_table.accessibleName() == "Mogelijk herleidbaar" and unnamed_controls(dialog) == []
    row = listed.index("Oyelaran")
    dialog.residual_table.setFocus()
    dialog.residual_table.selectRow(row)
    qtbot.keyClick(dialog.residual_table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.residual_table.item(row, 3).text() == "Geaccepteerd"
    for other in range(dialog.residual_table.rowCount()):  # the rest are ordinary words: keep
        if dialog.residual_table.item(other, 3).text() != "Geaccepteerd":
            dialog.residual_table.selectRow(other)
            qtbot.keyClick(dialog.residual_table, Qt.Key.Key_Backspace, Qt.KeyboardModifier.ControlModifier)
    dialog.table.selectAll()
    qtbot.keyClick(dialog.table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.release_button.isEnabled()
    with qtbot.waitSignal(dialog.released):
        qtbot.mouseClick(dialog.release_button, Qt.MouseButton.LeftButton)
    assert CaseService(vault).get(case_id).status is CaseStatus.RELEASED
    assert "Oyelaran" not in dialog.pages["facts"].preview.toPlainText()


def test_a_second_demo_gets_its_own_vault_and_leaves_the_first_open_one_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import ui.app as app

    monkeypatch.setattr(app, "demo_root", lambda: tmp_path / "demo")
    first = app.create_demo_vault()
    second = app.create_demo_vault()
    try:
        assert first.path != second.path and first.path.exists() and second.path.exists()
        assert CaseService(first).summaries(), "the first instance's vault still works"
    finally:
        first.close()
    app.remove_unused_demo_vaults()
    assert not first.path.exists(), "a closed demo vault is removed the next time"
    assert second.path.exists(), "an open one never"
    second.close()


def test_a_missing_system_library_is_named_in_one_dutch_line_before_qt_starts(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import ctypes

    import ui.app as app
    from ui import system_libraries

    loader = ctypes.CDLL

    def without_cursor(name: str, *args: object, **kwargs: object) -> object:
        if name in ("libxcb-cursor.so.0", "libxcb-icccm.so.4"):
            raise OSError(f"{name}: cannot open shared object file")
        return loader(name, *args, **kwargs)

    monkeypatch.setattr(system_libraries.ctypes, "CDLL", without_cursor)
    monkeypatch.setattr(system_libraries.sys, "platform", "linux")
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    assert app.run(["--demo"]) == 1
    said = capsys.readouterr().err.strip()
    assert (
        len(said.splitlines()) == 1
        and "libxcb-cursor0 libxcb-icccm4" in said
        and "installeer" in said.lower()
    )
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    assert system_libraries.missing_message() is None, "offscreen needs no X11 libraries"


def test_a_setting_out_of_bounds_or_of_the_wrong_type_reads_as_its_default(qtbot) -> None:
    """Settings are declared once (ui/settings.py); a hand-edited settings file cannot make
    the lock wait zero minutes or a year."""
    from ui import settings

    for stored in ("0", "-5", "100000", "tien", ""):
        QSettings().setValue(settings.IDLE_MINUTES.key, stored)
        assert settings.get(settings.IDLE_MINUTES) == settings.IDLE_MINUTES.default, stored
    settings.put(settings.IDLE_MINUTES, 25)
    assert settings.get(settings.IDLE_MINUTES) == 25
    QSettings().remove(settings.IDLE_MINUTES.key)


def test_ctrl_l_locks_from_any_dialog(qtbot, vault_path: Path) -> None:
    """The lock is for the moment someone walks up to the desk: it works from every window and
    dialog as from the list (the case editor, the meeting screen and the report once swallowed it)."""
    from PySide6.QtTest import QTest

    from casus.pseudonymise import Pseudonymiser

    with create_vault(vault_path, PASSPHRASE) as made:
        fill_demo_vault(made, count=2)
    opening = {
        "editor": lambda w: w.edit_case(None),
        "meeting_screen": lambda w: w.open_meeting_screen(),
        "report_dialog": lambda w: w.open_report(),
        "units_dialog": lambda w: w.edit_units(),
        "review_dialog": lambda w: w.review_case(w.selected_case_id()),
        "meeting_window": lambda w: w.open_meeting_mode(),
        "parties_dialog": lambda w: w.edit_parties(),
    }
    for screen, open_it in opening.items():
        vault = Vault.open(vault_path, PASSPHRASE)
        window = MainWindow(vault, Pseudonymiser((), deduce_loader=None))
        qtbot.addWidget(window)
        window.show()
        open_it(window)
        dialog = getattr(window, screen)
        qtbot.waitUntil(dialog.isVisible)
        QTest.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda vault=vault: not vault.is_open, timeout=5_000)
        assert not dialog.isVisible(), screen


def test_closing_the_case_editor_with_changes_asks_and_ctrl_s_saves(qtbot, monkeypatch, vault: Vault) -> None:
    """Esc once discarded typed facts without a word. Now: unchanged closes at once; changed
    asks Opslaan / Niet opslaan / Annuleren; Ctrl+S saves."""
    from PySide6.QtTest import QTest

    from ui import dialogs
    from ui.case_editor import CaseEditor

    fill_demo_vault(vault, count=2)
    case_id = CaseService(vault).summaries()[0].id
    before = CaseService(vault).get(case_id).facts
    answers: list[dialogs.SaveAnswer] = []

    def answer(_parent: object) -> dialogs.SaveAnswer:
        return answers.pop(0)

    monkeypatch.setattr(dialogs, "ask_save_changes", answer)
    editor = CaseEditor(vault, case_id)
    qtbot.addWidget(editor)
    editor.show()
    editor.reject()
    assert not editor.isVisible(), "nothing changed: closed without a question"

    editor = CaseEditor(vault, case_id)
    qtbot.addWidget(editor)
    editor.show()
    editor.facts.appendPlainText("Aanvulling van de casushouder.")
    answers[:] = [dialogs.SaveAnswer.CANCEL, dialogs.SaveAnswer.DISCARD]
    QTest.keyClick(editor, Qt.Key.Key_Escape)
    assert editor.isVisible() and "Aanvulling" in editor.facts.toPlainText(), "Annuleren keeps it"
    editor.reject()
    assert not editor.isVisible() and CaseService(vault).get(case_id).facts == before

    editor = CaseEditor(vault, case_id)
    qtbot.addWidget(editor)
    editor.show()
    editor.facts.appendPlainText("Aanvulling van de casushouder.")
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)
    QTest.keyClick(editor.facts, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not editor.isVisible() and "Aanvulling" in CaseService(vault).get(case_id).facts


def test_removing_a_person_asks_naming_them_and_annuleren_brings_them_back(
    qtbot, monkeypatch, vault: Vault
) -> None:
    """ "Persoon verwijderen" once deleted at once and Annuleren did not bring the person back."""
    from ui import dialogs
    from ui.case_editor import CaseEditor

    fill_demo_vault(vault, count=1)
    case_id = CaseService(vault).summaries()[0].id
    people = [p.name for p in CaseService(vault).get(case_id).involvements]
    asked: list[str] = []
    monkeypatch.setattr(dialogs, "confirm", lambda _parent, _title, text: asked.append(text) or True)
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda _parent: dialogs.SaveAnswer.DISCARD)
    editor = CaseEditor(vault, case_id)
    qtbot.addWidget(editor)
    editor.show()
    editor.people.setCurrentCell(1, 1)
    editor.people_table.remove_current()
    assert asked and people[1] in asked[0], "the question names who goes"
    assert editor.people.rowCount() == len(people) - 1
    assert [p.name for p in CaseService(vault).get(case_id).involvements] == people, "not before Opslaan"
    editor.reject()  # Annuleren, Niet opslaan
    assert [p.name for p in CaseService(vault).get(case_id).involvements] == people

    editor = CaseEditor(vault, case_id)
    qtbot.addWidget(editor)
    editor.show()
    editor.people.setCurrentCell(1, 1)
    editor.people_table.remove_current()
    editor.save()
    assert [p.name for p in CaseService(vault).get(case_id).involvements] == [people[0], *people[2:]]


def test_from_the_filter_field_down_enter_and_ctrl_e_reach_the_list(qtbot, vault: Vault) -> None:
    """Focus sits in the filter at start and after saving; there Ctrl+E and Enter did nothing,
    and after clearing a filter no row was chosen."""
    from PySide6.QtTest import QTest

    from casus.pseudonymise import Pseudonymiser

    fill_demo_vault(vault, count=6)
    window = MainWindow(vault, Pseudonymiser(()))
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    field = window.filter_edit
    field.setFocus()
    QTest.keyClicks(field, "zzzz")  # matches nothing
    assert window.model.rowCount() == 0
    field.clear()
    assert window.selected_case_id() is not None, "a row is chosen again"
    QTest.keyClick(field, Qt.Key.Key_Down)
    assert window.table.hasFocus()
    for keys in (
        (Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier),
    ):
        field.setFocus()
        QTest.keyClick(field, *keys)
        editor = window.editor
        assert editor is not None and editor.isVisible() and editor.case_id == window.selected_case_id()
        editor.done(0)


def test_every_window_opens_within_the_screen(qtbot, vault: Vault) -> None:
    """A window that opens larger than the screen hides its buttons below the edge (1366×768
    laptops, 200% scaling). The offscreen screen here is smaller still; every window fits."""
    from PySide6.QtGui import QGuiApplication

    from casus.pseudonymise import Pseudonymiser
    from ui.case_editor import CaseEditor
    from ui.org_units_dialog import OrgUnitsDialog
    from ui.review_dialog import ReviewDialog

    fill_demo_vault(vault, count=2)
    room = QGuiApplication.primaryScreen().availableGeometry()
    case_id = CaseService(vault).summaries()[0].id
    pseudonymiser = Pseudonymiser(())
    window = MainWindow(vault, pseudonymiser)
    qtbot.addWidget(window)
    opened = [window, CaseEditor(vault, case_id, window), OrgUnitsDialog(vault, window)]
    review = ReviewDialog(vault, pseudonymiser, case_id, window)
    opened.append(review)
    for widget in opened:
        assert widget.width() <= room.width() and widget.height() <= room.height(), (
            type(widget).__name__,
            widget.width(),
            widget.height(),
            room.width(),
            room.height(),
        )
    qtbot.waitUntil(lambda: bool(review.reviews), timeout=30_000)  # its worker is done
