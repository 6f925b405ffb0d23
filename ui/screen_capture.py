"""Keeping identities off shared screens.

On Windows (10, version 2004 and later) a window can ask to be left out of screenshots,
screen recording and screen sharing (SetWindowDisplayAffinity with WDA_EXCLUDEFROMCAPTURE),
as KeePassXC does for its windows. Every Casus window that can show an identity asks this;
meeting mode does not, so that sharing the whole desktop in a hybrid meeting shows the
pseudonymised case and nothing else. macOS (NSWindow.sharingType) would need PyObjC; X11 and
Wayland offer no such request, which the README states.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QWidget

WDA_EXCLUDEFROMCAPTURE = 0x00000011


def _set_affinity(window_handle: int, affinity: int) -> bool:
    import ctypes

    user32 = ctypes.windll.user32  # type: ignore[attr-defined]
    return bool(user32.SetWindowDisplayAffinity(window_handle, affinity))


def exclude_from_capture(widget: QWidget) -> bool:
    """Returns whether the platform honoured the request (False off Windows)."""
    if sys.platform != "win32":
        return False
    return _set_affinity(int(widget.winId()), WDA_EXCLUDEFROMCAPTURE)
