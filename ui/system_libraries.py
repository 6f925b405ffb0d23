"""The system libraries Qt's X11 window needs, checked before Qt is asked to start.

Qt's xcb plugin aborts the process when a library is missing (exit 134) and names the wrong
one; a new Debian or Ubuntu machine lacks several. So `casus` looks first and, when something
is missing, says in one Dutch line which packages to install. The list is what `ldd` shows for
PySide6's `libqxcb.so` and `libQt6XcbQpa.so`, by Debian package.
"""

from __future__ import annotations

import ctypes
import os
import sys

PACKAGES = {
    "libGL.so.1": "libgl1", "libEGL.so.1": "libegl1", "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6", "libdbus-1.so.3": "libdbus-1-3",
    "libglib-2.0.so.0": "libglib2.0-0", "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0", "libX11.so.6": "libx11-6",
    "libX11-xcb.so.1": "libx11-xcb1", "libxcb.so.1": "libxcb1", "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4", "libxcb-util.so.1": "libxcb-util1",
    "libxcb-image.so.0": "libxcb-image0", "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0", "libxcb-render.so.0": "libxcb-render0",
    "libxcb-render-util.so.0": "libxcb-render-util0", "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0", "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0", "libxcb-xkb.so.1": "libxcb-xkb1",
}  # fmt: skip


def uses_x11() -> bool:
    """Linux with no other platform asked for: Qt will load its xcb plugin."""
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    return sys.platform.startswith("linux") and platform in ("", "xcb")


def missing_packages() -> list[str]:
    missing = []
    for library, package in PACKAGES.items():
        try:
            ctypes.CDLL(library)
        except OSError:
            missing.append(package)
    return missing


def missing_message() -> str | None:
    """One Dutch line naming what to install, or None when the window can start."""
    if not uses_x11():
        return None
    missing = missing_packages()
    if not missing:
        return None
    return (
        "casus: het venster kan niet starten: deze systeempakketten ontbreken. Installeer ze met "
        f"`sudo apt install {' '.join(missing)}` en start opnieuw."
    )
