"""Retakes the screenshots in docs/ from the running app on a fresh demo vault.

    Xvfb :93 -screen 0 1366x768x24 &
    DISPLAY=:93 QT_QPA_PLATFORM=xcb .venv/bin/python tools/screenshots.py [docs]

Each screen is opened as a user opens it (the demo vault, the same windows, keys typed into
the same fields), shown at the size it takes on a 1366×768 screen, and grabbed as Qt paints
it. The minutes and the report are exported and their first pages rendered with pdftoppm.
Only invented cases are on any of them. Not retaken here: docs/minutes-docx.png (the Word
minutes as LibreOffice shows them) and docs/review-residuals.png (a case the second line asks
about), which need a word processor and a hand-picked case.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("CASUS_INSECURE_TEST_KDF", "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from casus.notebook.export import export_minutes
from casus.outputs.report_export import export_report
from casus.pseudonymise import Pseudonymiser
from casus.services.cases import CaseService
from casus.services.meetings import MeetingService
from casus.vocabulary.enums import CaseStatus
from tools.duty_screenshots import duty_shots
from tools.exchange_screenshots import exchange_shots
from ui.app import create_demo_vault, install_dutch_translations
from ui.case_editor import CaseEditor
from ui.focus_style import install_focus_style
from ui.main_window import MainWindow
from ui.meeting_mode import MeetingModeWindow
from ui.meeting_screen import MeetingScreen
from ui.org_units_dialog import OrgUnitsDialog
from ui.review_dialog import ReviewDialog
from ui.start_dialog import StartDialog


def wait_until(done: Callable[[], bool], seconds: float = 60) -> None:
    for _ in range(int(seconds * 20)):
        if done():
            return
        loop = QEventLoop()
        QTimer.singleShot(50, loop.quit)
        loop.exec()
    raise TimeoutError("the screen did not get ready")


def settle(ms: int = 400) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def grab(widget: QWidget, target: Path) -> None:
    widget.show()
    settle()
    widget.grab().save(str(target))
    print(f"{target.name}: {widget.width()}×{widget.height()}")


def main() -> None:
    docs = Path(sys.argv[1] if len(sys.argv) > 1 else "docs")
    app = QApplication(sys.argv[:1])
    translator = install_dutch_translations(app)  # noqa: F841  (Qt's own buttons in Dutch, as in the app)
    install_focus_style(app)
    vault = create_demo_vault(Path(tempfile.mkdtemp()) / "demo.casus")
    pseudonymiser = Pseudonymiser(())
    window = MainWindow(vault, pseudonymiser)
    window.resize(1366, 768 - 40)
    grab(window, docs / "home.png")

    case_id = CaseService(vault).summaries(status=CaseStatus.NEW)[0].id
    editor = CaseEditor(vault, case_id, window)
    grab(editor, docs / "case-editor.png")
    editor.tabs.setCurrentIndex(1)
    editor.show()
    editor.activateWindow()
    settle()
    people = editor.people
    people.setFocus()
    people.setCurrentCell(0, 2)
    QTest.keyClick(people, Qt.Key.Key_F2)
    editing = QApplication.focusWidget()
    if editing is not None:
        QTest.keyClick(editing, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        QTest.keyClicks(editing, "Senior handhaver")
    grab(editor, docs / "case-editor-people.png")
    editor.done(0)

    units = OrgUnitsDialog(vault, window)
    grab(units, docs / "org-units.png")
    units.accept()

    review = ReviewDialog(vault, pseudonymiser, case_id, window)
    review.show()
    wait_until(lambda: review.release_button.isEnabled() or bool(review.reviews))
    grab(review, docs / "review.png")
    review.reject()

    meeting_id = MeetingService(vault).summaries()[0].id
    screen = MeetingScreen(vault, pseudonymiser, window)
    screen.resize(1366, 768 - 40)  # the whole 1366×768 screen less a task bar
    screen.show()
    wait_until(lambda: screen.notebook.ready)
    note = screen.note_edits[next(iter(screen.note_edits))]  # the discussion
    note.setFocus()
    note.moveCursor(QTextCursor.MoveOperation.End)
    QTest.keyClicks(note, " Jansen vroeg Stadsbeheer om hulp.")
    wait_until(lambda: screen.findings_list.count() >= 2, 10)
    grab(screen, docs / "meeting-screen.png")
    screen.findings_list.setCurrentRow(1)
    grab(screen, docs / "meeting-check.png")
    screen.tabs.setCurrentWidget(screen.actions_page)
    grab(screen, docs / "meeting-actions.png")
    note.undo()
    screen.reject()

    shared = MeetingModeWindow(vault, pseudonymiser, meeting_id)
    shared.resize(1366, 768)
    shared.show()
    wait_until(lambda: shared.loaded)
    grab(shared, docs / "meeting-mode.png")
    shared.shut()

    start = StartDialog()
    start._set_creating(True)
    grab(start, docs / "new-vault.png")
    start.reject()

    out = Path(tempfile.mkdtemp())
    export_minutes(vault, pseudonymiser, meeting_id, out / "notulen.pdf")
    export_report(vault, "2000-01-01", "2030-12-31", out / "rapportage.pdf")
    for source, stems in (
        ("notulen.pdf", ("minutes-01", "minutes-actions")),
        ("rapportage.pdf", ("report-1", "report-2")),
    ):
        for page, stem in enumerate(stems, 1):
            subprocess.run(
                ["pdftoppm", "-png", "-r", "80", "-f", str(page), "-l", str(page), "-singlefile",
                 str(out / source), str(docs / stem)],
                check=True,
            )  # fmt: skip
            print(f"{stem}.png from {source}")
    exchange_shots(docs, vault, pseudonymiser, grab, wait_until)
    duty_shots(docs, vault, pseudonymiser, window, grab, case_id)
    window.close()
    vault.close()
    app.quit()


if __name__ == "__main__":
    main()
