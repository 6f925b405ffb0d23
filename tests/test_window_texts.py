"""What the windows say when something comes to nothing (issue 13, minor points): a filter
that matches nothing, a refused unit, a question whose title the window manager cut."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

from casus.demo import fill_demo_vault
from casus.pseudonymise import Pseudonymiser
from casus.vault import Vault
from casus.vocabulary.enums import CaseStatus
from ui.case_list import nothing_found
from ui.widgets import ERROR_STYLE


def test_a_filter_that_matches_nothing_says_what_and_how_to_clear_it(qtbot, vault: Vault) -> None:
    from ui.main_window import MainWindow

    fill_demo_vault(vault, count=5)
    window = MainWindow(vault, Pseudonymiser((), deduce_loader=None))
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    assert not window.case_list.nothing_found.isVisible()
    window.filter_edit.setFocus()
    QTest.keyClicks(window.filter_edit, "qqq")
    message = window.case_list.nothing_found
    assert message.isVisible()
    assert message.text() == "Geen casus past bij ‘qqq’. Esc wist de zoektekst om alle casussen te zien."
    QTest.keyClick(window.filter_edit, Qt.Key.Key_Escape)
    assert window.filter_edit.text() == "" and window.model.rowCount() == 5 and not message.isVisible()
    status = window.filters.combos["status"]
    status.setCurrentIndex(status.findData(CaseStatus.DISCUSSED))
    assert message.isVisible() and "status: Besproken" in message.text() and "Kies ‘Alle’" in message.text()
    window.close()


def test_the_message_names_text_and_filters_together() -> None:
    said = nothing_found("  pesten ", ["kanaal: P&O", "jaar: 2024"])
    assert said == (
        "Geen casus past bij ‘pesten’ en kanaal: P&O en jaar: 2024. "
        "Esc wist de zoektekst en kies ‘Alle’ in de filters om alle casussen te zien."
    )


def test_a_refused_unit_is_said_in_red_with_the_cursor_in_its_field(qtbot, vault: Vault) -> None:
    from ui.org_units_dialog import OrgUnitsDialog

    dialog = OrgUnitsDialog(vault)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    team = next(
        item
        for item in dialog.tree.findItems("Team", Qt.MatchFlag.MatchStartsWith | Qt.MatchFlag.MatchRecursive)
    )
    dialog.tree.setCurrentItem(team)
    dialog.name.clear()
    dialog.abbreviations.setFocus()
    dialog.save()
    assert dialog.message.text().startswith("Niet opgeslagen.")
    assert dialog.message.styleSheet() == ERROR_STYLE
    assert dialog.name.hasFocus(), "the cursor where the fault is"
    dialog.name.setText("Team Stadsarchief")
    dialog.save()
    assert dialog.message.text() == "Opgeslagen." and dialog.message.styleSheet() == ""
    dialog.close()


def test_a_passphrase_question_is_wide_enough_for_its_title(qtbot) -> None:
    from ui import dialogs

    parent = QWidget()
    qtbot.addWidget(parent)
    title = "Vergadermodus verlaten"
    question = dialogs.ask_passphrase(
        parent, title, "Wachtwoordzin van de kluis:", "Wachtwoordzin", lambda _: None
    )
    assert question.width() >= question.fontMetrics().horizontalAdvance(title) + dialogs.TITLE_BAR_EXTRA
    question.reject()
    qtbot.waitUntil(lambda: not question.isVisible())


def test_the_start_dialog_offers_the_locked_vault_and_the_recent_ones_whole(qtbot, tmp_path) -> None:
    """After Ctrl+L the vault field was empty (the demo vault was never chosen in the dialog,
    and lives in a hidden folder), and a long path showed as "s/demo/demo.casus"."""
    from ui import settings
    from ui.start_dialog import PATH_ROW_EXTRA, StartDialog

    for key in (settings.RECENT_VAULT.key, settings.RECENT_VAULTS.key):
        QSettings().remove(key)  # what earlier tests opened
    first = tmp_path / "een map met een lange naam" / "voor het overleg" / "integriteit.casus"
    second = tmp_path / "p-en-o.casus"
    for path in (first, second, first):
        settings.remember_vault(str(path))
    assert settings.recent_vaults() == [str(first), str(second)], "newest first, each once"

    dialog = StartDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.path_edit.text() == str(first)
    listed = [dialog.recent.itemText(n) for n in range(1, dialog.recent.count())]
    assert listed == [str(first), str(second)] and dialog.recent.isVisible()
    path_width = dialog.path_edit.fontMetrics().horizontalAdvance(str(first))
    room = dialog.screen().availableGeometry().width() - 40
    assert dialog.width() >= min(path_width + PATH_ROW_EXTRA, room), (
        "as wide as the whole path, within the screen"
    )
    dialog.recent.setCurrentIndex(2)
    dialog.recent.activated.emit(2)
    assert dialog.path_edit.text() == str(second) and dialog.focusWidget() is dialog.passphrase_edit
    dialog.reject()

    locked = tmp_path / "verborgen" / ".local" / "demo.casus"
    again = StartDialog(path=str(locked))
    qtbot.addWidget(again)
    assert again.path_edit.text() == str(locked), "the vault just locked is offered first"
    again.reject()
    QSettings().remove(settings.RECENT_VAULT.key)
    QSettings().remove(settings.RECENT_VAULTS.key)
