"""Every window within the screen it opens on, at the size it last had there, with every
control reachable however small the screen (a 1366×768 laptop at 200% scaling leaves
683×384 points).

- `fit_to_screen` sizes a window: the size it had when last closed on a screen of this size,
  else the size asked for, never more than the screen has less the window's frame. Sizes
  are kept per window and per screen size (ui.settings.window_size_key), so a laptop's size
  is not forced on the projector, nor the other way round.
- `scrolled_layout` and `scrollable` put a window's body in a scroll area: where the screen
  is smaller than the body's minimum, scroll bars appear instead of controls below the edge.
  Tab into a control out of sight scrolls it into view (QScrollArea does so for the focus).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout, QWidget

from ui import settings

# Until a window is shown its frame is unknown; a title bar and borders take about this much.
FRAME_ALLOWANCE = QSize(16, 40)


def fit_to_screen(window: QWidget, width: int, height: int) -> None:
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        window.resize(width, height)
        return
    room = screen.availableGeometry().size() - FRAME_ALLOWANCE
    kept = settings.window_size(type(window).__name__, screen.availableGeometry().size())
    wanted = kept or QSize(width, height)
    window.resize(min(wanted.width(), room.width()), min(wanted.height(), room.height()))
    if window.findChild(SizeKeeper) is None:
        SizeKeeper(window)


class SizeKeeper(QObject):
    """Notes a window's size, for a screen of the size it is on, when it is hidden or closed.

    It keeps no Python state: Qt owns it (its parent is the window) and may hand its virtual
    calls to a fresh Python wrapper, which would not have an attribute set in __init__."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(watched, QWidget) and event.type() in (QEvent.Type.Hide, QEvent.Type.Close):
            keep(watched, watched.screen())
        return False


def keep(window: QWidget, screen: QScreen | None) -> None:
    if screen is not None and not window.isMaximized() and not window.isFullScreen():
        settings.keep_window_size(type(window).__name__, screen.availableGeometry().size(), window.size())


class ScrolledBody(QWidget):
    """A window's body in a scroll area, as tall as its minimum needs at the width it has.

    A scroll area makes a body with word-wrapped labels as tall as it would *like* to be at
    that width (QWidget.heightForWidth), so a window that fits got scroll bars; the minimum
    height for the width keeps every wrapped line and scrolls only what cannot fit."""

    def heightForWidth(self, width: int) -> int:
        layout = self.layout()
        return layout.totalMinimumHeightForWidth(width) if layout is not None else -1


def scrollable(body: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidget(body)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setAccessibleName("Inhoud van het venster")
    return area


def scrolled_layout(window: QWidget) -> QVBoxLayout:
    """The layout to fill `window` with: it lives in a scroll area that fills the window."""
    outer = QVBoxLayout(window)
    outer.setContentsMargins(0, 0, 0, 0)
    body = ScrolledBody()
    outer.addWidget(scrollable(body))
    return QVBoxLayout(body)
