"""One agenda item: its case as the meeting sees it, and the secretary's three notes at it
(discussion, advice, agreements), with what the gate found marked in them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFormLayout, QSplitter, QVBoxLayout, QWidget

from casus.disclosure import Finding
from casus.services.meeting_view import MeetingCase
from casus.vocabulary.agenda import NoteField
from ui.gated_copy import GatedTextBrowser
from ui.meeting_mode import case_html
from ui.note_edit import NoteEdit
from ui.widgets import add_labelled_row

# The label (with its mnemonic) of each note field; the field's name is its heading.
NOTE_LABELS = {
    NoteField.DISCUSSION: "&Bespreking:",
    NoteField.ADVICE: "A&dvies (heling en herstel en ander advies):",
    NoteField.AGREEMENTS: "A&fspraken:",
}
PLACEHOLDER = "Zonder namen: gebruik de pseudoniemen (Melder A, Betrokkene B)"
EMPTY_AGENDA = "<p>Er staan geen casussen op de agenda. Kies ‘Vrijgegeven casussen toevoegen’.</p>"
LOADING = "De casus wordt geladen…"


class ItemPanel(QWidget):
    note_typed = Signal(object)  # the NoteField whose text changed

    def __init__(self) -> None:
        super().__init__()
        self.case_view = GatedTextBrowser()
        self.case_view.setAccessibleName("Casus zoals het overleg hem ziet")
        self.case_view.setOpenLinks(False)
        self.case_view.setTabChangesFocus(True)
        self.note_edits: dict[NoteField, NoteEdit] = {}
        notes = QWidget()
        form = QFormLayout(notes)
        form.setContentsMargins(0, 0, 0, 0)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)  # labels above the notes
        for field in NoteField:
            edit = NoteEdit(field.heading, PLACEHOLDER)
            edit.textChanged.connect(lambda field=field: self.note_typed.emit(field))
            add_labelled_row(form, NOTE_LABELS[field], edit)
            self.note_edits[field] = edit
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.case_view)
        splitter.addWidget(notes)
        splitter.setSizes([320, 420])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

    def show_item(
        self,
        view: MeetingCase | str | None,
        notes: Mapping[NoteField, str],
        findings: Mapping[NoteField, Sequence[Finding]],
    ) -> None:
        if isinstance(view, MeetingCase):
            self.case_view.setHtml(case_html(view))
        else:
            self.case_view.setPlainText(view or LOADING)
        for field, edit in self.note_edits.items():
            edit.setEnabled(True)
            edit.set_text_quietly(notes.get(field, ""))
            edit.mark(findings.get(field, ()))

    def show_empty(self) -> None:
        self.case_view.setHtml(EMPTY_AGENDA)
        for edit in self.note_edits.values():
            edit.set_text_quietly("")
            edit.setEnabled(False)
