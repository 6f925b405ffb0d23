"""A secretary's note: plain text in which what the disclosure gate finds is marked at once.

The marks are extra selections (a red wavy underline on a light red ground for what refuses
the export, an amber dotted underline for a word to check), so they never become part of the
text, and the field's accessible description says how many there are: colour is not the only
signal (the findings list names each one).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QTextEdit

from casus.disclosure import Finding
from casus.vocabulary.enums import FindingKind
from ui.gated_copy import GatedPlainTextEdit
from ui.text_offsets import to_qt

MARK_BACKGROUND = QColor("#fde2e1")
MARK_LINE = QColor("#c0392b")
CHECK_BACKGROUND = QColor("#fff4d6")
CHECK_LINE = QColor("#9a6700")


class NoteEdit(GatedPlainTextEdit):
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
            question = finding.kind is FindingKind.CHECK
            style.setBackground(CHECK_BACKGROUND if question else MARK_BACKGROUND)
            style.setUnderlineStyle(
                QTextCharFormat.UnderlineStyle.DotLine
                if question
                else QTextCharFormat.UnderlineStyle.WaveUnderline
            )
            style.setUnderlineColor(CHECK_LINE if question else MARK_LINE)
            selection.format = style
            selections.append(selection)
        self.setExtraSelections(selections)
        questions = sum(1 for f in self.findings if f.kind is FindingKind.CHECK)
        refused = len(self.findings) - questions
        parts = []
        if refused:
            parts.append("1 herleidbaar gegeven" if refused == 1 else f"{refused} herleidbare gegevens")
        if questions:
            parts.append(
                "1 woord om te controleren" if questions == 1 else f"{questions} woorden om te controleren"
            )
        self.setAccessibleDescription(" en ".join(parts) + " gemarkeerd" if parts else "")

    def select_range(self, start: int, end: int) -> None:
        """Puts the cursor on a finding, so the secretary can retype it at once."""
        text = self.toPlainText()
        cursor = self.textCursor()
        cursor.setPosition(to_qt(text, min(start, len(text))))
        cursor.setPosition(to_qt(text, min(end, len(text))), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self.ensureCursorVisible()
        self.setFocus()
