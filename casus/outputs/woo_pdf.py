"""The Woo-ready copy as a PDF, in the house style of casus.outputs.pdf: each withheld passage
a black box with its ground in white, the way municipal Woo releases mark a redaction. The
box is the ground's text with a black background: the text layer holds the ground only, and
the box does not betray the length of what it hides."""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from casus.outputs import pdf
from casus.outputs.woo import FOOTER, Piece, WooDocument

BOX = '<font backColor="black" color="white">\u00a0{}\u00a0</font>'


def markup(pieces: tuple[Piece, ...]) -> str:
    return "".join(
        BOX.format(escape(piece.ground.code))
        if piece.ground is not None
        else escape(piece.text).replace("\n", "<br/>")
        for piece in pieces
    )


def render(document: WooDocument) -> bytes:
    return pdf.render(story(document), document.title, FOOTER)


def story(document: WooDocument) -> list[Flowable]:
    s = pdf.styles()
    flow: list[Flowable] = [
        Paragraph(escape(document.title), s["title"]),
        Paragraph(
            f"Gemaakt op {document.made_on:%d-%m-%Y} voor een verzoek op grond van de Wet open overheid.",
            s["subtitle"],
        ),
    ]
    rows = [[Paragraph(f"<b>{escape(label)}</b>", s["cell"]), Paragraph(markup(value), s["cell"])]
            for label, value in document.facts]  # fmt: skip
    head = Table(rows, colWidths=[48 * mm, None])
    rule = colors.HexColor("#d9dee3")
    head.setStyle(
        TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LINEBELOW", (0, 0), (-1, -1), 0.25, rule)])
    )
    flow += [head, Spacer(1, 4 * mm)]
    group = ""
    for section in document.sections:
        if section.group and section.group != group:
            flow.append(Paragraph(escape(section.group), s["h1"]))
        group = section.group
        flow.append(Paragraph(escape(section.title), s["h2" if group else "h1"]))
        text = markup(section.pieces)
        flow += [Paragraph(block, s["body"]) for block in text.split("<br/><br/>") if block.strip()]
    used = document.grounds_used()
    flow.append(Paragraph("Gebruikte weigeringsgronden", s["h1"]))
    if not used:
        flow.append(Paragraph("Niets weggelakt.", s["body"]))
    for ground, count in sorted(used.items(), key=lambda item: item[0].code):
        flow.append(Paragraph(
            f"{BOX.format(escape(ground.code))} artikel {escape(_article(ground.code))} Woo: "
            f"{escape(ground.label)} ({count}×)", s["body"]))  # fmt: skip
    return flow


def _article(code: str) -> str:
    """ "5.1.2e" -> "5.1, tweede lid, onder e"; "5.2.1" -> "5.2, eerste lid"."""
    parts = code.split(".")
    paragraph = {"1": "eerste", "2": "tweede"}[parts[2][0]]
    point = f", onder {parts[2][1:]}" if len(parts[2]) > 1 else ""
    return f"{parts[0]}.{parts[1]}, {paragraph} lid{point}"
