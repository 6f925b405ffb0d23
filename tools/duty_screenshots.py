"""The screenshots of the case owner's duties (issue 15), for docs/: the terms dialog, the
outcome tab of a case kept past its date, and the first page of a case's Woo copy rendered
with pdftoppm. Called by tools/screenshots.py on its demo vault (invented cases only)."""

from __future__ import annotations

import datetime as dt
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QWidget

from casus.outputs.woo_export import export_woo_case
from casus.pseudonymise import Pseudonymiser
from casus.services.retention import RetentionService
from casus.vault import Vault
from ui.case_editor import CaseEditor
from ui.terms_dialog import TermsDialog


def duty_shots(
    docs: Path,
    vault: Vault,
    pseudonymiser: Pseudonymiser,
    window: QWidget,
    grab: Callable[[QWidget, Path], None],
    case_id: int,
) -> None:
    terms = TermsDialog(vault, window)
    grab(terms, docs / "terms.png")
    terms.reject()

    kept_too_long = RetentionService(vault).past(dt.date.today())[0][0]
    editor = CaseEditor(vault, kept_too_long, window)
    editor.tabs.setCurrentWidget(editor.outcome)
    grab(editor, docs / "case-outcome.png")
    editor.done(0)

    pdf = export_woo_case(vault, pseudonymiser, case_id, Path(tempfile.mkdtemp()) / "woo.pdf")
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "80",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            str(pdf),
            str(docs / "woo-case"),
        ],
        check=True,
    )
    print("woo-case.png from woo.pdf")
