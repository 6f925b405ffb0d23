"""A window is freed when its last reference goes, not later by the cycle collector (a defect
found in this issue: the case editor's outcome tab held a callback to the editor, the Casus
menu's actions held the main window, and the collector deleted those Qt objects at random
moments, once in the middle of another window's database call, which crashed the process).
So no part of a window may hold the window by a strong Python reference."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Callable

import pytest
from PySide6.QtWidgets import QWidget

from casus.pseudonymise import Pseudonymiser
from casus.services.cases import CaseDraft, CaseService
from casus.vault import Vault


def _freed_without_the_collector(make: Callable[[], QWidget]) -> bool:
    gc.collect()
    gc.disable()
    try:
        window = make()
        window.show()
        window.hide()
        alive = weakref.ref(window)
        del window
        return alive() is None
    finally:
        gc.enable()


@pytest.mark.parametrize("which", ["case editor", "report"])
def test_a_window_is_freed_by_its_last_reference(
    qtbot, vault: Vault, light_engine: Pseudonymiser, which: str
) -> None:
    from ui.case_editor import CaseEditor
    from ui.main_window import MainWindow
    from ui.report_dialog import ReportDialog

    case_id = CaseService(vault).create(CaseDraft(channel="hr", received="2024-01-01", category="bullying"))
    makers: dict[str, Callable[[], QWidget]] = {
        "case editor": lambda: CaseEditor(vault, case_id),
        "main window": lambda: MainWindow(vault, light_engine),
        "report": lambda: ReportDialog(vault),
    }
    assert _freed_without_the_collector(makers[which])


def test_the_casus_menus_parts_do_not_hold_the_main_window(
    vault: Vault, light_engine: Pseudonymiser, qtbot
) -> None:
    from ui.main_window import MainWindow

    window = MainWindow(vault, light_engine)
    qtbot.addWidget(window)
    for part in (window.exchange, window.woo):
        assert window not in gc.get_referents(part) and window not in gc.get_referents(vars(part))
        assert part.window is window, "reached through a weak reference"
