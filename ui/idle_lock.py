"""Locks the vault after a quiet spell: no key or mouse input for N minutes (default 10).

An application-wide event filter restarts a single-shot timer on every input event; the
timeout locks exactly as Ctrl+L does. The delay is a setting (minutes, no case content).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QSettings, QTimer
from PySide6.QtWidgets import QApplication

IDLE_MINUTES_KEY = "beveiliging/vergrendelen_na_minuten"
DEFAULT_IDLE_MINUTES = 10
_INPUT = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
}


def idle_minutes() -> float:
    value = QSettings().value(IDLE_MINUTES_KEY, DEFAULT_IDLE_MINUTES)
    try:
        minutes = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return DEFAULT_IDLE_MINUTES
    return minutes if minutes > 0 else DEFAULT_IDLE_MINUTES


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
