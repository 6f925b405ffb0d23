"""The report out of the vault: its figures, checked by the disclosure gate, written as a PDF."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from casus.disclosure import DisclosureGate
from casus.outputs import report_pdf
from casus.outputs.report import TITLE, build_report
from casus.outputs.writing import write_atomically

if TYPE_CHECKING:
    from casus.vault import Vault


def export_report(vault: Vault, start: dt.date | str, end: dt.date | str, target: Path) -> Path:
    report = build_report(vault, start, end)
    texts = {f"Tabel {n}": " ".join(t.texts()) for n, t in enumerate(report.tables, 1)}
    if report.unit_table is not None:
        texts["Tabel per cluster"] = " ".join(report.unit_table.texts())
    if report.sources:
        texts["Cijfers van"] = ", ".join(source.party for source in report.sources)
    # The gate without deduce: labels here are the application's own words and cluster names.
    # Its headings and the domain's labels are its vocabulary; the cluster rows are not.
    vocabulary = [TITLE, *(w for t in report.tables for w in t.texts())]
    if report.unit_table is not None:
        vocabulary += [report.unit_table.title, report.unit_table.row_label, *report.unit_table.columns]
    DisclosureGate.for_vault(vault).require_clean(
        texts, metadata={"Title": TITLE, "Bestandsnaam": target.name}, vocabulary=vocabulary
    )
    return write_atomically(target, report_pdf.render(report))
