"""Vergadermodus: the shared screen of the meeting, with released, pseudonymised cases only.

Full screen (on the second screen when there is one), large and readable, one case at a
time: "Casus 1 van 4", the kind of behaviour, the month, the generalised unit, the people
by pseudonym and role, the question and the facts. No internal reference, no menu, no path
to an identity. Every case passes the disclosure gate before it is shown (see
casus/outputs/shared_screen.py); the cases are loaded and checked off the GUI thread. Leaving
asks for the vault's passphrase: whoever shares the screen cannot step back into the case
files without it.
"""

from __future__ import annotations

import html
from typing import cast

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFont, QGuiApplication, QKeyEvent
from PySide6.QtWidgets import QLabel, QWidget

from casus.outputs.shared_screen import SharedCase, shared_screen_cases
from casus.pseudonymise import Pseudonymiser
from casus.services.meeting_view import MeetingCase
from casus.vault import Vault
from ui import dialogs
from ui.gated_copy import GatedTextBrowser, gate_copies, vault_gate
from ui.messages import describe
from ui.window_fit import scrolled_layout
from ui.workers import start


def case_html(case: MeetingCase) -> str:
    """The case as the meeting sees it; every value is escaped."""
    people = "".join(
        f"<li>{html.escape(name)} ({html.escape(role.lower())})</li>" for name, role in case.people
    )
    # The question first: it is what the meeting is asked to answer.
    ordered = sorted(case.texts.items(), key=lambda item: item[0] != "Bespreekvraag")
    texts = "".join(
        f"<h3>{html.escape(title)}</h3><p>{html.escape(text).replace(chr(10), '<br>')}</p>"
        for title, text in ordered
    )
    brought = f"<p>{html.escape(case.brought_line)}</p>" if case.brought_by else ""
    return f"<p><b>{html.escape(case.heading)}</b></p>{brought}<h3>Betrokkenen</h3><ul>{people}</ul>{texts}"


KEYS = (
    "→ of spatie: volgende casus   ← vorige   Home/End: eerste/laatste   "
    "Esc: verlaten (vraagt de wachtwoordzin)"
)


class MeetingModeWindow(QWidget):
    """`meeting_id` shows that meeting's agenda with its unit codes (as in its minutes);
    without it every released case is shown with a key for this session only."""

    left = Signal()
    ready = Signal()

    def __init__(self, vault: Vault, pseudonymiser: Pseudonymiser, meeting_id: int | None = None) -> None:
        super().__init__()
        self.vault = vault
        self.setWindowTitle("Vergadermodus – Casus")
        self.setAccessibleName("Vergadermodus")
        self.cases: list[SharedCase] = []
        self.loaded = False
        self.index = 0
        self.start_at = 0  # the agenda item the secretary had chosen when the screen opened
        self._leaving = False

        self.heading = QLabel()
        self.heading.setAccessibleName("Casusnummer")
        heading_font = QFont(self.font())
        heading_font.setPointSize(28)
        heading_font.setBold(True)
        self.heading.setFont(heading_font)
        self.body = GatedTextBrowser()
        self.body.setAccessibleName("Casus")
        self.body.setOpenLinks(False)
        self.body.setTabChangesFocus(True)
        body_font = QFont(self.font())
        body_font.setPointSize(20)
        self.body.setFont(body_font)
        self.body.installEventFilter(self)
        gate_copies([self.body], vault_gate(vault, pseudonymiser), self._copy_refused)
        self.hint = QLabel(KEYS)
        self.hint.setAccessibleName("Toetsen")
        self.hint.setWordWrap(True)  # on a small or scaled screen it wraps, not widens the window
        hint_font = QFont(self.font())
        hint_font.setPointSize(13)
        self.hint.setFont(hint_font)
        layout = scrolled_layout(self)
        layout.setContentsMargins(48, 32, 48, 24)
        layout.addWidget(self.heading)
        layout.addWidget(self.body, 1)
        layout.addWidget(self.hint)
        self._show_case()
        self._loader = start(
            lambda: shared_screen_cases(vault, pseudonymiser, meeting_id), self._loaded, self._failed
        )

    def _loaded(self, cases: list[SharedCase]) -> None:
        self.cases, self.loaded = cases, True
        self.index = min(self.start_at, max(0, len(cases) - 1))
        self._show_case()
        self.ready.emit()

    def go_to(self, index: int) -> None:
        """The secretary chose another agenda item: the shared screen follows."""
        self.start_at = index
        if self.loaded and 0 <= index < len(self.cases):
            self.index = index
            self._show_case()

    def _copy_refused(self, reason: str) -> None:
        """Said where the keys are said, until the next key: on the projector, never what."""
        self.hint.setText(reason)

    def _failed(self, error: BaseException) -> None:
        self.loaded = True
        self.heading.setText("Vergadermodus")
        self.body.setPlainText(describe(error))
        self.ready.emit()

    def open(self) -> None:
        screens = QGuiApplication.screens()
        # The shared screen is the second one when there is one.
        screen = screens[1] if len(screens) > 1 else QGuiApplication.primaryScreen()
        self.setGeometry(screen.geometry())
        self.showFullScreen()
        self.body.setFocus()

    def _show_case(self) -> None:
        if not self.loaded:
            self.heading.setText("Vergadermodus")
            self.body.setHtml("<p>Casussen laden en controleren…</p>")
            return
        if not self.cases:
            self.heading.setText("Geen casussen")
            self.body.setHtml("<p>Er staan nog geen vrijgegeven casussen klaar voor het overleg.</p>")
            return
        shared = self.cases[self.index]
        self.hint.setText(KEYS)
        self.heading.setText(f"{shared.title} van {len(self.cases)}")
        if shared.case is None:
            self.body.setHtml(f"<p><i>{html.escape(shared.held_back)}</i></p>")
        else:
            self.body.setHtml(case_html(shared.case))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The case text has the focus (so ↑/↓ scroll a long case); the keys that move between
        cases are the window's, also there."""
        if watched is self.body and event.type() == QEvent.Type.KeyPress:
            return self._navigate(int(cast(QKeyEvent, event).key()))
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self._navigate(int(event.key())):
            super().keyPressEvent(event)

    def _navigate(self, key: int) -> bool:
        """→, Space, PgDn (a presenter's clicker) go on; ←, PgUp back; Home and End to the first
        and the last case; Esc asks to leave. Whether the key was one of these."""
        k = Qt.Key
        steps = {k.Key_Right.value: 1, k.Key_Space.value: 1, k.Key_PageDown.value: 1,
                 k.Key_Left.value: -1, k.Key_PageUp.value: -1}  # fmt: skip
        if key == k.Key_Escape.value:
            self.ask_to_leave()
            return True
        last = len(self.cases) - 1
        ends = {k.Key_Home.value: 0, k.Key_End.value: last}
        if key not in steps and key not in ends:
            return False
        if self.cases:
            self.index = ends.get(key, max(0, min(last, self.index + steps.get(key, 0))))
            self._show_case()
        return True

    def ask_to_leave(self) -> None:
        """A window-modal question that does not block the event loop."""
        dialogs.ask_passphrase(
            self,
            "Vergadermodus verlaten",
            "Wachtwoordzin van de kluis:",
            "Wachtwoordzin om de vergadermodus te verlaten",
            self.leave_with,
        )

    def shut(self) -> None:
        """Close without asking: the vault is being locked, so nothing stays behind it."""
        self._leaving = True
        self.close()

    def leave_with(self, passphrase: str) -> None:
        """Checks the passphrase off the GUI thread (one key derivation) and leaves if right."""
        self.hint.setText("Wachtwoordzin controleren…")
        self._worker = start(lambda: self.vault.check_passphrase(passphrase), self._checked, self._checked)

    def _checked(self, right: object) -> None:
        if right is True:
            self._leaving = True
            self.close()
            self.left.emit()
        else:
            self.hint.setText("De wachtwoordzin klopt niet. → volgende   ← vorige   Esc verlaten")

    def closeEvent(self, event: object) -> None:
        if not self._leaving:  # Alt+F4 and the like: the passphrase is still asked
            event.ignore()  # type: ignore[attr-defined]
            self.ask_to_leave()
            return
        super().closeEvent(event)  # type: ignore[arg-type]
