"""The secretary's screen for a meeting: attendance, the agenda with each case as the meeting
sees it, the notes per item (discussion, advice, agreements), the actions, the learning
points, and the export of the minutes.

The screen is a composition of widgets (ui/meeting/) over the meeting notebook
(casus/notebook), which holds what is typed, saved and checked and decides what the gate's
findings are; the screen passes on what the secretary does and redraws what the notebook says
changed. Every note passes the disclosure gate as it is typed (a quarter second after the last
key): a name, an e-mail address, a unit or an incident date is marked in the field at once and
listed under "Controle", from where Enter (or F8) puts the cursor on it. "Namen vervangen"
runs the pseudonymiser over the note, so a case's people become the pseudonyms the meeting
sees ("Melder A"). Notes are stored a moment after typing stops, and when the screen closes or
locks. The export runs off the GUI thread with its progress shown; the gate checks the whole
document once more and, if it refuses, its findings replace the list.

Nothing on this screen is an identity unless the secretary typed it; the agenda names cases
only as "Casus 1", never by their reference. Still, typed notes may hold a name until it is
fixed, so the screen asks to be left out of screen capture like the case screens.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut, QTextCursor
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QProgressBar,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from casus.disclosure import DisclosureGate
from casus.errors import CasusError
from casus.notebook import export, preparation
from casus.notebook.notebook import Change, MeetingNotebook
from casus.notebook.texts import LEARNING, MeetingText, PlacedFinding, TextKind
from casus.outputs.minutes import default_file_name
from casus.pseudonymise import Pseudonymiser
from casus.services.meetings import MeetingService
from casus.services.review import ReviewService
from casus.vault import Vault
from casus.vocabulary.agenda import NoteField
from ui import dialogs
from ui.actions_page import ActionsPage
from ui.findings_list import FindingsList
from ui.meeting.agenda_panel import AgendaPanel
from ui.meeting.check_panel import CheckPanel
from ui.meeting.item_panel import ItemPanel
from ui.meeting.learning_page import LearningPage
from ui.meeting.meeting_bar import NO_MEETING, MeetingBar, default_meeting
from ui.messages import describe
from ui.new_meeting_dialog import NewMeetingDialog
from ui.note_edit import NoteEdit
from ui.notebook_signals import NotebookSignals
from ui.screen_capture import exclude_from_capture
from ui.widgets import button
from ui.workers import Worker, start, start_with_progress

CHECK_DELAY_MS = 250
SAVE_DELAY_MS = 1500
IN_THE_CASE = (
    "{place}: dit staat in de vrijgegeven tekst van de casus. De casushouder past de voorbereiding "
    "aan (Ctrl+R in de casuslijst) en geeft de casus opnieuw vrij."
)


class MeetingScreen(QDialog):
    meeting_mode_requested = Signal(int)
    agenda_row_chosen = Signal(int)

    def __init__(self, vault: Vault, engine: Pseudonymiser, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Overleg – Casus")
        self.setAccessibleName("Overleg")
        self.vault, self.engine = vault, engine
        self.service = MeetingService(vault)
        self.review = ReviewService(vault, engine)
        self.notebook = MeetingNotebook(self.service)
        self.last_note: NoteEdit | None = None
        self._workers: list[Worker] = []
        self.check_timer = QTimer(self, singleShot=True, interval=CHECK_DELAY_MS)
        self.check_timer.timeout.connect(self.check_pending)
        self.save_timer = QTimer(self, singleShot=True, interval=SAVE_DELAY_MS)
        self.save_timer.timeout.connect(self.save_notes)
        self._build()
        NotebookSignals(self.notebook, self).changed.connect(self._notebook_changed)
        QApplication.instance().focusChanged.connect(self._focus_changed)  # type: ignore[union-attr]
        exclude_from_capture(self)
        self._set_enabled(False)
        self.reload_meetings()

    def _build(self) -> None:
        self._fit_to_screen()
        self.bar = MeetingBar()
        self.agenda_panel, self.item_panel = AgendaPanel(), ItemPanel()
        self.actions_page, self.learning_page, self.check_panel = (
            ActionsPage(self.vault),
            LearningPage(),
            CheckPanel(),
        )
        agenda_page = QSplitter()
        agenda_page.addWidget(self.agenda_panel)
        agenda_page.addWidget(self.item_panel)
        agenda_page.setSizes([330, 870])
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Onderdelen van het overleg")
        self.tabs.addTab(agenda_page, "&1 Agenda en notities")
        self.tabs.addTab(self.actions_page, "&2 Actielijst")
        self.tabs.addTab(self.learning_page, "&3 Leerpunten")
        layout = QVBoxLayout(self)
        layout.addWidget(self.bar)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.check_panel)
        layout.addLayout(self._button_row())
        self._connect()

    def _fit_to_screen(self) -> None:
        """1200×760 where there is room; never more than the screen has (1366×768 laptops)."""
        screen = QGuiApplication.primaryScreen()
        room = screen.availableGeometry() if screen is not None else None
        self.resize(min(1200, room.width()) if room else 1200, min(760, room.height()) if room else 760)

    def _button_row(self) -> QHBoxLayout:
        self.pseudonymise_button = button(
            "Namen vervangen door &pseudoniemen",
            "Namen in de notitie vervangen door pseudoniemen",
            self.pseudonymise_note,
        )
        self.no_name_button = button("Geen naam (F9)", "Gekozen woord is geen naam", self.mark_no_name)
        self.no_name_button.setEnabled(False)
        self.export_button = button("Notulen &exporteren…", "Notulen exporteren", self.export_minutes)
        self.save_status = QLabel()
        self.save_status.setAccessibleName("Opslaan")
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Voortgang van de export")
        self.progress.setVisible(False)
        row = QHBoxLayout()
        row.addWidget(self.pseudonymise_button)
        row.addWidget(self.no_name_button)  # beside the others, not a row of its own: 1366×768
        row.addStretch(1)
        row.addWidget(self.save_status)
        row.addWidget(self.progress)
        row.addWidget(self.export_button)
        return row

    def _connect(self) -> None:
        self.bar.meeting_chosen.connect(self.load_meeting)
        self.bar.new_meeting_requested.connect(self.new_meeting)
        self.bar.meeting_mode_requested.connect(self.request_meeting_mode)
        self.bar.attendance_changed.connect(self._attendance_changed)
        self.agenda_panel.item_chosen.connect(self._show_item)
        self.agenda_panel.add_requested.connect(self.add_released)
        self.agenda_panel.move_requested.connect(self.move_item)
        self.agenda_panel.remove_requested.connect(self.remove_item)
        self.item_panel.note_typed.connect(self._item_note_typed)
        self.learning.textChanged.connect(self._learning_typed)
        self.actions_page.changed.connect(self.notebook.actions_changed)
        self.actions_page.description.textChanged.connect(self._action_typed)
        self.actions_page.table.itemSelectionChanged.connect(self._action_typed)
        self.findings_list.chosen.connect(self.jump_to)
        for keys, slot in (
            ("F5", self.request_meeting_mode),
            ("F8", self.findings_list.choose_next),
            ("F9", self.mark_no_name),
            ("Ctrl+S", self.save_notes),
            ("Ctrl+Shift+E", self.export_minutes),
            ("Ctrl+Shift+P", self.pseudonymise_note),
        ):
            QShortcut(QKeySequence(keys), self).activated.connect(slot)

    # -- the parts, by the names the keyboard and the tests know them ---------------------------------

    @property
    def agenda(self) -> QListWidget:
        return self.agenda_panel.list

    @property
    def note_edits(self) -> dict[NoteField, NoteEdit]:
        return self.item_panel.note_edits

    @property
    def case_view(self) -> QTextBrowser:
        return self.item_panel.case_view

    @property
    def learning(self) -> NoteEdit:
        return self.learning_page.edit

    @property
    def findings_list(self) -> FindingsList:
        return self.check_panel.findings_list

    @property
    def check_status(self) -> QLabel:
        return self.check_panel.status

    @property
    def meeting_id(self) -> int | None:
        return self.notebook.meeting_id

    @property
    def gate(self) -> DisclosureGate | None:
        return self.notebook.gate

    # -- meetings -----------------------------------------------------------------------------------

    def reload_meetings(self, choose: int | None = None) -> None:
        summaries = self.service.summaries()
        if not summaries:
            self.bar.show_meetings([], None)
            self.check_panel.say(NO_MEETING)
            return
        chosen = choose if choose is not None else default_meeting(summaries)
        self.bar.show_meetings(summaries, chosen)
        self.load_meeting(self.bar.combo.currentData())

    def new_meeting(self) -> None:
        dialog = NewMeetingDialog(self.vault, self)
        if dialogs.run(dialog) and dialog.meeting_id is not None:
            self.reload_meetings(choose=dialog.meeting_id)

    def load_meeting(self, meeting_id: int | None, keep_views: bool = False) -> None:
        if meeting_id is None:
            return
        try:
            self.notebook.open(meeting_id, keep_views)
        except CasusError as error:  # the save was refused and said why: stay, nothing is lost
            self.save_status.setText(describe(error))
            self.bar.choose(self.notebook.meeting_id)
            return
        self._set_enabled(True)
        if not self.notebook.ready:
            self._prepare()

    def _prepare(self) -> None:
        """The gate and the cases as the meeting sees them, off the GUI thread: building the
        gate reads the whole vault and the first check loads deduce."""
        vault, engine, meeting_id = self.vault, self.engine, self.notebook.meeting_id
        entries = self.notebook.to_prepare()
        assert meeting_id is not None
        self.check_panel.say("Controle op namen wordt voorbereid…")
        task = lambda: preparation.prepare_meeting(vault, engine, meeting_id, entries)  # noqa: E731
        self._workers.append(start(task, self.notebook.adopt, self._failed))

    def _failed(self, error: BaseException) -> None:
        self.progress.setVisible(False)
        self.export_button.setEnabled(True)
        self.check_panel.say(describe(error))

    def _set_enabled(self, enabled: bool) -> None:
        for widget in (self.tabs, self.export_button, self.pseudonymise_button):
            widget.setEnabled(enabled)
        self.bar.set_enabled(enabled)

    def _attendance_changed(self) -> None:
        try:
            self.notebook.set_attendance(self.bar.present())
        except CasusError as error:
            self.save_status.setText(describe(error))

    # -- what the notebook says changed ------------------------------------------------------------------

    def _notebook_changed(self, change: Change) -> None:
        book = self.notebook
        if change in (Change.MEETING, Change.AGENDA, Change.VIEWS):
            if change is Change.MEETING and book.meeting is not None:
                self.learning.set_text_quietly(book.text(LEARNING))
                self.bar.show_attendance(book.meeting.parties)
            self.agenda_panel.show_agenda(book.agenda, book.views, keep=self.agenda_panel.current_item)
        if change in (Change.MEETING, Change.AGENDA, Change.ACTIONS):
            titles = {entry.id: entry.title for entry in book.agenda}
            self.actions_page.load(book.meeting_id, book.actions, titles)
        if change is Change.FINDINGS:
            self._show_findings()
        if change is Change.SAVED and not book.unsaved:
            self.save_status.setText("Opgeslagen.")

    def _show_item(self, item_id: int | None) -> None:
        entry = self.notebook.entry(item_id)
        if entry is None:
            self.item_panel.show_empty()
            return
        notes = {field: self.notebook.text(MeetingText.note(entry.id, field)) for field in NoteField}
        found = {
            field: self.notebook.findings.get(MeetingText.note(entry.id, field), []) for field in NoteField
        }
        self.item_panel.show_item(self.notebook.views.get(entry.id), notes, found)
        self.agenda_row_chosen.emit(entry.number - 1)

    def _show_findings(self) -> None:
        self.check_panel.show_findings(self.notebook.placed_findings(), self.notebook.tally())
        self.no_name_button.setEnabled(self.notebook.tally().questions > 0)
        for text in self.notebook.findings:
            edit = self._edit(text)
            if edit is not None:
                edit.mark(self.notebook.findings[text])

    # -- the agenda -----------------------------------------------------------------------------------

    def _agenda_step(self, step: Callable[[], object], focus: bool = False) -> None:
        try:
            step()
        except CasusError as error:
            self.save_status.setText(describe(error))
        if focus:
            self.agenda.setFocus()

    def add_released(self) -> None:
        def add() -> None:
            added = self.notebook.add_released()
            self.save_status.setText(
                f"{added} casussen toegevoegd." if added else "Geen nieuwe vrijgegeven casussen."
            )
            if added:
                self._prepare()

        self._agenda_step(add)

    def move_item(self, offset: int) -> None:
        item_id = self.agenda_panel.current_item
        if item_id is not None:
            self._agenda_step(lambda: self.notebook.move(item_id, offset), focus=True)

    def remove_item(self) -> None:
        entry = self.notebook.entry(self.agenda_panel.current_item)
        question = (
            f"{entry.title if entry else ''} van de agenda halen? De notities bij dit agendapunt gaan "
            "verloren; de acties blijven op de actielijst."
        )
        if entry is not None and dialogs.confirm(self, "Van de agenda halen", question):
            self._agenda_step(lambda: self.notebook.remove(entry.id))

    # -- typing, checking, saving ---------------------------------------------------------------------

    def _item_note_typed(self, field: NoteField) -> None:
        item_id = self.agenda_panel.current_item
        if item_id is not None:
            self.notebook.type_note(MeetingText.note(item_id, field), self.note_edits[field].toPlainText())
            self._typed(save=True)

    def _learning_typed(self) -> None:
        self.notebook.type_note(LEARNING, self.learning.toPlainText())
        self._typed(save=True)

    def _action_typed(self) -> None:
        self.notebook.type_action(self.actions_page.editing, self.actions_page.description.toPlainText())
        self._typed(save=False)

    def _typed(self, save: bool) -> None:
        self.check_timer.start()
        if save:
            self.save_status.setText("Niet opgeslagen…")
            self.save_timer.start()

    def check_pending(self) -> None:
        self.notebook.check_pending()

    def check_all(self) -> None:
        self.notebook.check_all()

    def save_notes(self) -> None:
        """Stores every note typed since the last save; a refusal (too long) keeps the text on
        screen and says why."""
        try:
            self.notebook.save()
        except CasusError as error:
            self.save_status.setText(describe(error))

    def _edit(self, text: MeetingText) -> NoteEdit | None:
        if text.kind is TextKind.NOTE and text.field and text.id == self.agenda_panel.current_item:
            return self.note_edits[text.field]
        if text.kind is TextKind.ACTION and text.id == self.actions_page.editing:
            return self.actions_page.description
        return self.learning if text == LEARNING else None

    def mark_no_name(self) -> None:
        """F9: the chosen word to check is no name; stored with the meeting, asked no more."""
        placed = self.check_panel.chosen
        row = self.findings_list.currentRow()
        if placed is None:
            return
        try:
            self.notebook.mark_no_name(placed)
        except CasusError as error:
            self.check_panel.say(describe(error) + " Kies een woord om te controleren (F8), dan F9.")
            return
        if self.findings_list.count():
            self.findings_list.setCurrentRow(min(row, self.findings_list.count() - 1))
        self.findings_list.setFocus()

    # -- going to a finding -----------------------------------------------------------------------------

    def jump_to(self, placed: PlacedFinding) -> None:
        finding, text = placed.finding, placed.text
        if text.kind in (TextKind.NOTE, TextKind.CASE):
            self.tabs.setCurrentIndex(0)
            self.agenda_panel.choose(text.id)
        if text.kind is TextKind.NOTE and text.field is not None:
            self.note_edits[text.field].select_range(finding.start, finding.end)
        elif text.kind is TextKind.CASE:
            self.case_view.setFocus()
            self.check_panel.say(IN_THE_CASE.format(place=finding.place))
        elif text.kind is TextKind.ACTION:
            self.tabs.setCurrentWidget(self.actions_page)
            self.actions_page.select(text.id)
            self.actions_page.description.select_range(finding.start, finding.end)
        elif text == LEARNING:
            self.tabs.setCurrentWidget(self.learning_page)
            self.learning.select_range(finding.start, finding.end)

    # -- pseudonymising a note ------------------------------------------------------------------------

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if isinstance(new, NoteEdit) and self.isAncestorOf(new):
            self.last_note = new

    def pseudonymise_note(self) -> None:
        """The note that had the cursor last, with the pseudonymiser's replacements; one undo
        step (Ctrl+Z) brings the typed text back."""
        edit, codes = self.last_note, self.notebook.codes
        if edit is None or codes is None or not edit.toPlainText().strip():
            self.save_status.setText("Zet eerst de cursor in een notitie.")
            return
        entry = self.notebook.entry(self.agenda_panel.current_item)
        case_id = entry.case_id if entry is not None and edit in self.note_edits.values() else None
        try:
            text = self.review.pseudonymise_note(edit.toPlainText(), codes, case_id)
        except CasusError as error:
            self.save_status.setText(describe(error))
            return
        if text != edit.toPlainText():
            cursor = edit.textCursor()
            cursor.select(QTextCursor.SelectionType.Document)
            cursor.insertText(text)
        edit.setFocus()

    # -- meeting mode and export ------------------------------------------------------------------------

    def request_meeting_mode(self) -> None:
        if self.notebook.meeting_id is not None:
            self.save_notes()
            self.meeting_mode_requested.emit(self.notebook.meeting_id)

    def export_minutes(self) -> None:
        meeting = self.notebook.meeting
        if meeting is None or not self.export_button.isEnabled():
            return
        self.save_notes()
        if self.notebook.unsaved:
            return  # the save failed and said why
        target = dialogs.choose_export_target(
            self, "Notulen opslaan", default_file_name(meeting.held_on), word=True
        )
        if target is None:
            return
        vault, engine, meeting_id = self.vault, self.engine, meeting.id

        def task(report: Callable[[int, int], None]) -> Path | export.ExportRefusal:
            return export.export_minutes(vault, engine, meeting_id, target, report)

        self.export_button.setEnabled(False)
        self.progress.setRange(0, 0)
        self.progress.setVisible(True)
        self.check_panel.say("Notulen maken en controleren…")
        self._workers.append(start_with_progress(task, self._export_progress, self._exported, self._failed))

    def _export_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)

    def _exported(self, outcome: Path | export.ExportRefusal) -> None:
        self.progress.setVisible(False)
        self.export_button.setEnabled(True)
        if isinstance(outcome, Path):
            questions = self.notebook.tally().questions
            left = f". Nog {questions} woord(en) om te controleren (F8, F9)." if questions else ""
            self.check_panel.say(f"Notulen geschreven: {outcome.name}{left}")
            return
        self.notebook.adopt_refusal(outcome)
        self.check_panel.say(
            f"De notulen zijn niet geschreven: de controle vond {len(outcome.findings)} "
            "herleidbaar gegeven(s). Kies een bevinding om ernaar toe te gaan."
        )
        self.findings_list.setFocus()

    def done(self, result: int) -> None:
        """Closing, Esc and locking all store what was typed first."""
        self.save_notes()
        self.check_timer.stop()
        self.save_timer.stop()
        super().done(result)
