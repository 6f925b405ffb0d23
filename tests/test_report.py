"""The report as a real PDF: small counts never show, and the command line chain works."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from casus.importing import import_cases
from casus.outputs.report import build_report
from casus.outputs.report_export import export_report
from casus.vault import Vault
from tests.conftest import PASSPHRASE

SMALL = {"1", "2", "3", "4"}


def test_report_hides_every_small_count_and_omits_a_small_unit_breakdown(
    vault: Vault, corpus_file: Path, tmp_path: Path
) -> None:
    import_cases(vault, corpus_file)
    report = build_report(vault, "2023-01-01", "2025-12-31")
    assert sum(map(sum, report.tables[0].counts)) == 37
    assert report.unit_table is None, "the cluster breakdown has small cells"
    target = export_report(vault, "2023-01-01", "2025-12-31", tmp_path / "rapportage.pdf")
    reader = PdfReader(target)
    lines = [line.strip() for page in reader.pages for line in page.extract_text().splitlines()]
    checked = 0
    for table in report.tables:
        width = len(table.columns) + 1
        for label in table.rows:
            start = lines.index(label) + 1  # each cell is its own line of extracted text
            cells = lines[start : start + width]
            assert not SMALL & set(cells), (label, cells)
            checked += 1
    assert checked >= 20 and any("< 5" in line for line in lines)
    assert any("te klein" in line for line in lines)
    metadata = reader.metadata
    assert metadata.title == "Rapportage meldingen en maatregelen"
    assert (
        not metadata.author
        and not metadata.creator
        and metadata.get("/CreationDate", "").startswith("D:2000")
    )


@pytest.mark.slow
def test_the_command_line_from_import_to_minutes_and_report(tmp_path: Path, corpus_file: Path) -> None:
    small = tmp_path / "drie.jsonl"
    small.write_text("".join(corpus_file.read_text("utf-8").splitlines(keepends=True)[:3]), encoding="utf-8")
    env = {**os.environ, "CASUS_PASSPHRASE": PASSPHRASE}
    vault = str(tmp_path / "k.casus")

    def casus(*args: str) -> str:
        done = subprocess.run(
            [sys.executable, "-m", "ui.launch", *args], capture_output=True, text=True, env=env, timeout=300
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    casus("init", vault)
    casus("import", vault, str(small))
    assert "3 casussen vrijgegeven" in casus("release", vault, "--all", "--accept-proposed")
    assert "3 casussen op de agenda" in casus(
        "meeting", "create", vault, "--date", "2025-06-12", "--cases", "released"
    )
    casus("export", "minutes", vault, "--meeting", "2025-06-12", "--out", str(tmp_path / "notulen.pdf"))
    casus(
        "export",
        "report",
        vault,
        "--from",
        "2023-01-01",
        "--to",
        "2023-12-31",
        "--out",
        str(tmp_path / "r.pdf"),
    )
    assert "Casus 3" in "".join(p.extract_text() for p in PdfReader(tmp_path / "notulen.pdf").pages)
    assert PdfReader(tmp_path / "r.pdf").metadata.title == "Rapportage meldingen en maatregelen"


@pytest.mark.parametrize("surname", ["Grond", "Totaal", "Pesten", "Leeftijd"])
def test_a_surname_spelled_like_a_heading_does_not_refuse_the_report(
    vault: Vault, tmp_path: Path, surname: str
) -> None:
    """The report's headings and labels are its own vocabulary: a person registered as
    "Jan Grond" must not make the column "Grond" a finding (seen with 5,000 realistic names)."""
    from casus.services.cases import CaseDraft, CaseService, PersonDraft

    for day in range(1, 7):
        CaseService(vault).create(
            CaseDraft(channel="hr", received=f"2025-02-0{day}", category="bullying", grounds=["age"],
                      facts="Er werd gepest.", people=[PersonDraft(role="reporter", name=f"Jan {surname}")])
        )  # fmt: skip
    target = export_report(vault, "2025-01-01", "2025-12-31", tmp_path / "rapportage.pdf")
    text = "".join(page.extract_text() for page in PdfReader(str(target)).pages)
    assert "Jan" not in text


def test_the_grouped_counts_are_the_counts_of_the_cases_in_the_period(vault: Vault) -> None:
    """The database's GROUP BY (casus.services.report_figures) against a count in Python of
    the case list: quarters at their edges (31 March is K1, 1 April K2) and the period's
    bounds inclusive."""
    import datetime as dt
    from collections import Counter

    from casus.demo import fill_demo_vault
    from casus.services.cases import CaseService
    from casus.services.report_figures import ReportService

    fill_demo_vault(vault, count=60)
    first, last = dt.date(2024, 3, 31), dt.date(2026, 4, 1)
    rows = [row for row in CaseService(vault).summaries() if first <= row.received <= last]
    figures = ReportService(vault).figures(first, last)
    quarter = lambda day: f"{day.year} K{(day.month - 1) // 3 + 1}"  # noqa: E731
    assert figures.by_quarter == Counter((quarter(row.received), row.channel) for row in rows)
    assert figures.by_category == Counter((row.category, row.channel) for row in rows)
    assert sum(figures.by_cluster.values()) == len(rows)


def test_a_chart_shows_the_whole_table_or_is_not_drawn_and_figures_stand_right() -> None:
    """The quarterly chart once showed one bar of 24: the other quarters were hidden. A chart
    is drawn only when every row total may be shown; numbers are right-aligned."""
    import datetime as dt

    from reportlab.graphics.shapes import Drawing
    from reportlab.lib.enums import TA_RIGHT
    from reportlab.platypus import KeepTogether, Paragraph, Table

    from casus.outputs.report import CountTable, Report
    from casus.outputs.report_pdf import NO_CHART, story

    whole = CountTable("Per kanaal", "Kanaal", ("P&O", "Extern meldpunt"), ("Aantal",), ((12,), (9,)))
    partly = CountTable("Per kwartaal", "Kwartaal", ("2025 K1", "2025 K2", "2025 K3"), ("Aantal",),
                        ((24,), (2,), (3,)))  # fmt: skip
    single = CountTable("Per jaar", "Jaar", ("2025",), ("Aantal",), ((29,),))
    flow = story(Report(dt.date(2025, 1, 1), dt.date(2025, 12, 31), (whole, partly, single), None))
    blocks = {block._content[0].text: block._content for block in flow if isinstance(block, KeepTogether)}
    assert any(isinstance(part, Drawing) for part in blocks["Per kanaal"])
    assert not any(isinstance(part, Drawing) for part in blocks["Per kwartaal"])
    assert any(isinstance(part, Paragraph) and part.text == NO_CHART for part in blocks["Per kwartaal"])
    assert not any(isinstance(part, Drawing) for part in blocks["Per jaar"]), "one bar is no shape"
    table = next(part for part in blocks["Per kanaal"] if isinstance(part, Table))
    figures = [cell for row in table._cellvalues[1:] for cell in row[1:]]
    assert figures and all(cell.style.alignment == TA_RIGHT for cell in figures)
    assert table._cellvalues[1][0].text == "P&amp;O", "a label with & is text, not markup"
    hidden = next(cell for row in next(p for p in blocks["Per kwartaal"] if isinstance(p, Table))._cellvalues
                  for cell in row if "lt;" in cell.text)  # fmt: skip
    assert hidden.text == "&lt;\u00a05", "“< 5” never breaks between its sign and its number"
