"""Plain-Python change events: the core says what changed, and whoever shows it listens.

The core cannot emit Qt signals (it never imports Qt); a thin adapter in the window turns these
events into signals (ui/notebook_signals.py), so a screen redraws what changed instead of
fetching everything again after each edit.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

Event = TypeVar("Event")


class Events(Generic[Event]):
    """A list of listeners, told in the order they subscribed, on the publisher's thread."""

    def __init__(self) -> None:
        self._listeners: list[Callable[[Event], None]] = []

    def subscribe(self, listener: Callable[[Event], None]) -> Callable[[], None]:
        """Adds `listener`; returns the call that removes it again."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    def publish(self, event: Event) -> None:
        for listener in list(self._listeners):
            listener(event)
