"""The report as a PDF: each table with its small cells suppressed (casus.outputs.suppression)
and a bar chart of the row totals that can be shown, in the house style of casus.outputs.pdf."""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from casus.outputs import pdf
from casus.outputs.report import FOOTER, TITLE, CountTable, Report
from casus.outputs.suppression import shown, suppress


def render(report: Report) -> bytes:
    return pdf.render(story(report), TITLE, FOOTER)


def _table_flowable(table: CountTable) -> Table:
    s = pdf.styles()
    hidden = suppress(table.counts)
    rows = [[Paragraph(escape(table.row_label), s["cellhead"]),
             *(Paragraph(escape(h), s["numberhead"]) for h in (*table.columns, "Totaal"))]]  # fmt: skip
    for index, (label, counts) in enumerate(zip(table.rows, table.counts, strict=True)):
        cells = [shown(value, hidden.cells[index][c]) for c, value in enumerate(counts)]
        total = shown(sum(counts), hidden.row_totals[index])
        rows.append(
            [
                Paragraph(escape(label), s["cell"]),
                *(Paragraph(_unbroken(c), s["number"]) for c in cells),
                Paragraph(_unbroken(total), s["number"]),
            ]
        )
    column_totals = [
        shown(sum(col), hidden.column_totals[c]) for c, col in enumerate(zip(*table.counts, strict=True))
    ]
    grand = shown(sum(map(sum, table.counts)), hidden.grand_total)
    rows.append(
        [
            Paragraph("<b>Totaal</b>", s["cell"]),
            *(Paragraph(_unbroken(t), s["number"]) for t in column_totals),
            Paragraph(_unbroken(grand), s["number"]),
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


def _unbroken(text: str) -> str:
    """“< 5” never breaks between its sign and its number."""
    return escape(text).replace(" ", "\u00a0")


# Said instead of a chart that could not show the whole table.
NO_CHART = (
    "Geen grafiek: niet elk totaal van deze tabel mag worden getoond, "
    "en een deel zou een vertekend beeld geven."
)


def _chart(table: CountTable) -> Drawing | None:
    """Row totals as bars, when there are at least two and every one may be shown. A bar for
    a hidden total would tell it by its length, and a chart of the shown rows alone (one bar
    of 24 where the quarters were four) shows a shape the figures do not have."""
    hidden = suppress(table.counts)
    if len(table.rows) < 2 or any(hidden.row_totals):
        return None
    bars = [(label, sum(c)) for label, c in zip(table.rows, table.counts, strict=True)]
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
            f"Periode {period} · aantallen van 1 tot en met 4 staan als “<\u00a05”; een “•” is afgeschermd "
            "omdat anders een kleine cel uit de totalen terug te rekenen is.",
            s["subtitle"],
        ),
    ]
    if report.sources:
        flow.append(
            Paragraph(
                "Samengevoegde cijfers, één keer afgeschermd op het totaal, van: "
                f"{escape(report.sources_text)}.",
                s["subtitle"],
            )
        )
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
        elif len(table.rows) >= 2:
            block += [Spacer(1, 2 * mm), Paragraph(NO_CHART, s["small"])]
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
