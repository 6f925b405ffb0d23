"""The people in a case, as the case editor lists them: role, name, function, scale and
contact details. Every row is edited in place, stored people too (F2 or typing in a cell);
removing a person asks first, naming them. Nothing reaches the vault before the case is
saved, and then everything at once (CaseService.update with PeopleChanges): Annuleren in the
editor brings back every person as they were."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex
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

from casus.errors import ValidationError
from casus.services.cases import PeopleChanges, PersonDraft, clean_person
from casus.vocabulary.enums import Role
from ui import dialogs
from ui.widgets import button, enum_combo

PEOPLE_COLUMNS = ("Rol", "Naam", "Functie", "Schaal", "E-mail", "Telefoon", "Personeelsnummer")
_COLUMN_OF = {"name": 1, "function": 2, "salary_scale": 3, "email": 4, "phone": 5, "employee_number": 6}


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
        self.as_stored: dict[int, PersonDraft] = {}  # involvement id -> its values when opened
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
            self.table.setItem(
                row, column, QTableWidgetItem(values[column - 1] if column - 1 < len(values) else "")
            )
        if existing is not None:
            self.existing[row] = existing
            self.as_stored[existing] = self._draft(row)
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

    def finish_editing(self) -> None:
        """Commit a cell still being typed in: Ctrl+S straight after typing a name saves it."""
        if self.table.state() is QAbstractItemView.State.EditingState:
            current = self.table.currentIndex()
            self.table.setCurrentIndex(QModelIndex())  # leaving the cell commits its editor
            self.table.setCurrentIndex(current)

    def new_people(self) -> list[PersonDraft]:
        """The rows typed in this editor."""
        self.finish_editing()
        return [self._draft(row) for row in range(self.table.rowCount()) if row not in self.existing]

    def changes(self) -> PeopleChanges:
        """Everything done to the people since the editor opened: edits, removals, new rows."""
        self.finish_editing()
        edited = {}
        for row, involvement in self.existing.items():
            draft = self._draft(row)
            if draft != self.as_stored[involvement]:
                edited[involvement] = draft
        return PeopleChanges(edited, tuple(self.removed), tuple(self.new_people()))

    def stored(self) -> None:
        """After a save: what the table shows is what the vault holds."""
        self.removed.clear()
        self.as_stored = {involvement: self._draft(row) for row, involvement in self.existing.items()}

    def show_cell_of(self, field: str) -> None:
        """The cursor on the first row whose `field` is refused ("E-mailadres is ongeldig")."""
        column = _COLUMN_OF.get(field, 1)
        for row in range(self.table.rowCount()):
            try:
                clean_person(self._draft(row), "p")
            except ValidationError as error:
                if error.field == field:
                    self.table.setCurrentCell(row, column)
                    break
        self.table.setFocus()

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
