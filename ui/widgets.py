"""Small constructors every screen uses, so that no control is made without its
accessible name (screen readers are used in government)."""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum

from PySide6.QtCore import QDate
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QWidget,
)

# A refusal's words: dark red (7:1 on the window's grey) and bold, so not by colour alone.
ERROR_STYLE = "color: #a4161a; font-weight: bold;"


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


def read_only_table(columns: tuple[str, ...], name: str) -> QTableWidget:
    """A list shown as a table: rows are chosen, not typed in (a form beside it edits)."""
    table = QTableWidget(0, len(columns))
    table.setHorizontalHeaderLabels(columns)
    table.setAccessibleName(name)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    return table


def date_edit(name: str, date: QDate | None = None) -> QDateEdit:
    """A Dutch date field with a calendar; its inner text field carries the name too, since
    that is where a screen reader lands."""
    edit = QDateEdit(date or QDate.currentDate())
    edit.setAccessibleName(name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("dd-MM-yyyy")
    inner = edit.findChild(QLineEdit)
    if inner is not None:
        inner.setAccessibleName(name)
    return edit


def add_labelled_row(form: QFormLayout, text: str, widget: QWidget) -> QLabel:
    """A form row whose label's mnemonic (the letter after "&") puts the cursor in `widget`."""
    label = QLabel(text)
    label.setBuddy(widget)
    form.addRow(label, widget)
    return label


def is_key(event: QKeyEvent, keys: QKeySequence) -> bool:
    """Whether a key event is exactly this key sequence ("Ctrl+L", not Ctrl+Shift+L)."""
    return QKeySequence(event.keyCombination()).matches(keys) == QKeySequence.SequenceMatch.ExactMatch
