"""What the meeting said of the owner's own case, on its measures tab: the advice cards that
came back, the latest meeting first, and the meeting's actions as the case's follow-ups,
which the owner marks done (issue 14). Shown only once an advice came back."""

from __future__ import annotations

import html

from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QTableWidgetItem, QTextBrowser, QVBoxLayout

from casus.errors import CasusError
from casus.services.advice_cards import FollowUpEntry, ReceivedAdvice, received_advice, set_follow_up_done
from casus.vault import Vault
from ui.messages import describe
from ui.widgets import button, read_only_table


def advice_html(advice: ReceivedAdvice) -> str:
    """What the meeting said, its own words escaped."""
    parts = [f"<h3>{html.escape(advice.heading)}</h3>"]
    for title, text in (("Bespreking", advice.discussion), ("Advies", advice.advice),
                        ("Afspraken", advice.agreements)):  # fmt: skip
        if text.strip():
            parts.append(f"<p><b>{title}:</b> {html.escape(text).replace(chr(10), '<br>')}</p>")
    return "".join(parts)


class MeetingAdviceBox(QGroupBox):
    def __init__(self, vault: Vault, case_id: int) -> None:
        super().__init__("Advies van het overleg")
        self.vault, self.case_id = vault, case_id
        self.text = QTextBrowser()
        self.text.setAccessibleName("Advies van het overleg")
        self.text.setTabChangesFocus(True)  # Tab goes on to the follow-ups, as everywhere
        columns = ("Vervolgactie", "Eigenaar", "Gereed op", "Status")
        self.follow_ups = read_only_table(columns, "Vervolgacties van het overleg")
        self.toggle_button = button(
            "Vervolgactie a&fgerond of weer open", "Vervolgactie afgerond of weer open", self.toggle
        )
        self.message = QLabel()
        self.message.setAccessibleName("Melding bij de vervolgacties")
        row = QHBoxLayout()
        row.addWidget(self.toggle_button)
        row.addWidget(self.message, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(self.follow_ups)
        layout.addLayout(row)
        self.entries: list[FollowUpEntry] = []

    def reload(self) -> None:
        discussed = received_advice(self.vault, self.case_id)
        self.setVisible(bool(discussed))
        self.text.setHtml("".join(advice_html(each) for each in discussed))
        self.entries = [f for each in discussed for f in each.follow_ups]
        self.follow_ups.setRowCount(len(self.entries))
        for row, entry in enumerate(self.entries):
            due = entry.due_date.strftime("%d-%m-%Y") if entry.due_date else ""
            state = "afgerond" if entry.done else "open"
            for column, text in enumerate((entry.description, entry.owner, due, state)):
                self.follow_ups.setItem(row, column, QTableWidgetItem(text))
        for part in (self.follow_ups, self.toggle_button):
            part.setVisible(bool(self.entries))

    def toggle(self) -> None:
        row = self.follow_ups.currentRow()
        if not 0 <= row < len(self.entries):
            self.message.setText("Kies eerst een vervolgactie in de lijst.")
            return
        entry = self.entries[row]
        try:
            set_follow_up_done(self.vault, entry.id, not entry.done)
        except CasusError as error:
            self.message.setText(f"Niet opgeslagen. {describe(error)}")
            return
        self.message.clear()
        self.reload()
        self.follow_ups.setCurrentCell(row, 0)
