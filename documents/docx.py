"""The same official document as an editable Word file, laid out with the PDF's own numbers.

Every size, margin, line height and paragraph space comes from static/documents/decree30.css
(through documents.docx_css), so the Word file breaks its pages where the PDF does.
"""

from __future__ import annotations

import io
from dataclasses import replace

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.shared import Mm

from documents.docx_css import PT_PER_UNIT, TextStyle, length_pt, page_margins, text_style
from documents.docx_package import finish_package
from documents.docx_tables import data_table_xml
from documents.docx_xml import (
    W,
    append,
    cell_xml,
    mm_twips,
    paragraph_xml,
    ppr_xml,
    row_xml,
    rpr_xml,
    rule_xml,
    run_xml,
    table_xml,
)
from documents.levels import LEVELS, keeps_before
from documents.metrics import text_width_mm
from documents.official import QUOC_HIEU, TIEU_NGU, Appendix, Block, OfficialDocument, Signature
from documents.wrapping import wrap_heading

A4_MM = (210, 297)
DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# Room between the lowest diacritic (the dot under Ệ, Ạ, Ộ ends 0.196 em below the baseline;
# the line box ends 0.216 em below it) and a rule drawn under the header lines.
MIN_RULE_GAP_PT = 1.5
# sectPr children that follow w:pgNumType in ECMA-376's sequence.
AFTER_PAGE_NUMBERS = ("w:cols", "w:formProt", "w:vAlign", "w:noEndnote", "w:titlePg",
                      "w:textDirection", "w:bidi", "w:rtlGutter", "w:docGrid",
                      "w:printerSettings", "w:sectPrChange")


def render_docx(doc: OfficialDocument, *, more: list[OfficialDocument] | tuple = ()) -> bytes:
    """DOCX bytes of ``doc``: A4, the PDF's margins, lines and spacing, vi-VN, its own properties.

    ``more`` are further documents of the same kind (one invitation per person), each in its own
    section from a new page, as the PDF prints them; the file's properties are ``doc``'s.
    """
    word = Document()
    finish_package(word, doc, text_style(".body p"))
    _setup_section(word.sections[0], landscape=False)
    for xml in _first_page(doc):
        append(word, xml)
    end = word.element.body.sectPr  # stays the body's last child as sections are added
    for other in more:
        # A clone of the first section: its page, margins and page numbering, and its headers by
        # inheritance (a header part per section, and looking up the body's end for every
        # paragraph, made 400 letters take 18 times as long as 50).
        word.add_section(WD_SECTION.NEW_PAGE)
        for xml in _first_page(other):
            end.addprevious(parse_xml(xml))
    for appendix in doc.appendices:
        section = word.add_section(WD_SECTION.NEW_PAGE)
        _setup_section(section, landscape=appendix.landscape)
        for xml in _appendix(appendix):
            append(word, xml)
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


def text_width(*, landscape: bool) -> float:
    margins = page_margins(landscape=landscape)
    return max(A4_MM) - margins.left - margins.right if landscape else (
        min(A4_MM) - margins.left - margins.right)


def _setup_section(section, *, landscape: bool) -> None:
    """A4, the `@page` margins, page number top-centre in the margin from the section's page 2."""
    margins = page_margins(landscape=landscape)
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    short, long = (Mm(v) for v in A4_MM)
    section.page_width, section.page_height = (long, short) if landscape else (short, long)
    section.top_margin, section.bottom_margin = Mm(margins.top), Mm(margins.bottom)
    section.left_margin, section.right_margin = Mm(margins.left), Mm(margins.right)
    number = text_style()
    # `@top-center { vertical-align: middle }`: the number's line centred in the top margin.
    section.header_distance = Mm(max(margins.top / 2 - number.line_pt / PT_PER_UNIT["mm"] / 2, 0))
    section.different_first_page_header_footer = True
    section.header.is_linked_to_previous = False
    section.first_page_header.is_linked_to_previous = False
    _page_number_header(section.header._element, number)
    _restart_page_numbers(section._sectPr)


def _page_number_header(header, style: TextStyle) -> None:
    for child in list(header):
        header.remove(child)
    centred = replace(style, align="center", before=0, after=0, first_line=0)
    header.append(parse_xml(
        f'<w:p xmlns:w="{W}">{ppr_xml(centred)}<w:fldSimple w:instr=" PAGE ">'
        f'<w:r>{rpr_xml(size=style.size)}<w:t>2</w:t></w:r></w:fldSimple></w:p>'))


def _restart_page_numbers(sectpr) -> None:
    """w:pgNumType start=1, placed where the schema wants it (before w:cols, w:titlePg …)."""
    for old in sectpr.findall(qn("w:pgNumType")):
        sectpr.remove(old)
    element = parse_xml(f'<w:pgNumType xmlns:w="{W}" w:start="1"/>')
    following = [child for child in sectpr if child.tag in {qn(t) for t in AFTER_PAGE_NUMBERS}]
    if following:
        following[0].addprevious(element)
    else:
        sectpr.append(element)


def wrapped_lines(text: str, width_mm: float, *, size: float, bold: bool) -> list[str]:
    """``text`` broken as a header column ``width_mm`` wide breaks it (documents.wrapping)."""
    return wrap_heading(text, width_mm, size_pt=size, bold=bold)


def _paragraphs(lines: list[str], style: TextStyle) -> str:
    return "".join(paragraph_xml(line, style, namespace=False) for line in lines)


def _rule(length_mm: float, box_mm: float, *, gap_pt: float) -> str:
    """A header rule ``gap_pt`` (at least MIN_RULE_GAP_PT) below the line box above it."""
    style = replace(text_style("table.header td", ".rule"), before=max(gap_pt, MIN_RULE_GAP_PT))
    return rule_xml(style, length_mm=length_mm, box_mm=box_mm)


def _header_table(doc: OfficialDocument) -> str:
    """Issuing body | Quốc hiệu and Tiêu ngữ, then «Số:» | date on their own row, side by side."""
    left_mm = length_pt("table.header td.left", "width") / PT_PER_UNIT["mm"]
    right_mm = length_pt("table.header td.right", "width") / PT_PER_UNIT["mm"]
    cell = "table.header td"
    issuer = text_style(cell, ".issuing-body")
    # The lines as documents.wrapping cut them, as in the PDF (the rule's length follows them).
    left = (_paragraphs(doc.parent_display_lines, text_style(cell, ".parent-body"))
            + _paragraphs(doc.issuer_display_lines, issuer)
            + _rule(doc.issuer_rule_mm, left_mm, gap_pt=text_style(".rule").before))
    motto = text_style(cell, ".tieu-ngu")
    motto_mm = text_width_mm(TIEU_NGU, size_pt=motto.size, bold=motto.bold)
    padding = length_pt(".tieu-ngu span", "padding-bottom")
    right = (_paragraphs([QUOC_HIEU], text_style(cell, ".quoc-hieu")) + _paragraphs([TIEU_NGU], motto)
             + _rule(motto_mm, right_mm, gap_pt=padding))
    widths = [mm_twips(left_mm), mm_twips(right_mm)]
    top = row_xml([cell_xml(widths[0], left), cell_xml(widths[1], right)])
    gap = length_pt("table.header tr.dates td", "padding-top")
    symbol, date = (replace(text_style(cell, selector), before=gap)
                    for selector in (".symbol", ".date-line"))
    dates = row_xml([cell_xml(widths[0], _paragraphs([doc.symbol_line], symbol)),
                     cell_xml(widths[1], _paragraphs([doc.date_line], date))])
    return table_xml(widths, [top, dates], borders=False)


def _title(doc: OfficialDocument) -> list[str]:
    parts = [paragraph_xml(doc.type_heading, text_style(".doc-type"), keep_next=True)]
    title = text_style(".doc-title")
    parts += [paragraph_xml(line, title, keep_next=True) for line in doc.title.splitlines() or [""]]
    parts.append(rule_xml(text_style(".rule", ".doc-title + .rule"), length_mm=doc.title_rule_mm,
                          box_mm=text_width(landscape=False), namespace=True))
    return parts


def block_style(block: Block) -> TextStyle:
    """The paragraph style of ``block``'s level (documents.levels) on the body's line and align."""
    level = LEVELS[block.kind]
    return replace(text_style(".body p"), size=level.size_pt, bold=False, italic=False,
                   before=level.before_pt, after=level.after_pt,
                   first_line=level.first_line_cm * PT_PER_UNIT["cm"])


def _block_xml(block: Block, *, keep_next: bool) -> str:
    """One w:p of the block's runs: marker and heading in the level's style, the author's
    bold and italic inside."""
    style = block_style(block)
    props = ppr_xml(style, keep_next=keep_next, mark_size=style.size)
    runs = "".join(run_xml(run.text, size=style.size, bold=run.bold, italic=run.italic)
                   for run in block.runs)
    return f'<w:p xmlns:w="{W}">{props}{runs}</w:p>'


def _blocks(blocks: list[Block], *, keep_last: bool = False) -> list[str]:
    """The blocks' paragraphs, a heading kept with what it heads (documents.levels); with
    ``keep_last``, the last one with what follows the blocks (the closing block)."""
    following = [*blocks[1:], None]
    return [_block_xml(block, keep_next=keeps_before(block, after) or block.keep
                       or (keep_last and after is None))
            for block, after in zip(blocks, following, strict=False)]


def _closing_table(doc: OfficialDocument) -> str:
    """Nơi nhận | authority, signature space and signer; one row that never splits. A record
    signed by two (``co_signature``) has its second signer on the left and «Nơi nhận» below."""
    left_mm = length_pt("table.closing td.recipients", "width") / PT_PER_UNIT["mm"]
    widths = [mm_twips(left_mm), mm_twips(text_width(landscape=False) - left_mm)]
    # CSS collapses the last paragraph's margin into the table's; Word adds the two.
    gap = max(length_pt("table.closing", "margin-top") - text_style(".body p").after, 0)
    if doc.co_signature is None:
        left = _recipients_xml(doc, gap)
    else:
        left = _signature_xml(doc.co_signature, gap)
    rows = [row_xml([cell_xml(widths[0], left), cell_xml(widths[1], _signature_xml(doc.signature, gap))])]
    if doc.co_signature is not None and doc.recipient_lines:
        below = _recipients_xml(doc, length_pt("table.closing tr.below td", "padding-top"))
        rows.append(row_xml([cell_xml(widths[0], below), cell_xml(widths[1], "<w:p/>")]))
    return table_xml(widths, rows, borders=False)


def _recipients_xml(doc: OfficialDocument, gap: float) -> str:
    if not doc.recipient_lines:
        return ""
    label = text_style("table.closing td", ".recipients-label")
    return (paragraph_xml("Nơi nhận:", replace(label, before=label.before + gap), namespace=False)
            + _paragraphs(doc.recipient_lines, text_style("table.closing td", ".recipients-list")))


def _signature_xml(signature: Signature, gap: float) -> str:
    cell = "table.closing td.signature"
    out = ""
    for index, line in enumerate(signature.authority_lines):
        style = text_style(cell, ".authority")
        out += paragraph_xml(line, replace(style, before=style.before + (gap if index == 0 else 0)),
                             namespace=False)
    space = length_pt(".signature-space", "height")
    return (out + f"<w:p>{ppr_xml(text_style(cell), exact_line_pt=space, mark_size=1)}</w:p>"
            + paragraph_xml(signature.signer, text_style(cell, ".signer"), namespace=False))


def _first_page(doc: OfficialDocument) -> list[str]:
    return [_header_table(doc), *_title(doc), *_blocks(doc.blocks, keep_last=True),
            _closing_table(doc)]


def _appendix(appendix: Appendix) -> list[str]:
    parts = [paragraph_xml(appendix.label, text_style(".appendix-label"), keep_next=True),
             paragraph_xml(appendix.title.upper(), text_style(".appendix-title"), keep_next=True),
             paragraph_xml(appendix.reference, text_style(".appendix-reference"), keep_next=True),
             *_blocks(appendix.blocks)]
    if appendix.table:
        if appendix.unit_caption:
            parts.append(paragraph_xml(appendix.unit_caption, text_style(".unit-caption"),
                                       keep_next=True))
        parts.append(data_table_xml(appendix.table, text_width(landscape=appendix.landscape)))
    parts += _blocks(appendix.after_table)
    return parts
