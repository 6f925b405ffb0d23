"""The Woo-ready copy out of the vault: built, its readable text checked by the disclosure gate
(with the file name and the metadata), written as a PDF. A finding refuses it and says where:
the owner marks the passage in the review (Ctrl+R) and makes the copy again."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from casus.disclosure import DisclosureGate
from casus.outputs import woo_pdf
from casus.outputs.woo import build_woo_case
from casus.outputs.writing import write_atomically

if TYPE_CHECKING:
    from casus.pseudonymise.engine import Pseudonymiser
    from casus.vault import Vault


def export_woo_case(vault: Vault, pseudonymiser: Pseudonymiser, case_id: int, target: Path) -> Path:
    document = build_woo_case(vault, pseudonymiser, case_id)
    DisclosureGate.for_vault(vault, pseudonymiser).require_clean(
        document.readable(), metadata={"Title": document.title, "Bestandsnaam": target.name}
    )
    return write_atomically(target, woo_pdf.render(document))
