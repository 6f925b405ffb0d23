"""Typing into the notebook: every key in a note reaches the meeting notebook at once; the
gate checks a quarter second after the last key, and the notes are stored a moment later
(and at once when the screen closes, locks or changes meeting)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QTextCursor

from casus.errors import CasusError
from casus.notebook.notebook import MeetingNotebook
from casus.notebook.texts import LEARNING, MeetingText
from casus.vocabulary.agenda import NoteField
from ui.actions_page import ActionsPage
from ui.meeting.item_panel import ItemPanel
from ui.messages import describe
from ui.note_edit import NoteEdit

CHECK_DELAY_MS = 250
SAVE_DELAY_MS = 1500


class NoteKeeper(QObject):
    said = Signal(str)  # how the store went, for the status line

    def __init__(
        self,
        notebook: MeetingNotebook,
        items: ItemPanel,
        learning: NoteEdit,
        actions: ActionsPage,
        current_item: Callable[[], int | None],
    ) -> None:
        super().__init__(items)
        self.notebook, self.items, self.learning, self.actions = notebook, items, learning, actions
        self.current_item = current_item
        self.check_timer = QTimer(self, singleShot=True, interval=CHECK_DELAY_MS)
        self.check_timer.timeout.connect(notebook.check_pending)
        self.save_timer = QTimer(self, singleShot=True, interval=SAVE_DELAY_MS)
        self.save_timer.timeout.connect(self.save)
        items.note_typed.connect(self._item_note_typed)
        learning.textChanged.connect(self._learning_typed)
        actions.description.textChanged.connect(self._action_typed)
        actions.table.itemSelectionChanged.connect(self._action_typed)

    def save(self) -> None:
        """Store every note typed since the last store; a refusal (too long) keeps the text on
        screen and says why."""
        try:
            self.notebook.save()
        except CasusError as error:
            self.said.emit(describe(error))

    def pseudonymise(self, edit: NoteEdit | None, item_id: int | None) -> None:
        """The note with the pseudonymiser's replacements (an agenda item's by its case's
        pseudonyms); one undo step (Ctrl+Z) brings the typed text back."""
        if edit is None or not edit.toPlainText().strip():
            self.said.emit("Zet eerst de cursor in een notitie.")
            return
        at_item = item_id if edit in self.items.note_edits.values() else None
        try:
            text = self.notebook.pseudonymised(edit.toPlainText(), at_item)
        except CasusError as error:
            self.said.emit(describe(error))
            return
        if text != edit.toPlainText():
            cursor = edit.textCursor()
            cursor.select(QTextCursor.SelectionType.Document)
            cursor.insertText(text)
        edit.setFocus()

    def stop(self) -> None:
        self.check_timer.stop()
        self.save_timer.stop()

    def _item_note_typed(self, field: NoteField) -> None:
        item_id = self.current_item()
        if item_id is not None:
            self.notebook.type_note(
                MeetingText.note(item_id, field), self.items.note_edits[field].toPlainText()
            )
            self._typed(save=True)

    def _learning_typed(self) -> None:
        self.notebook.type_note(LEARNING, self.learning.toPlainText())
        self._typed(save=True)

    def _action_typed(self) -> None:
        self.notebook.type_action(self.actions.editing, self.actions.description.toPlainText())
        self._typed(save=False)

    def _typed(self, save: bool) -> None:
        self.check_timer.start()
        if save:
            self.said.emit("Niet opgeslagen…")
            self.save_timer.start()
