"""The disclosure gate's findings for the meeting: where each is, and a way to go there.

A finding is shown by its place, kind and the sentence and word it starts at ("Casus 2,
bespreking: naam, zin 2, woord 7"), never with the text it found nor the words around it
(they may be another name): the list itself may be on a screen that others see. Enter or a
double click on a finding (or F8 for the next one) asks the screen to put the cursor on it.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem

from casus.notebook.texts import PlacedFinding


def describe_finding(placed: PlacedFinding) -> str:
    finding = placed.finding
    return f"{finding.place}: {finding.kind.label}" + (f", {placed.where}" if placed.where else "")


class FindingsList(QListWidget):
    chosen = Signal(object)  # a PlacedFinding

    def __init__(self) -> None:
        super().__init__()
        self.setAccessibleName("Bevindingen van de controle")
        self.located: list[PlacedFinding] = []
        self.itemActivated.connect(lambda item: self.chosen.emit(self.located[self.row(item)]))

    def show_findings(self, located: Sequence[PlacedFinding]) -> None:
        self.located = list(located)
        self.clear()
        for each in self.located:
            item = QListWidgetItem(describe_finding(each))
            item.setData(Qt.ItemDataRole.AccessibleTextRole, describe_finding(each))
            self.addItem(item)

    def choose_next(self) -> None:
        """F8: the next finding after the current one, round to the first."""
        if not self.located:
            return
        row = (self.currentRow() + 1) % len(self.located)
        self.setCurrentRow(row)
        self.chosen.emit(self.located[row])
