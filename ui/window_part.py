"""A part of the main window that lives as long as it does (its Casus menu's actions), holding
the window by a weak reference: a strong one would make a Python cycle through the window,
and the collector would then delete the window's Qt objects at a moment of its choosing
(in the middle of another window's database call, where it crashed the tests)."""

from __future__ import annotations

import weakref
from typing import Protocol

from PySide6.QtWidgets import QMainWindow

from casus.vault import Vault


class CaseWindow(Protocol):
    vault: Vault | None

    def selected_case_id(self) -> int | None: ...

    def refresh(self) -> None: ...


class WindowPart:
    def __init__(self, window: QMainWindow) -> None:
        self._window = weakref.ref(window)

    @property
    def window(self) -> QMainWindow:
        window = self._window()
        if window is None:
            raise RuntimeError("the main window is gone")
        return window

    def _case_window(self) -> CaseWindow:
        return self.window  # type: ignore[return-value]  # MainWindow is a CaseWindow

    def vault(self) -> Vault | None:
        window = self._window()
        return self._case_window().vault if window is not None else None

    def selected(self) -> int | None:
        return self._case_window().selected_case_id()

    def say(self, text: str, ms: int = 10000) -> None:
        self.window.statusBar().showMessage(text, ms)
