"""What the disclosure gate says about the whole meeting: a line of outcome, and the findings
to go to (Enter, or F8 for the next one)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QGroupBox, QLabel, QVBoxLayout

from casus.notebook.notebook import Tally
from casus.notebook.texts import PlacedFinding
from casus.vocabulary.dutch import counted
from ui.findings_list import FindingsList


def outcome_line(tally: Tally) -> str:
    if tally.refusing:
        return (
            f"{counted(tally.refusing, 'bevinding')}: herleidbare gegevens, die niet in de notulen mogen"
            + (f", en {counted(tally.questions, 'woord')} om te controleren" if tally.questions else "")
            + ". Kies een bevinding (Enter, of F8 voor de volgende) om ernaar toe te gaan."
        )
    if tally.questions:
        return (
            f"{counted(tally.questions, 'woord')} om te controleren: misschien een naam, plaats of "
            "onderdeel. Pas het aan, of kies het (F8) en markeer het met F9 als geen naam."
        )
    return "Geen herleidbare gegevens gevonden in de notulen."


class CheckPanel(QGroupBox):
    def __init__(self) -> None:
        super().__init__("Controle op herleidbare gegevens")
        self.status = QLabel()
        self.status.setAccessibleName("Uitkomst van de controle")
        self.status.setWordWrap(True)
        self.findings_list = FindingsList()
        self.findings_list.setMaximumHeight(110)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.findings_list)

    def show_findings(self, placed: Sequence[PlacedFinding], tally: Tally) -> None:
        self.findings_list.show_findings(placed)
        self.status.setText(outcome_line(tally))

    def say(self, text: str) -> None:
        self.status.setText(text)

    @property
    def chosen(self) -> PlacedFinding | None:
        row = self.findings_list.currentRow()
        return self.findings_list.located[row] if 0 <= row < len(self.findings_list.located) else None
