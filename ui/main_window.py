"""The main window: the vault's case list, with a filter, preparing a case for the meeting,
meeting mode, and locking.

The window title never names a case. Locking (Ctrl+L, or after the idle time) clears the
model, closes any meeting mode or review window, closes the vault (which drops the key) and
returns to the start dialog.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QDialog, QMainWindow, QMenu, QSplitter

from casus.errors import NotFoundError
from casus.pseudonymise import Pseudonymiser
from casus.services.attention import AttentionItem, AttentionKind, AttentionService
from casus.services.cases import CaseService
from casus.services.meetings import MeetingService
from casus.vault import Vault
from ui import dialogs, settings
from ui.attention_pane import AttentionPane
from ui.case_editor import CaseEditor
from ui.case_list import EDIT_KEYS, CaseList
from ui.clipboard_guard import ClipboardGuard
from ui.exchange_actions import ExchangeActions
from ui.idle_lock import IdleLock, idle_minutes
from ui.lock_key import LockKey
from ui.meeting_mode import MeetingModeWindow
from ui.meeting_screen import MeetingScreen
from ui.messages import describe
from ui.org_units_dialog import OrgUnitsDialog
from ui.report_dialog import ReportDialog
from ui.review_dialog import ReviewDialog
from ui.screen_capture import exclude_from_capture
from ui.session_watch import SessionWatch
from ui.terms_dialog import TermsDialog
from ui.window_fit import fit_to_screen, scrollable
from ui.woo_action import WooAction
from ui.workers import start


def _add_case_outputs(window: MainWindow, menu: QMenu) -> tuple[ExchangeActions, WooAction]:
    """What goes out of a case, under Casus: the case card and the advice back, the Woo copy."""
    exchange = ExchangeActions(window, window.pseudonymiser)
    woo = WooAction(window, window.pseudonymiser)
    menu.addSeparator()
    for action in (exchange.make_card_action, exchange.read_advice_action, woo.action):
        menu.addAction(action)
    return exchange, woo


def open_terms(window: MainWindow) -> None:
    """Kluis › Termijnen…; the home view again after, as the terms decide what is due."""
    if window.vault is None:
        return
    dialog = TermsDialog(window.vault, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.finished.connect(lambda _result: window.refresh())
    dialog.open()


def show_tab_for(editor: CaseEditor, kind: AttentionKind) -> None:
    """A follow-up is on the measures tab; feedback and retention on the outcome tab."""
    if kind in (AttentionKind.ADVICE_FOLLOW_UP, AttentionKind.ACTIONS_DUE):
        editor.show_interventions()
    elif kind in (AttentionKind.FEEDBACK_DUE, AttentionKind.RETENTION_PASSED):
        editor.tabs.setCurrentWidget(editor.outcome)


class MainWindow(QMainWindow):
    locked = Signal()

    def __init__(
        self, vault: Vault, pseudonymiser: Pseudonymiser | None = None, idle_minutes: float | None = None
    ) -> None:
        super().__init__()
        self.vault: Vault | None = vault
        self.vault_path = vault.path
        self.last_view_state: dict[str, object] | None = None
        self.pseudonymiser = pseudonymiser or Pseudonymiser(())
        self.meeting_window: MeetingModeWindow | None = None
        self.meeting_screen: MeetingScreen | None = None
        self.setWindowTitle("Casus")
        fit_to_screen(self, 1000, 640)

        self.case_list = CaseList()
        self.case_list.open_requested.connect(lambda: self.edit_case(self.selected_case_id(), required=True))
        # The list's parts, by the names the tests and the view state know them.
        self.model, self.filters = self.case_list.model, self.case_list.filters
        self.filter_edit, self.table = self.case_list.filter_edit, self.case_list.table
        self.count_label = self.case_list.count_label
        self.attention = AttentionPane()
        self.attention.chosen.connect(self._open_attention)
        home = QSplitter(Qt.Orientation.Vertical)
        home.setChildrenCollapsible(False)
        home.addWidget(self.attention)
        home.addWidget(self.case_list)
        home.setStretchFactor(1, 1)
        self.setCentralWidget(scrollable(home))

        self._build_menus()
        self.refresh()
        # Room for the home view's lines once; after that the splitter is the user's.
        home.setSizes([self.attention.preferred_height(), max(1, self.height())])
        if vault.recovered:  # an interrupted restore or backup, finished, undone or removed
            self.statusBar().showMessage(" ".join(vault.recovered), 15000)
        self.filter_edit.setFocus()
        self.idle_lock = IdleLock(self.lock, idle_minutes)
        self.lock_key = LockKey(self._lock_if_open)
        self.clipboard_guard = ClipboardGuard()
        self.session_watch = SessionWatch(self, self._lock_if_open)
        exclude_from_capture(self)
        # deduce loads while the user reads the list, so preparing a case starts at once.
        self._warm_up = start(self.pseudonymiser.warm_up, lambda _: None, lambda _: None)

    def _action(
        self, text: str, slot: Callable[[], object], keys: QKeySequence | str | None = None
    ) -> QAction:
        action = QAction(text, self)
        if keys is not None:
            action.setShortcut(QKeySequence(keys))
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _build_menus(self) -> None:
        """Kluis, Casus and Overleg, every entry reachable by its mnemonic and most by a key."""
        self.units_action = self._action("&Organisatieonderdelen…", self.edit_units, "Ctrl+U")
        self.backup_action = self._action("&Reservekopie maken", self.make_backup, "Ctrl+B")
        self.idle_action = self._action("Automatisch vergrendelen &na…", self.choose_idle_minutes)
        self.parties_action = self._action("&Partij en sleutelkaarten…", self.edit_parties)
        self.terms_action = self._action("&Termijnen…", lambda: open_terms(self))
        self.lock_action = self._action("&Vergrendelen", self.lock, "Ctrl+L")
        self.addAction(self.lock_action)  # shown in the menu; ui/lock_key.py takes the key anywhere
        quit_action = self._action("&Afsluiten", self.close, QKeySequence(QKeySequence.StandardKey.Quit))
        vault_menu = self.menuBar().addMenu("&Kluis")
        for action in (self.units_action, self.parties_action, self.terms_action, self.backup_action,
                       self.idle_action):  # fmt: skip
            vault_menu.addAction(action)
        vault_menu.addSeparator()
        vault_menu.addAction(self.lock_action)
        vault_menu.addAction(quit_action)
        self.new_action = self._action(
            "&Nieuwe casus…", lambda: self.edit_case(None), QKeySequence(QKeySequence.StandardKey.New)
        )
        self.edit_action = self._action(
            "&Bewerken…", lambda: self.edit_case(self.selected_case_id(), required=True), EDIT_KEYS
        )
        self.review_action = self._action("&Voorbereiden voor het overleg…", self.review_selected, "Ctrl+R")
        case_menu = self.menuBar().addMenu("&Casus")
        for action in (self.new_action, self.edit_action, self.review_action):
            case_menu.addAction(action)
        self.exchange, self.woo = _add_case_outputs(self, case_menu)
        self.meeting_screen_action = self._action(
            "&Overleg voeren en notuleren…", self.open_meeting_screen, "Ctrl+M"
        )
        self.meeting_action = self._action("&Vergadermodus", lambda: self.open_meeting_mode(), "F5")
        self.report_action = self._action("&Rapportage meldingen en maatregelen…", self.open_report)
        meeting_menu = self.menuBar().addMenu("&Overleg")
        meeting_menu.addAction(self.meeting_screen_action)
        meeting_menu.addAction(self.meeting_action)
        meeting_menu.addSeparator()
        meeting_menu.addAction(self.report_action)

    def refresh(self) -> None:
        if self.vault is not None:
            self.case_list.show_rows(CaseService(self.vault).summaries())
            self.attention.show_items(AttentionService(self.vault).items())

    def _open_attention(self, item: AttentionItem) -> None:
        """Each line opens what it names: the review, the meeting screen, the case's tab."""
        if item.kind is AttentionKind.TO_PREPARE and item.case_id is not None:
            self.review_case(item.case_id)
        elif item.kind is AttentionKind.NOT_ON_AGENDA or item.meeting_id is not None:
            self.open_meeting_screen(item.meeting_id, actions=item.kind is AttentionKind.ACTIONS_DUE)
        elif item.case_id is not None:  # a case's own line opens the tab it is about
            self.edit_case(item.case_id)
            show_tab_for(self.editor, item.kind)

    def selected_case_id(self) -> int | None:
        return self.case_list.selected_case_id()

    def edit_case(self, case_id: int | None, required: bool = False) -> None:
        if self.vault is None or (required and case_id is None):
            self.statusBar().showMessage("Kies eerst een casus in de lijst.", 5000)
            return
        self.editor = CaseEditor(self.vault, case_id, self)
        self.editor.saved.connect(self._saved)
        self.editor.open()

    def _saved(self, case_id: int) -> None:
        """The list again, with the saved case chosen (a new one too)."""
        self.refresh()
        self.case_list.choose(case_id)

    def make_backup(self) -> None:
        """A backup gets a key of its own, derived from the passphrase: asked here (a
        window-modal question that does not block the event loop)."""
        if self.vault is None:
            return
        self.backup_dialog = dialogs.ask_passphrase(
            self,
            "Reservekopie maken",
            "Wachtwoordzin van de kluis (de reservekopie krijgt er een eigen sleutel uit):",
            "Wachtwoordzin voor de reservekopie",
            self.make_backup_with,
        )

    def make_backup_with(self, passphrase: str) -> None:
        """Off the GUI thread: two key derivations and a copy of a large vault take seconds."""
        if self.vault is None:
            return
        vault = self.vault
        self.backup_action.setEnabled(False)
        self.statusBar().showMessage("Reservekopie maken…")

        def done(path: object) -> None:
            self.backup_action.setEnabled(True)
            made = Path(str(path))
            self.statusBar().showMessage(f"Reservekopie gemaakt: {made.name}, in de map {made.parent}", 15000)

        def failed(error: object) -> None:
            self.backup_action.setEnabled(True)
            self.statusBar().showMessage(describe(error), 8000)  # type: ignore[arg-type]

        self._backup_worker = start(lambda: vault.backup(passphrase), done, failed)

    def choose_idle_minutes(self) -> None:
        minutes = dialogs.ask_number(
            self, "Automatisch vergrendelen", "Vergrendelen na zoveel minuten zonder gebruik:",
            int(idle_minutes()), settings.IDLE_MINUTES.lowest or 1, settings.IDLE_MINUTES.highest or 120,
        )  # fmt: skip
        if minutes is not None:
            settings.put(settings.IDLE_MINUTES, minutes)
            self.idle_lock.timer.setInterval(minutes * 60_000)
            self.idle_lock.timer.start()

    def edit_units(self) -> None:
        if self.vault is None:
            return
        self.units_dialog = OrgUnitsDialog(self.vault, self)
        self.units_dialog.finished.connect(lambda _result: self.refresh())
        self.units_dialog.open()

    def edit_parties(self) -> None:
        from ui.parties_dialog import PartiesDialog  # its key libraries load when first asked for

        if self.vault is not None:
            self.parties_dialog = PartiesDialog(self.vault, self)
            self.parties_dialog.open()

    def review_selected(self) -> None:
        case_id = self.selected_case_id()
        if case_id is None:
            self.statusBar().showMessage("Kies eerst een casus in de lijst.", 5000)
            return
        self.review_case(case_id)

    def review_case(self, case_id: int) -> None:
        if self.vault is None:
            return
        self.review_dialog = ReviewDialog(self.vault, self.pseudonymiser, case_id, self)
        self.review_dialog.released.connect(self.refresh)
        self.review_dialog.open()

    def open_meeting_mode(self, meeting_id: int | None = None) -> None:
        """From the list (F5): today's meeting if there is one, else every released case. From
        the meeting screen: that meeting, whose agenda choice the shared screen then follows."""
        if self.vault is None:
            return
        if meeting_id is None:
            with contextlib.suppress(NotFoundError):
                meeting_id = MeetingService(self.vault).find(dt.date.today())
        if self.meeting_window is not None:
            self.meeting_window.shut()
        self.meeting_window = MeetingModeWindow(self.vault, self.pseudonymiser, meeting_id)
        self.meeting_window.left.connect(self._meeting_mode_left)
        self.meeting_window.open()
        screen = self.meeting_screen
        if screen is not None and screen.isVisible() and screen.meeting_id == meeting_id:
            self.meeting_window.start_at = max(0, screen.agenda.currentRow())
            if len(QGuiApplication.screens()) > 1:
                # The shared view is on the other screen: the secretary goes on typing here,
                # and choosing an agenda item moves the shared screen along.
                screen.activateWindow()

    def _meeting_mode_left(self) -> None:
        self.meeting_window = None

    def _follow_agenda(self, row: int) -> None:
        if self.meeting_window is not None:
            self.meeting_window.go_to(row)

    def open_meeting_screen(self, meeting_id: int | None = None, actions: bool = False) -> None:
        """At `meeting_id` (its action list if `actions`), else the screen's own choice."""
        if self.vault is None:
            return
        screen = MeetingScreen(self.vault, self.pseudonymiser, self)
        if meeting_id is not None:
            screen.reload_meetings(choose=meeting_id)
        if actions:
            screen.tabs.setCurrentWidget(screen.actions_page)
        screen.meeting_mode_requested.connect(self.open_meeting_mode)
        screen.agenda_row_chosen.connect(self._follow_agenda)
        # Closed is gone: its gate holds every name of the vault, and it should not linger.
        screen.finished.connect(lambda _result: self._meeting_screen_closed(screen))
        self.meeting_screen = screen
        screen.open()

    def _meeting_screen_closed(self, screen: MeetingScreen) -> None:
        if self.meeting_screen is screen:
            self.meeting_screen = None
        screen.deleteLater()

    def open_report(self) -> None:
        if self.vault is None:
            return
        self.report_dialog = ReportDialog(self.vault, self)
        self.report_dialog.open()

    def view_state(self) -> dict[str, object]:
        return self.case_list.view_state()

    def restore_view_state(self, state: dict[str, object]) -> None:
        self.case_list.restore_view_state(state)

    def _lock_if_open(self) -> None:
        if self.vault is not None:
            self.lock()

    def lock(self) -> None:
        self.last_view_state = self.view_state()
        self._close_everything()
        self.filter_edit.clear()
        self.hide()
        self.locked.emit()

    def _close_everything(self) -> None:
        """What locking and closing share: no window, model, clipboard copy or key stays."""
        self.idle_lock.stop()
        self.lock_key.stop()
        self.session_watch.stop()
        self.clipboard_guard.clear()
        if self.meeting_window is not None:
            self.meeting_window.shut()
            self.meeting_window = None
        for dialog in [
            *self.findChildren(ReviewDialog),
            *self.findChildren(CaseEditor),
            *self.findChildren(OrgUnitsDialog),
            *self.findChildren(QDialog, "parties"),
            *self.findChildren(QDialog, "case_card"),
            *self.findChildren(MeetingScreen),
            *self.findChildren(ReportDialog),
        ]:
            # Locking closes without asking (whoever locks may have walked away); the meeting
            # screen stores its notes on the way (its done()).
            dialog.done(QDialog.DialogCode.Rejected)
            dialog.deleteLater()
        self.model.clear()
        if self.vault is not None:
            self.vault.close()
            self.vault = None

    def closeEvent(self, event: object) -> None:
        self._close_everything()
        super().closeEvent(event)  # type: ignore[arg-type]
