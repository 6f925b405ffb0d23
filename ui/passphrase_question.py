"""A window-modal question for the vault's passphrase that does not block the event loop."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QInputDialog, QLineEdit, QWidget


def ask_passphrase(
    parent: QWidget, title: str, label: str, accessible_name: str, answered: Callable[[str], None]
) -> QInputDialog:
    """Opens the question; `answered` gets a non-empty answer. The dialog deletes itself."""
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setLabelText(label)
    dialog.setTextEchoMode(QLineEdit.EchoMode.Password)
    dialog.setAccessibleName(accessible_name)
    dialog.textValueSelected.connect(lambda text: answered(text) if text else None)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog
