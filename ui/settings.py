"""Every setting Casus keeps, declared once: its key, its type, its default and its bounds
(as Vorta's store/settings.py does). Settings live in QSettings, outside the vault, so they
hold nothing from inside it: a file path and a number of minutes, no case content.

Read and write through `get` and `put`; a value that is missing, of the wrong type or out of
bounds reads as the default, so a hand-edited settings file cannot break the start.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

from PySide6.QtCore import QSettings, QSize

Value = TypeVar("Value", str, int)


@dataclass(frozen=True)
class Setting(Generic[Value]):
    key: str
    default: Value
    lowest: int | None = None
    highest: int | None = None


RECENT_VAULT: Setting[str] = Setting("start/recent_vault", "")
# The last vaults opened, newest first, one path per line (paths only, never a vault's content).
RECENT_VAULTS: Setting[str] = Setting("start/recent_vaults", "")
RECENT_KEPT = 6
IDLE_MINUTES: Setting[int] = Setting("beveiliging/vergrendelen_na_minuten", 10, lowest=1, highest=120)


# A window's size, per window and per size of the screen it was on (ui.window_fit):
# "vensters/<window>/<width>x<height>" holds "<width>x<height>", in points.
WINDOW_SIZES = "vensters"


def window_size_key(window: str, screen: QSize) -> str:
    return f"{WINDOW_SIZES}/{window}/{screen.width()}x{screen.height()}"


def window_size(window: str, screen: QSize) -> QSize | None:
    """The size kept for that window on a screen of that size; None if none or malformed."""
    raw = QSettings().value(window_size_key(window, screen))
    width, _, height = str(raw or "").partition("x")
    if not (width.isdigit() and height.isdigit()) or int(width) < 100 or int(height) < 100:
        return None
    return QSize(int(width), int(height))


def keep_window_size(window: str, screen: QSize, size: QSize) -> None:
    QSettings().setValue(window_size_key(window, screen), f"{size.width()}x{size.height()}")


def recent_vaults() -> list[str]:
    """The vaults opened lately, newest first, the most recent one included."""
    paths = [get(RECENT_VAULT), *get(RECENT_VAULTS).splitlines()]
    seen: list[str] = []
    for path in paths:
        if path.strip() and path not in seen:
            seen.append(path)
    return seen[:RECENT_KEPT]


def remember_vault(path: str) -> None:
    put(RECENT_VAULT, path)
    put(RECENT_VAULTS, "\n".join([path, *(p for p in recent_vaults() if p != path)][:RECENT_KEPT]))


def get(setting: Setting[Value]) -> Value:
    raw = QSettings().value(setting.key, setting.default)
    if isinstance(setting.default, str):
        return str(raw) if raw is not None else setting.default
    try:
        number = int(float(raw))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return setting.default
    if (setting.lowest is not None and number < setting.lowest) or (
        setting.highest is not None and number > setting.highest
    ):
        return setting.default
    return number


def put(setting: Setting[Value], value: Value) -> None:
    QSettings().setValue(setting.key, value)
