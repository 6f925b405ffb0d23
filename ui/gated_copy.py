"""Copying out of a view the meeting sees passes the disclosure gate first (issue 15).

Meeting mode, the meeting screen (the case and the notes), and the review's right-hand side
show what the meeting may see; a copy from them is an output like any other, so the
selection is checked before it reaches the clipboard. Qt builds every copy of a text widget
(Ctrl+C, the context menu, a drag) in `createMimeDataFromSelection`; overriding it there
means a refused selection never reaches the clipboard at all, not even for a moment. The
refusal says which kinds of thing were found, never the thing. Copying from the owner's own
views (the case editor) stays allowed; the clipboard guard clears it after 30 seconds.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData, Signal
from PySide6.QtWidgets import QPlainTextEdit, QTextBrowser, QTextEdit, QWidget

from casus.disclosure import DisclosureGate

if TYPE_CHECKING:
    from casus.pseudonymise import Pseudonymiser
    from casus.vault import Vault

GateSource = Callable[[], DisclosureGate | None]
NOT_READY = "Niet gekopieerd: de controle op herleidbare gegevens is nog niet klaar."


def copy_refusal(gate: DisclosureGate | None, text: str) -> str:
    """Why `text` may not be copied, or "" when it may."""
    if not text.strip():
        return ""
    if gate is None:
        return NOT_READY
    findings = gate.check({"Kopie": text})
    if not findings:
        return ""
    kinds = Counter(f.kind.label for f in findings)
    found = ", ".join(f"{count}× {kind}" for kind, count in sorted(kinds.items()))
    return f"Niet gekopieerd: de selectie bevat wat naar een persoon of onderdeel kan leiden ({found})."


class GatedCopy:
    """For a Qt text widget: its copies go through `copy_gate`, refusals to `copy_refused`."""

    copy_gate: GateSource | None = None

    def createMimeDataFromSelection(self) -> QMimeData:
        selected = self.textCursor().selection().toPlainText()  # type: ignore[attr-defined]
        source = self.copy_gate
        reason = copy_refusal(source() if source is not None else None, selected)
        if reason:
            self.copy_refused.emit(reason)  # type: ignore[attr-defined]
            return QMimeData()  # nothing on the clipboard
        data: QMimeData = super().createMimeDataFromSelection()  # type: ignore[misc]
        return data


class GatedTextBrowser(GatedCopy, QTextBrowser):
    copy_refused = Signal(str)


class GatedTextEdit(GatedCopy, QTextEdit):
    copy_refused = Signal(str)


class GatedPlainTextEdit(GatedCopy, QPlainTextEdit):
    copy_refused = Signal(str)


def vault_gate(vault: Vault, pseudonymiser: Pseudonymiser) -> GateSource:
    """The vault's gate for a view that has none of its own (meeting mode, the review): asked
    for at each copy; its indices are kept per generation, so that is one number to compare."""
    return lambda: DisclosureGate.for_vault(vault, pseudonymiser) if vault.is_open else None


def gate_copies(widgets: Iterable[QWidget], source: GateSource, said: Callable[[str], None]) -> None:
    """Every one of `widgets` must be a gated text widget: a plain one here is a mistake."""
    for widget in widgets:
        if not isinstance(widget, GatedCopy):
            raise TypeError(f"{type(widget).__name__} copies without the gate")
        widget.copy_gate = source
        widget.copy_refused.connect(said)  # type: ignore[attr-defined]
