"""The home view above the case list: what needs doing, grouped, each line opening what it
names (casus.services.attention says what is listed and why nothing in it names a person).

Keyboard: Alt+W reaches it; ↑/↓ move, Enter opens the line (on a group heading: folds or
unfolds it). The pane shrinks to its lines, so an empty day takes one line of the window.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from casus.services.attention import AttentionItem, AttentionKind
from casus.vocabulary.dutch import counted

_ITEM = Qt.ItemDataRole.UserRole
NOTHING = "Niets dat nu aandacht vraagt."


class AttentionTree(QTreeWidget):
    """Enter opens the chosen line (a tree widget would only start editing)."""

    chosen = Signal(object)  # AttentionItem

    def keyPressEvent(self, event: QKeyEvent) -> None:
        item = self.currentItem()
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and item is not None:
            found = item.data(0, _ITEM)
            if isinstance(found, AttentionItem):
                self.chosen.emit(found)
            else:
                item.setExpanded(not item.isExpanded())
            return
        super().keyPressEvent(event)


class AttentionPane(QWidget):
    chosen = Signal(object)  # AttentionItem: the main window opens what it names

    def __init__(self) -> None:
        super().__init__()
        self.tree = AttentionTree()
        self.tree.setHeaderHidden(True)
        self.tree.setAccessibleName("Wat aandacht vraagt")
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setUniformRowHeights(True)
        self.tree.chosen.connect(self.chosen)
        self.tree.itemActivated.connect(self._activated)
        self.heading = QLabel("&Wat aandacht vraagt")
        self.heading.setBuddy(self.tree)
        self.summary = QLabel(NOTHING)
        self.summary.setAccessibleName("Samenvatting van wat aandacht vraagt")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(9, 9, 9, 0)  # in line with the case list below
        layout.addWidget(self.heading)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.summary)

    def show_items(self, items: tuple[AttentionItem, ...]) -> None:
        self.tree.clear()
        groups: dict[AttentionKind, QTreeWidgetItem] = {}
        for item in items:
            group = groups.get(item.kind)
            if group is None:
                group = groups[item.kind] = QTreeWidgetItem(self.tree, [item.kind.value])
                font = group.font(0)
                font.setBold(True)
                group.setFont(0, font)
            line = QTreeWidgetItem(group, [item.text])
            line.setData(0, _ITEM, item)
            line.setToolTip(0, item.text)
        for kind, group in groups.items():
            group.setText(0, f"{kind.value} ({group.childCount()})")
            group.setExpanded(True)
        self.tree.setVisible(bool(items))
        self.summary.setText(
            NOTHING if not items else f"{counted(len(items), 'punt')} in {counted(len(groups), 'groep')}."
        )
        first = self.tree.topLevelItem(0)
        if first is not None:
            self.tree.setCurrentItem(first)

    def preferred_height(self, most_lines: int = 12) -> int:
        """Room for its lines (at most `most_lines`: each of the six groups with its first
        line), so a quiet day leaves the list the window and a busy one shows every group."""
        groups = [self.tree.topLevelItem(n) for n in range(self.tree.topLevelItemCount())]
        lines = sum(1 + group.childCount() for group in groups if group is not None)
        row = self.tree.sizeHintForRow(0) if lines else 0
        tree = min(lines, most_lines) * row + 2 * self.tree.frameWidth() + 4 if lines else 0
        return self.heading.sizeHint().height() + self.summary.sizeHint().height() + tree + 24

    def _activated(self, line: QTreeWidgetItem, _column: int) -> None:
        found = line.data(0, _ITEM)
        if isinstance(found, AttentionItem):
            self.chosen.emit(found)
