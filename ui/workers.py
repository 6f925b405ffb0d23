"""The one helper for work off the GUI thread: a QRunnable whose outcome arrives as signals.

Results and errors are delivered on the GUI thread (queued connections), so slots may touch
widgets. Errors arrive as the exception object; the slot decides what to show.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class WorkerSignals(QObject):
    result = Signal(object)
    error = Signal(object)
    finished = Signal()
    progress = Signal(int, int)


class Worker(QRunnable):
    def __init__(self, task: Callable[[], Any]) -> None:
        super().__init__()
        self.task = task
        self.signals = WorkerSignals()

    def run(self) -> None:
        try:
            outcome = self.task()
        except Exception as error:  # delivered to the GUI thread, never printed
            self._emit(self.signals.error, error)
        else:
            self._emit(self.signals.result, outcome)
        finally:
            self._emit(self.signals.finished)

    @staticmethod
    def _emit(signal: Any, *values: object) -> None:
        """The window that asked may be gone (locked, closed) by the time work ends; then
        there is nobody to tell, and nothing may be printed."""
        with contextlib.suppress(RuntimeError):
            signal.emit(*values)


def start(
    task: Callable[[], Any], on_result: Callable[[Any], None], on_error: Callable[[Any], None]
) -> Worker:
    return _launch(Worker(task), on_result, on_error)


def start_with_progress(
    task: Callable[[Callable[[int, int], None]], Any],
    on_progress: Callable[[int, int], None],
    on_result: Callable[[Any], None],
    on_error: Callable[[Any], None],
) -> Worker:
    """`task` is given a `report(done, total)` it may call from the worker thread; the
    numbers arrive on the GUI thread."""
    signals: list[WorkerSignals] = []
    worker = Worker(lambda: task(lambda done, total: Worker._emit(signals[0].progress, done, total)))
    signals.append(worker.signals)
    worker.signals.progress.connect(on_progress)
    return _launch(worker, on_result, on_error)


def _launch(worker: Worker, on_result: Callable[[Any], None], on_error: Callable[[Any], None]) -> Worker:
    worker.signals.result.connect(on_result)
    worker.signals.error.connect(on_error)
    QThreadPool.globalInstance().start(worker)
    return worker
