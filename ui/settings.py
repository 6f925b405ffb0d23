"""Every setting Casus keeps, declared once: its key, its type, its default and its bounds
(as Vorta's store/settings.py does). Settings live in QSettings, outside the vault, so they
hold nothing from inside it: a file path and a number of minutes, no case content.

Read and write through `get` and `put`; a value that is missing, of the wrong type or out of
bounds reads as the default, so a hand-edited settings file cannot break the start.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

from PySide6.QtCore import QSettings

Value = TypeVar("Value", str, int)


@dataclass(frozen=True)
class Setting(Generic[Value]):
    key: str
    default: Value
    lowest: int | None = None
    highest: int | None = None


RECENT_VAULT: Setting[str] = Setting("start/recent_vault", "")
IDLE_MINUTES: Setting[int] = Setting("beveiliging/vergrendelen_na_minuten", 10, lowest=1, highest=120)


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
