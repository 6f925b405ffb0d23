"""The case editor's "Uitkomst en bewaren" tab (issue 15): the status, whether a violation was
established, when the melder was told (terugkoppeling), how long the case is kept, and
destroying it once that date has passed. Its values are part of the editor's one save;
destroying asks for the passphrase and is done at once, for good.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressDialog,
    QVBoxLayout,
    QWidget,
)

from casus.services.attention import case_attention
from casus.services.case_values import CaseView
from casus.services.cases import CaseService
from casus.services.feedback import FeedbackService
from casus.services.retention import RetentionService
from casus.vault import Vault
from casus.vault.erasure import BackupsErased
from casus.vocabulary.enums import CaseStatus, RetentionOutcome
from ui import dialogs
from ui.messages import describe
from ui.widgets import ERROR_STYLE, button
from ui.workers import start

# The statuses chosen here; a release goes through the review, a destruction through its button.
CHOSEN = (CaseStatus.NEW, CaseStatus.IN_PROGRESS, CaseStatus.CLOSED)
VIOLATION = (("Onbekend", None), ("Ja", True), ("Nee", False))


def _optional_date(name: str, shown: str, future: bool) -> tuple[QCheckBox, QDateEdit]:
    """A date that may be unknown: a box to say it is known (`shown` beside it), the date."""
    known = QCheckBox(shown)
    known.setAccessibleName(f"{name} bekend")
    edit = QDateEdit(QDate.currentDate())
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("dd-MM-yyyy")
    edit.setAccessibleName(name)
    if not future:
        edit.setMaximumDate(QDate.currentDate())
    inner = edit.findChild(QLineEdit)
    if inner is not None:
        inner.setAccessibleName(name)
    edit.setEnabled(False)
    known.toggled.connect(edit.setEnabled)
    return known, edit


def _set(pair: tuple[QCheckBox, QDateEdit], day: dt.date | None) -> None:
    pair[0].setChecked(day is not None)
    if day is not None:
        pair[1].setDate(QDate(day.year, day.month, day.day))


def _get(pair: tuple[QCheckBox, QDateEdit]) -> dt.date | None:
    if not pair[0].isChecked():
        return None
    value = pair[1].date()
    return dt.date(value.year(), value.month(), value.day())


def explain_rules(rules: dict[RetentionOutcome, int]) -> str:
    parts = [f"{outcome.label.lower()}: {months} maanden" for outcome, months in rules.items()]
    return "Bij afsluiten zonder datum geldt de termijn van deze kluis (" + "; ".join(parts) + ")."


class OutcomePage(QWidget):
    # What became of the backups, once the case is gone. A signal, not a callback: a callback
    # held here would make a Python cycle through the editor, collected at a random moment.
    case_destroyed = Signal(str)

    def __init__(self, vault: Vault, case_id: int | None) -> None:
        super().__init__()
        self.vault, self.case_id = vault, case_id
        self.status = QComboBox()
        self.status.setAccessibleName("Status")
        for status in CHOSEN:
            self.status.addItem(status.label, status)
        self.violation = QComboBox()
        self.violation.setAccessibleName("Integriteitsschending vastgesteld")
        for label, value in VIOLATION:
            self.violation.addItem(label, value)
        self.receipt = _optional_date("Ontvangst teruggekoppeld op", "gedaan op", future=False)
        self.outcome = _optional_date("Uitkomst teruggekoppeld op", "gedaan op", future=False)
        self.retention = _optional_date("Bewaren tot", "datum gekozen", future=True)
        rules = QLabel(explain_rules(RetentionService(vault).rules()))
        rules.setWordWrap(True)
        self.terms = FeedbackService(vault).terms()
        self.attention = QLabel()
        self.attention.setWordWrap(True)
        self.attention.setAccessibleName("Wat deze casus vraagt")
        self.attention.setStyleSheet(ERROR_STYLE)
        self.attention.setVisible(False)
        self.destroy_button = button("Casus &vernietigen…", "Casus vernietigen", self.ask_destroy)
        self.destroy_button.setEnabled(case_id is not None)
        outer = QVBoxLayout(self)
        form = QFormLayout()
        outer.addLayout(form)
        outer.addStretch(1)  # the rows at their own height; the room left stays below them
        form.addRow("S&tatus:", self.status)
        form.addRow("Schending vast&gesteld:", self.violation)
        for text, (known, edit) in (("Terugkoppeling &ontvangst:", self.receipt),
                                    ("Terugkoppeling u&itkomst:", self.outcome),
                                    ("&Bewaren tot:", self.retention)):  # fmt: skip
            caption = QLabel(text)
            caption.setBuddy(known)  # the mnemonic reaches the box; Tab goes on to the date
            row = QHBoxLayout()
            row.addWidget(known)
            row.addWidget(edit, 1)
            form.addRow(caption, row)
        # Below the form, not in it: a word-wrapped label in a form row is given room for
        # more lines than it has, and stood in the middle of a gap.
        rules.setContentsMargins(0, 8, 0, 0)
        outer.insertWidget(1, rules)
        outer.insertWidget(2, self.attention)
        destroy_row = QHBoxLayout()
        destroy_row.setContentsMargins(0, 8, 0, 0)
        destroy_row.addWidget(self.destroy_button)
        destroy_row.addStretch(1)
        outer.insertLayout(3, destroy_row)

    def load(self, case: CaseView) -> None:
        if case.status not in CHOSEN:
            self.status.insertItem(0, case.status.label, case.status)  # released or discussed: shown
        self.status.setCurrentIndex(max(0, self.status.findData(case.status)))
        self.violation.setCurrentIndex([value for _, value in VIOLATION].index(case.violation_established))
        _set(self.receipt, case.receipt_told_on)
        _set(self.outcome, case.outcome_told_on)
        _set(self.retention, case.retention_date)
        lines = case_attention(case, self.terms, dt.date.today())
        self.attention.setText("\n".join(lines))
        self.attention.setVisible(bool(lines))

    def values(self) -> dict[str, Any]:
        """Its part of the editor's draft."""
        return {
            "status": self.status.currentData(),
            "violation_established": self.violation.currentData(),
            "receipt_told_on": _get(self.receipt),
            "outcome_told_on": _get(self.outcome),
            "retention_date": _get(self.retention),
        }

    def ask_destroy(self) -> None:
        if self.case_id is None:
            return
        question = (
            "Deze casus en alles wat erbij hoort (teksten, personen, voorbereiding, notities van het "
            "overleg) worden voor altijd vernietigd, ook in de reservekopieën. Alleen de aantallen "
            "voor de rapportage blijven. Doorgaan?"
        )
        if dialogs.confirm(self, "Casus vernietigen", question):
            dialogs.ask_passphrase(self, "Casus vernietigen", "Wachtwoordzin van de kluis:",
                                   "Wachtwoordzin om te vernietigen", self.destroy_with)  # fmt: skip

    def destroy_with(self, passphrase: str) -> None:
        """Off the GUI thread, behind a window-modal wait: a key derivation for each of up to
        ten backups and their rewriting take seconds, and nothing may change the case then."""
        if self.case_id is None:
            return
        vault, case_id = self.vault, self.case_id
        self.waiting = QProgressDialog(
            "Casus vernietigen: de kluis en de reservekopieën worden herschreven…", "", 0, 0, self
        )
        self.waiting.setCancelButton(None)  # no half-destroyed case
        self.waiting.setWindowTitle("Casus vernietigen")
        self.waiting.setAccessibleName("Casus vernietigen, even geduld")
        self.waiting.setWindowModality(Qt.WindowModality.WindowModal)
        self.waiting.setMinimumDuration(0)
        self.waiting.show()
        self._worker = start(lambda: CaseService(vault).destroy(case_id, passphrase), self._destroyed,
                             self._not_destroyed)  # fmt: skip

    def _destroyed(self, report: BackupsErased) -> None:
        self.waiting.close()
        self.case_destroyed.emit(backups_text(report))

    def _not_destroyed(self, error: BaseException) -> None:
        self.waiting.close()
        dialogs.show_error(self, describe(error))


def backups_text(report: BackupsErased) -> str:
    said = f"Casus vernietigd. Reservekopieën: {len(report.rewritten)} herschreven zonder deze casus"
    if report.removed:
        said += f", {len(report.removed)} verwijderd (gemaakt met een andere wachtwoordzin)"
    return said + "."
