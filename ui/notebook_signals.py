"""The notebook's plain-Python change events (casus.events) as a Qt signal.

The core publishes on the thread that changed it, which is the GUI thread for the notebook
(workers hand their results back before the notebook is touched); the signal lets widgets
connect the Qt way and disconnects with them.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from casus.notebook.notebook import Change, MeetingNotebook


class NotebookSignals(QObject):
    changed = Signal(object)  # a casus.notebook.notebook.Change

    def __init__(self, notebook: MeetingNotebook, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._unsubscribe = notebook.events.subscribe(self._forward)
        self.destroyed.connect(lambda *_: self._unsubscribe())

    def _forward(self, change: Change) -> None:
        self.changed.emit(change)
