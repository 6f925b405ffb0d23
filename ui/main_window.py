"""The main window: the vault's case list, with a filter, and locking.

The window title never names a case. Locking (Ctrl+L) clears the model, closes the vault (which
drops the key) and returns to the start dialog.
"""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from casus.services.cases import CaseService
from casus.vault import Vault
from ui.case_table_model import CaseTableModel


class MainWindow(QMainWindow):
    locked = Signal()

    def __init__(self, vault: Vault) -> None:
        super().__init__()
        self.vault: Vault | None = vault
        self.setWindowTitle("Casus")
        self.resize(1000, 640)

        self.model = CaseTableModel()
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setSortRole(Qt.ItemDataRole.UserRole)

        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText("Zoeken in kenmerk, kanaal, aard, status, onderdeel…")
        self.filter_edit.setAccessibleName("Casussen filteren")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self.proxy.setFilterFixedString)
        filter_label = QLabel("&Filter:")
        filter_label.setBuddy(self.filter_edit)

        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setAccessibleName("Casussen")
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)

        self.count_label = QLabel()
        self.count_label.setAccessibleName("Aantal casussen")

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addWidget(filter_label)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)
        self.setCentralWidget(central)

        vault_menu = self.menuBar().addMenu("&Kluis")
        self.lock_action = QAction("&Vergrendelen", self)
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_action.triggered.connect(self.lock)
        vault_menu.addAction(self.lock_action)
        self.addAction(self.lock_action)  # the shortcut works wherever the focus is
        quit_action = QAction("&Afsluiten", self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        vault_menu.addAction(quit_action)

        self.proxy.rowsInserted.connect(self._update_count)
        self.proxy.rowsRemoved.connect(self._update_count)
        self.proxy.modelReset.connect(self._update_count)
        self.proxy.layoutChanged.connect(self._update_count)
        self.refresh()
        self.filter_edit.setFocus()

    def refresh(self) -> None:
        if self.vault is not None:
            self.model.set_rows(CaseService(self.vault).summaries())

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.count_label.setText(f"{total} casussen" if shown == total else f"{shown} van {total} casussen")

    def lock(self) -> None:
        self.model.clear()
        self.filter_edit.clear()
        if self.vault is not None:
            self.vault.close()
            self.vault = None
        self.hide()
        self.locked.emit()

    def closeEvent(self, event: object) -> None:
        self.model.clear()
        if self.vault is not None:
            self.vault.close()
            self.vault = None
        super().closeEvent(event)  # type: ignore[arg-type]
