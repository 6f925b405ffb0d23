"""The window, driven offscreen through real widgets."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QAbstractButton, QLineEdit, QTableView, QWidget

from casus.demo import fill_demo_vault
from casus.services.cases import CaseService
from casus.vault import Vault
from tests.conftest import OTHER_PASSPHRASE, PASSPHRASE
from ui.case_table_model import CaseTableModel
from ui.main_window import MainWindow
from ui.start_dialog import RECENT_KEY, StartDialog


@pytest.fixture
def demo_vault(vault: Vault) -> Vault:
    fill_demo_vault(vault, count=40)
    return vault


def unnamed_controls(widget: QWidget) -> list[str]:
    """Visible controls a screen reader could not name."""
    controls = [
        *widget.findChildren(QLineEdit),
        *widget.findChildren(QAbstractButton),
        *widget.findChildren(QTableView),
    ]
    return [type(c).__name__ for c in controls if c.isVisibleTo(widget) and not c.accessibleName()]


def test_unlock_with_wrong_then_right_passphrase(qtbot, vault_path: Path) -> None:
    Vault.create(vault_path, PASSPHRASE).close()
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
    assert QSettings().value(RECENT_KEY) == str(vault_path.absolute())
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
    assert window.proxy.rowCount() == 40
    assert window.count_label.text() == "40 casussen"
    assert unnamed_controls(window) == []
    qtbot.keyClicks(window.filter_edit, "DEMO-0001")
    assert window.proxy.rowCount() == 10  # DEMO-00010 .. DEMO-00019
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
