"""The case's interventions (what the employer did) and heling-en-herstel advice, with their
status; a status is changed in place, a new one is added below the list."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from casus.errors import CasusError
from casus.services.cases import CaseService
from casus.services.interventions import InterventionDraft, InterventionService, RepairAdviceDraft
from casus.vault import Vault
from casus.vocabulary.enums import InterventionStatus, InterventionType, RepairStatus, RepairType, Role
from ui.meeting_advice_box import MeetingAdviceBox
from ui.messages import describe
from ui.widgets import button, enum_combo, read_only_table


class InterventionsPage(QWidget):
    def __init__(self, vault: Vault, case_id: int) -> None:
        super().__init__()
        self.vault = vault
        self.case_id = case_id
        self.service = InterventionService(vault)
        self.message = QLabel()
        self.message.setAccessibleName("Melding bij maatregelen")
        self.message.setWordWrap(True)

        self.interventions = read_only_table(("Maatregel", "Status", "Toelichting"), "Interventies")
        self.new_intervention = enum_combo(InterventionType, "Soort interventie")
        self.new_intervention_note = QLineEdit()
        self.new_intervention_note.setAccessibleName("Toelichting bij de interventie")
        self.new_intervention_note.setPlaceholderText("Toelichting (zonder namen)")
        add_intervention = button("Interventie &toevoegen", "Interventie toevoegen", self._add_intervention)

        repair_columns = ("Advies", "Aan", "Status", "Onderbouwing")
        self.repairs = read_only_table(repair_columns, "Adviezen heling en herstel")
        self.new_repair = enum_combo(RepairType, "Soort advies heling en herstel")
        self.new_repair_to = enum_combo(Role, "Advies gericht aan")
        self.new_repair_note = QLineEdit()
        self.new_repair_note.setAccessibleName("Onderbouwing van het advies")
        self.new_repair_note.setPlaceholderText("Onderbouwing (zonder namen)")
        add_repair = button("Advies toe&voegen", "Advies heling en herstel toevoegen", self._add_repair)

        self.meeting_advice_box = MeetingAdviceBox(vault, case_id)
        layout = QVBoxLayout(self)
        layout.addWidget(self.meeting_advice_box)
        for title, table, controls in (
            (
                "Interventies",
                self.interventions,
                (self.new_intervention, self.new_intervention_note, add_intervention),
            ),
            (
                "Heling en herstel",
                self.repairs,
                (self.new_repair, self.new_repair_to, self.new_repair_note, add_repair),
            ),
        ):
            box = QGroupBox(title)
            box_layout = QVBoxLayout(box)
            box_layout.addWidget(table)
            row = QHBoxLayout()
            for control in controls:
                row.addWidget(control)
            box_layout.addLayout(row)
            layout.addWidget(box)
        layout.addWidget(self.message)
        self.reload()

    def reload(self) -> None:
        case = CaseService(self.vault).get(self.case_id)
        self.meeting_advice_box.reload()
        self.interventions.setRowCount(len(case.interventions))
        for row, item in enumerate(case.interventions):
            self.interventions.setItem(row, 0, QTableWidgetItem(item.type.label))
            status = enum_combo(InterventionStatus, f"Status van interventie {row + 1}", item.status)
            status.activated.connect(
                lambda _i, m=item.id, t=item.type, n=item.note, c=status: self._set_intervention(m, t, n, c)
            )
            self.interventions.setCellWidget(row, 1, status)
            self.interventions.setItem(row, 2, QTableWidgetItem(item.note))
        self.repairs.setRowCount(len(case.repair_advice))
        for row, advice in enumerate(case.repair_advice):
            self.repairs.setItem(row, 0, QTableWidgetItem(advice.type.label))
            self.repairs.setItem(row, 1, QTableWidgetItem(advice.addressed_to.label))
            status = enum_combo(RepairStatus, f"Status van advies {row + 1}", advice.status)
            status.activated.connect(
                lambda _i, m=advice.id, t=advice.type, a=advice.addressed_to, r=advice.rationale, c=status: (
                    self._set_repair(m, t, a, r, c)
                )
            )
            self.repairs.setCellWidget(row, 2, status)
            self.repairs.setItem(row, 3, QTableWidgetItem(advice.rationale))

    def _run(self, action: object) -> None:
        try:
            action()  # type: ignore[operator]
        except CasusError as error:
            self.message.setText(f"Niet opgeslagen. {describe(error)}")
            return
        self.message.clear()
        self.reload()

    def _add_intervention(self) -> None:
        draft = InterventionDraft(
            type=self.new_intervention.currentData(), note=self.new_intervention_note.text()
        )
        self._run(lambda: self.service.add_intervention(self.case_id, draft))
        self.new_intervention_note.clear()

    def _set_intervention(self, item_id: int, kind: object, note: str, combo: QComboBox) -> None:
        draft = InterventionDraft(type=kind, status=combo.currentData(), note=note)  # type: ignore[arg-type]
        self._run(lambda: self.service.update_intervention(item_id, draft))

    def _add_repair(self) -> None:
        draft = RepairAdviceDraft(
            type=self.new_repair.currentData(),
            addressed_to=self.new_repair_to.currentData(),
            rationale=self.new_repair_note.text(),
        )
        self._run(lambda: self.service.add_repair_advice(self.case_id, draft))
        self.new_repair_note.clear()

    def _set_repair(self, item_id: int, kind: object, to: object, rationale: str, combo: QComboBox) -> None:
        draft = RepairAdviceDraft(type=kind, addressed_to=to, rationale=rationale, status=combo.currentData())  # type: ignore[arg-type]
        self._run(lambda: self.service.update_repair_advice(item_id, draft))
