"""The people in a case, as the case editor lists them: role, name, function, scale and
contact details. New rows are typed in place; removing a person asks first, naming them, and
takes effect only when the case is saved, so Annuleren in the editor brings them back."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from casus.services.cases import PersonDraft
from casus.vocabulary.enums import Role
from ui import dialogs
from ui.widgets import button, enum_combo

PEOPLE_COLUMNS = ("Rol", "Naam", "Functie", "Schaal", "E-mail", "Telefoon", "Personeelsnummer")


class PeopleTable(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.table = QTableWidget(0, len(PEOPLE_COLUMNS))
        self.table.setHorizontalHeaderLabels(PEOPLE_COLUMNS)
        self.table.setAccessibleName("Personen in deze casus")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.existing: dict[int, int] = {}  # table row -> involvement id
        self.removed: list[int] = []  # involvements to remove when the case is saved
        add = button("Persoon &toevoegen", "Persoon toevoegen", lambda: self.add_row())
        remove = button("Persoon &verwijderen", "Geselecteerde persoon verwijderen", self.remove_current)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(buttons)

    def add_row(
        self, role: Role = Role.WITNESS, values: tuple[str, ...] = (), existing: int | None = None
    ) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        combo = enum_combo(Role, f"Rol van persoon {row + 1}", role)
        self.table.setCellWidget(row, 0, combo)
        for column in range(1, len(PEOPLE_COLUMNS)):
            item = QTableWidgetItem(values[column - 1] if column - 1 < len(values) else "")
            if existing is not None:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.table.setItem(row, column, item)
        if existing is not None:
            combo.setEnabled(False)
            self.existing[row] = existing
        self.table.setCurrentCell(row, 1)
        return row

    def remove_current(self) -> None:
        row = self.table.currentRow()
        if row < 0:
            return
        name = self._cell(row, 1) or f"persoon {row + 1}"
        question = f"{name} uit deze casus verwijderen? Dat gebeurt bij Opslaan; Annuleren houdt de persoon."
        if not dialogs.confirm(self, "Persoon verwijderen", question):
            return
        involvement = self.existing.pop(row, None)
        if involvement is not None:
            self.removed.append(involvement)
        self.table.removeRow(row)
        self.existing = {(r if r < row else r - 1): i for r, i in self.existing.items()}

    def new_people(self) -> list[PersonDraft]:
        """The rows typed in this editor (the stored people are changed by removal only)."""
        return [self._draft(row) for row in range(self.table.rowCount()) if row not in self.existing]

    def _cell(self, row: int, column: int) -> str | None:
        item = self.table.item(row, column)
        text = item.text().strip() if item else ""
        return text or None

    def _draft(self, row: int) -> PersonDraft:
        combo = self.table.cellWidget(row, 0)
        role = combo.currentData() if isinstance(combo, QComboBox) else Role.WITNESS
        return PersonDraft(
            role=role,
            name=self._cell(row, 1) or "",
            function=self._cell(row, 2),
            salary_scale=self._cell(row, 3),
            email=self._cell(row, 4),
            phone=self._cell(row, 5),
            employee_number=self._cell(row, 6),
        )
