"""Registering and editing a case: the report, its people, its unit, facts and question,
and its history.

Nothing typed is lost on a validation error: the dialog stays open with every value, names
the field in Dutch and puts the cursor in it. The window title never names the case.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPlainTextEdit,
    QTabWidget,
    QWidget,
)

from casus.errors import CasusError, ValidationError
from casus.services.audit import AuditService
from casus.services.cases import CaseDraft, CaseService
from casus.services.org_units import OrgUnitService
from casus.vault import Vault
from casus.vocabulary.enums import BehaviourCategory, Channel, Ground, Party, Role
from ui import dialogs
from ui.case_outcome_page import OutcomePage
from ui.case_people import PeopleTable
from ui.interventions_page import InterventionsPage
from ui.messages import describe
from ui.screen_capture import exclude_from_capture
from ui.widgets import ERROR_STYLE, enum_combo
from ui.window_fit import fit_to_screen, scrolled_layout

_PERSON_FIELDS = ("role", "name", "function", "salary_scale", "email", "phone", "employee_number")
_ACTIONS = {
    "create": "aangemaakt",
    "update": "gewijzigd",
    "status": "status gewijzigd",
    "add_person": "persoon toegevoegd",
    "remove_person": "persoon verwijderd",
    "update_person": "persoon gewijzigd",
    "propose": "namen gezocht",
    "decide": "vervanging beoordeeld",
    "accept_all": "alle vervangingen geaccepteerd",
    "add_span": "vervanging toegevoegd",
    "release": "vrijgegeven",
    "destroy": "vernietigd",
}


def _date_edit(name: str) -> QDateEdit:
    edit = QDateEdit()
    edit.setAccessibleName(name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("dd-MM-yyyy")
    edit.setMaximumDate(QDate.currentDate())
    edit.setDate(QDate.currentDate())
    inner = edit.findChild(QLineEdit)  # the field a screen reader lands on
    if inner is not None:
        inner.setAccessibleName(name)
    return edit


class CaseEditor(QDialog):
    saved = Signal(int)

    def __init__(self, vault: Vault, case_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.vault = vault
        self.case_id = case_id
        self.setWindowTitle("Casus bewerken – Casus" if case_id else "Nieuwe casus – Casus")
        fit_to_screen(self, 980, 680)

        self.message = QLabel()
        self.message.setAccessibleName("Melding bij het opslaan")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.hide()

        report = self._report_page()
        people_page = self._people_page()
        texts = self._texts_page()
        self.history = QListWidget()
        self.history.setAccessibleName("Geschiedenis van deze casus")

        self.tabs = QTabWidget()
        self.tabs.addTab(report, "&Melding")
        self.tabs.addTab(people_page, "&Personen")
        self.tabs.addTab(texts, "Feite&n en vraag")
        self.interventions: InterventionsPage | None = None
        if case_id is not None:
            self.interventions = InterventionsPage(vault, case_id)
            self.tabs.addTab(self.interventions, "Maat&regelen")
        self.outcome = OutcomePage(vault, case_id)
        self.outcome.case_destroyed.connect(self._destroyed)
        self.tabs.addTab(self.outcome, "&Uitkomst en bewaren")
        self.tabs.addTab(self.history, "Ge&schiedenis")
        self.tabs.setTabEnabled(self.tabs.indexOf(self.history), case_id is not None)

        buttons = self._button_box()
        layout = scrolled_layout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)
        self._widgets: dict[str, tuple[int, QWidget]] = {
            "channel": (0, self.channel),
            "received": (0, self.received),
            "incident_date": (0, self.incident_date),
            "category": (0, self.category),
            "grounds": (0, self.grounds),
            "org_unit_id": (0, self.unit),
            "owner_party": (0, self.owner),
            "facts": (2, self.facts),
            "question": (2, self.question),
            "prior_advice": (2, self.prior_advice),
        }
        exclude_from_capture(self)
        if case_id is not None:
            self._load(case_id)
        else:
            self.add_person_row(Role.REPORTER)
        self._as_opened = self._draft_or_none()
        # The first field, not the tab bar: typing starts at once, and the ring shows where.
        self.channel.setFocus()
        for keys in ("Ctrl+S", "Ctrl+Return"):
            QShortcut(QKeySequence(keys), self).activated.connect(self.save)

    def _report_page(self) -> QWidget:
        self.channel = enum_combo(Channel, "Kanaal")
        self.received = _date_edit("Ontvangen op")
        self.has_incident_date = QCheckBox("Datum van het voorval bekend")
        self.has_incident_date.setAccessibleName("Datum van het voorval bekend")
        self.incident_date = _date_edit("Datum van het voorval")
        self.incident_date.setEnabled(False)
        self.has_incident_date.toggled.connect(self.incident_date.setEnabled)
        self.category = enum_combo(BehaviourCategory, "Aard van het gedrag")
        self.owner = enum_combo(Party, "Casushouder", optional=True)
        self.anonymous = QCheckBox("Anonieme melding")
        self.anonymous.setAccessibleName("Anonieme melding")
        self.unit = QComboBox()
        self.unit.setAccessibleName("Organisatieonderdeel")
        self.unit.addItem("—", None)
        for label, unit_id in self._unit_choices():
            self.unit.addItem(label, unit_id)
        self.grounds = QListWidget()
        self.grounds.setAccessibleName("Discriminatiegronden")
        for ground in Ground:
            item = QListWidgetItem(ground.label)
            item.setData(Qt.ItemDataRole.UserRole, ground)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.grounds.addItem(item)

        report = QWidget()
        form = QFormLayout(report)
        for label, widget in (("&Kanaal:", self.channel), ("&Ontvangen op:", self.received),
                              ("", self.has_incident_date), ("Datum &voorval:", self.incident_date),
                              ("&Aard van het gedrag:", self.category), ("&Gronden:", self.grounds),
                              ("Organisatieon&derdeel:", self.unit), ("Casus&houder:", self.owner),
                              ("", self.anonymous)):  # fmt: skip
            form.addRow(label, widget)
        return report

    def _people_page(self) -> QWidget:
        self.people_table = PeopleTable()
        self.people = self.people_table.table  # the table, by the name the tests know it
        return self.people_table

    def _texts_page(self) -> QWidget:
        self.facts = QPlainTextEdit()
        self.facts.setAccessibleName("Feitenrelaas")
        self.question = QPlainTextEdit()
        self.question.setAccessibleName("Bespreekvraag")
        self.prior_advice = QPlainTextEdit()
        self.prior_advice.setAccessibleName("Eerder advies")
        for text in (self.facts, self.question, self.prior_advice):
            text.setTabChangesFocus(True)  # Tab moves on; a tab character has no place in a case text
        texts = QWidget()
        texts_form = QFormLayout(texts)
        texts_form.addRow("&Feitenrelaas:", self.facts)
        texts_form.addRow("&Bespreekvraag:", self.question)
        texts_form.addRow("&Eerder advies:", self.prior_advice)
        return texts

    def _button_box(self) -> QDialogButtonBox:
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setAccessibleName("Casus opslaan")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName("Annuleren zonder opslaan")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        return buttons

    def _unit_choices(self) -> list[tuple[str, int]]:
        rows = OrgUnitService(self.vault).list()
        by_id = {row.id: row for row in rows}
        choices = []
        for row in rows:
            path, parent = [row.name], by_id.get(row.parent_id) if row.parent_id else None
            while parent is not None:
                path.insert(0, parent.name)
                parent = by_id.get(parent.parent_id) if parent.parent_id else None
            choices.append((" › ".join(path), row.id))
        return sorted(choices)

    def _destroyed(self, said: str) -> None:
        """Nothing of the case is left to edit: the editor closes, the list says what happened."""
        self.saved.emit(self.case_id)
        parent = self.parent()
        if isinstance(parent, QMainWindow):
            parent.statusBar().showMessage(said, 15000)
        QDialog.reject(self)

    def show_interventions(self) -> None:
        """The Maatregelen tab (interventions and heling-en-herstel advice), where there is one."""
        if self.interventions is not None:
            self.tabs.setCurrentWidget(self.interventions)

    # -- people ----------------------------------------------------------------------------------

    def add_person_row(
        self, role: Role = Role.WITNESS, values: tuple[str, ...] = (), existing: int | None = None
    ) -> int:
        return self.people_table.add_row(role, values, existing)

    # -- loading and saving ------------------------------------------------------------------

    def _load(self, case_id: int) -> None:
        case = CaseService(self.vault).get(case_id)
        self.channel.setCurrentIndex(list(Channel).index(case.channel))
        self.received.setDate(QDate(case.received.year, case.received.month, case.received.day))
        if case.incident_date is not None:
            self.has_incident_date.setChecked(True)
            date = case.incident_date
            self.incident_date.setDate(QDate(date.year, date.month, date.day))
        self.category.setCurrentIndex(list(BehaviourCategory).index(case.category))
        self.owner.setCurrentIndex(0 if case.owner_party is None else list(Party).index(case.owner_party) + 1)
        self.anonymous.setChecked(case.anonymous)
        index = self.unit.findData(case.org_unit_id)
        self.unit.setCurrentIndex(max(0, index))
        chosen = set(case.grounds)
        for row in range(self.grounds.count()):
            item = self.grounds.item(row)
            item.setCheckState(
                Qt.CheckState.Checked
                if item.data(Qt.ItemDataRole.UserRole) in chosen
                else Qt.CheckState.Unchecked
            )
        self.facts.setPlainText(case.facts)
        self.question.setPlainText(case.question)
        self.prior_advice.setPlainText(case.prior_advice)
        self.outcome.load(case)
        for person in case.involvements:
            values = (person.name, person.function or "", str(person.salary_scale or ""),
                      person.email or "", person.phone or "", person.employee_number or "")  # fmt: skip
            self.add_person_row(person.role, values, existing=person.id)
        for entry in AuditService(self.vault).history("case", case_id):
            when = entry.at.replace(tzinfo=dt.UTC).astimezone().strftime("%d-%m-%Y %H:%M")
            what = _ACTIONS.get(entry.action, entry.action)
            self.history.addItem(f"{when}  {entry.actor}: {what}")

    def draft(self) -> CaseDraft:
        def date(edit: QDateEdit) -> dt.date:
            value = edit.date()
            return dt.date(value.year(), value.month(), value.day())

        grounds = [
            self.grounds.item(row).data(Qt.ItemDataRole.UserRole)
            for row in range(self.grounds.count())
            if self.grounds.item(row).checkState() == Qt.CheckState.Checked
        ]
        return CaseDraft(
            channel=self.channel.currentData(),
            received=date(self.received),
            incident_date=date(self.incident_date) if self.has_incident_date.isChecked() else None,
            category=self.category.currentData(),
            grounds=grounds,
            anonymous=self.anonymous.isChecked(),
            org_unit_id=self.unit.currentData(),
            owner_party=self.owner.currentData(),
            facts=self.facts.toPlainText(),
            question=self.question.toPlainText(),
            prior_advice=self.prior_advice.toPlainText(),
            people=self.people_table.new_people(),
            **self.outcome.values(),
        )

    def _draft_or_none(self) -> CaseDraft | None:
        try:
            return self.draft()
        except ValueError:
            return None

    @property
    def changed(self) -> bool:
        """Whether anything was typed, chosen, edited or removed since the editor opened."""
        return self._draft_or_none() != self._as_opened or bool(self.people_table.changes())

    def reject(self) -> None:
        """Esc, Annuleren or the window's close: unsaved changes are asked about first."""
        if self.changed:
            answer = dialogs.ask_save_changes(self)
            if answer is dialogs.SaveAnswer.CANCEL:
                return
            if answer is dialogs.SaveAnswer.SAVE:
                self.save()
                return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.isVisible():
            self.reject()
        if self.isVisible():
            event.ignore()  # Annuleren: the editor stays open with what was typed
        else:
            event.accept()

    def save(self) -> None:
        service = CaseService(self.vault)
        try:
            draft = self.draft()
            if self.case_id is None:
                self.case_id = service.create(draft)
            else:
                service.update(self.case_id, draft, self.people_table.changes())
                self.people_table.stored()
        except ValidationError as error:
            self._show_error(error)
            return
        except CasusError as error:
            self.message.setText(describe(error))
            self.message.show()
            return
        self._as_opened = self._draft_or_none()
        self.saved.emit(self.case_id)
        self.accept()

    def _show_error(self, error: ValidationError) -> None:
        """Says what is wrong, in Dutch, and puts the cursor where it is; keeps every value."""
        self.message.setText(f"Niet opgeslagen. {error}.")
        self.message.show()
        place = self._widgets.get(error.field)
        if place is None and error.field in _PERSON_FIELDS:
            self.tabs.setCurrentIndex(1)
            self.people_table.show_cell_of(error.field)
            return
        if place is not None:
            self.tabs.setCurrentIndex(place[0])
            place[1].setFocus()
