"""What every Casus PDF shares: an embedded Unicode font (DejaVu Sans, so that Şahin, Öztürk
and Nguyễn render), A4 with page numbers, and metadata without author, user, machine,
creation time or unique ID (reportlab's invariant mode)."""

from __future__ import annotations

import io
from collections.abc import Sequence
from functools import cache
from importlib import resources

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Flowable, SimpleDocTemplate

FONT = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
INK = colors.HexColor("#1f2933")
ACCENT = colors.HexColor("#1d4e89")
RULE = colors.HexColor("#c8d1dc")


@cache
def register_fonts() -> None:
    folder = resources.files("casus.resources").joinpath("fonts")
    for name in (FONT, BOLD):
        with resources.as_file(folder.joinpath(f"{name}.ttf")) as path:
            pdfmetrics.registerFont(TTFont(name, str(path)))


@cache
def styles() -> dict[str, ParagraphStyle]:
    register_fonts()
    body = ParagraphStyle("body", fontName=FONT, fontSize=10, leading=14, textColor=INK, spaceAfter=4)
    result = {
        "body": body,
        "title": ParagraphStyle(
            "title", parent=body, fontName=BOLD, fontSize=18, leading=22, textColor=ACCENT, spaceAfter=6
        ),
        "subtitle": ParagraphStyle(
            "subtitle", parent=body, fontSize=10.5, textColor=colors.HexColor("#52606d"), spaceAfter=12
        ),
        "h1": ParagraphStyle(
            "h1",
            parent=body,
            fontName=BOLD,
            fontSize=13,
            leading=17,
            textColor=ACCENT,
            spaceBefore=14,
            spaceAfter=4,
        ),
        "h2": ParagraphStyle(
            "h2", parent=body, fontName=BOLD, fontSize=10.5, leading=14, spaceBefore=6, spaceAfter=2
        ),
        "small": ParagraphStyle(
            "small", parent=body, fontSize=8.5, leading=11, textColor=colors.HexColor("#52606d")
        ),
        "cell": ParagraphStyle("cell", parent=body, fontSize=9, leading=12, spaceAfter=0),
        "cellhead": ParagraphStyle(
            "cellhead",
            parent=body,
            fontName=BOLD,
            fontSize=9,
            leading=12,
            spaceAfter=0,
            textColor=colors.white,
        ),
    }
    # Figures stand right-aligned under a right-aligned heading, so units line up.
    result["number"] = ParagraphStyle("number", parent=result["cell"], alignment=TA_RIGHT)
    result["numberhead"] = ParagraphStyle("numberhead", parent=result["cellhead"], alignment=TA_RIGHT)
    return result


def render(story: Sequence[Flowable], title: str, footer: str) -> bytes:
    """The document as bytes; metadata: the title only."""
    register_fonts()
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=22 * mm,
        rightMargin=22 * mm,
        topMargin=20 * mm,
        bottomMargin=20 * mm,
        title=title,
        author="",
        subject="",
        creator="",
        producer="",
        keywords="",
        invariant=1,
    )

    def page(canvas: object, doc: object) -> None:
        canvas.saveState()  # type: ignore[attr-defined]
        canvas.setFont(FONT, 8)  # type: ignore[attr-defined]
        canvas.setFillColor(colors.HexColor("#7b8794"))  # type: ignore[attr-defined]
        canvas.drawString(22 * mm, 12 * mm, footer)  # type: ignore[attr-defined]
        canvas.drawRightString(A4[0] - 22 * mm, 12 * mm, f"Pagina {doc.page}")  # type: ignore[attr-defined]
        canvas.restoreState()  # type: ignore[attr-defined]

    document.build(list(story), onFirstPage=page, onLaterPages=page)
    return buffer.getvalue()
