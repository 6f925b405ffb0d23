"""The learning points of the meeting: what it learnt, for the minutes."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ui.note_edit import NoteEdit


class LearningPage(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.edit = NoteEdit(
            "Leerpunten", "Wat het overleg leerde, bijvoorbeeld over het herkennen van subtiel racisme"
        )
        label = QLabel("&Leerpunten van dit overleg:")
        label.setBuddy(self.edit)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.edit)
