"""The minutes as a Word document (python-docx), for secretaries who edit further.

Same content as the PDF, from the same `Minutes`, behind the same gate. A .docx carries more
than its text, so all of it is made invariant: the core properties hold only the title (no
author, no "last modified by", fixed dates, revision 1), and every zip entry gets the same
fixed time instead of the moment of export. What the secretary types into the file afterwards
is beyond the gate: the PDF is the form to send.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Sequence

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from casus.outputs.minutes import FOOTER, TITLE, Minutes, MinutesAction, MinutesItem
from casus.vocabulary.agenda import LEARNING_POINTS, NoteField

FIXED_TIME = dt.datetime(2000, 1, 1)
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest a zip entry can say
ACCENT = RGBColor(0x1D, 0x4E, 0x89)
ACTION_WIDTHS = (Mm(22), Mm(62), Mm(36), Mm(24), Mm(22))


def _blocks(document: DocxDocument, text: str) -> None:
    for block in text.split("\n\n"):
        if block.strip():
            document.add_paragraph(block.strip())


def _heading(document: DocxDocument, text: str, level: int) -> None:
    heading = document.add_heading(text, level)
    for run in heading.runs:
        run.font.color.rgb = ACCENT


def build_document(minutes: Minutes) -> DocxDocument:
    document = Document()
    style = document.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(10.5)
    _heading(document, TITLE, 0)
    parties = ", ".join(minutes.parties) or "—"
    document.add_paragraph(f"Overleg van {minutes.date_text} · aanwezig: {parties}")
    if not minutes.items:
        document.add_paragraph("Er stonden geen casussen op de agenda.")
    for item in minutes.items:
        _item(document, item)
    _heading(document, "Actielijst", 1)
    _actions(document, minutes.actions)
    if minutes.learning_points.strip():
        _heading(document, LEARNING_POINTS, 1)
        _blocks(document, minutes.learning_points)
    _page_setup(document)
    _invariant(document)
    return document


def _item(document: DocxDocument, item: MinutesItem) -> None:
    _heading(document, item.title, 1)
    document.add_paragraph(item.case.heading).runs[0].italic = True
    if item.case.brought_by:
        document.add_paragraph(item.case.brought_line).runs[0].italic = True
    people = ", ".join(f"{name} ({role.lower()})" for name, role in item.case.people)
    line = document.add_paragraph()
    line.add_run("Betrokkenen: ").bold = True
    line.add_run(people or "—")
    for title, text in sorted(item.case.texts.items(), key=lambda kv: kv[0] != "Bespreekvraag"):
        _heading(document, title, 2)
        _blocks(document, text)
    for title, text in ((field.heading, item.note(field)) for field in NoteField):
        if text.strip():
            _heading(document, title, 2)
            _blocks(document, text)


def _actions(document: DocxDocument, actions: Sequence[MinutesAction]) -> None:
    if not actions:
        document.add_paragraph("Geen acties.")
        return
    rows = [("Bij", "Actie", "Eigenaar", "Gereed op", "Status")] + [
        (
            action.item,
            action.description + (" (Is dit gelukt?)" if action.carried_over else ""),
            action.owner,
            action.due or "—",
            action.status,
        )
        for action in actions
    ]
    table = document.add_table(rows=len(rows), cols=len(ACTION_WIDTHS))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column, width in zip(table.columns, ACTION_WIDTHS, strict=True):
        column.width = width  # the grid Word and LibreOffice lay out by; cells get it too
    for row, values in zip(table.rows, rows, strict=True):
        for cell, text, width in zip(row.cells, values, ACTION_WIDTHS, strict=True):
            cell.width = width
            cell.text = text
    for cell in table.rows[0].cells:
        cell.paragraphs[0].runs[0].bold = True


def _page_setup(document: DocxDocument) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)  # A4, not the template's Letter
    section.left_margin = section.right_margin = Mm(22)
    section.top_margin, section.bottom_margin = Mm(20), Mm(22)
    footer = section.footer.paragraphs[0]
    footer.text = f"{FOOTER} · pagina "
    footer.runs[0].font.size = Pt(8)
    page = OxmlElement("w:fldSimple")
    page.set(qn("w:instr"), "PAGE")
    footer._p.append(page)


def _invariant(document: DocxDocument) -> None:
    properties = document.core_properties
    properties.title = TITLE
    for name in ("author", "last_modified_by", "comments", "subject", "keywords", "category"):
        setattr(properties, name, "")
    properties.created = FIXED_TIME
    properties.modified = FIXED_TIME
    properties.revision = 1


def render(minutes: Minutes) -> bytes:
    """The .docx bytes, with every zip entry's time fixed (python-docx stamps the current time)."""
    written = io.BytesIO()
    build_document(minutes).save(written)
    repacked = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(written.getvalue())) as source,
        zipfile.ZipFile(repacked, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for entry in source.infolist():
            fixed = zipfile.ZipInfo(entry.filename, _ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, source.read(entry.filename))
    return repacked.getvalue()
