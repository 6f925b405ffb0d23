"""Which meeting, and who is there: the meeting to work on ("05-06-2025 · 2 casussen · 1 open
actie"), a new one, meeting mode, and the parties present (organisations, never names)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from casus.services.meetings import MeetingSummary
from casus.vocabulary.dutch import counted
from casus.vocabulary.enums import Party
from ui.widgets import button

NO_MEETING = "Er is nog geen overleg. Kies ‘Nieuw overleg…’ (Alt+N)."


def default_meeting(summaries: Sequence[MeetingSummary], today: dt.date | None = None) -> int:
    """Today's meeting, else the next one, else the latest."""
    today = today or dt.date.today()
    coming = [summary for summary in summaries if summary.held_on >= today]
    return (min(coming, key=lambda s: s.held_on) if coming else summaries[0]).id


class MeetingBar(QWidget):
    meeting_chosen = Signal(int)
    new_meeting_requested = Signal()
    meeting_mode_requested = Signal()
    attendance_changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.combo = QComboBox()
        self.combo.setAccessibleName("Overleg")
        self.combo.activated.connect(lambda _index: self.meeting_chosen.emit(self.combo.currentData()))
        label = QLabel("&Overleg van:")
        label.setBuddy(self.combo)
        self.mode_button = button("&Vergadermodus (F5)", "Vergadermodus", self.meeting_mode_requested.emit)
        top = QHBoxLayout()
        top.addWidget(label)
        top.addWidget(self.combo, 1)
        top.addWidget(button("&Nieuw overleg…", "Nieuw overleg", self.new_meeting_requested.emit))
        top.addWidget(self.mode_button)
        self.attendance = {party: QCheckBox(party.label.replace("&", "&&")) for party in Party}
        present = QHBoxLayout()
        present.addWidget(QLabel("Aanwezig:"))
        for party, box in self.attendance.items():
            box.setAccessibleName(f"{party.label} aanwezig")
            box.toggled.connect(lambda _checked: self.attendance_changed.emit())
            present.addWidget(box)
        present.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(present)

    def show_meetings(self, summaries: Sequence[MeetingSummary], chosen: int | None) -> None:
        self.combo.clear()
        for summary in summaries:
            cases, actions = counted(summary.items, "casus"), counted(summary.open_actions, "open actie")
            text = f"{summary.held_on:%d-%m-%Y} · {cases} · {actions}"
            self.combo.addItem(text, summary.id)
        self.choose(chosen)

    def choose(self, meeting_id: int | None) -> None:
        self.combo.setCurrentIndex(max(0, self.combo.findData(meeting_id)))

    def show_attendance(self, present: Iterable[Party]) -> None:
        parties = set(present)
        for party, box in self.attendance.items():
            box.blockSignals(True)
            box.setChecked(party in parties)
            box.blockSignals(False)

    def present(self) -> list[Party]:
        return [party for party, box in self.attendance.items() if box.isChecked()]

    def set_enabled(self, enabled: bool) -> None:
        self.mode_button.setEnabled(enabled)
        for box in self.attendance.values():
            box.setEnabled(enabled)
