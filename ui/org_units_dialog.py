"""Organisation units: clusters, directies (stadsdelen) and teams, with their abbreviations,
other names, size and the meeting party that sits in them.

The pseudonymiser finds units by exactly these names and abbreviations, and the size feeds
the quasi-identifier warning, so this screen is part of keeping cases untraceable.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from casus.errors import CasusError
from casus.services.org_units import OrgUnitDraft, OrgUnitRow, OrgUnitService
from casus.vault import Vault
from casus.vocabulary.enums import OrgUnitKind, Party
from ui.messages import describe
from ui.widgets import ERROR_STYLE, button, enum_combo
from ui.window_fit import fit_to_screen, scrolled_layout

_CHILD_KIND = {
    None: OrgUnitKind.CLUSTER,
    OrgUnitKind.CLUSTER: OrgUnitKind.DIRECTORATE,
    OrgUnitKind.DIRECTORATE: OrgUnitKind.TEAM,
    OrgUnitKind.DISTRICT: OrgUnitKind.TEAM,
    OrgUnitKind.DEPARTMENT: OrgUnitKind.TEAM,
}


def _names(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


class OrgUnitsDialog(QDialog):
    def __init__(self, vault: Vault, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Organisatieonderdelen – Casus")
        fit_to_screen(self, 980, 640)
        self.service = OrgUnitService(vault)
        self.rows: dict[int, OrgUnitRow] = {}

        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["Onderdeel", "Afkortingen", "Omvang"])
        self.tree.setAccessibleName("Organisatieonderdelen")
        self.tree.currentItemChanged.connect(self._show)

        form = self._form()
        buttons = self._buttons()

        editor = QWidget()
        editor_layout = QVBoxLayout(editor)
        editor_layout.addLayout(form)
        editor_layout.addWidget(self.message)
        editor_layout.addStretch(1)
        splitter = QSplitter()
        splitter.addWidget(self.tree)
        splitter.addWidget(editor)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = scrolled_layout(self)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)
        self.reload()

    def _form(self) -> QFormLayout:
        self.name = QLineEdit()
        self.name.setAccessibleName("Naam")
        self.kind = enum_combo(OrgUnitKind, "Soort")
        self.abbreviations = QLineEdit()
        self.abbreviations.setAccessibleName("Afkortingen, gescheiden door komma's")
        self.alternative_names = QLineEdit()
        self.alternative_names.setAccessibleName("Andere namen, gescheiden door komma's")
        self.headcount = QSpinBox()
        self.headcount.setAccessibleName("Aantal medewerkers")
        self.headcount.setRange(0, 100_000)
        self.headcount.setSpecialValueText("onbekend")
        # The spin box's own text field is what a screen reader lands on.
        inner = self.headcount.findChild(QLineEdit)
        if inner is not None:
            inner.setAccessibleName("Aantal medewerkers")
        self.party = enum_combo(Party, "Overlegpartij in dit onderdeel", optional=True)
        form = QFormLayout()
        fields = (
            ("&Naam:", self.name),
            ("Soor&t:", self.kind),
            ("&Afkortingen:", self.abbreviations),
            ("Andere na&men:", self.alternative_names),
            ("&Omvang:", self.headcount),
            ("Overleg&partij:", self.party),
        )
        for label, widget in fields:
            caption = QLabel(label)
            caption.setBuddy(widget)
            form.addRow(caption, widget)
        self.message = QLabel()
        self.message.setAccessibleName("Melding")
        self.message.setWordWrap(True)
        self._field_widgets: dict[str, QWidget] = {
            "name": self.name, "kind": self.kind, "abbreviations": self.abbreviations,
            "alternative_names": self.alternative_names, "headcount": self.headcount,
            "meeting_party": self.party,
        }  # fmt: skip
        return form

    def _say(self, text: str, error: CasusError | None = None) -> None:
        """A refusal in red, with the cursor in the field it is about; a success plainly."""
        self.message.setText(text)
        self.message.setStyleSheet(ERROR_STYLE if error is not None else "")
        field = getattr(error, "field", None)
        widget = self._field_widgets.get(field) if isinstance(field, str) else None
        if widget is not None:
            widget.setFocus()
            if isinstance(widget, QLineEdit):
                widget.selectAll()

    def _buttons(self) -> QHBoxLayout:
        save = button("Op&slaan", "Wijzigingen opslaan", self.save)
        add = button("Onder&deel toevoegen", "Nieuw onderdeel onder het geselecteerde", self.add_child)
        delete = button("&Verwijderen", "Geselecteerd onderdeel verwijderen", self.delete)
        close = button("Sluiten", "Sluiten", self.accept)
        buttons = QHBoxLayout()
        for action in (save, add, delete):
            buttons.addWidget(action)
        buttons.addStretch(1)
        buttons.addWidget(close)
        return buttons

    def reload(self, select: int | None = None) -> None:
        self.rows = {row.id: row for row in self.service.list()}
        self.tree.clear()
        items: dict[int, QTreeWidgetItem] = {}
        pending = sorted(self.rows.values(), key=lambda r: (r.parent_id is not None, r.name))
        while pending:
            remaining = []
            for row in pending:
                parent = items.get(row.parent_id) if row.parent_id is not None else None
                if row.parent_id is not None and parent is None:
                    remaining.append(row)
                    continue
                size = "" if row.headcount is None else str(row.headcount)
                item = QTreeWidgetItem([row.name, ", ".join(row.abbreviations), size])
                item.setData(0, Qt.ItemDataRole.UserRole, row.id)
                (parent.addChild(item) if parent else self.tree.addTopLevelItem(item))
                items[row.id] = item
            if len(remaining) == len(pending):
                break
            pending = remaining
        self.tree.expandAll()
        self.tree.resizeColumnToContents(0)
        if select is not None and select in items:
            self.tree.setCurrentItem(items[select])

    def _current(self) -> OrgUnitRow | None:
        item = self.tree.currentItem()
        return self.rows.get(item.data(0, Qt.ItemDataRole.UserRole)) if item else None

    def _show(self) -> None:
        row = self._current()
        if row is None:
            return
        self.name.setText(row.name)
        self.kind.setCurrentIndex(list(OrgUnitKind).index(row.kind))
        self.abbreviations.setText(", ".join(row.abbreviations))
        self.alternative_names.setText(", ".join(row.alternative_names))
        self.headcount.setValue(row.headcount or 0)
        self.party.setCurrentIndex(
            0 if row.meeting_party is None else list(Party).index(row.meeting_party) + 1
        )
        self.message.clear()

    def _draft(self, parent_id: int | None) -> OrgUnitDraft:
        return OrgUnitDraft(
            kind=self.kind.currentData(),
            name=self.name.text(),
            parent_id=parent_id,
            abbreviations=_names(self.abbreviations.text()),
            alternative_names=_names(self.alternative_names.text()),
            headcount=self.headcount.value() or None,
            meeting_party=self.party.currentData(),
        )

    def save(self) -> None:
        row = self._current()
        if row is None:
            return
        try:
            self.service.update(row.id, self._draft(row.parent_id))
        except CasusError as error:
            self._say(f"Niet opgeslagen. {describe(error)}", error)
            return
        self.reload(select=row.id)
        self._say("Opgeslagen.")

    def add_child(self) -> None:
        parent = self._current()
        kind = _CHILD_KIND.get(parent.kind if parent else None, OrgUnitKind.TEAM)
        draft = OrgUnitDraft(kind=kind, name="Nieuw onderdeel", parent_id=parent.id if parent else None)
        try:
            new_id = self.service.create(draft)
        except CasusError as error:
            self._say(f"Niet toegevoegd. {describe(error)}", error)
            return
        self.reload(select=new_id)
        self.name.setFocus()
        self.name.selectAll()

    def delete(self) -> None:
        row = self._current()
        if row is None:
            return
        try:
            self.service.delete(row.id)
        except CasusError as error:
            self._say(f"Niet verwijderd. {describe(error)}", error)
            return
        self.reload(select=row.parent_id)
