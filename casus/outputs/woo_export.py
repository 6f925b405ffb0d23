"""The Woo-ready copy of a case, or of a meeting's minutes, out of the vault: built, its
readable text checked by the disclosure gate (with the file name and the metadata), written as
a PDF. A finding refuses it and says where: the owner marks the passage in the review (Ctrl+R)
and makes the copy again."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from casus.disclosure import DisclosureGate
from casus.outputs import woo_pdf
from casus.outputs.woo import WooDocument, build_woo_case
from casus.outputs.woo_minutes import build_woo_minutes
from casus.outputs.writing import write_atomically

if TYPE_CHECKING:
    from casus.pseudonymise.engine import Pseudonymiser
    from casus.vault import Vault


def export_woo_case(vault: Vault, pseudonymiser: Pseudonymiser, case_id: int, target: Path) -> Path:
    return write_woo(vault, pseudonymiser, build_woo_case(vault, pseudonymiser, case_id), target)


def export_woo_minutes(vault: Vault, pseudonymiser: Pseudonymiser, meeting_id: int, target: Path) -> Path:
    return write_woo(vault, pseudonymiser, build_woo_minutes(vault, pseudonymiser, meeting_id), target)


def write_woo(vault: Vault, pseudonymiser: Pseudonymiser, document: WooDocument, target: Path) -> Path:
    """The net under what was withheld: the gate over what stays readable, the file name and
    the metadata, before a byte is written."""
    DisclosureGate.for_vault(vault, pseudonymiser).require_clean(
        document.readable(), metadata={"Title": document.title, "Bestandsnaam": target.name}
    )
    return write_atomically(target, woo_pdf.render(document))
