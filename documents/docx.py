"""The same official document as an editable Word file (python-docx), laid out as the PDF."""

from __future__ import annotations

import io

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from documents.docx_xml import append, paragraph_xml, table_xml
from documents.metrics import text_width_mm
from documents.official import (
    QUOC_HIEU,
    SECTION,
    TIEU_NGU,
    Appendix,
    Block,
    OfficialDocument,
)

FONT = "Times New Roman"
TEXT_WIDTH_MM = 165
LEFT_COL_MM, RIGHT_COL_MM = 65, 100
RECIPIENTS_COL_MM = 75

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def render_docx(doc: OfficialDocument) -> bytes:
    """DOCX bytes of ``doc``: A4, Decree 30 margins and fonts, header table, page numbers from 2."""
    word = Document()
    _set_default_font(word)
    section = word.sections[0]
    _setup_section(section, landscape=False)
    _add_header_table(word, doc)
    _centred(word, doc.type_heading, size=14, bold=True, space_before=18)
    for line in doc.title.splitlines() or [""]:
        _centred(word, line, size=14, bold=True)
    _rule(word, doc.title_rule_mm, TEXT_WIDTH_MM)
    for block in doc.blocks:
        _body_paragraph(word, block)
    _add_closing_table(word, doc)
    for appendix in doc.appendices:
        _add_appendix(word, appendix)
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


def _set_default_font(word) -> None:
    style = word.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(14)
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.append(fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)
    style.paragraph_format.space_after = Pt(0)
    style.paragraph_format.space_before = Pt(0)


def _setup_section(section, *, landscape: bool) -> None:
    """A4, margins T20 B20 L30 R15 mm, page number top-centre from the section's page 2."""
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (Mm(297), Mm(210)) if landscape else (Mm(210), Mm(297))
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = (Mm(20), Mm(20)) if landscape else (Mm(30), Mm(15))
    section.header_distance = Mm(8)
    section.different_first_page_header_footer = True
    section.header.is_linked_to_previous = False
    section.first_page_header.is_linked_to_previous = False
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _page_field(paragraph)
    page_numbers = OxmlElement("w:pgNumType")
    page_numbers.set(qn("w:start"), "1")
    section._sectPr.append(page_numbers)


def _page_field(paragraph) -> None:
    run = paragraph.add_run()
    run.font.size = Pt(14)
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)


def _borderless_table(word, widths_mm: list[float]):
    table = word.add_table(rows=1, cols=len(widths_mm))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _fix_widths(table, widths_mm)
    return table


def _fix_widths(table, widths_mm: list[float]) -> None:
    """Fixed layout with explicit grid and cell widths, which Word and LibreOffice both honour."""
    table.autofit = False
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    table._tbl.tblPr.append(layout)
    for column, width in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm, strict=True):
            cell.width = Mm(width)


def _cell_line(cell, text: str, *, size: float, bold=False, italic=False, first=False,
               align=WD_ALIGN_PARAGRAPH.CENTER, space_before: float = 0):
    paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
    paragraph.alignment = align
    paragraph.paragraph_format.space_before = Pt(space_before)
    run = paragraph.add_run(text)
    run.font.size, run.bold, run.italic = Pt(size), bold, italic
    return paragraph


def _add_header_table(word, doc: OfficialDocument) -> None:
    left, right = _borderless_table(word, [LEFT_COL_MM, RIGHT_COL_MM]).rows[0].cells
    first = True
    for line in doc.parent_lines:
        _cell_line(left, line, size=13, first=first)
        first = False
    for line in doc.issuer_lines:
        _cell_line(left, line, size=13, bold=True, first=first)
        first = False
    _rule(left, doc.issuer_rule_mm, LEFT_COL_MM)
    _cell_line(left, doc.symbol_line, size=13, space_before=6)
    _cell_line(right, QUOC_HIEU, size=13, bold=True, first=True)
    _cell_line(right, TIEU_NGU, size=14, bold=True)
    _rule(right, text_width_mm(TIEU_NGU, size_pt=14, bold=True), RIGHT_COL_MM)
    _cell_line(right, doc.date_line, size=14, italic=True, space_before=6)


def _rule(container, length_mm: float, box_mm: float) -> None:
    """A centred horizontal rule ``length_mm`` long: an empty paragraph with a top border."""
    paragraph = container.add_paragraph()
    indent = max((box_mm - length_mm) / 2, 0)
    fmt = paragraph.paragraph_format
    fmt.left_indent = fmt.right_indent = Mm(indent)
    fmt.space_after = Pt(6)
    borders = OxmlElement("w:pBdr")
    top = OxmlElement("w:top")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        top.set(qn(key), value)
    borders.append(top)
    paragraph._p.get_or_add_pPr().append(borders)
    paragraph.add_run().font.size = Pt(2)


def _centred(word, text: str, *, size: float, bold=False, space_before: float = 0) -> None:
    paragraph = word.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.space_before = Pt(space_before)
    run = paragraph.add_run(text)
    run.font.size, run.bold = Pt(size), bold


def _body_paragraph(word, block: Block) -> None:
    bold = block.kind == SECTION or block.titled
    append(word, paragraph_xml(block.display_text, size=14, bold=bold,
                               italic=block.kind == "basis", first_line_cm=1, space_after_pt=6,
                               line=1.15, keep_next=bold))


def _add_closing_table(word, doc: OfficialDocument) -> None:
    left, right = _borderless_table(
        word, [RECIPIENTS_COL_MM, TEXT_WIDTH_MM - RECIPIENTS_COL_MM]
    ).rows[0].cells
    left_align = WD_ALIGN_PARAGRAPH.LEFT
    if doc.recipient_lines:
        _cell_line(left, "Nơi nhận:", size=12, bold=True, italic=True, first=True, align=left_align)
        for line in doc.recipient_lines:
            _cell_line(left, line, size=11, align=left_align)
    first = True
    for line in doc.signature.authority_lines:
        _cell_line(right, line, size=14, bold=True, first=first)
        first = False
    for _ in range(4):  # about 30 mm for signature and seal
        _cell_line(right, "", size=14, first=first)
        first = False
    _cell_line(right, doc.signature.signer, size=14, bold=True)


def _add_appendix(word, appendix: Appendix) -> None:
    section = word.add_section(WD_SECTION.NEW_PAGE)
    _setup_section(section, landscape=appendix.landscape)
    _centred(word, appendix.label, size=14, bold=True)
    _centred(word, appendix.title.upper(), size=14, bold=True)
    paragraph = word.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(appendix.reference)
    run.font.size, run.italic = Pt(14), True
    for block in appendix.blocks:
        _body_paragraph(word, block)
    if appendix.table:
        _add_data_table(word, appendix)
    for block in appendix.after_table:
        _body_paragraph(word, block)


def _add_data_table(word, appendix: Appendix) -> None:
    table = appendix.table
    if appendix.unit_caption:
        append(word, paragraph_xml(appendix.unit_caption, size=12, italic=True, align="right"))
    width = 257 if appendix.landscape else TEXT_WIDTH_MM
    widths = [width * percent / 100 for percent in table.column_percents]
    append(word, table_xml(table.columns, table.rows, widths_mm=widths, numeric=table.numeric,
                           bold_rows=table.bold_rows))
