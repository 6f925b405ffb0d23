"""Preparing a case for the meeting: original and pseudonymised text side by side.

Every proposed span is highlighted by kind (and named in the list, so colour is never the
only signal). The owner accepts, rejects or adds spans, chooses how the unit is shown,
reads the warnings, and releases; "Vrijgeven" stays disabled while anything is undecided.
deduce loads in the background the first time; the window says so and stays responsive.
"""

from __future__ import annotations

import secrets

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from casus.errors import CasusError
from casus.pseudonymise import Pseudonymiser, UnitCodeBook
from casus.pseudonymise.engine import RESIDUAL, CaseResult
from casus.services.case_texts import REVIEWED_FIELDS, FieldReview, ReviewedSpan
from casus.services.review import ReviewService
from casus.vault import Vault
from casus.vocabulary.dutch import counted
from casus.vocabulary.enums import ReviewDecision, SpanKind, UnitGeneralisation
from casus.vocabulary.woo import WooGround
from ui.gated_copy import GatedTextEdit, gate_copies, vault_gate
from ui.messages import describe
from ui.screen_capture import exclude_from_capture
from ui.text_offsets import from_qt, to_qt
from ui.widgets import button, enum_combo
from ui.window_fit import fit_to_screen, scrolled_layout
from ui.workers import start

KIND_COLOURS = {
    SpanKind.PERSON: "#ffd8a8",
    SpanKind.ORG: "#a5d8ff",
    SpanKind.EMAIL: "#d0bfff",
    SpanKind.PHONE: "#d0bfff",
    SpanKind.ID: "#d0bfff",
    SpanKind.DATE: "#b2f2bb",
    SpanKind.LOCATION: "#ffec99",
}
_COLUMNS = ("Soort", "Tekst", "Wordt", "Besluit")


class FieldPage(QWidget):
    """One text field: the original (with highlights) beside what the meeting would see."""

    def __init__(self, label: str) -> None:
        super().__init__()
        self.original = QTextEdit()
        self.original.setReadOnly(True)
        self.original.setAccessibleName(f"{label}, origineel")
        self.original.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByKeyboard | Qt.TextInteractionFlag.TextSelectableByMouse
        )
        self.preview = GatedTextEdit()
        self.preview.setReadOnly(True)
        self.preview.setAccessibleName(f"{label}, zoals het overleg het ziet")
        for text in (self.original, self.preview):
            text.setTabChangesFocus(True)
        splitter = QSplitter()
        for title, edit in (("Origineel", self.original), ("Zoals het overleg het ziet", self.preview)):
            box = QWidget()
            layout = QVBoxLayout(box)
            layout.setContentsMargins(0, 0, 0, 0)
            heading = QLabel(title)
            heading.setBuddy(edit)
            layout.addWidget(heading)
            layout.addWidget(edit)
            splitter.addWidget(box)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

    def show_review(
        self, review: FieldReview, preview: str, replaced: list[tuple[int, int, SpanKind]]
    ) -> None:
        self.original.setPlainText(review.text)
        for span in review.spans:
            fmt = QTextCharFormat()
            if span.decision is ReviewDecision.REJECTED:
                fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
            else:
                fmt.setBackground(QColor(KIND_COLOURS[span.kind]))
            _format(self.original, review.text, span.start, span.end, fmt)
        self.preview.setPlainText(preview)
        for begin, end, kind in replaced:
            fmt = QTextCharFormat()
            fmt.setBackground(QColor(KIND_COLOURS[kind]))
            _format(self.preview, preview, begin, end, fmt)

    def select(self, text: str, start: int, end: int) -> None:
        cursor = self.original.textCursor()
        cursor.setPosition(to_qt(text, start))
        cursor.setPosition(to_qt(text, end), QTextCursor.MoveMode.KeepAnchor)
        self.original.setTextCursor(cursor)
        self.original.ensureCursorVisible()

    def selection(self, text: str) -> tuple[int, int] | None:
        cursor = self.original.textCursor()
        if not cursor.hasSelection():
            return None
        return from_qt(text, cursor.selectionStart()), from_qt(text, cursor.selectionEnd())


def _format(edit: QTextEdit, text: str, start: int, end: int, fmt: QTextCharFormat) -> None:
    cursor = QTextCursor(edit.document())
    cursor.setPosition(to_qt(text, start))
    cursor.setPosition(to_qt(text, end), QTextCursor.MoveMode.KeepAnchor)
    cursor.mergeCharFormat(fmt)


def _replaced_positions(result: CaseResult, field: str) -> list[tuple[int, int, SpanKind]]:
    """Where each replacement stands in the output text."""
    positions, shift = [], 0
    for span in result.fields[field].spans:
        start = span.start + shift
        positions.append((start, start + len(span.replacement), span.kind))
        shift += len(span.replacement) - (span.end - span.start)
    return positions


CODES_PER_MEETING = (
    "‘Directie K’ geldt alleen in deze voorvertoning: elk overleg geeft elk onderdeel een eigen "
    "code, overal in dat overleg dezelfde."
)


class WooGroundRow(QWidget):
    """The Woo ground of the selected spans, for the Woo-ready copy only: the meeting's view
    does not change, so neither does the release. Its own slot, no closure over the dialog:
    a Python cycle through a window is collected at a moment of the collector's choosing."""

    chosen = Signal(object)  # the WooGround

    def __init__(self) -> None:
        super().__init__()
        self.combo = QComboBox()
        self.combo.setAccessibleName("Woo-grond voor de geselecteerde vervangingen")
        for ground in WooGround:
            self.combo.addItem(f"{ground.code} – {ground.label}", ground)
        self.combo.setCurrentIndex(self.combo.findData(WooGround.PRIVACY))
        self.button = button("&Woo-grond:", "Woo-grond zetten", self._choose)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.button)
        row.addWidget(self.combo)

    def _choose(self) -> None:
        self.chosen.emit(WooGround(self.combo.currentData()))


class ReviewDialog(QDialog):
    released = Signal()

    def __init__(
        self, vault: Vault, pseudonymiser: Pseudonymiser, case_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Voorbereiden voor het overleg – Casus")
        fit_to_screen(self, 1100, 760)
        self.service = ReviewService(vault, pseudonymiser)
        self.pseudonymiser = pseudonymiser
        self.copy_gate = vault_gate(vault, pseudonymiser)
        self.case_id = case_id
        # Codes in the preview are illustrative; the meeting draws its own.
        self.codes = UnitCodeBook(secrets.token_bytes(32))
        self.reviews: list[FieldReview] = []
        self._preview: CaseResult | None = None
        self._becomes: dict[tuple[int, int], str] = {}
        self.pages: dict[str, FieldPage] = {}

        self.status = QLabel("Namen en gegevens zoeken…")
        self.status.setAccessibleName("Stand van de controle")
        self.status.setWordWrap(True)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Teksten van de casus")
        self.tabs.currentChanged.connect(self._fill_table)

        self.table = self._proposal_table("Voorgestelde vervangingen")
        # The second line's findings: words that still look like a name, a place or a unit.
        # Listed apart, so that the owner sees what no detector knew and decides each.
        self.residual_label = QLabel(
            "Mogelijk herleidbaar: woorden die nog op een naam, plaats of onderdeel lijken. "
            "Accepteren vervangt ze; afwijzen laat een gewoon woord staan."
        )
        self.residual_label.setWordWrap(True)
        self.residual_table = self._proposal_table("Mogelijk herleidbaar")
        self.residual_table.setAccessibleDescription(self.residual_label.text())

        decisions, bottom = self._decision_row(), self._release_row()
        layout = scrolled_layout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.tabs, 3)
        layout.addWidget(self.table, 2)
        layout.addWidget(self.residual_label)
        layout.addWidget(self.residual_table, 1)
        layout.addLayout(decisions)
        layout.addWidget(self.warnings)
        layout.addLayout(bottom)
        QShortcut(QKeySequence("Ctrl+Return"), self, self._accept)
        QShortcut(QKeySequence("Ctrl+Backspace"), self, self._reject)
        exclude_from_capture(self)
        self._set_busy(True)
        # deduce and the vault-wide gate load off the GUI thread; detection takes milliseconds.
        self._worker = start(self.service.prepare, self._propose, self._failed)

    def _decision_row(self) -> QHBoxLayout:
        self.accept_button = button("&Accepteren", "Geselecteerde vervangingen accepteren", self._accept)
        self.reject_button = button("A&fwijzen", "Geselecteerde vervangingen afwijzen", self._reject)
        self.accept_all_button = button("Alles acce&pteren", "Alle voorstellen accepteren", self._accept_all)
        self.kind_combo = enum_combo(SpanKind, "Soort van de toe te voegen vervanging")
        self.add_button = button("Selectie &toevoegen als", "Geselecteerde tekst toevoegen", self._add)
        decisions = QHBoxLayout()
        self.woo_row = WooGroundRow()
        self.woo_row.chosen.connect(self._set_woo_ground)
        for widget in (self.accept_button, self.reject_button, self.accept_all_button, self.woo_row):
            decisions.addWidget(widget)
        decisions.addStretch(1)
        decisions.addWidget(self.add_button)
        decisions.addWidget(self.kind_combo)
        return decisions

    def _release_row(self) -> QHBoxLayout:
        self.unit_combo = enum_combo(UnitGeneralisation, "Organisatieonderdeel tonen als")
        self.unit_combo.activated.connect(self._set_unit)
        unit_label = QLabel("&Onderdeel tonen als:")
        unit_label.setBuddy(self.unit_combo)
        self.warnings = QLabel()
        self.warnings.setWordWrap(True)
        self.warnings.setAccessibleName("Waarschuwingen")
        self.release_button = button(
            "&Vrijgeven voor het overleg", "Vrijgeven voor het overleg", self._release
        )
        close_button = button("Sluiten", "Sluiten", self.reject)

        # The preview's codes are drawn for this window only; saying so spares the owner
        # from writing "directie K" into a note and finding "directie R" in the minutes.
        self.codes_note = QLabel(CODES_PER_MEETING)
        self.codes_note.setWordWrap(True)
        self.codes_note.setAccessibleName("Over de codes")

        bottom = QHBoxLayout()
        bottom.addWidget(unit_label)
        bottom.addWidget(self.unit_combo)
        bottom.addWidget(self.codes_note, 1)
        bottom.addWidget(self.release_button)
        bottom.addWidget(close_button)
        return bottom

    def _proposal_table(self, name: str) -> QTableWidget:
        table = QTableWidget(0, len(_COLUMNS))
        table.setHorizontalHeaderLabels(_COLUMNS)
        table.setAccessibleName(name)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().hide()
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        table.itemSelectionChanged.connect(self._show_selected)
        return table

    def _set_busy(self, busy: bool) -> None:
        for widget in (self.accept_button, self.reject_button, self.accept_all_button, self.add_button,
                       self.unit_combo, self.release_button):  # fmt: skip
            widget.setEnabled(not busy)

    def _failed(self, error: BaseException) -> None:
        self.status.setText(describe(error))

    def _propose(self, _: object = None) -> None:
        try:
            self.service.propose(self.case_id)
        except CasusError as error:
            self._failed(error)
            return
        self._set_busy(False)
        self.refresh()

    # -- showing -------------------------------------------------------------------------------

    def refresh(self) -> None:
        self.reviews = [r for r in self.service.reviews(self.case_id) if r.text]
        preview = self.service.preview(self.case_id, self.codes)
        self._preview = preview
        current = self.tabs.currentIndex()
        if len(self.pages) != len(self.reviews):
            self.tabs.clear()
            self.pages = {}
            for review in self.reviews:
                page = FieldPage(REVIEWED_FIELDS[review.field])
                gate_copies([page.preview], self.copy_gate, self.status.setText)
                self.pages[review.field] = page
                self.tabs.addTab(page, REVIEWED_FIELDS[review.field])
        for review in self.reviews:
            self.pages[review.field].show_review(
                review, preview.fields[review.field].text, _replaced_positions(preview, review.field)
            )
        self.tabs.setCurrentIndex(max(0, current))
        self._fill_table()
        undecided = sum(r.undecided for r in self.reviews)
        self.status.setText(
            f"Nog {counted(undecided, 'voorstel')} zonder besluit."
            if undecided
            else "Alle voorstellen zijn beoordeeld."
        )
        self.release_button.setEnabled(undecided == 0)
        self.warnings.setText("\n".join(f"⚠ {w.message}" for w in preview.warnings))
        self.warnings.setVisible(bool(preview.warnings))
        level = self.service.unit_generalisation(self.case_id)
        self.unit_combo.setCurrentIndex(list(UnitGeneralisation).index(level))
        self.codes_note.setVisible(level is UnitGeneralisation.CODE)

    def _review(self) -> FieldReview | None:
        index = self.tabs.currentIndex()
        return self.reviews[index] if 0 <= index < len(self.reviews) else None

    def _fill_table(self) -> None:
        review = self._review()
        spans = review.spans if review else ()
        self._becomes = (
            {(s.start, s.end): s.replacement for s in self._preview.fields[review.field].spans}
            if review and self._preview
            else {}
        )
        text = review.text if review else ""
        self._fill(self.table, text, [s for s in spans if s.detail != RESIDUAL])
        residual = [s for s in spans if s.detail == RESIDUAL]
        self._fill(self.residual_table, text, residual)
        self.residual_label.setText(
            f"Mogelijk herleidbaar ({len(residual)}): woorden die nog op een naam, plaats of onderdeel "
            "lijken. Accepteren vervangt ze; afwijzen laat een gewoon woord staan."
        )

    def _fill(self, table: QTableWidget, text: str, spans: list[ReviewedSpan]) -> None:
        table.setRowCount(len(spans))
        for row, span in enumerate(spans):
            becomes = self._becomes.get((span.start, span.end), "blijft staan")
            values = (span.kind.label, text[span.start : span.end], becomes, span.decision.label)
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, span.id)
                if column == 0:
                    item.setBackground(QColor(KIND_COLOURS[span.kind]))
                table.setItem(row, column, item)

    def _selected_spans(self) -> list[ReviewedSpan]:
        """The spans selected in either list, by their id."""
        review = self._review()
        if review is None:
            return []
        ids = {
            item.data(Qt.ItemDataRole.UserRole)
            for table in (self.table, self.residual_table)
            for item in table.selectedItems()
        }
        return [s for s in review.spans if s.id in ids]

    def _show_selected(self) -> None:
        review, spans = self._review(), self._selected_spans()
        if review and spans:
            self.pages[review.field].select(review.text, spans[0].start, spans[0].end)

    # -- deciding ------------------------------------------------------------------------------

    def _decide(self, decision: ReviewDecision) -> None:
        table = self.residual_table if self.residual_table.selectedItems() else self.table
        rows = sorted({index.row() for index in table.selectedIndexes()})
        for span in self._selected_spans():
            self.service.decide(self.case_id, span.id, decision)
        self.refresh()
        if rows:  # on to the next proposal of the same list, as a reviewer works down it
            table.selectRow(min(rows[-1] + 1, table.rowCount() - 1))

    def _set_woo_ground(self, ground: WooGround) -> None:
        spans = self._selected_spans()
        for span in spans:
            self.service.set_woo_ground(self.case_id, span.id, ground)
        chosen = counted(len(spans), "vervanging")
        done = f"Woo-grond {ground.code} gezet voor {chosen} (alleen voor de Woo-versie)."
        self.status.setText(done if spans else "Selecteer eerst een of meer vervangingen in de lijst.")

    def _accept(self) -> None:
        self._decide(ReviewDecision.ACCEPTED)

    def _reject(self) -> None:
        self._decide(ReviewDecision.REJECTED)

    def _accept_all(self) -> None:
        self.service.accept_all(self.case_id)
        self.refresh()

    def _add(self) -> None:
        review = self._review()
        if review is None:
            return
        chosen = self.pages[review.field].selection(review.text)
        if chosen is None:
            self.status.setText("Selecteer eerst in de originele tekst wat vervangen moet worden.")
            return
        try:
            self.service.add_span(
                self.case_id, review.field, *chosen, SpanKind(self.kind_combo.currentData())
            )
        except CasusError as error:
            self.status.setText(describe(error))
            return
        self.refresh()

    def _set_unit(self) -> None:
        self.service.set_generalisation(self.case_id, UnitGeneralisation(self.unit_combo.currentData()))
        self.refresh()

    def _release(self) -> None:
        try:
            self.service.release(self.case_id)
        except CasusError as error:
            self.status.setText(describe(error))
            return
        self.released.emit()
        self.accept()
