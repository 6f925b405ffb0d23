"""The minutes as a PDF: reportlab's platypus layout of the document model
(casus.outputs.minutes), with the house style of casus.outputs.pdf."""

from __future__ import annotations

from collections.abc import Sequence
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from casus.outputs import pdf
from casus.outputs.minutes import FOOTER, TITLE, Minutes, MinutesAction
from casus.vocabulary.agenda import LEARNING_POINTS, NoteField


def render(minutes: Minutes) -> bytes:
    return pdf.render(story(minutes), TITLE, FOOTER)


def _paragraphs(text: str, style_name: str = "body") -> list[Flowable]:
    style = pdf.styles()[style_name]
    return [
        Paragraph(escape(block).replace("\n", "<br/>"), style)
        for block in text.split("\n\n")
        if block.strip()
    ]


def story(minutes: Minutes) -> list[Flowable]:
    s = pdf.styles()
    flow: list[Flowable] = [
        Paragraph(TITLE, s["title"]),
        Paragraph(
            f"Overleg van {minutes.date_text} · aanwezig: {escape(', '.join(minutes.parties)) or '—'}",
            s["subtitle"],
        ),
    ]
    if not minutes.items:
        flow.append(Paragraph("Er stonden geen casussen op de agenda.", s["body"]))
    for item in minutes.items:
        block: list[Flowable] = [
            Paragraph(f"{item.title}", s["h1"]),
            Paragraph(escape(item.case.heading), s["small"]),
        ]
        if item.case.brought_by:
            block.append(Paragraph(escape(item.case.brought_line), s["small"]))
        people = ", ".join(f"{name} ({role.lower()})" for name, role in item.case.people)
        block.append(Paragraph(f"<b>Betrokkenen:</b> {escape(people) or '—'}", s["body"]))
        flow.append(KeepTogether(block))
        for title, text in sorted(item.case.texts.items(), key=lambda kv: kv[0] != "Bespreekvraag"):
            flow += [Paragraph(escape(title), s["h2"]), *_paragraphs(text)]
        for title, text in ((field.heading, item.note(field)) for field in NoteField):
            if text.strip():
                flow += [Paragraph(title, s["h2"]), *_paragraphs(text)]
    flow.append(Paragraph("Actielijst", s["h1"]))
    if minutes.actions:
        flow.append(_action_table(minutes.actions))
    else:
        flow.append(Paragraph("Geen acties.", s["body"]))
    if minutes.learning_points.strip():
        flow += [
            Spacer(1, 4 * mm),
            Paragraph(LEARNING_POINTS, s["h1"]),
            *_paragraphs(minutes.learning_points),
        ]
    return flow


def _action_table(actions: Sequence[MinutesAction]) -> Table:
    """Which item each action belongs to, then what, who, by when and how far."""
    s = pdf.styles()
    rows = [[Paragraph(h, s["cellhead"]) for h in ("Bij", "Actie", "Eigenaar", "Gereed op", "Status")]]
    for action in actions:
        description = escape(action.description) + (" <i>(Is dit gelukt?)</i>" if action.carried_over else "")
        rows.append(
            [
                Paragraph(escape(action.item), s["cell"]),
                Paragraph(description, s["cell"]),
                Paragraph(escape(action.owner), s["cell"]),
                Paragraph(action.due or "—", s["cell"]),
                Paragraph(escape(action.status), s["cell"]),
            ]
        )
    table = Table(rows, colWidths=[22 * mm, 58 * mm, 34 * mm, 23 * mm, 29 * mm], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, 0), pdf.ACCENT),
                ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#f2f5f8")]),
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, pdf.RULE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return table
