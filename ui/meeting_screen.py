"""The secretary's screen for a meeting: attendance, the agenda with each case as the meeting
sees it, the notes per item (discussion, advice, agreements), the actions, the learning
points, and the export of the minutes.

Every note passes the disclosure gate as it is typed (a quarter second after the last key):
a name, an e-mail address, a unit or an incident date is marked in the field at once and
listed under "Controle", from where Enter (or F8) puts the cursor on it. "Namen vervangen"
runs the pseudonymiser over the note, so a case's people become the pseudonyms the meeting
sees ("Melder A"). Notes are stored in the vault a moment after typing stops, and when the
screen closes or locks. The export runs off the GUI thread with its progress shown; the gate
checks the whole document once more and, if it refuses, its findings replace the list.

Nothing on this screen is an identity unless the secretary typed it; the agenda names cases
only as "Casus 1", never by their reference. Still, typed notes may hold a name until it is
fixed, so the screen asks to be left out of screen capture like the case screens.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut, QTextCursor
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMessageBox,
    QProgressBar,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from casus.disclosure import DisclosureGate, DisclosureRefused, Finding
from casus.errors import CasusError
from casus.outputs.minutes import Source, build_minutes, default_file_name
from casus.outputs.minutes_export import write_minutes
from casus.pseudonymise import Pseudonymiser, UnitCodeBook
from casus.services.meeting_values import AgendaEntry
from casus.services.meetings import MeetingService, MeetingSummary
from casus.services.review import MeetingCase, ReviewService
from casus.vault import Vault
from casus.vocabulary.agenda import NoteField
from casus.vocabulary.enums import FindingKind, Party
from ui.actions_page import ActionsPage
from ui.findings_list import FindingsList, Located
from ui.meeting_mode import case_html
from ui.messages import describe
from ui.new_meeting_dialog import NewMeetingDialog
from ui.note_edit import NoteEdit
from ui.screen_capture import exclude_from_capture
from ui.widgets import add_labelled_row, button, choose_export_target
from ui.workers import Worker, start, start_with_progress

# The notes of an agenda item: field, label with its mnemonic, accessible name, place in the
# minutes (as casus.outputs.minutes names it).
ITEM_FIELDS = (
    ("discussion", "&Bespreking:", "Bespreking", "bespreking"),
    ("advice", "A&dvies (heling en herstel en ander advies):", "Advies", "advies"),
    ("agreements", "A&fspraken:", "Afspraken", "afspraken"),
)
CHECK_DELAY_MS = 250
SAVE_DELAY_MS = 1500


@dataclass(frozen=True)
class Spot:
    """A text of the meeting the gate checks: an item's note ("item", item id, field), an
    item's released case ("case", item id), an action's description ("action", action id; None
    for the one being made), the learning points or the attendance line."""

    kind: str
    id: int | None = None
    field: str = ""


LEARNING = Spot("learning")


@dataclass(frozen=True)
class Prepared:
    """What the loader brings back from the worker: the gate over the vault as it is now,
    the meeting's unit codes and each agenda item as the meeting sees it (or why not)."""

    meeting_id: int
    gate: DisclosureGate
    codes: UnitCodeBook
    views: dict[int, MeetingCase | str]


@dataclass(frozen=True)
class Refused:
    findings: list[Finding]
    sources: dict[str, Source]


class MeetingScreen(QDialog):
    meeting_mode_requested = Signal(int)
    agenda_row_chosen = Signal(int)

    def __init__(self, vault: Vault, engine: Pseudonymiser, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Overleg – Casus")
        self.setAccessibleName("Overleg")
        # 1200×760 where there is room; never more than the screen has (1366×768 laptops).
        screen = QGuiApplication.primaryScreen()
        room = screen.availableGeometry() if screen is not None else None
        self.resize(min(1200, room.width()) if room else 1200, min(760, room.height()) if room else 760)
        self.vault = vault
        self.engine = engine
        self.service = MeetingService(vault)
        self.review = ReviewService(vault, engine)
        self.meeting_id: int | None = None
        self.items: list[AgendaEntry] = []
        self.views: dict[int, MeetingCase | str] = {}
        self.notes: dict[Spot, str] = {}
        self.learning_points = ""
        self.unsaved: set[Spot] = set()
        self.unchecked: set[Spot] = set()
        self.findings: dict[Spot, list[Finding]] = {}
        self.gate: DisclosureGate | None = None
        self.no_name: frozenset[str] = frozenset()  # the words marked "geen naam" (folded)
        self.codes: UnitCodeBook | None = None
        self.current_item: int | None = None
        self.last_note: NoteEdit | None = None
        self._workers: list[Worker] = []

        self.check_timer = QTimer(self, singleShot=True, interval=CHECK_DELAY_MS)
        self.check_timer.timeout.connect(self.check_pending)
        self.save_timer = QTimer(self, singleShot=True, interval=SAVE_DELAY_MS)
        self.save_timer.timeout.connect(self.save_notes)

        # -- the meeting and who is there ---------------------------------------------------------
        self.meeting_combo = QComboBox()
        self.meeting_combo.setAccessibleName("Overleg")
        self.meeting_combo.activated.connect(
            lambda _index: self.load_meeting(self.meeting_combo.currentData())
        )
        meeting_label = QLabel("&Overleg van:")
        meeting_label.setBuddy(self.meeting_combo)
        top = QHBoxLayout()
        top.addWidget(meeting_label)
        top.addWidget(self.meeting_combo, 1)
        top.addWidget(button("&Nieuw overleg…", "Nieuw overleg", self.new_meeting))
        self.meeting_mode_button = button("&Vergadermodus (F5)", "Vergadermodus", self.request_meeting_mode)
        top.addWidget(self.meeting_mode_button)
        self.attendance = {party: QCheckBox(party.label.replace("&", "&&")) for party in Party}
        attendance_row = QHBoxLayout()
        attendance_row.addWidget(QLabel("Aanwezig:"))
        for party, box in self.attendance.items():
            box.setAccessibleName(f"{party.label} aanwezig")
            box.toggled.connect(self._attendance_changed)
            attendance_row.addWidget(box)
        attendance_row.addStretch(1)

        # -- agenda ---------------------------------------------------------------------------------
        self.agenda = QListWidget()
        self.agenda.setAccessibleName("Agenda")
        self.agenda.currentRowChanged.connect(self._agenda_row_changed)
        agenda_label = QLabel("A&genda:")
        agenda_label.setBuddy(self.agenda)
        agenda_buttons = QHBoxLayout()
        agenda_buttons.addWidget(
            button("Vrijgegeven casussen &toevoegen", "Vrijgegeven casussen toevoegen", self.add_released)
        )
        agenda_buttons.addStretch(1)
        move_buttons = QHBoxLayout()
        move_buttons.addWidget(button("Omhoog (Alt+↑)", "Agendapunt omhoog", lambda: self.move_item(-1)))
        move_buttons.addWidget(button("Omlaag (Alt+↓)", "Agendapunt omlaag", lambda: self.move_item(1)))
        move_buttons.addWidget(button("Van de agenda (Del)", "Van de agenda halen", self.remove_item))
        agenda_side = QWidget()
        agenda_layout = QVBoxLayout(agenda_side)
        agenda_layout.setContentsMargins(0, 0, 0, 0)
        agenda_layout.addWidget(agenda_label)
        agenda_layout.addWidget(self.agenda, 1)
        agenda_layout.addLayout(agenda_buttons)
        agenda_layout.addLayout(move_buttons)
        for keys, slot in (
            ("Alt+Up", lambda: self.move_item(-1)),
            ("Alt+Down", lambda: self.move_item(1)),
            ("Delete", self.remove_item),
        ):
            shortcut = QShortcut(QKeySequence(keys), self.agenda)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(slot)

        self.case_view = QTextBrowser()
        self.case_view.setAccessibleName("Casus zoals het overleg hem ziet")
        self.case_view.setOpenLinks(False)
        self.note_edits: dict[str, NoteEdit] = {}
        notes = QWidget()
        notes_form = QFormLayout(notes)
        notes_form.setContentsMargins(0, 0, 0, 0)
        notes_form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)  # labels above the notes
        for field, label_text, name, _place in ITEM_FIELDS:
            edit = NoteEdit(name, "Zonder namen: gebruik de pseudoniemen (Melder A, Betrokkene B)")
            edit.textChanged.connect(lambda field=field: self._item_note_typed(field))
            add_labelled_row(notes_form, label_text, edit)
            self.note_edits[field] = edit
        item_side = QSplitter(Qt.Orientation.Vertical)
        item_side.addWidget(self.case_view)
        item_side.addWidget(notes)
        item_side.setSizes([320, 420])
        agenda_page = QSplitter()
        agenda_page.addWidget(agenda_side)
        agenda_page.addWidget(item_side)
        agenda_page.setSizes([330, 870])

        # -- actions and learning points ------------------------------------------------------------
        self.actions_page = ActionsPage(vault)
        self.actions_page.changed.connect(self._actions_changed)
        self.actions_page.description.textChanged.connect(self._action_typed)
        self.actions_page.table.itemSelectionChanged.connect(self._action_typed)
        self.learning = NoteEdit(
            "Leerpunten", "Wat het overleg leerde, bijvoorbeeld over het herkennen van subtiel racisme"
        )
        self.learning.textChanged.connect(self._learning_typed)
        learning_page = QWidget()
        learning_layout = QVBoxLayout(learning_page)
        learning_label = QLabel("&Leerpunten van dit overleg:")
        learning_label.setBuddy(self.learning)
        learning_layout.addWidget(learning_label)
        learning_layout.addWidget(self.learning)

        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Onderdelen van het overleg")
        self.tabs.addTab(agenda_page, "&1 Agenda en notities")
        self.tabs.addTab(self.actions_page, "&2 Actielijst")
        self.tabs.addTab(learning_page, "&3 Leerpunten")

        # -- the gate and the export --------------------------------------------------------------
        self.check_status = QLabel()
        self.check_status.setAccessibleName("Uitkomst van de controle")
        self.check_status.setWordWrap(True)
        self.findings_list = FindingsList()
        self.findings_list.setMaximumHeight(110)
        self.findings_list.chosen.connect(self.jump_to)
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Voortgang van de export")
        self.progress.setVisible(False)
        self.pseudonymise_button = button(
            "Namen vervangen door &pseudoniemen",
            "Namen in de notitie vervangen door pseudoniemen",
            self.pseudonymise_note,
        )
        self.export_button = button("Notulen &exporteren…", "Notulen exporteren", self.export_minutes)
        self.no_name_button = button("Geen naam (F9)", "Gekozen woord is geen naam", self.mark_no_name)
        self.no_name_button.setEnabled(False)
        self.save_status = QLabel()
        self.save_status.setAccessibleName("Opslaan")
        export_row = QHBoxLayout()
        export_row.addWidget(self.pseudonymise_button)
        # Beside the other buttons, not a row of its own: the screen must fit 1366×768.
        export_row.addWidget(self.no_name_button)
        export_row.addStretch(1)
        export_row.addWidget(self.save_status)
        export_row.addWidget(self.progress)
        export_row.addWidget(self.export_button)
        check_box = QGroupBox("Controle op herleidbare gegevens")
        check_layout = QVBoxLayout(check_box)
        check_layout.addWidget(self.check_status)
        check_layout.addWidget(self.findings_list)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(attendance_row)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(check_box)
        layout.addLayout(export_row)

        for keys, slot in (
            ("F5", self.request_meeting_mode),
            ("F8", self.findings_list.choose_next),
            ("F9", self.mark_no_name),
            ("Ctrl+S", self.save_notes),
            ("Ctrl+Shift+E", self.export_minutes),
            ("Ctrl+Shift+P", self.pseudonymise_note),
        ):
            QShortcut(QKeySequence(keys), self).activated.connect(slot)
        QApplication.instance().focusChanged.connect(self._focus_changed)  # type: ignore[union-attr]
        exclude_from_capture(self)
        self._set_enabled(False)
        self.reload_meetings()

    # -- meetings -----------------------------------------------------------------------------------

    def reload_meetings(self, choose: int | None = None) -> None:
        summaries = self.service.summaries()
        self.meeting_combo.clear()
        for summary in summaries:
            date = summary.held_on
            text = f"{date:%d-%m-%Y} · {summary.items} casussen · {summary.open_actions} open acties"
            self.meeting_combo.addItem(text, summary.id)
        if not summaries:
            self.check_status.setText("Er is nog geen overleg. Kies ‘Nieuw overleg…’ (Alt+N).")
            return
        chosen = choose if choose is not None else self._default_meeting(summaries)
        self.meeting_combo.setCurrentIndex(max(0, self.meeting_combo.findData(chosen)))
        self.load_meeting(self.meeting_combo.currentData())

    @staticmethod
    def _default_meeting(summaries: list[MeetingSummary]) -> int:
        """Today's meeting, else the next one, else the latest."""
        today = dt.date.today()
        coming = [s for s in summaries if s.held_on >= today]
        return (min(coming, key=lambda s: s.held_on) if coming else summaries[0]).id

    def new_meeting(self) -> None:
        dialog = NewMeetingDialog(self.vault, self)
        if dialog.exec() and dialog.meeting_id is not None:
            self.reload_meetings(choose=dialog.meeting_id)

    def load_meeting(self, meeting_id: int | None, keep_views: bool = False) -> None:
        self.save_notes()
        if self.unsaved:  # the save was refused and said why: stay, so nothing typed is lost
            self.meeting_combo.setCurrentIndex(max(0, self.meeting_combo.findData(self.meeting_id)))
            return
        if meeting_id is None:
            return
        if meeting_id != self.meeting_id or not keep_views:
            self.views, self.gate = {}, None
        self.meeting_id = meeting_id
        meeting = self.service.get(meeting_id)
        self.items = list(meeting.agenda)
        self.notes = {
            Spot("item", item.id, field): item.note(NoteField(field))
            for item in self.items
            for field, *_ in ITEM_FIELDS
        }
        self.learning_points = meeting.learning_points
        self.learning.set_text_quietly(self.learning_points)
        self.no_name = self.service.no_name_words(meeting_id)
        present = meeting.parties
        for party, box in self.attendance.items():
            box.blockSignals(True)
            box.setChecked(party in present)
            box.blockSignals(False)
        self.actions_page.load(meeting_id, list(meeting.actions), self._titles())
        self._fill_agenda()
        self._set_enabled(True)
        missing = [item for item in self.items if item.id not in self.views]
        if self.gate is None or missing:
            self._prepare(meeting_id, missing)
        else:
            self.check_all()

    def _prepare(self, meeting_id: int, items: list[AgendaEntry]) -> None:
        """The gate and the cases as the meeting sees them, off the GUI thread: building the
        gate reads the whole vault and the first check loads deduce."""
        vault, engine, review, service = self.vault, self.engine, self.review, self.service
        pairs = [(item.id, item.case_id) for item in items]

        def task() -> Prepared:
            engine.warm_up()
            gate = DisclosureGate.for_vault(vault, engine)
            codes = service.codes(meeting_id)
            views: dict[int, MeetingCase | str] = {}
            for item_id, case_id in pairs:
                try:
                    views[item_id] = review.meeting_view(case_id, codes)
                except CasusError as error:
                    views[item_id] = f"Deze casus kan niet worden getoond: {describe(error)}"
            return Prepared(meeting_id, gate, codes, views)

        self.check_status.setText("Controle op namen wordt voorbereid…")
        self._workers.append(start(task, self._prepared, self._failed))

    def _prepared(self, prepared: Prepared) -> None:
        if prepared.meeting_id != self.meeting_id:
            return  # another meeting was chosen meanwhile
        self.gate, self.codes = prepared.gate, prepared.codes
        self.views.update(prepared.views)
        self._fill_agenda()
        self.check_all()

    def _failed(self, error: BaseException) -> None:
        self.progress.setVisible(False)
        self.export_button.setEnabled(True)
        self.check_status.setText(describe(error))

    def _set_enabled(self, enabled: bool) -> None:
        for widget in (self.tabs, self.export_button, self.meeting_mode_button, self.pseudonymise_button):
            widget.setEnabled(enabled)
        for box in self.attendance.values():
            box.setEnabled(enabled)

    def _attendance_changed(self) -> None:
        if self.meeting_id is None:
            return
        present = [party for party, box in self.attendance.items() if box.isChecked()]
        try:
            self.service.set_attendance(self.meeting_id, present)
        except CasusError as error:
            self.save_status.setText(describe(error))

    # -- agenda ---------------------------------------------------------------------------------------

    def _titles(self) -> dict[int, str]:
        return {item.id: f"Casus {number}" for number, item in enumerate(self.items, 1)}

    def _fill_agenda(self) -> None:
        row = max(0, self.agenda.currentRow())
        if self.current_item is not None and self.current_item in [i.id for i in self.items]:
            row = [i.id for i in self.items].index(self.current_item)
        self.agenda.blockSignals(True)
        self.agenda.clear()
        for title, item in zip(self._titles().values(), self.items, strict=True):
            view = self.views.get(item.id)
            if isinstance(view, MeetingCase):
                title += " · " + " · ".join(part for part in (view.category, view.period) if part)
            elif isinstance(view, str):
                title += " · niet te tonen"
            self.agenda.addItem(title)
        self.agenda.blockSignals(False)
        if self.items:
            self.agenda.setCurrentRow(min(row, len(self.items) - 1))
            self._agenda_row_changed(self.agenda.currentRow())
        else:
            self.current_item = None
            self.case_view.setHtml(
                "<p>Er staan geen casussen op de agenda. Kies ‘Vrijgegeven casussen toevoegen’.</p>"
            )
            for edit in self.note_edits.values():
                edit.set_text_quietly("")
                edit.setEnabled(False)

    def _agenda_row_changed(self, row: int) -> None:
        if not 0 <= row < len(self.items):
            return
        item = self.items[row]
        self.current_item = item.id
        view = self.views.get(item.id)
        if isinstance(view, MeetingCase):
            self.case_view.setHtml(case_html(view))
        else:
            self.case_view.setPlainText(view or "De casus wordt geladen…")
        for field, edit in self.note_edits.items():
            edit.setEnabled(True)
            edit.set_text_quietly(self.notes.get(Spot("item", item.id, field), ""))
            edit.mark(self.findings.get(Spot("item", item.id, field), []))
        self.agenda_row_chosen.emit(row)

    def add_released(self) -> None:
        if self.meeting_id is None:
            return
        try:
            added = self.service.add_released(self.meeting_id)
        except CasusError as error:
            self.save_status.setText(describe(error))
            return
        self.save_status.setText(
            f"{added} casussen toegevoegd." if added else "Geen nieuwe vrijgegeven casussen."
        )
        self.load_meeting(self.meeting_id, keep_views=True)

    def move_item(self, offset: int) -> None:
        if self.current_item is None or self.meeting_id is None:
            return
        self.save_notes()
        self.service.move_agenda_item(self.current_item, offset)
        self.load_meeting(self.meeting_id, keep_views=True)
        self.agenda.setFocus()

    def remove_item(self) -> None:
        if self.current_item is None or self.meeting_id is None:
            return
        title = self._titles()[self.current_item]
        answer = QMessageBox.question(
            self,
            "Van de agenda halen",
            f"{title} van de agenda halen? De notities bij dit agendapunt gaan verloren; "
            "de acties blijven op de actielijst.",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.save_notes()
        self.service.remove_agenda_item(self.current_item)
        self.current_item = None
        self.load_meeting(self.meeting_id, keep_views=True)

    # -- typing, checking, saving ---------------------------------------------------------------------

    def _item_note_typed(self, field: str) -> None:
        if self.current_item is None:
            return
        key = Spot("item", self.current_item, field)
        self.notes[key] = self.note_edits[field].toPlainText()
        self._typed(key, save=True)

    def _learning_typed(self) -> None:
        self.learning_points = self.learning.toPlainText()
        self._typed(LEARNING, save=True)

    def _action_typed(self) -> None:
        self._typed(Spot("action", self.actions_page.editing), save=False)

    def _typed(self, key: Spot, save: bool) -> None:
        self.unchecked.add(key)
        self.check_timer.start()
        if save:
            self.unsaved.add(key)
            self.save_status.setText("Niet opgeslagen…")
            self.save_timer.start()

    def _place(self, key: Spot) -> str:
        titles = self._titles()
        match key:
            case Spot("item", item_id, field):
                place = next(place for name, *_, place in ITEM_FIELDS if name == field)
                return f"{titles.get(item_id or 0, 'Casus')}, {place}"
            case Spot("action", action_id):
                order = [a.id for a in self.actions_page.rows]
                return f"Actie {order.index(action_id) + 1}" if action_id in order else "Nieuwe actie"
        return "Leerpunten"

    def _text(self, key: Spot) -> str:
        match key:
            case Spot("item"):
                return self.notes.get(key, "")
            case Spot("action"):
                return self.actions_page.description.toPlainText()
        return self.learning_points

    def _edit(self, key: Spot) -> NoteEdit | None:
        match key:
            case Spot("item", item_id, field) if item_id == self.current_item:
                return self.note_edits[field]
            case Spot("action", action_id) if action_id == self.actions_page.editing:
                return self.actions_page.description
            case Spot("learning"):
                return self.learning
        return None

    def check_pending(self) -> None:
        if self.gate is None:
            return  # checked as soon as the gate is ready
        for key in self.unchecked:
            self._check(key)
        self.unchecked.clear()
        self._show_findings()

    def _check(self, key: Spot) -> None:
        assert self.gate is not None
        texts = {self._place(key): self._text(key)}
        found = self.gate.check(texts) + self.gate.residuals(texts, self.no_name)
        self.findings[key] = sorted(found, key=lambda f: f.start)
        edit = self._edit(key)
        if edit is not None:
            edit.mark(found)

    def check_all(self) -> None:
        """Every note of the meeting and every case text, as the minutes will hold them."""
        if self.gate is None:
            return
        self.findings = {}
        for key in self.notes:
            self._check(key)
        for action in self.actions_page.rows:
            key = Spot("action", action.id)
            texts = {self._place(key): action.description}
            self.findings[key] = self.gate.check(texts) + self.gate.residuals(texts, self.no_name)
        self._check(Spot("action", self.actions_page.editing))
        self._check(LEARNING)
        titles = self._titles()
        for item in self.items:
            view = self.views.get(item.id)
            if isinstance(view, MeetingCase):
                self.findings[Spot("case", item.id)] = self.gate.check(view.shown(titles[item.id]))
        self.unchecked.clear()
        self._show_findings()

    def _show_findings(self) -> None:
        order = {item.id: number for number, item in enumerate(self.items)}
        actions = [a.id for a in self.actions_page.rows]

        def rank(key: Spot) -> tuple[int, int, int]:
            match key:
                case Spot("case", item_id):
                    return (0, order.get(item_id or 0, 0), 0)
                case Spot("item", item_id, field):
                    fields = [f for f, *_ in ITEM_FIELDS]
                    return (0, order.get(item_id or 0, 0), 1 + fields.index(field))
                case Spot("action", action_id):
                    return (1, actions.index(action_id) if action_id in actions else len(actions), 0)
            return (2, 0, 0)

        located = [
            Located(finding, key) for key in sorted(self.findings, key=rank) for finding in self.findings[key]
        ]
        self.findings_list.show_findings(located)
        questions = sum(1 for each in located if each.finding.kind is FindingKind.CHECK)
        refused = len(located) - questions
        self.no_name_button.setEnabled(questions > 0)
        if refused:
            self.check_status.setText(
                f"{refused} bevinding(en): herleidbare gegevens, die niet in de notulen mogen"
                + (f", en {questions} woord(en) om te controleren" if questions else "")
                + ". Kies een bevinding (Enter, of F8 voor de volgende) om ernaar toe te gaan."
            )
        elif questions:
            self.check_status.setText(
                f"{questions} woord(en) om te controleren: misschien een naam, plaats of onderdeel. "
                "Pas het aan, of kies het (F8) en markeer het met F9 als geen naam."
            )
        else:
            self.check_status.setText("Geen herleidbare gegevens gevonden in de notulen.")

    def mark_no_name(self) -> None:
        """F9: the chosen word to check is no name; stored with the meeting, asked no more."""
        row = self.findings_list.currentRow()
        if self.meeting_id is None or not 0 <= row < len(self.findings_list.located):
            return
        located = self.findings_list.located[row]
        finding = located.finding
        if finding.kind is not FindingKind.CHECK or not isinstance(located.target, Spot):
            self.check_status.setText("Kies eerst een woord om te controleren (F8), dan F9.")
            return
        word = self._text(located.target)[finding.start : finding.end]
        try:
            self.service.mark_no_name(self.meeting_id, word)
        except CasusError as error:
            self.check_status.setText(describe(error))
            return
        self.no_name = self.service.no_name_words(self.meeting_id)
        self.check_all()
        remaining = min(row, len(self.findings_list.located) - 1)
        if remaining >= 0:
            self.findings_list.setCurrentRow(remaining)
        self.findings_list.setFocus()

    def save_notes(self) -> None:
        """Stores every note typed since the last save; a refusal (too long) keeps the text on
        screen and says why."""
        if self.meeting_id is None or not self.unsaved:
            return
        try:
            for item_id in {key.id for key in self.unsaved if key.kind == "item" and key.id is not None}:
                self.service.record_item(
                    item_id, *(self.notes.get(Spot("item", item_id, field), "") for field, *_ in ITEM_FIELDS)
                )
                self.unsaved -= {Spot("item", item_id, field) for field, *_ in ITEM_FIELDS}
            if LEARNING in self.unsaved:
                self.service.set_learning_points(self.meeting_id, self.learning_points)
                self.unsaved.discard(LEARNING)
        except CasusError as error:
            self.save_status.setText(describe(error))
            return
        self.save_status.setText("Opgeslagen.")

    def _actions_changed(self) -> None:
        if self.meeting_id is None:
            return
        meeting = self.service.get(self.meeting_id)
        self.actions_page.load(self.meeting_id, list(meeting.actions), self._titles())
        self.check_all()

    # -- going to a finding -----------------------------------------------------------------------------

    def jump_to(self, located: Located) -> None:
        finding, key = located.finding, located.target
        match key:
            case Spot("item", item_id, field):
                self._go_to_item(item_id)
                self.note_edits[field].select_range(finding.start, finding.end)
            case Spot("case", item_id):
                self._go_to_item(item_id)
                self.case_view.setFocus()
                self.check_status.setText(
                    f"{finding.place}: dit staat in de vrijgegeven tekst van de casus. De casushouder past "
                    "de voorbereiding aan (Ctrl+R in de casuslijst) en geeft de casus opnieuw vrij."
                )
            case Spot("action", action_id):
                self.tabs.setCurrentWidget(self.actions_page)
                order = [a.id for a in self.actions_page.rows]
                if action_id in order:
                    self.actions_page.table.selectRow(order.index(action_id))
                self.actions_page.description.select_range(finding.start, finding.end)
            case Spot("learning"):
                self.tabs.setCurrentIndex(2)
                self.learning.select_range(finding.start, finding.end)

    def _go_to_item(self, item_id: int | None) -> None:
        self.tabs.setCurrentIndex(0)
        ids = [item.id for item in self.items]
        if item_id in ids:
            self.agenda.setCurrentRow(ids.index(item_id))

    # -- pseudonymising a note ------------------------------------------------------------------------

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if isinstance(new, NoteEdit) and self.isAncestorOf(new):
            self.last_note = new

    def pseudonymise_note(self) -> None:
        """The note that had the cursor last, with the pseudonymiser's replacements; one undo
        step (Ctrl+Z) brings the typed text back."""
        edit = self.last_note
        if edit is None or self.codes is None or not edit.toPlainText().strip():
            self.save_status.setText("Zet eerst de cursor in een notitie.")
            return
        case_id = None
        if edit in self.note_edits.values() and self.current_item is not None:
            case_id = next(i.case_id for i in self.items if i.id == self.current_item)
        try:
            text = self.review.pseudonymise_note(edit.toPlainText(), self.codes, case_id)
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
        if self.meeting_id is not None:
            self.save_notes()
            self.meeting_mode_requested.emit(self.meeting_id)

    def choose_target(self, name: str) -> Path | None:
        return choose_export_target(self, "Notulen opslaan", name, word=True)

    def export_minutes(self) -> None:
        if self.meeting_id is None or not self.export_button.isEnabled():
            return
        self.save_notes()
        if self.unsaved:
            return  # the save failed and said why
        held_on = self.service.get(self.meeting_id).held_on
        target = self.choose_target(default_file_name(held_on))
        if target is None:
            return
        vault, engine, meeting_id = self.vault, self.engine, self.meeting_id

        def task(report: Callable[[int, int], None]) -> Path | Refused:
            minutes = build_minutes(vault, engine, meeting_id, lambda done, total: report(done, total + 2))
            total = len(minutes.items) + 2
            report(total - 1, total)
            gate = DisclosureGate.for_vault(vault, engine)
            try:
                return write_minutes(minutes, gate, target)
            except DisclosureRefused as refused:
                return Refused(refused.findings, minutes.sources())

        self.export_button.setEnabled(False)
        self.progress.setRange(0, 0)
        self.progress.setVisible(True)
        self.check_status.setText("Notulen maken en controleren…")
        self._workers.append(start_with_progress(task, self._export_progress, self._exported, self._failed))

    def _export_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)

    def _exported(self, outcome: Path | Refused) -> None:
        self.progress.setVisible(False)
        self.export_button.setEnabled(True)
        if isinstance(outcome, Path):
            questions = sum(
                1 for found in self.findings.values() for f in found if f.kind is FindingKind.CHECK
            )
            self.check_status.setText(
                f"Notulen geschreven: {outcome.name}"
                + (f". Nog {questions} woord(en) om te controleren (F8, F9)." if questions else "")
            )
            return
        self.findings = {}
        for finding in outcome.findings:
            self.findings.setdefault(_target(outcome.sources.get(finding.place)), []).append(finding)
        self._show_findings()
        self.check_status.setText(
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


def _target(source: Source | None) -> Spot:
    """The screen's key for the field a finding of the exported minutes came from."""
    if source is None:
        return Spot("parties")
    if source.field == "case":
        return Spot("case", source.item_id)
    if source.action_id is not None:
        return Spot("action", source.action_id)
    if source.item_id is not None:
        return Spot("item", source.item_id, source.field)
    return LEARNING
