"""The coordinator's report (rapportage meldingen en maatregelen) over a period: counts with
small cells suppressed, written off the GUI thread after the disclosure gate."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QProgressBar,
    QWidget,
)

from casus.outputs.report import default_file_name
from casus.outputs.report_export import export_report
from casus.vault import Vault
from ui import dialogs, workers
from ui.figures_row import FiguresRow
from ui.messages import describe
from ui.widgets import add_labelled_row, date_edit
from ui.window_fit import scrolled_layout


def _date(edit_date: QDate) -> dt.date:
    return dt.date(edit_date.year(), edit_date.month(), edit_date.day())


class ReportDialog(QDialog):
    def __init__(self, vault: Vault, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Rapportage meldingen en maatregelen – Casus")
        self.setMinimumWidth(460)
        self.vault = vault
        self._worker: workers.Worker | None = None
        today = QDate.currentDate()
        self.start = date_edit("Rapportage vanaf", QDate(today.year(), 1, 1))
        self.end = date_edit("Rapportage tot en met", today)
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Voortgang van de export")
        self.progress.setRange(0, 0)
        self.progress.setVisible(False)
        self.message = QLabel(
            "Aantallen onder 5 worden afgeschermd (“< 5”); een uitsplitsing per cluster staat er "
            "alleen in als geen enkele cel klein is."
        )
        self.message.setAccessibleName("Melding")
        self.message.setWordWrap(True)
        form = QFormLayout()
        add_labelled_row(form, "&Vanaf:", self.start)
        add_labelled_row(form, "&Tot en met:", self.end)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Close
        )
        export = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        export.setText("&Exporteren…")
        export.setAccessibleName("Rapportage exporteren")
        close = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setText("Sluiten")
        close.setAccessibleName("Sluiten")
        self.buttons.accepted.connect(self.export)
        self.buttons.rejected.connect(self.reject)
        start, end = self.start, self.end  # the edits, not the dialog: no cycle through it
        self.figures = FiguresRow(vault, lambda: (_date(start.date()), _date(end.date())))
        for edit in (self.start, self.end):
            edit.dateChanged.connect(self.figures.refresh)
        layout = scrolled_layout(self)
        layout.addLayout(form)
        layout.addWidget(self.figures)
        layout.addWidget(self.message)
        layout.addWidget(self.progress)
        layout.addWidget(self.buttons)

    def choose_target(self, name: str) -> Path | None:
        return dialogs.choose_export_target(self, "Rapportage opslaan", name)

    def export(self) -> None:
        first, last = _date(self.start.date()), _date(self.end.date())
        if last < first:
            self.message.setText("De einddatum ligt vóór de begindatum.")
            self.end.setFocus()
            return
        target = self.choose_target(default_file_name(first, last))
        if target is None:
            return
        vault = self.vault
        self.buttons.setEnabled(False)
        self.progress.setVisible(True)
        self.message.setText("Rapportage maken en controleren…")
        task = lambda: export_report(vault, first, last, target)  # noqa: E731
        self._worker = workers.start(task, self._done, self._failed)

    def _done(self, path: Path) -> None:
        self.buttons.setEnabled(True)
        self.progress.setVisible(False)
        self.message.setText(f"Rapportage geschreven: {path.name}")

    def _failed(self, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.progress.setVisible(False)
        self.message.setText(describe(error))
