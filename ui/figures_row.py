"""The report's exchange with the other parties (issue 14): whose figures the report of the
chosen period will combine, a figures card of this vault's own for the coordinating party,
and reading the cards the other parties sent. The counts stay in the cards and the report;
this row names parties and periods only."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from casus.errors import CasusError
from casus.outputs.writing import write_atomically
from casus.services.figures_cards import FiguresCardService, figures_file_name
from casus.services.parties import PartyService
from casus.vault import Vault
from ui import dialogs
from ui.messages import describe
from ui.widgets import button


class FiguresRow(QWidget):
    def __init__(self, vault: Vault, period: Callable[[], tuple[dt.date, dt.date]]) -> None:
        super().__init__()
        self.service, self.period = FiguresCardService(vault), period
        self.sources = QLabel()
        self.sources.setWordWrap(True)
        self.sources.setAccessibleName("Cijfers in deze rapportage")
        self.recipient = QComboBox()
        self.recipient.setAccessibleName("Cijferkaart voor de partij")
        for party in PartyService(vault).known():
            if party.current:
                self.recipient.addItem(party.name)
        self.make_button = button("Cijferkaart &maken voor", "Cijferkaart maken", self.make_card)
        self.read_button = button("Cijferkaarten &inlezen…", "Cijferkaarten inlezen", self.read_cards)
        for control in (self.make_button, self.recipient):
            control.setEnabled(self.recipient.count() > 0)
        row = QHBoxLayout()
        for control in (self.make_button, self.recipient, self.read_button):
            row.addWidget(control)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.sources)
        layout.addLayout(row)
        self.refresh()

    def refresh(self) -> None:
        first, last = self.period()
        if last < first:
            self.sources.setText("")
            return
        sources = self.service.sources(first, last)
        if len(sources) == 1:
            self.sources.setText("De rapportage bevat de cijfers van deze kluis alleen.")
        else:
            held = "; ".join(source.text for source in sources)
            self.sources.setText(f"Samengevoegd en één keer afgeschermd: {held}.")

    def make_card(self) -> None:
        first, last = self.period()
        party = self.recipient.currentText()
        target = dialogs.choose_card_target(self, "Cijferkaart opslaan", figures_file_name(first, last))
        if target is None:
            return
        try:
            sealed, _card_id = self.service.export(first, last, party)
            write_atomically(target, sealed)
        except CasusError as error:
            self.sources.setText(describe(error))
            return
        self.sources.setText(f"Cijferkaart voor {party} opgeslagen als {target.name}.")

    def read_cards(self) -> None:
        paths = dialogs.choose_cards(self, "Cijferkaarten inlezen", ".cijferkaart")
        refused = []
        for path in paths:
            try:
                self.service.import_card(path.read_bytes())
            except (CasusError, OSError) as error:
                refused.append(f"{path.name}: {describe(error)}")
        if refused:
            dialogs.show_error(self, "\n".join(refused))
        self.refresh()
