"""Start: unlock an existing vault or create a new one.

Only the vault's path is remembered (ui/settings.py), never anything from inside it. Key derivation
takes about half a second, so opening and creating run on the thread pool while the dialog
shows that it is busy.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from casus.services.vaults import create_vault
from casus.vault import Vault, assess_passphrase
from ui import dialogs, settings, workers
from ui.messages import describe
from ui.widgets import ERROR_STYLE

# Besides the path itself, the row holds its label, the Bladeren button and the margins.
PATH_ROW_EXTRA = 260


class StartDialog(QDialog):
    """Returns an open Vault in `self.vault` when accepted."""

    def __init__(self, parent: QWidget | None = None, path: str | None = None) -> None:
        """`path`: the vault to offer first (the one just locked), else the last one opened."""
        super().__init__(parent)
        self.setWindowTitle("Casus – kluis openen")
        self.setMinimumWidth(560)
        self._offered = path
        self.vault: Vault | None = None
        self._worker: workers.Worker | None = None

        intro = QLabel(
            "Open uw kluis met uw wachtwoordzin, of maak een nieuwe kluis. "
            "Alle gegevens staan versleuteld in dit ene bestand."
        )
        intro.setWordWrap(True)

        self.warning = QLabel(
            "Let op: een vergeten wachtwoordzin kan niemand herstellen. Zonder wachtwoordzin zijn "
            "de gegevens in de kluis voorgoed onleesbaar. Kies minstens 15 tekens, bijvoorbeeld "
            "een zin van vier of vijf losse woorden, en bewaar hem op een veilige plek."
        )
        self.warning.setWordWrap(True)
        self.warning.setAccessibleName("Waarschuwing")
        self.warning.setStyleSheet("font-weight: bold;")

        self.feedback = QLabel()
        self.feedback.setWordWrap(True)
        self.feedback.setAccessibleName("Melding")
        self.feedback.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard)

        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setAccessibleName("Bezig met openen")
        self.busy.hide()

        form = self._form()
        buttons = self._buttons()

        layout = QVBoxLayout(self)
        # Grow and shrink with what is shown (create mode, messages), never overlap.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.warning)
        layout.addWidget(self.feedback)
        self.feedback.hide()
        layout.addWidget(self.busy)
        layout.addLayout(buttons)
        self._set_creating(False)
        self.passphrase_edit.textChanged.connect(self._live_feedback)
        (self.passphrase_edit if self.path_edit.text() else self.path_edit).setFocus()

    def _form(self) -> QFormLayout:
        recent = settings.recent_vaults()
        self.path_edit = QLineEdit(self._offered or (recent[0] if recent else ""))
        self.path_edit.setAccessibleName("Pad naar het kluisbestand")
        self.path_edit.setCursorPosition(0)
        # The recent vaults, whole: chosen with ↓ or Alt+R, the path goes into the field.
        self.recent = QComboBox()
        self.recent.setAccessibleName("Recent geopende kluizen")
        self.recent.addItem("—", "")
        for each in recent:
            self.recent.addItem(each, each)
            self.recent.setItemData(self.recent.count() - 1, each, Qt.ItemDataRole.ToolTipRole)
        self.recent.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.recent.activated.connect(self._recent_chosen)
        self.recent_label = QLabel("&Recent:")
        self.recent_label.setBuddy(self.recent)
        browse = QPushButton("&Bladeren…")
        browse.setAccessibleName("Kluisbestand kiezen")
        browse.clicked.connect(self._browse)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(browse)

        self.passphrase_edit = QLineEdit()
        self.passphrase_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_edit.setAccessibleName("Wachtwoordzin")

        self.confirm_edit = QLineEdit()
        self.confirm_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm_edit.setAccessibleName("Wachtwoordzin herhalen")
        self.confirm_label = QLabel("&Herhaal wachtwoordzin:")
        self.confirm_label.setBuddy(self.confirm_edit)

        form = QFormLayout()
        vault_label = QLabel("&Kluis:")
        vault_label.setBuddy(self.path_edit)
        form.addRow(vault_label, path_row)
        form.addRow(self.recent_label, self.recent)
        self.recent_label.setVisible(self.recent.count() > 1)
        self.recent.setVisible(self.recent.count() > 1)
        pass_label = QLabel("&Wachtwoordzin:")
        pass_label.setBuddy(self.passphrase_edit)
        form.addRow(pass_label, self.passphrase_edit)
        form.addRow(self.confirm_label, self.confirm_edit)
        return form

    def _buttons(self) -> QHBoxLayout:
        self.unlock_button = QPushButton("&Ontgrendelen")
        self.unlock_button.setDefault(True)
        self.unlock_button.setAccessibleName("Kluis ontgrendelen")
        self.unlock_button.clicked.connect(self._unlock)
        self.create_button = QPushButton("&Nieuwe kluis maken")
        self.create_button.setAccessibleName("Nieuwe kluis maken")
        self.create_button.clicked.connect(self._create)
        self.back_button = QPushButton("&Terug")
        self.back_button.setAccessibleName("Terug naar kluis openen")
        self.back_button.clicked.connect(lambda: self._set_creating(False))
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.create_button)
        buttons.addWidget(self.unlock_button)
        return buttons

    # --- modes -----------------------------------------------------------------------------

    def _set_creating(self, creating: bool) -> None:
        self._creating = creating
        self.confirm_label.setVisible(creating)
        self.confirm_edit.setVisible(creating)
        self.create_button.setText("Kluis &aanmaken" if creating else "&Nieuwe kluis maken")
        self.unlock_button.setVisible(not creating)
        self.back_button.setVisible(creating)
        self.warning.setVisible(creating)
        self.create_button.setDefault(creating)
        self.unlock_button.setDefault(not creating)
        self._set_feedback("")
        self.confirm_edit.clear()
        self.adjustSize()

    def _live_feedback(self, text: str) -> None:
        if not self._creating or not text:
            return
        assessment = assess_passphrase(text)
        self._set_feedback("Sterk genoeg." if assessment.acceptable else " ".join(assessment.reasons))

    # --- actions -----------------------------------------------------------------------------

    def _recent_chosen(self, index: int) -> None:
        path = self.recent.itemData(index)
        if path:
            self.path_edit.setText(path)
            self.path_edit.setCursorPosition(0)
            self.passphrase_edit.setFocus()

    def showEvent(self, event: QShowEvent) -> None:
        """As wide as the whole path needs, within the screen: "s/demo/demo.casus" said nothing."""
        super().showEvent(event)
        screen = self.screen()
        needed = self.path_edit.fontMetrics().horizontalAdvance(self.path_edit.text()) + PATH_ROW_EXTRA
        room = screen.availableGeometry().width() - 40 if screen is not None else needed
        if self.width() < min(needed, room):
            self.resize(min(needed, room), self.height())

    def _browse(self) -> None:
        path = dialogs.choose_vault(self)
        if path:
            self.path_edit.setText(path)
            self.passphrase_edit.setFocus()

    def _create(self) -> None:
        if not self._creating:
            path = dialogs.choose_new_vault(self)
            if not path:
                return
            self.path_edit.setText(path)
            self.passphrase_edit.clear()
            self._set_creating(True)
            self.passphrase_edit.setFocus()
            return
        if self.passphrase_edit.text() != self.confirm_edit.text():
            self._show_error("De twee wachtwoordzinnen zijn niet gelijk.")
            return
        target, passphrase = Path(self.path_edit.text()), self.passphrase_edit.text()
        self._run(lambda: create_vault(target, passphrase))

    def _unlock(self) -> None:
        path = self.path_edit.text().strip()
        if not path:
            self._show_error("Kies eerst een kluisbestand.")
            return
        passphrase = self.passphrase_edit.text()
        self._run(lambda: Vault.open(Path(path), passphrase))

    def _run(self, task: object) -> None:
        self._set_busy(True)
        self._worker = workers.start(task, self._opened, self._failed)  # type: ignore[arg-type]

    def _opened(self, vault: Vault) -> None:
        self._set_busy(False)
        self.vault = vault
        settings.remember_vault(str(vault.path))
        self.passphrase_edit.clear()
        self.confirm_edit.clear()
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self._set_busy(False)
        self._show_error(describe(error))
        self.passphrase_edit.selectAll()
        self.passphrase_edit.setFocus()

    def _set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        for widget in (
            self.unlock_button,
            self.create_button,
            self.passphrase_edit,
            self.path_edit,
            self.confirm_edit,
        ):
            widget.setEnabled(not busy)

    def _show_error(self, text: str) -> None:
        self._set_feedback(text, error=True)

    def _set_feedback(self, text: str, *, error: bool = False) -> None:
        """One place for the message line: hidden while empty, red for errors."""
        self.feedback.setText(text)
        self.feedback.setStyleSheet(ERROR_STYLE if error else "")
        self.feedback.setVisible(bool(text))
        self.adjustSize()
