"""Every modal question Casus asks goes through here: a yes/no, where to save an export,
which vault file, a passphrase, a number, an error. One module, so tests answer the questions
in one place (monkeypatch an attribute of this module; callers use `dialogs.<name>(…)`).

Casus asks window-modal questions that do not block the event loop where it can
(`ask_passphrase`): a lock or a worker's result may arrive while the question is open.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QLineEdit, QMessageBox, QWidget

PDF_FILTER = "PDF (*.pdf)"
WORD_FILTER = "Word-document om verder te bewerken (*.docx)"
VAULT_FILTER = "Casus-kluis (*.casus);;Alle bestanden (*)"


def confirm(parent: QWidget | None, title: str, text: str) -> bool:
    answer = QMessageBox.question(parent, title, text)
    return answer == QMessageBox.StandardButton.Yes


class SaveAnswer(Enum):
    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


def ask_save_changes(parent: QWidget) -> SaveAnswer:
    """ "Wijzigingen opslaan?" with Opslaan (the default), Niet opslaan and Annuleren; Esc
    answers Annuleren, so a second Esc keeps the editor open and loses nothing."""
    box = QMessageBox(
        QMessageBox.Icon.Question, "Wijzigingen opslaan?", "Wijzigingen opslaan?", parent=parent
    )
    box.setInformativeText("U hebt deze casus gewijzigd. Wat wilt u met de wijzigingen doen?")
    save = box.addButton("Op&slaan", QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton("&Niet opslaan", QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton("Annuleren", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(save)
    box.setEscapeButton(cancel)
    box.exec()
    clicked = box.clickedButton()
    return (
        SaveAnswer.SAVE
        if clicked is save
        else SaveAnswer.DISCARD
        if clicked is discard
        else SaveAnswer.CANCEL
    )


def show_error(parent: QWidget | None, text: str) -> None:
    QMessageBox.critical(parent, "Casus", text)


def run(dialog: QDialog) -> bool:
    """A dialog of our own, modal; whether it was accepted."""
    return bool(dialog.exec())


def choose_export_target(parent: QWidget, title: str, name: str, word: bool = False) -> Path | None:
    """Where to save an export: the user's documents folder (or home) with the export's own
    default name, which says only what it is and its period. With `word`, a .docx may be chosen
    too; the chosen type decides the file's suffix."""
    documents = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation))
    folder = documents if documents.is_dir() else Path.home()
    filters = ";;".join((PDF_FILTER, WORD_FILTER) if word else (PDF_FILTER,))
    path, chosen = QFileDialog.getSaveFileName(parent, title, str(folder / name), filters)
    if not path:
        return None
    suffix = ".docx" if chosen == WORD_FILTER else ".pdf"
    return Path(path).with_suffix(suffix)


def choose_vault(parent: QWidget) -> str:
    path, _ = QFileDialog.getOpenFileName(parent, "Kluis kiezen", "", VAULT_FILTER)
    return str(path)


def choose_new_vault(parent: QWidget) -> str:
    path, _ = QFileDialog.getSaveFileName(parent, "Nieuwe kluis", "casus.casus", VAULT_FILTER)
    return str(path)


def ask_number(parent: QWidget, title: str, label: str, value: int, lowest: int, highest: int) -> int | None:
    number, chosen = QInputDialog.getInt(parent, title, label, value, lowest, highest)
    return int(number) if chosen else None


def ask_passphrase(
    parent: QWidget, title: str, label: str, accessible_name: str, answered: Callable[[str], None]
) -> QInputDialog:
    """Opens the question, window-modal, without blocking the event loop; `answered` gets a
    non-empty answer. The dialog deletes itself when it closes."""
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setLabelText(label)
    dialog.setTextEchoMode(QLineEdit.EchoMode.Password)
    dialog.setAccessibleName(accessible_name)
    dialog.textValueSelected.connect(lambda text: answered(text) if text else None)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog
