"""A secretary's note: plain text in which what the disclosure gate finds is marked at once.

The marks are extra selections (a red wavy underline on a light red ground), so they never
become part of the text, and the field's accessible description says how many there are:
colour is not the only signal (the findings list names each one).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit

from casus.disclosure import Finding
from ui.text_offsets import to_qt

MARK_BACKGROUND = QColor("#fde2e1")
MARK_LINE = QColor("#c0392b")


class NoteEdit(QPlainTextEdit):
    def __init__(self, name: str, placeholder: str = "") -> None:
        super().__init__()
        self.setAccessibleName(name)
        self.setPlaceholderText(placeholder)
        self.setTabChangesFocus(True)  # Tab moves on, as in every other field
        self.findings: tuple[Finding, ...] = ()

    def set_text_quietly(self, text: str) -> None:
        """Load a stored note without it counting as typing (no check, no save)."""
        self.blockSignals(True)
        self.setPlainText(text)
        self.blockSignals(False)
        self.mark(())

    def mark(self, findings: Sequence[Finding]) -> None:
        self.findings = tuple(findings)
        text = self.toPlainText()
        selections = []
        for finding in self.findings:
            selection = QTextEdit.ExtraSelection()
            cursor = QTextCursor(self.document())
            cursor.setPosition(to_qt(text, min(finding.start, len(text))))
            cursor.setPosition(to_qt(text, min(finding.end, len(text))), QTextCursor.MoveMode.KeepAnchor)
            selection.cursor = cursor
            style = QTextCharFormat()
            style.setBackground(MARK_BACKGROUND)
            style.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
            style.setUnderlineColor(MARK_LINE)
            selection.format = style
            selections.append(selection)
        self.setExtraSelections(selections)
        count = len(self.findings)
        description = "1 herleidbaar gegeven gemarkeerd" if count == 1 else ""
        if count > 1:
            description = f"{count} herleidbare gegevens gemarkeerd"
        self.setAccessibleDescription(description)

    def select_range(self, start: int, end: int) -> None:
        """Puts the cursor on a finding, so the secretary can retype it at once."""
        text = self.toPlainText()
        cursor = self.textCursor()
        cursor.setPosition(to_qt(text, min(start, len(text))))
        cursor.setPosition(to_qt(text, min(end, len(text))), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self.ensureCursorVisible()
        self.setFocus()
