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

import functools
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QSplitter,
    QTabWidget,
    QWidget,
)

from casus.disclosure import DisclosureGate
from casus.errors import CasusError
from casus.notebook import export, preparation
from casus.notebook.notebook import Change, MeetingNotebook
from casus.notebook.texts import LEARNING, MeetingText, PlacedFinding, TextKind
from casus.pseudonymise import Pseudonymiser
from casus.services.meetings import MeetingService
from casus.services.notes import NoteService
from casus.vault import Vault
from casus.vocabulary.agenda import NoteField
from casus.vocabulary.dutch import counted
from ui import dialogs
from ui.actions_page import ActionsPage
from ui.gated_copy import gate_copies
from ui.meeting.agenda_panel import AgendaPanel
from ui.meeting.card_row import CardRow
from ui.meeting.check_panel import CheckPanel
from ui.meeting.export_row import ExportRow
from ui.meeting.item_panel import ItemPanel
from ui.meeting.learning_page import LearningPage
from ui.meeting.meeting_bar import NO_MEETING, MeetingBar, default_meeting
from ui.meeting.note_keeper import NoteKeeper
from ui.messages import describe
from ui.new_meeting_dialog import NewMeetingDialog
from ui.note_edit import NoteEdit
from ui.notebook_signals import NotebookSignals
from ui.screen_capture import exclude_from_capture
from ui.window_fit import fit_to_screen, scrolled_layout
from ui.workers import Worker, start

IN_THE_CASE = (
    "{place}: dit staat in de vrijgegeven tekst van de casus. De casushouder past de voorbereiding "
    "aan (Ctrl+R in de casuslijst) en geeft de casus opnieuw vrij."
)


def _connect_cards_and_copies(screen: MeetingScreen) -> None:
    """The case cards' row says how it went on the status line; so does every copy the gate
    refuses, from the case and from each note."""
    screen.card_row.said.connect(screen.save_status.setText)
    screen.card_row.cards_added.connect(screen._prepare)
    copies = [screen.case_view, *screen.note_edits.values(), screen.learning, screen.actions_page.description]
    # The notebook, not the screen: a callable on the widgets that held the screen would be a cycle.
    gate_copies(copies, functools.partial(getattr, screen.notebook, "gate"), screen.save_status.setText)


def go_to_finding(screen: MeetingScreen, placed: PlacedFinding) -> None:
    """Where a finding stands: the note, case, action or learning points, with the text selected."""
    finding, text = placed.finding, placed.text
    if text.kind in (TextKind.NOTE, TextKind.CASE):
        screen.tabs.setCurrentIndex(0)
        screen.agenda_panel.choose(text.id)
    if text.kind is TextKind.NOTE and text.field is not None:
        screen.note_edits[text.field].select_range(finding.start, finding.end)
    elif text.kind is TextKind.CASE:
        screen.case_view.setFocus()
        screen.check_panel.say(IN_THE_CASE.format(place=finding.place))
    elif text.kind is TextKind.ACTION:
        screen.tabs.setCurrentWidget(screen.actions_page)
        screen.actions_page.select(text.id)
        screen.actions_page.description.select_range(finding.start, finding.end)
    elif text == LEARNING:
        screen.tabs.setCurrentWidget(screen.learning_page)
        screen.learning.select_range(finding.start, finding.end)


class MeetingScreen(QDialog):
    meeting_mode_requested = Signal(int)
    agenda_row_chosen = Signal(int)

    def __init__(self, vault: Vault, pseudonymiser: Pseudonymiser, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Overleg – Casus")
        self.setAccessibleName("Overleg")
        self.vault, self.pseudonymiser = vault, pseudonymiser
        self.service = MeetingService(vault)
        self.notebook = MeetingNotebook(self.service, NoteService(vault, pseudonymiser))
        self.last_note: NoteEdit | None = None
        self._workers: list[Worker] = []
        self._build()
        NotebookSignals(self.notebook, self).changed.connect(self._notebook_changed)
        QApplication.instance().focusChanged.connect(self._focus_changed)  # type: ignore[union-attr]
        exclude_from_capture(self)
        self._set_enabled(False)
        self.reload_meetings()

    def _build(self) -> None:
        fit_to_screen(self, 1200, 760)
        self.bar = MeetingBar()
        self.agenda_panel, self.item_panel = AgendaPanel(self.notebook), ItemPanel()
        self.actions_page, self.learning_page, self.check_panel = (
            ActionsPage(self.vault),
            LearningPage(),
            CheckPanel(),
        )
        self.card_row = self.agenda_panel.add_row(CardRow(self.vault, self.pseudonymiser, self.notebook))
        agenda_page = QSplitter()
        agenda_page.addWidget(self.agenda_panel)
        agenda_page.addWidget(self.item_panel)
        agenda_page.setSizes([330, 870])
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Onderdelen van het overleg")
        self.tabs.addTab(agenda_page, "&1 Agenda en notities")
        self.tabs.addTab(self.actions_page, "&2 Actielijst")
        self.tabs.addTab(self.learning_page, "&3 Leerpunten")
        layout = scrolled_layout(self)
        layout.addWidget(self.bar)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.check_panel)
        self.export_row = ExportRow(self.vault, self.pseudonymiser)
        layout.addWidget(self.export_row)
        self._name_parts()
        self._connect()

    def _name_parts(self) -> None:
        """The parts by the names the shortcuts, the tests and the main window know them."""
        self.agenda, self.case_view = self.agenda_panel.list, self.item_panel.case_view
        self.note_edits, self.learning = self.item_panel.note_edits, self.learning_page.edit
        self.findings_list, self.check_status = self.check_panel.findings_list, self.check_panel.status
        row = self.export_row
        self.export_button, self.no_name_button = row.export_button, row.no_name_button
        self.pseudonymise_button, self.save_status, self.progress = (
            row.pseudonymise_button,
            row.save_status,
            row.progress,
        )

    @property
    def meeting_id(self) -> int | None:
        return self.notebook.meeting_id

    @property
    def gate(self) -> DisclosureGate | None:
        return self.notebook.gate

    def _connect(self) -> None:
        self.bar.meeting_chosen.connect(self.load_meeting)
        self.bar.new_meeting_requested.connect(self.new_meeting)
        self.bar.meeting_mode_requested.connect(self.request_meeting_mode)
        self.bar.attendance_changed.connect(self._attendance_changed)
        self.agenda_panel.item_chosen.connect(self._show_item)
        self.agenda_panel.said.connect(lambda text: self.save_status.setText(text))
        self.agenda_panel.cases_added.connect(self._prepare)
        _connect_cards_and_copies(self)
        self.keeper = NoteKeeper(
            self.notebook,
            self.item_panel,
            self.learning,
            self.actions_page,
            lambda: self.agenda_panel.current_item,
        )
        self.keeper.said.connect(self.save_status.setText)
        self.actions_page.changed.connect(self.notebook.actions_changed)
        self.findings_list.chosen.connect(self.jump_to)
        self.export_row.pseudonymise_requested.connect(self.pseudonymise_note)
        self.export_row.no_name_requested.connect(self.mark_no_name)
        self.export_row.export_requested.connect(self.export_minutes)
        self.export_row.finished.connect(self._exported)
        self.export_row.woo_requested.connect(self.export_woo)
        self.export_row.woo_finished.connect(
            lambda path: self.check_panel.say(f"Woo-versie geschreven: {path.name}")
        )
        self.export_row.failed.connect(lambda error: self.check_panel.say(describe(error)))
        for keys, slot in (
            ("F5", self.request_meeting_mode),
            ("F8", self.findings_list.choose_next),
            ("F9", self.mark_no_name),
            ("Ctrl+S", self.save_notes),
            ("Ctrl+Shift+E", self.export_minutes),
            ("Ctrl+Shift+P", self.pseudonymise_note),
        ):
            QShortcut(QKeySequence(keys), self).activated.connect(slot)

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
        vault, pseudonymiser, meeting_id = self.vault, self.pseudonymiser, self.notebook.meeting_id
        entries = self.notebook.to_prepare()
        assert meeting_id is not None
        self.check_panel.say("Controle op namen wordt voorbereid…")
        task = lambda: preparation.prepare_meeting(vault, pseudonymiser, meeting_id, entries)  # noqa: E731
        self._workers.append(start(task, self.notebook.adopt, self._failed))

    def _failed(self, error: BaseException) -> None:
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

    # -- typing, checking, saving ---------------------------------------------------------------------

    def check_pending(self) -> None:
        self.notebook.check_pending()

    def check_all(self) -> None:
        self.notebook.check_all()

    def save_notes(self) -> None:
        self.keeper.save()

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
        go_to_finding(self, placed)

    def pseudonymise_note(self) -> None:
        self.keeper.pseudonymise(self.last_note, self.agenda_panel.current_item)

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if isinstance(new, NoteEdit) and self.isAncestorOf(new):
            self.last_note = new

    # -- meeting mode and export ------------------------------------------------------------------------

    def request_meeting_mode(self) -> None:
        if self.notebook.meeting_id is not None:
            self.save_notes()
            self.meeting_mode_requested.emit(self.notebook.meeting_id)

    def export_minutes(self) -> None:
        meeting = self.notebook.meeting
        if meeting is None or self.export_row.busy:
            return
        self.save_notes()
        if self.notebook.unsaved:
            return  # the save failed and said why
        self.notebook.check_pending()  # what was typed a moment ago counts too
        refusing = self.notebook.tally().refusing if self.notebook.ready else 0
        if refusing:  # the gate has spoken: say so before asking where to save
            self.check_panel.say(
                f"De notulen kunnen nog niet worden gemaakt: de controle vond "
                f"{counted(refusing, 'herleidbaar gegeven')}. Kies een bevinding om ernaar toe te gaan."
            )
            self.findings_list.setFocus()
            return
        if self.export_row.export(meeting):
            self.check_panel.say("Notulen maken en controleren…")

    def export_woo(self) -> None:
        """The Woo copy of the minutes as they are stored: the notes are saved first."""
        meeting = self.notebook.meeting
        if meeting is None or self.export_row.busy:
            return
        self.save_notes()
        if not self.notebook.unsaved and self.export_row.export_woo(meeting):
            self.check_panel.say("Woo-versie maken: alles wat herleidbaar is, wordt weggelakt…")

    def _exported(self, outcome: Path | export.ExportRefusal) -> None:
        if isinstance(outcome, Path):
            questions = self.notebook.tally().questions
            left = f". Nog {counted(questions, 'woord')} om te controleren (F8, F9)." if questions else ""
            self.check_panel.say(f"Notulen geschreven: {outcome.name}{left}")
            return
        self.notebook.adopt_refusal(outcome)
        self.check_panel.say(
            "De notulen zijn niet geschreven: de controle vond "
            f"{counted(len(outcome.findings), 'herleidbaar gegeven')}. "
            "Kies een bevinding om ernaar toe te gaan."
        )
        self.findings_list.setFocus()

    def done(self, result: int) -> None:
        """Closing, Esc and locking all store what was typed first."""
        self.save_notes()
        self.keeper.stop()
        super().done(result)
