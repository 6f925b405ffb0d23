"""Locks Casus when the computer's session is locked or the machine goes to sleep.

Where the platform tells: on Linux through D-Bus (logind's PrepareForSleep, and the
ScreenSaver's ActiveChanged of freedesktop and GNOME); on Windows through the session and
power messages (WM_WTSSESSION_CHANGE with WTS_SESSION_LOCK, WM_POWERBROADCAST with
PBT_APMSUSPEND). macOS would need PyObjC (NSWorkspace notifications): not done; the idle lock
still applies there.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import cast

from PySide6.QtCore import QAbstractNativeEventFilter, QByteArray, QObject, Slot
from PySide6.QtWidgets import QApplication, QWidget

WM_WTSSESSION_CHANGE = 0x02B1
WTS_SESSION_LOCK = 0x7
WM_POWERBROADCAST = 0x0218
PBT_APMSUSPEND = 0x4

_SCREENSAVERS = (
    ("org.freedesktop.ScreenSaver", "/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver"),
    ("org.gnome.ScreenSaver", "/org/gnome/ScreenSaver", "org.gnome.ScreenSaver"),
)


def locks_session(message: int, parameter: int) -> bool:
    """Whether a Windows message means: the session locks or the machine suspends."""
    return (message == WM_WTSSESSION_CHANGE and parameter == WTS_SESSION_LOCK) or (
        message == WM_POWERBROADCAST and parameter == PBT_APMSUSPEND
    )


class _WindowsMessages(QAbstractNativeEventFilter):
    def __init__(self, on_lock: Callable[[], None]) -> None:
        super().__init__()
        self.on_lock = on_lock

    def nativeEventFilter(
        self, event_type: QByteArray | bytes | bytearray | memoryview, message: int
    ) -> tuple[bool, int]:
        import ctypes.wintypes

        kind = event_type.data() if isinstance(event_type, QByteArray) else bytes(event_type)
        if kind == b"windows_generic_MSG":
            msg = ctypes.wintypes.MSG.from_address(int(message))
            if locks_session(msg.message, msg.wParam):
                self.on_lock()
        return False, 0


class SessionWatch(QObject):
    def __init__(self, window: QWidget, on_lock: Callable[[], None]) -> None:
        super().__init__()
        self.on_lock = on_lock
        self.listening: list[str] = []
        self._filter: _WindowsMessages | None = None
        if sys.platform == "win32":
            try:
                self._watch_windows(window)
            except (AttributeError, OSError):  # an older Windows without the session API
                self.stop()
        elif sys.platform.startswith("linux"):
            self._watch_dbus()

    def _watch_windows(self, window: QWidget) -> None:
        import ctypes

        self._filter = _WindowsMessages(self.on_lock)
        QApplication.instance().installNativeEventFilter(self._filter)  # type: ignore[union-attr]
        # NOTIFY_FOR_THIS_SESSION = 0: session messages for this window's session.
        if ctypes.windll.wtsapi32.WTSRegisterSessionNotification(int(window.winId()), 0):  # type: ignore[attr-defined]
            self.listening.append("windows")

    def _watch_dbus(self) -> None:
        from PySide6.QtCore import SLOT
        from PySide6.QtDBus import QDBusConnection

        # PySide6's SLOT() gives a str and its stub for connect() asks bytes; it takes either.
        sleeping, screensaver = (cast(bytes, SLOT(s)) for s in ("going_to_sleep(bool)", "screensaver(bool)"))
        system = QDBusConnection.systemBus()
        if system.isConnected() and system.connect(
            "org.freedesktop.login1", "/org/freedesktop/login1", "org.freedesktop.login1.Manager",
            "PrepareForSleep", self, sleeping,
        ):  # fmt: skip
            self.listening.append("logind")
        session = QDBusConnection.sessionBus()
        if session.isConnected():
            for service, path, interface in _SCREENSAVERS:
                if session.connect(service, path, interface, "ActiveChanged", self, screensaver):
                    self.listening.append(service)

    @Slot(bool)
    def going_to_sleep(self, starting: bool) -> None:
        if starting:
            self.on_lock()

    @Slot(bool)
    def screensaver(self, active: bool) -> None:
        if active:
            self.on_lock()

    def stop(self) -> None:
        if self._filter is not None:
            app = QApplication.instance()
            if app is not None:
                app.removeNativeEventFilter(self._filter)
            self._filter = None
