"""Whatever Casus puts on the clipboard is taken off again after 30 seconds.

Copying a name or phone number out of a case is sometimes needed (to phone, to mail); it
must not linger for the next paste in another program. A change counts as Casus's own when
Qt says Casus owns the clipboard, or (where the platform cannot say, as on macOS and
offscreen) when Casus is the active application. Only that same content is cleared, so
something the user copied elsewhere in the meantime stays; to recognise it, the guard keeps
a SHA-256 of the text, never the text.
"""

from __future__ import annotations

import hashlib

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QClipboard, QGuiApplication
from PySide6.QtWidgets import QApplication

CLEAR_AFTER_MS = 30_000


def _digest(text: str) -> bytes:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest()


class ClipboardGuard(QObject):
    def __init__(self, clear_after_ms: int = CLEAR_AFTER_MS) -> None:
        super().__init__()
        self.clipboard: QClipboard = QApplication.clipboard()
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(clear_after_ms)
        self.timer.timeout.connect(self._expire)
        self._copied: bytes | None = None
        self.clipboard.dataChanged.connect(self._changed)

    def _changed(self) -> None:
        ours = self.clipboard.ownsClipboard() or (
            QGuiApplication.applicationState() == Qt.ApplicationState.ApplicationActive
        )
        if ours and self.clipboard.text():
            self._copied = _digest(self.clipboard.text())
            self.timer.start()

    def _expire(self) -> None:
        if self._copied is not None and _digest(self.clipboard.text()) == self._copied:
            self.clipboard.clear()
        self._copied = None

    def clear(self) -> None:
        """At lock: take our copy off now."""
        self.timer.stop()
        self._expire()
