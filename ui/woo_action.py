"""Casus › Woo-versie exporteren…: the owner's answer to a Woo request for a case (issue 15).
The copy is made as casus.outputs.woo_export makes it; a refusal of the gate says where, so
the owner can mark the passage in the review (Ctrl+R) and try again."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QMainWindow

from casus.disclosure import DisclosureRefused
from casus.errors import CasusError
from casus.outputs.woo import default_file_name
from casus.outputs.woo_export import export_woo_case
from casus.pseudonymise import Pseudonymiser
from ui import dialogs
from ui.messages import describe
from ui.window_part import WindowPart


class WooAction(WindowPart):
    def __init__(self, window: QMainWindow, pseudonymiser: Pseudonymiser) -> None:
        super().__init__(window)
        self.pseudonymiser = pseudonymiser
        self.action = QAction("&Woo-versie exporteren…", window)
        self.action.triggered.connect(lambda _checked=False: self.export())

    def export(self) -> None:
        vault, case_id = self.vault(), self.selected()
        if vault is None:
            return
        if case_id is None:
            self.window.statusBar().showMessage("Kies eerst een casus in de lijst.", 5000)
            return
        name = default_file_name(dt.date.today())
        target = dialogs.choose_export_target(self.window, "Woo-versie opslaan", name)
        if target is None:
            return
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            path = export_woo_case(vault, self.pseudonymiser, case_id, target)
        except DisclosureRefused as refused:
            places = "; ".join(sorted({f"{f.place}: {f.kind.label}" for f in refused.findings}))
            advice = "Markeer het in de voorbereiding (Ctrl+R) en maak de Woo-versie opnieuw."
            dialogs.show_error(self.window, f"{refused} Leesbaar gebleven: {places}. {advice}")
            return
        except CasusError as error:
            dialogs.show_error(self.window, describe(error))
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.window.statusBar().showMessage(f"Woo-versie geschreven: {path.name}", 10000)
