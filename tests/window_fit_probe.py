"""Run by tests/test_window_fit.py in a process of its own, on an offscreen screen of a given
size and scale (QT_QPA_PLATFORM=offscreen:configfile=...): opens every window of Casus and
prints, as JSON, how each fits. Not a test module itself (pytest does not collect it)."""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

os.environ["CASUS_INSECURE_TEST_KDF"] = "1"
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QAbstractButton, QApplication, QScrollArea, QWidget


def _reachable(window: QWidget, control: QWidget) -> bool:
    """Inside the window, or in a scroll area that brings it into view."""
    top_left = control.mapTo(window, control.rect().topLeft())
    bottom_right = control.mapTo(window, control.rect().bottomRight())
    if window.rect().contains(top_left) and window.rect().contains(bottom_right):
        return True
    parent = control.parentWidget()
    while parent is not None and parent is not window:
        if isinstance(parent, QScrollArea):
            parent.ensureWidgetVisible(control)
            QApplication.processEvents()
            return window.rect().contains(control.mapTo(window, control.rect().center()))
        parent = parent.parentWidget()
    return False


def main() -> None:
    app = QApplication(sys.argv[:1])
    from casus.demo import fill_demo_vault, plan_demo_meetings, release_demo_cases
    from casus.pseudonymise import Pseudonymiser
    from casus.services.cases import CaseService
    from casus.services.vaults import create_vault
    from tests.conftest import PASSPHRASE
    from ui.case_card_dialog import CaseCardDialog
    from ui.case_editor import CaseEditor
    from ui.main_window import MainWindow
    from ui.meeting_mode import MeetingModeWindow
    from ui.meeting_screen import MeetingScreen
    from ui.org_units_dialog import OrgUnitsDialog
    from ui.parties_dialog import PartiesDialog
    from ui.report_dialog import ReportDialog
    from ui.review_dialog import ReviewDialog
    from ui.start_dialog import StartDialog
    from ui.terms_dialog import TermsDialog

    vault = create_vault(Path(tempfile.mkdtemp()) / "kluis.casus", PASSPHRASE, actor="probe")
    fill_demo_vault(vault, count=6)
    release_demo_cases(vault)
    plan_demo_meetings(vault)
    pseudonymiser = Pseudonymiser((), deduce_loader=None)
    main_window = MainWindow(vault, pseudonymiser)
    case_id = CaseService(vault).summaries()[0].id
    windows = [
        main_window,
        CaseEditor(vault, case_id, main_window),
        OrgUnitsDialog(vault, main_window),
        ReviewDialog(vault, pseudonymiser, case_id, main_window),
        MeetingScreen(vault, pseudonymiser, main_window),
        MeetingModeWindow(vault, pseudonymiser, None),
        StartDialog(),
        ReportDialog(vault, main_window),
        PartiesDialog(vault, main_window),
        CaseCardDialog(vault, pseudonymiser, case_id, "PROBE-1", main_window),
        TermsDialog(vault, main_window),
    ]
    room = QGuiApplication.primaryScreen().availableGeometry()
    found = {"room": [room.width(), room.height()], "windows": {}}
    for window in windows:
        window.show()
        app.processEvents()
        controls = [
            c for c in window.findChildren(QWidget)
            if c.isVisibleTo(window) and c.focusPolicy() != Qt.FocusPolicy.NoFocus and c.isEnabled()
            and (isinstance(c, QAbstractButton) or c.accessibleName())
        ]  # fmt: skip
        found["windows"][type(window).__name__] = {
            "size": [window.frameGeometry().width(), window.frameGeometry().height()],
            "unreachable": [c.accessibleName() or c.text() for c in controls if not _reachable(window, c)],
            "controls": len(controls),
        }
        window.hide()
    print(json.dumps(found))
    QThreadPool.globalInstance().waitForDone(30_000)  # the review's and meeting screen's workers


if __name__ == "__main__":
    main()
