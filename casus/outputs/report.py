"""Rapportage meldingen en maatregelen: counts per period, channel, behaviour, ground,
established violations, interventions and heling-en-herstel advice, each table with small
cells suppressed (casus.outputs.suppression) and a chart beside it; a breakdown by cluster
only when no cell of it is small. Only counts leave: no text of any case is read here.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle
from sqlalchemy import select

from casus import validation as v
from casus.disclosure import DisclosureGate
from casus.errors import ValidationError
from casus.model import Case, CaseGround, Intervention, OrgUnit, RepairAdvice
from casus.outputs import pdf
from casus.outputs.suppression import DEFAULT_THRESHOLD, shown, suppress
from casus.outputs.writing import write_atomically
from casus.vocabulary.enums import (
    BehaviourCategory,
    Channel,
    Ground,
    InterventionStatus,
    InterventionType,
    OrgUnitKind,
    RepairStatus,
    RepairType,
)

if TYPE_CHECKING:
    from casus.vault import Vault

TITLE = "Rapportage meldingen en maatregelen"
FOOTER = "Geaggregeerde aantallen · aantallen onder 5 zijn afgeschermd"
CHANNEL_GROUPS = ("Intern", "Extern")


def channel_group(channel: Channel) -> str:
    return "Extern" if channel is Channel.EXTERNAL_REPORTING_POINT else "Intern"


@dataclass(frozen=True)
class CountTable:
    title: str
    row_label: str
    rows: tuple[str, ...]
    columns: tuple[str, ...]
    counts: tuple[tuple[int, ...], ...]

    def texts(self) -> list[str]:
        return [self.title, self.row_label, *self.rows, *self.columns]


@dataclass(frozen=True)
class Report:
    start: dt.date
    end: dt.date
    tables: tuple[CountTable, ...]
    unit_table: CountTable | None


def _quarter(date: dt.date) -> str:
    return f"{date.year} K{(date.month - 1) // 3 + 1}"


def _table(
    title: str,
    row_label: str,
    pairs: Counter[tuple[str, str]],
    rows: list[str],
    columns: list[str],
    keep_empty_rows: bool = False,
) -> CountTable:
    counts = [tuple(pairs[(row, column)] for column in columns) for row in rows]
    kept = [(row, c) for row, c in zip(rows, counts, strict=True) if keep_empty_rows or any(c)]
    return CountTable(title, row_label, tuple(r for r, _ in kept), tuple(columns), tuple(c for _, c in kept))


def build_report(vault: Vault, start: dt.date | str, end: dt.date | str) -> Report:
    first = v.clean_date(start, "from", "Van", required=True, allow_future=True)
    last = v.clean_date(end, "to", "Tot en met", required=True, allow_future=True)
    assert first is not None and last is not None
    if last < first:
        raise ValidationError("to", "Tot en met", "ligt voor de begindatum")
    with vault.session() as session:
        in_period = (Case.received >= first) & (Case.received <= last)
        cases = session.execute(
            select(
                Case.id,
                Case.received,
                Case.channel,
                Case.category,
                Case.violation_established,
                Case.org_unit_id,
            ).where(in_period)
        ).all()
        ids = {row.id for row in cases}
        grounds = session.execute(select(CaseGround.case_id, CaseGround.ground)).all()
        interventions = session.execute(
            select(Intervention.case_id, Intervention.type, Intervention.status)
        ).all()
        advice = session.execute(select(RepairAdvice.case_id, RepairAdvice.type, RepairAdvice.status)).all()
        units = {u.id: (u.kind, u.parent_id, u.name) for u in session.scalars(select(OrgUnit))}
    group = {row.id: channel_group(row.channel) for row in cases}

    periods = sorted({_quarter(row.received) for row in cases})
    by_period = Counter((_quarter(r.received), group[r.id]) for r in cases)
    by_category = Counter((r.category.label, group[r.id]) for r in cases)
    by_ground = Counter((g.label, group[c]) for c, g in grounds if c in ids)
    established = Counter(
        ({True: "Ja", False: "Nee", None: "Onbekend"}[r.violation_established], group[r.id]) for r in cases
    )
    by_intervention = Counter((t.label, s.label) for c, t, s in interventions if c in ids)
    by_advice = Counter((t.label, s.label) for c, t, s in advice if c in ids)

    tables = (
        _table("Meldingen per kwartaal", "Kwartaal", by_period, periods, list(CHANNEL_GROUPS)),
        _table(
            "Aard van het gedrag",
            "Aard",
            by_category,
            [c.label for c in BehaviourCategory],
            list(CHANNEL_GROUPS),
        ),
        _table("Discriminatiegronden", "Grond", by_ground, [g.label for g in Ground], list(CHANNEL_GROUPS)),
        _table(
            "Integriteitsschending vastgesteld",
            "Vastgesteld",
            established,
            ["Ja", "Nee", "Onbekend"],
            list(CHANNEL_GROUPS),
        ),
        _table(
            "Interventies",
            "Interventie",
            by_intervention,
            [t.label for t in InterventionType],
            [s.label for s in InterventionStatus],
        ),
        _table(
            "Adviezen heling en herstel",
            "Advies",
            by_advice,
            [t.label for t in RepairType],
            [s.label for s in RepairStatus],
        ),
    )

    def cluster_of(unit_id: int | None) -> str:
        while unit_id is not None and unit_id in units:
            kind, parent, name = units[unit_id]
            if kind is OrgUnitKind.CLUSTER:
                return name
            unit_id = parent
        return "Onbekend"

    by_cluster = Counter((cluster_of(r.org_unit_id), group[r.id]) for r in cases)
    clusters = sorted({name for name, _ in by_cluster})
    unit_table = _table("Meldingen per cluster", "Cluster", by_cluster, clusters, list(CHANNEL_GROUPS))
    small = any(0 < value < DEFAULT_THRESHOLD for row in unit_table.counts for value in row)
    return Report(first, last, tables, None if small or not unit_table.rows else unit_table)


# -- layout ----------------------------------------------------------------------------------


def _table_flowable(table: CountTable) -> Table:
    s = pdf.styles()
    hidden = suppress(table.counts)
    header = [table.row_label, *table.columns, "Totaal"]
    rows = [[Paragraph(h, s["cellhead"]) for h in header]]
    for index, (label, counts) in enumerate(zip(table.rows, table.counts, strict=True)):
        cells = [shown(value, hidden.cells[index][c]) for c, value in enumerate(counts)]
        total = shown(sum(counts), hidden.row_totals[index])
        rows.append(
            [
                Paragraph(label, s["cell"]),
                *(Paragraph(c, s["cell"]) for c in cells),
                Paragraph(total, s["cell"]),
            ]
        )
    column_totals = [
        shown(sum(col), hidden.column_totals[c]) for c, col in enumerate(zip(*table.counts, strict=True))
    ]
    grand = shown(sum(map(sum, table.counts)), hidden.grand_total)
    rows.append(
        [
            Paragraph("<b>Totaal</b>", s["cell"]),
            *(Paragraph(t, s["cell"]) for t in column_totals),
            Paragraph(grand, s["cell"]),
        ]
    )
    first = 62 * mm if len(table.columns) > 2 else 70 * mm
    rest = (166 * mm - first) / (len(table.columns) + 1)
    result = Table(rows, colWidths=[first] + [rest] * (len(table.columns) + 1), repeatRows=1)
    result.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, 0), pdf.ACCENT),
                ("ROWBACKGROUNDS", (0, 1), (-1, -2), [colors.white, colors.HexColor("#f2f5f8")]),
                ("LINEABOVE", (0, -1), (-1, -1), 0.6, pdf.INK),
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, pdf.RULE),
                ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return result


def _chart(table: CountTable) -> Drawing | None:
    """Row totals as bars; a hidden total gets no bar (a bar's length would tell it)."""
    hidden = suppress(table.counts)
    bars = [
        (label, sum(c))
        for label, c, h in zip(table.rows, table.counts, hidden.row_totals, strict=True)
        if not h
    ]
    if not bars:
        return None
    height = 14 * len(bars) + 20
    drawing = Drawing(166 * mm, height)
    chart = HorizontalBarChart()
    chart.x, chart.y, chart.width, chart.height = 62 * mm, 10, 166 * mm - 70 * mm, height - 20
    chart.data = [[value for _, value in reversed(bars)]]
    chart.categoryAxis.categoryNames = [label[:34] for label, _ in reversed(bars)]
    chart.categoryAxis.labels.fontName = pdf.FONT
    chart.categoryAxis.labels.fontSize = 7.5
    chart.valueAxis.labels.fontName = pdf.FONT
    chart.valueAxis.labels.fontSize = 7.5
    chart.valueAxis.valueMin = 0
    chart.bars[0].fillColor = pdf.ACCENT
    chart.bars[0].strokeColor = None
    drawing.add(chart)
    return drawing


def story(report: Report) -> list[Flowable]:
    s = pdf.styles()
    period = f"{report.start:%d-%m-%Y} tot en met {report.end:%d-%m-%Y}"
    flow: list[Flowable] = [
        Paragraph(TITLE, s["title"]),
        Paragraph(
            f"Periode {period} · aantallen van 1 tot en met 4 staan als “< 5”; een “•” is afgeschermd "
            "omdat anders een kleine cel uit de totalen terug te rekenen is.",
            s["subtitle"],
        ),
    ]
    for table in report.tables:
        block: list[Flowable] = [Paragraph(table.title, s["h1"])]
        if not table.rows:
            block.append(Paragraph("Geen meldingen of maatregelen in deze periode.", s["body"]))
            flow.append(KeepTogether(block))
            continue
        block.append(_table_flowable(table))
        chart = _chart(table)
        if chart is not None:
            block += [Spacer(1, 3 * mm), chart]
        flow.append(KeepTogether(block))
    flow.append(Paragraph("Meldingen per cluster", s["h1"]))
    if report.unit_table is None:
        flow.append(
            Paragraph(
                "Geen uitsplitsing naar organisatieonderdeel: daarvoor zijn de aantallen te klein.", s["body"]
            )
        )
    else:
        flow.append(_table_flowable(report.unit_table))
    return flow


def default_file_name(start: dt.date, end: dt.date) -> str:
    """Says what it is and the period it covers, nothing more."""
    return f"rapportage-meldingen-en-maatregelen-{start:%Y-%m-%d}-tot-{end:%Y-%m-%d}.pdf"


def export_report(vault: Vault, start: dt.date | str, end: dt.date | str, target: Path) -> Path:
    report = build_report(vault, start, end)
    texts = {f"Tabel {n}": " ".join(t.texts()) for n, t in enumerate(report.tables, 1)}
    if report.unit_table is not None:
        texts["Tabel per cluster"] = " ".join(report.unit_table.texts())
    # The gate without deduce: labels here are the application's own words and cluster names.
    # Its headings and the domain's labels are its vocabulary; the cluster rows are not.
    vocabulary = [TITLE, *(w for t in report.tables for w in t.texts())]
    if report.unit_table is not None:
        vocabulary += [report.unit_table.title, report.unit_table.row_label, *report.unit_table.columns]
    DisclosureGate.for_vault(vault).require_clean(
        texts, metadata={"Title": TITLE, "Bestandsnaam": target.name}, vocabulary=vocabulary
    )
    return write_atomically(target, pdf.render(story(report), TITLE, FOOTER))
