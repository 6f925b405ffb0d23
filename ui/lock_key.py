"""Ctrl+L locks from wherever the focus is: the case list, the case editor, the meeting screen
or any other dialog, as the idle lock does. A shortcut belongs to one window in Qt; this is an
application-wide filter on the key itself, so no window can swallow it."""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QApplication

from ui.widgets import is_key

LOCK_KEYS = QKeySequence("Ctrl+L")


class LockKey(QObject):
    def __init__(self, on_lock: Callable[[], None]) -> None:
        super().__init__()
        self.on_lock = on_lock
        QApplication.instance().installEventFilter(self)  # type: ignore[union-attr]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # ShortcutOverride comes first, before any widget or shortcut may take the key.
        if event.type() in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            key = cast(QKeyEvent, event)
            if is_key(key, LOCK_KEYS) and not key.isAutoRepeat():
                if event.type() == QEvent.Type.KeyPress:
                    self.on_lock()
                event.accept()
                return event.type() == QEvent.Type.KeyPress
        return False

    def stop(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
