"""Small constructors every screen uses, so that no control is made without its
accessible name (screen readers are used in government)."""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum

from PySide6.QtWidgets import QComboBox, QPushButton


def enum_combo(enum: type[Enum], name: str, current: object = None, optional: bool = False) -> QComboBox:
    """A combo box over an enumeration's Dutch labels; its items carry the members."""
    combo = QComboBox()
    combo.setAccessibleName(name)
    if optional:
        combo.addItem("—", None)
    for member in enum:
        combo.addItem(member.label, member)  # type: ignore[attr-defined]
    if current is not None:
        combo.setCurrentIndex(combo.findData(current))
    return combo


def button(text: str, name: str, slot: Callable[[], object]) -> QPushButton:
    """A push button with its accessible name; never the dialog's default (Enter stays with
    the field the user is in)."""
    widget = QPushButton(text)
    widget.setAccessibleName(name)
    widget.setAutoDefault(False)
    widget.clicked.connect(slot)
    return widget
