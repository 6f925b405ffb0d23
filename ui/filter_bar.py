"""Filters for the case list: status, channel, category and year, each a combo box."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from casus.vocabulary.enums import BehaviourCategory, CaseStatus, Channel
from ui.case_table_model import CaseTableModel

LABELS = {"status": "status", "channel": "kanaal", "category": "aard", "year": "jaar"}


class FilterBar(QWidget):
    def __init__(self, model: CaseTableModel) -> None:
        super().__init__()
        self.model = model
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.combos: dict[str, QComboBox] = {}
        for name, label, everything, members in (
            ("status", "&Status:", "Alle statussen", list(CaseStatus)),
            ("channel", "Ka&naal:", "Alle kanalen", list(Channel)),
            ("category", "&Aard:", "Alle soorten gedrag", list(BehaviourCategory)),
            ("year", "&Jaar:", "Alle jaren", []),
        ):
            combo = QComboBox()
            combo.setAccessibleName(f"Filter op {label.strip('&:').replace('&', '').lower()}")
            combo.addItem(everything, None)
            for member in members:
                combo.addItem(member.label, member)
            combo.currentIndexChanged.connect(lambda _i, n=name, c=combo: self._changed(n, c))
            caption = QLabel(label)
            caption.setBuddy(combo)
            layout.addWidget(caption)
            layout.addWidget(combo)
            self.combos[name] = combo
        layout.addStretch(1)

    def _changed(self, name: str, combo: QComboBox) -> None:
        # Qt hands enum members back as their string values; they compare equal.
        self.model.set_criterion(name, combo.currentData())

    def chosen(self) -> list[str]:
        """The filters set to something other than all, as they read ("Status: Nieuw")."""
        return [
            f"{name}: {combo.currentText()}"
            for name, combo in ((LABELS[key], combo) for key, combo in self.combos.items())
            if combo.currentData() is not None
        ]

    def set_years(self, years: list[int]) -> None:
        combo = self.combos["year"]
        chosen: Any = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem("Alle jaren", None)
        for year in years:
            combo.addItem(str(year), year)
        combo.setCurrentIndex(max(0, combo.findData(chosen)))
        combo.blockSignals(False)
