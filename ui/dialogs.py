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
# A question's window at least this wide, and its title this much wider than its text (the
# window manager's buttons and margins share the title bar).
MIN_QUESTION_WIDTH = 360
TITLE_BAR_EXTRA = 160
WORD_FILTER = "Word-document om verder te bewerken (*.docx)"
VAULT_FILTER = "Casus-kluis (*.casus);;Alle bestanden (*)"


def confirm(parent: QWidget | None, title: str, text: str) -> bool:
    """A question before something that cannot be undone (destroy, remove, revoke): "Nee" is
    the default, so an Enter pressed out of habit changes nothing."""
    answer = QMessageBox.question(parent, title, text, defaultButton=QMessageBox.StandardButton.No)
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


# Qt's own file dialog (where the desktop has none) says "Look in" and "Files of type" even
# with Qt's Dutch translation loaded; every label is therefore set here.
_FILE_DIALOG_LABELS = {
    QFileDialog.DialogLabel.LookIn: "Zoeken in:",
    QFileDialog.DialogLabel.FileName: "Bestands&naam:",
    QFileDialog.DialogLabel.FileType: "Bestands&type:",
    QFileDialog.DialogLabel.Reject: "Annuleren",
}


def _file_dialog(parent: QWidget | None, title: str, start: str, filters: str, saving: bool) -> QFileDialog:
    dialog = QFileDialog(parent, title, start, filters)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave if saving else QFileDialog.AcceptMode.AcceptOpen)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile if saving else QFileDialog.FileMode.ExistingFile)
    for label, text in _FILE_DIALOG_LABELS.items():
        dialog.setLabelText(label, text)
    dialog.setLabelText(QFileDialog.DialogLabel.Accept, "Op&slaan" if saving else "&Openen")
    return dialog


def _chosen(dialog: QFileDialog) -> tuple[str, str]:
    """The chosen file and type, or ("", "") when the dialog was left."""
    if not run(dialog) or not dialog.selectedFiles():
        return "", ""
    return dialog.selectedFiles()[0], dialog.selectedNameFilter()


def export_suffix(typed: str, chosen_filter: str, word: bool) -> str:
    """The suffix of an export: one typed that Casus writes (x.docx) wins, else the chosen type's;
    typing x.docx with the PDF type selected once wrote x.pdf without a word."""
    typed_suffix = Path(typed).suffix.lower()
    if typed_suffix == ".pdf" or (word and typed_suffix == ".docx"):
        return typed_suffix
    return ".docx" if word and chosen_filter == WORD_FILTER else ".pdf"


def choose_export_target(parent: QWidget, title: str, name: str, word: bool = False) -> Path | None:
    """Where to save an export: the user's documents folder (or home) with the export's own
    default name, which says only what it is and its period. With `word`, a .docx may be chosen
    too (by its type or by typing the suffix)."""
    folder = _documents()
    filters = ";;".join((PDF_FILTER, WORD_FILTER) if word else (PDF_FILTER,))
    path, chosen = _chosen(_file_dialog(parent, title, str(folder / name), filters, saving=True))
    if not path:
        return None
    target = Path(path)
    suffix = export_suffix(path, chosen, word)
    known = target.suffix.lower() in (".pdf", ".docx")
    return target.with_suffix(suffix) if known else target.with_name(target.name + suffix)


KEY_CARD_FILTER = "Sleutelkaart van Casus (*.sleutelkaart);;Alle bestanden (*)"


def choose_key_card(parent: QWidget, saving: bool, name: str = "") -> str:
    """A key card to write (`saving`, proposed as `name`) or to read; "" when left."""
    title = "Sleutelkaart opslaan" if saving else "Sleutelkaart inlezen"
    return _chosen(_file_dialog(parent, title, name, KEY_CARD_FILTER, saving=saving))[0]


CARD_FILTERS = {
    ".casuskaart": "Casuskaart (*.casuskaart)",
    ".advieskaart": "Advieskaart (*.advieskaart)",
    ".cijferkaart": "Cijferkaart (*.cijferkaart)",
}


def _card_filter(suffix: str) -> str:
    return f"{CARD_FILTERS[suffix]};;Alle bestanden (*)"


def _documents() -> Path:
    documents = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation))
    return documents if documents.is_dir() else Path.home()


def choose_card_target(parent: QWidget, title: str, name: str) -> Path | None:
    """Where to write a card, proposed as `name` (what it is and when, nothing more)."""
    suffix = Path(name).suffix
    dialog = _file_dialog(parent, title, str(_documents() / name), _card_filter(suffix), saving=True)
    path = _chosen(dialog)[0]
    if not path:
        return None
    target = Path(path)
    return target if target.suffix == suffix else target.with_name(target.name + suffix)


def choose_cards(parent: QWidget, title: str, suffix: str) -> list[Path]:
    """Cards to read (several at once); empty when the dialog was left."""
    dialog = _file_dialog(parent, title, str(_documents()), _card_filter(suffix), saving=False)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
    if not run(dialog):
        return []
    return [Path(path) for path in dialog.selectedFiles()]


def choose_folder(parent: QWidget, title: str) -> Path | None:
    dialog = _file_dialog(parent, title, str(_documents()), "", saving=False)
    dialog.setFileMode(QFileDialog.FileMode.Directory)
    dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    dialog.setLabelText(QFileDialog.DialogLabel.Accept, "&Kiezen")
    if not run(dialog) or not dialog.selectedFiles():
        return None
    return Path(dialog.selectedFiles()[0])


def ask_text(parent: QWidget, title: str, label: str) -> str | None:
    text, chosen = QInputDialog.getText(parent, title, label)
    return str(text) if chosen else None


def choose_vault(parent: QWidget) -> str:
    return _chosen(_file_dialog(parent, "Kluis kiezen", "", VAULT_FILTER, saving=False))[0]


def choose_new_vault(parent: QWidget) -> str:
    return _chosen(_file_dialog(parent, "Nieuwe kluis", "casus.casus", VAULT_FILTER, saving=True))[0]


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
    # Wide enough for its title: a window manager cut "Vergadermodus verlaten" to "Vergad… rlaten".
    width = max(MIN_QUESTION_WIDTH, dialog.fontMetrics().horizontalAdvance(title) + TITLE_BAR_EXTRA)
    dialog.textValueSelected.connect(lambda text: answered(text) if text else None)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    dialog.resize(max(width, dialog.width()), dialog.height())  # after open: its layout sets the minimum
    return dialog
