"""No two controls of a window that can be on screen together answer the same Alt+letter.

Issue 13 found Alt+O twice in the case editor (Ontvangen op, Organisatieonderdeel), Alt+V four
times, Alt+N and Alt+S twice in the organisation units. A mnemonic of a label on a tab page
only works while that page is shown, so a letter may recur on two pages, never on one page
and never beside the window's own (its tabs, buttons and menus).
"""

from __future__ import annotations

import re
from collections import defaultdict

from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QGroupBox,
    QLabel,
    QMenuBar,
    QStackedWidget,
    QTabWidget,
    QWidget,
)

from casus.demo import fill_demo_vault, plan_demo_meetings, release_demo_cases
from casus.pseudonymise import Pseudonymiser
from casus.services.cases import CaseService
from casus.vault import Vault

_MNEMONIC = re.compile(r"&([^&\s])")


def _letter(text: str) -> str | None:
    found = _MNEMONIC.search(text.replace("&&", ""))
    return found.group(1).casefold() if found else None


def _scope(widget: QWidget, window: QWidget) -> str:
    """The tab page a widget is on (the outermost below the window), or the window itself."""
    scope = "window"
    node: QWidget | None = widget
    while node is not None and node is not window:
        stack = node.parentWidget()
        tabs = stack.parentWidget() if stack is not None else None
        if isinstance(stack, QStackedWidget) and isinstance(tabs, QTabWidget):
            scope = f"{id(tabs)}:{tabs.indexOf(node)}"
        node = stack
    return scope


def mnemonics(window: QWidget) -> dict[str, dict[str, list[str]]]:
    """Per scope, each letter and the controls that carry it."""
    found: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))

    def note(widget: QWidget, text: str) -> None:
        letter = _letter(text)
        if letter and widget.window() is window:  # not a dialog the window is parent of
            found[_scope(widget, window)][letter].append(text.replace("&", ""))

    for label in window.findChildren(QLabel):
        if label.buddy() is not None:
            note(label, label.text())
    for control in window.findChildren(QAbstractButton):
        note(control, control.text())
    for box in window.findChildren(QGroupBox):
        note(box, box.title())
    for tabs in window.findChildren(QTabWidget):
        for index in range(tabs.count()):
            note(tabs, tabs.tabText(index))
    for bar in window.findChildren(QMenuBar):
        for action in bar.actions():
            note(bar, action.text())
    return found


def menu_duplicates(window: QWidget) -> list[str]:
    """Inside an open menu a letter chooses its entry: two entries with one letter make the
    key only move between them (the Kluis menu had Alt+V twice)."""
    problems = []
    for bar in window.findChildren(QMenuBar):
        for top in bar.actions():
            menu = top.menu()
            letters: dict[str, list[str]] = defaultdict(list)
            for action in menu.actions() if menu is not None else []:
                letter = _letter(action.text())
                if letter:
                    letters[letter].append(action.text().replace("&", ""))
            problems += [f"{top.text().replace('&', '')} › Alt+{k.upper()}: {', '.join(v)}"
                         for k, v in letters.items() if len(v) > 1]  # fmt: skip
    return problems


def duplicates(window: QWidget) -> list[str]:
    found = mnemonics(window)
    everywhere = found.get("window", {})
    problems = []
    for scope, letters in found.items():
        for letter, texts in letters.items():
            together = texts + (everywhere.get(letter, []) if scope != "window" else [])
            if len(together) > 1:
                problems.append(f"Alt+{letter.upper()}: {', '.join(together)}")
    return sorted(set(problems))


def test_no_window_has_a_mnemonic_twice(qtbot, vault: Vault) -> None:
    from ui.case_editor import CaseEditor
    from ui.main_window import MainWindow
    from ui.meeting_screen import MeetingScreen
    from ui.org_units_dialog import OrgUnitsDialog
    from ui.parties_dialog import PartiesDialog
    from ui.report_dialog import ReportDialog
    from ui.review_dialog import ReviewDialog
    from ui.start_dialog import StartDialog
    from ui.terms_dialog import TermsDialog

    fill_demo_vault(vault, count=4)
    release_demo_cases(vault, 2)
    plan_demo_meetings(vault)
    pseudonymiser = Pseudonymiser((), deduce_loader=None)
    main = MainWindow(vault, pseudonymiser)
    qtbot.addWidget(main)
    case_id = CaseService(vault).summaries()[0].id
    windows: list[QWidget] = [
        main,
        CaseEditor(vault, case_id, main),
        CaseEditor(vault, None, main),
        OrgUnitsDialog(vault, main),
        ReviewDialog(vault, pseudonymiser, case_id, main),
        MeetingScreen(vault, pseudonymiser, main),
        ReportDialog(vault, main),
        PartiesDialog(vault, main),
        TermsDialog(vault, main),
        StartDialog(),
    ]
    creating = StartDialog()
    creating._set_creating(True)
    windows.append(creating)
    found = {type(w).__name__ + str(n): duplicates(w) for n, w in enumerate(windows)}
    problems = {k: v for k, v in found.items() if v}
    assert not problems, "\n".join(f"{k}: {v}" for k, v in problems.items())
    assert mnemonics(windows[1])["window"], "the check sees the editor's tabs and buttons"
    assert menu_duplicates(main) == []
    for window in windows[1:]:
        window.close()
    QApplication.processEvents()
    qtbot.waitUntil(lambda: not any(w.isVisible() for w in windows))
