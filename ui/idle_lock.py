"""Locks the vault after a quiet spell: no key or mouse input for N minutes (default 10).

An application-wide event filter restarts a single-shot timer on every input event; the
timeout locks exactly as Ctrl+L does. The delay is a setting (minutes, no case content).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

from ui import settings

_INPUT = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
}


def idle_minutes() -> float:
    return settings.get(settings.IDLE_MINUTES)


class IdleLock(QObject):
    def __init__(self, on_idle: Callable[[], None], minutes: float | None = None) -> None:
        super().__init__()
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(int((minutes or idle_minutes()) * 60_000))
        self.timer.timeout.connect(on_idle)
        QApplication.instance().installEventFilter(self)  # type: ignore[union-attr]
        self.timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _INPUT:
            self.timer.start()
        return False

    def stop(self) -> None:
        self.timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
