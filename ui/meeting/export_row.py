"""The row under the meeting screen: replace names by pseudonyms, "geen naam", whether the notes
are stored, and the export of the minutes, which runs off the GUI thread with its progress
shown. The export asks where to save (ui.dialogs) and says what came of it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QWidget

from casus.notebook.export import ExportRefusal, export_minutes
from casus.outputs.minutes import default_file_name
from casus.outputs.woo_export import export_woo_minutes
from casus.outputs.woo_minutes import default_file_name as woo_file_name
from casus.pseudonymise import Pseudonymiser
from casus.services.meeting_values import MeetingView
from casus.vault import Vault
from ui import dialogs
from ui.widgets import button
from ui.workers import Worker, start_with_progress


class ExportRow(QWidget):
    pseudonymise_requested = Signal()
    no_name_requested = Signal()
    export_requested = Signal()
    woo_requested = Signal()
    finished = Signal(object)  # the written file's Path, or an ExportRefusal
    woo_finished = Signal(object)  # the written Woo copy's Path
    failed = Signal(object)  # the exception

    def __init__(self, vault: Vault, pseudonymiser: Pseudonymiser) -> None:
        super().__init__()
        self.vault, self.pseudonymiser = vault, pseudonymiser
        self._workers: list[Worker] = []
        self.pseudonymise_button = button(
            "Namen vervangen door &pseudoniemen",
            "Namen in de notitie vervangen door pseudoniemen",
            self.pseudonymise_requested.emit,
        )
        self.no_name_button = button(
            "Geen naam (F9)", "Gekozen woord is geen naam", self.no_name_requested.emit
        )
        self.no_name_button.setEnabled(False)
        self.export_button = button("Notulen &exporteren…", "Notulen exporteren", self.export_requested.emit)
        self.woo_button = button(
            "Woo-vers&ie…", "Woo-versie van de notulen exporteren", self.woo_requested.emit
        )
        self.save_status = QLabel()
        self.save_status.setAccessibleName("Opslaan")
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Voortgang van de export")
        self.progress.setVisible(False)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.pseudonymise_button)
        row.addWidget(self.no_name_button)  # beside the others, not a row of its own: 1366×768
        row.addStretch(1)
        row.addWidget(self.save_status)
        row.addWidget(self.progress)
        row.addWidget(self.woo_button)
        row.addWidget(self.export_button)

    @property
    def busy(self) -> bool:
        return not self.export_button.isEnabled()

    def export(self, meeting: MeetingView) -> bool:
        """Ask where, then build, check and write off the GUI thread; False if not started."""
        target = dialogs.choose_export_target(
            self, "Notulen opslaan", default_file_name(meeting.held_on), word=True
        )
        if target is None:
            return False
        vault, pseudonymiser, meeting_id = self.vault, self.pseudonymiser, meeting.id

        def task(report: Callable[[int, int], None]) -> Path | ExportRefusal:
            return export_minutes(vault, pseudonymiser, meeting_id, target, report)

        self._start(task, self._done)
        return True

    def export_woo(self, meeting: MeetingView) -> bool:
        """The Woo copy of these minutes (casus.outputs.woo_minutes), as `export` does."""
        target = dialogs.choose_export_target(self, "Woo-versie opslaan", woo_file_name(meeting.held_on))
        if target is None:
            return False
        vault, pseudonymiser, meeting_id = self.vault, self.pseudonymiser, meeting.id

        def task(_report: Callable[[int, int], None]) -> Path:
            return export_woo_minutes(vault, pseudonymiser, meeting_id, target)

        self._start(task, self._woo_done)
        return True

    def _start(
        self, task: Callable[[Callable[[int, int], None]], object], done: Callable[[object], None]
    ) -> None:
        for each in (self.export_button, self.woo_button):
            each.setEnabled(False)
        self.progress.setRange(0, 0)
        self.progress.setVisible(True)
        self._workers.append(start_with_progress(task, self._progressed, done, self._failed))

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)

    def _done(self, outcome: object) -> None:
        self._idle()
        self.finished.emit(outcome)

    def _woo_done(self, outcome: object) -> None:
        self._idle()
        self.woo_finished.emit(outcome)

    def _failed(self, error: BaseException) -> None:
        self._idle()
        self.failed.emit(error)

    def _idle(self) -> None:
        self.progress.setVisible(False)
        for each in (self.export_button, self.woo_button):
            each.setEnabled(True)
