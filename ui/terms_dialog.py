"""Kluis › Termijnen…: how long a closed case is kept, per outcome, and by when the melder is
told of receipt and of the outcome (issue 15). The vault holds both (casus.services.retention,
casus.services.feedback), so every window and the command line see the same terms.

A new retention period applies to cases closed from now on: a date already set stays, because
the owner may have chosen it for that case. "Nu toepassen" gives the closed cases that have no
date yet one, by the rules as saved.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeVar

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QWidget,
)

from casus.errors import CasusError
from casus.services.feedback import MAX_DAYS, FeedbackKind, FeedbackService
from casus.services.retention import MAX_MONTHS, RetentionService
from casus.vault import Vault
from casus.vocabulary.dutch import counted
from casus.vocabulary.enums import RetentionOutcome
from ui.messages import describe
from ui.widgets import ERROR_STYLE, button
from ui.window_fit import fit_to_screen, scrolled_layout

K = TypeVar("K")

RETENTION_NOTE = (
    "Een nieuwe termijn geldt voor casussen die vanaf nu worden afgesloten; een bewaardatum die al "
    "gezet is, blijft staan."
)
FEEDBACK_NOTE = (
    "De Wet bescherming klokkenluiders vraagt een ontvangstbevestiging binnen 7 dagen en een "
    "terugkoppeling binnen 3 maanden. Het startscherm toont een week vooraf wat eraan komt."
)
FEEDBACK_LABELS = {
    FeedbackKind.RECEIPT: "&Ontvangst bevestigd binnen:",
    FeedbackKind.OUTCOME: "U&itkomst gemeld binnen:",
}
RETENTION_MNEMONICS = {
    RetentionOutcome.NO_VIOLATION: "&Geen schending vastgesteld:",
    RetentionOutcome.VIOLATION: "&Schending vastgesteld:",
    RetentionOutcome.REPAIR_ONLY: "Alleen &heling en herstel:",
}


def _spin(value: int, highest: int, suffix: str, name: str) -> QSpinBox:
    box = QSpinBox()
    box.setRange(1, highest)
    box.setValue(value)
    box.setSuffix(suffix)
    box.setAccessibleName(name)
    return box


def _group(
    title: str, labels: Mapping[K, str], boxes: Mapping[K, QSpinBox], note: str, *extra: QWidget
) -> QGroupBox:
    group = QGroupBox(title)
    form = QFormLayout(group)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
    for key, box in boxes.items():
        label = QLabel(labels[key])
        label.setBuddy(box)
        form.addRow(label, box)
    explained = QLabel(note)
    explained.setWordWrap(True)
    form.addRow(explained)
    for widget in extra:
        row = QHBoxLayout()
        row.addWidget(widget)
        row.addStretch(1)
        form.addRow(row)
    return group


class TermsDialog(QDialog):
    def __init__(self, vault: Vault, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Termijnen – Casus")
        self.setAccessibleName("Termijnen")
        fit_to_screen(self, 600, 470)
        self.retention, self.feedback = RetentionService(vault), FeedbackService(vault)
        rules, terms = self.retention.rules(), self.feedback.terms()
        self.months = {
            outcome: _spin(rules[outcome], MAX_MONTHS, " maanden", f"Bewaartermijn bij {outcome.label}")
            for outcome in RetentionOutcome
        }
        self.days = {
            kind: _spin(terms[kind], MAX_DAYS, " dagen", f"Termijn voor terugkoppeling van de {kind.value}")
            for kind in FeedbackKind
        }
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Melding")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = scrolled_layout(self)
        self.apply_button = button(
            "&Nu toepassen op afgesloten casussen zonder bewaardatum",
            "Bewaartermijn toepassen op afgesloten casussen zonder bewaardatum",
            self.apply,
        )
        kept = _group("Bewaartermijnen na afsluiten", RETENTION_MNEMONICS, self.months, RETENTION_NOTE,
                      self.apply_button)  # fmt: skip
        layout.addWidget(kept)
        layout.addWidget(_group("Terugkoppeling aan de melder", FEEDBACK_LABELS, self.days, FEEDBACK_NOTE))
        layout.addStretch(1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.months[RetentionOutcome.NO_VIOLATION].setFocus()

    def _store(self) -> bool:
        try:
            for outcome, box in self.months.items():
                self.retention.set_months(outcome, box.value())
            for kind, box in self.days.items():
                self.feedback.set_days(kind, box.value())
        except CasusError as error:
            self.status.setStyleSheet(ERROR_STYLE)
            self.status.setText(describe(error))
            return False
        return True

    def save(self) -> None:
        if self._store():
            self.accept()

    def apply(self) -> None:
        """Saves the rules first: what is applied is what the boxes say."""
        if not self._store():
            return
        given = self.retention.apply()
        self.status.setStyleSheet("")
        self.status.setText(
            f"Termijnen opgeslagen. Bewaardatum gegeven aan {counted(given, 'afgesloten casus')}."
        )
