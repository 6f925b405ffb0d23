"""Tab moves focus out of a text field, and the focus can be seen everywhere (issue 13,
minor points: a tab character typed into the facts; the current cell of a row-selected table
invisible; the editor opening on a tab bar without a ring; Fusion's faint focus border)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from casus.demo import fill_demo_vault
from casus.services.cases import CaseService
from casus.vault import Vault
from ui.focus_style import FOCUS, FOCUS_ON_SELECTION, FocusStyle


@pytest.fixture
def focus_style(qapp: QApplication) -> Iterator[FocusStyle]:
    before = qapp.style().name()
    style = FocusStyle(before)
    qapp.setStyle(style)
    yield style
    qapp.setStyle(before)


def _ringed(image: QImage, colour: QColor) -> int:
    """How many pixels of the image are the ring's colour."""
    wanted = colour.rgb()
    return sum(1 for y in range(image.height()) for x in range(image.width()) if image.pixel(x, y) == wanted)


def test_every_focused_control_shows_a_solid_ring(qtbot, focus_style: FocusStyle) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    line, text, button, combo = QLineEdit("tekst"), QPlainTextEdit("tekst"), QPushButton("Knop"), QComboBox()
    box = QCheckBox("Vakje")
    combo.addItems(["een", "twee"])
    table = QTableWidget(2, 3)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    for row in range(2):
        for column in range(3):
            table.setItem(row, column, QTableWidgetItem(f"{row},{column}"))
    for widget in (line, text, button, combo, box, table):
        layout.addWidget(widget)
    window.resize(400, 500)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    for widget in (line, text, button, combo):
        widget.setFocus()
        qtbot.waitUntil(widget.hasFocus)
        image = widget.grab().toImage()
        perimeter = 2 * (widget.width() + widget.height())
        assert _ringed(image, FOCUS) >= perimeter, type(widget).__name__
    box.setFocus()
    assert _ringed(box.grab().toImage(), FOCUS) >= 2 * box.height(), "a check box: around its label"
    table.setFocus()
    table.setCurrentCell(1, 1)  # selects the row; the cell is the current one
    image = table.viewport().grab().toImage()
    cell = table.visualItemRect(table.item(1, 1))
    assert _ringed(image.copy(cell), FOCUS_ON_SELECTION) >= 2 * (cell.width() + cell.height()), "the cell"
    window.close()


def test_tab_leaves_every_text_field_of_every_window(qtbot, vault: Vault) -> None:
    from casus.pseudonymise import Pseudonymiser
    from ui.case_editor import CaseEditor
    from ui.main_window import MainWindow
    from ui.meeting_mode import MeetingModeWindow
    from ui.meeting_screen import MeetingScreen
    from ui.review_dialog import ReviewDialog

    fill_demo_vault(vault, count=2)
    case_id = CaseService(vault).summaries()[0].id
    pseudonymiser = Pseudonymiser((), deduce_loader=None)
    main = MainWindow(vault, pseudonymiser)
    qtbot.addWidget(main)
    windows = [
        CaseEditor(vault, case_id, main),
        ReviewDialog(vault, pseudonymiser, case_id, main),
        MeetingScreen(vault, pseudonymiser, main),
        MeetingModeWindow(vault, pseudonymiser, None),
    ]
    qtbot.waitUntil(lambda: bool(windows[1].pages), timeout=30_000)  # the review's texts, once read
    for window in windows:
        texts = window.findChildren(QPlainTextEdit) + window.findChildren(QTextEdit)
        assert texts, type(window).__name__
        stuck = [t.accessibleName() for t in texts if not t.tabChangesFocus()]
        assert stuck == [], (type(window).__name__, stuck)

    editor = windows[0]
    editor.show()
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)
    assert editor.focusWidget() is editor.channel, "the editor opens in its first field, not on the tab bar"
    editor.tabs.setCurrentIndex(2)
    editor.facts.setFocus()
    before = editor.facts.toPlainText()
    QTest.keyClick(editor.facts, Qt.Key.Key_Tab)
    assert editor.facts.toPlainText() == before and "\t" not in editor.facts.toPlainText()
    assert not editor.facts.hasFocus() and editor.question.hasFocus(), "Tab went on to the next field"
    QTest.keyClick(editor.question, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert editor.tabs.currentIndex() == 3, "Ctrl+Tab goes to the next tab page"
    for dialog in windows[:3]:
        dialog.done(0)
    windows[3].shut()
    main.close()
