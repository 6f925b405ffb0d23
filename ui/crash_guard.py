"""An error nobody caught: a Dutch message, never a traceback.

Python prints an uncaught exception's traceback, with its message, to standard error; a
message can quote a value (a name typed in a field). In the window such an error is shown in
the words of describe() (the error's type, never its message or traceback); the app goes on.
"""

from __future__ import annotations

import sys
from types import TracebackType

from PySide6.QtWidgets import QApplication

from ui import dialogs
from ui.messages import describe


def _hook(kind: type[BaseException], error: BaseException, _trace: TracebackType | None) -> None:
    if issubclass(kind, KeyboardInterrupt):
        QApplication.quit()
        return
    dialogs.show_error(QApplication.activeWindow(), describe(error))


def install() -> None:
    sys.excepthook = _hook
