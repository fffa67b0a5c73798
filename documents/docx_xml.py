"""WordprocessingML built as text, each element's children in the schema's order.

python-docx adds properties one element at a time, which is slow for hundreds of paragraphs
and cells; building a paragraph or table as one string and parsing it once is an order of
magnitude faster. ECMA-376 defines the children of w:pPr, w:rPr, w:tblPr, w:tcPr as
sequences, and Word refuses or "repairs" a file whose children are out of order, so every
builder here writes them in that order (tests/documents/test_docx_schema.py checks it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from xml.sax.saxutils import escape

from docx.oxml import parse_xml

from documents.docx_css import TextStyle

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
TWIPS_PER_MM = 1440 / 25.4
TWIPS_PER_PT = 20
# Characters XML 1.0 cannot hold (pasted from Word or PDF: vertical tab, form feed, NUL …).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_BREAKS = re.compile("\r\n|[\r\n\x0b\x0c\u2028\u2029]")


def twips(points: float) -> int:
    return int(round(points * TWIPS_PER_PT))


def mm_twips(mm: float) -> int:
    return int(round(mm * TWIPS_PER_MM))


def rpr_xml(*, size: float, bold: bool = False, italic: bool = False) -> str:
    """w:rPr: b, bCs, i, iCs, sz, szCs (fonts and language come from the document defaults)."""
    half_points = int(round(size * 2))
    return ("<w:rPr>" + ("<w:b/><w:bCs/>" if bold else "") + ("<w:i/><w:iCs/>" if italic else "")
            + f'<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/></w:rPr>')


def _text_xml(text: str) -> str:
    """w:t pieces with line breaks and tabs as Word's own elements; XML-illegal characters gone."""
    pieces = []
    for number, line in enumerate(_BREAKS.split(text)):
        if number:
            pieces.append("<w:br/>")
        for index, chunk in enumerate(_NOT_XML.sub("", line).split("\t")):
            if index:
                pieces.append("<w:tab/>")
            if chunk:
                pieces.append(f'<w:t xml:space="preserve">{escape(chunk)}</w:t>')
    return "".join(pieces)


def xml_safe(text: str) -> str:
    """``text`` without the characters XML cannot hold."""
    return _NOT_XML.sub("", text)


def run_xml(text: str, *, size: float, bold: bool = False, italic: bool = False) -> str:
    if not text:
        return ""
    return f"<w:r>{rpr_xml(size=size, bold=bold, italic=italic)}{_text_xml(text)}</w:r>"


@dataclass(frozen=True)
class Rule:
    """A horizontal line drawn as the top border of an otherwise empty paragraph."""

    weight_pt: float = 0.6


def ppr_xml(style: TextStyle, *, keep_next: bool = False, keep_lines: bool = False,
            rule: Rule | None = None, left_mm: float = 0, right_mm: float = 0,
            exact_line_pt: float | None = None, mark_size: float | None = None) -> str:
    """w:pPr in schema order: keepNext, keepLines, pBdr, spacing, ind, jc, rPr.

    Line spacing is "at least" the CSS line box (size × line-height), as WeasyPrint lays the
    PDF out: for Times New Roman and Liberation Serif the font's own line (1.107 em) is
    smaller, so the line is exactly the PDF's and still grows for a larger inserted font.
    """
    parts = []
    if keep_next:
        parts.append("<w:keepNext/>")
    if keep_lines:
        parts.append("<w:keepLines/>")
    if rule:
        parts.append(f'<w:pBdr><w:top w:val="single" w:sz="{max(2, round(rule.weight_pt * 8))}"'
                     ' w:space="0" w:color="000000"/></w:pBdr>')
    line, line_rule = (exact_line_pt, "exact") if exact_line_pt else (style.line_pt, "atLeast")
    parts.append(f'<w:spacing w:before="{twips(style.before)}" w:after="{twips(style.after)}"'
                 f' w:line="{twips(line)}" w:lineRule="{line_rule}"/>')
    indent = ""
    if left_mm or right_mm:
        indent += f' w:left="{mm_twips(left_mm)}" w:right="{mm_twips(right_mm)}"'
    if style.first_line:
        indent += f' w:firstLine="{twips(style.first_line)}"'
    if indent:
        parts.append(f"<w:ind{indent}/>")
    parts.append(f'<w:jc w:val="{style.align}"/>')
    if mark_size is not None:
        parts.append(rpr_xml(size=mark_size))
    return f"<w:pPr>{''.join(parts)}</w:pPr>"


def paragraph_xml(text: str, style: TextStyle, *, keep_next: bool = False,
                  keep_lines: bool = False, namespace: bool = True) -> str:
    """One w:p; with ``namespace`` it carries the xmlns that parse_xml needs on a root."""
    xmlns = f' xmlns:w="{W}"' if namespace else ""
    props = ppr_xml(style, keep_next=keep_next, keep_lines=keep_lines, mark_size=style.size)
    run = run_xml(text, size=style.size, bold=style.bold, italic=style.italic)
    return f"<w:p{xmlns}>{props}{run}</w:p>"


def rule_xml(style: TextStyle, *, length_mm: float, box_mm: float, namespace: bool = False) -> str:
    """A centred rule ``length_mm`` long in a box ``box_mm`` wide, ``style.before`` below the text.

    Word and LibreOffice draw a paragraph's top border under its space-before, so the gap
    between the text above (its descent, below the lowest diacritic) and the line is that space.
    """
    indent = max((box_mm - length_mm) / 2, 0)
    xmlns = f' xmlns:w="{W}"' if namespace else ""
    props = ppr_xml(style, rule=Rule(), left_mm=indent, right_mm=indent, exact_line_pt=1,
                    mark_size=1)
    return f"<w:p{xmlns}>{props}</w:p>"


def cell_xml(width_twips: int, paragraphs: str) -> str:
    """w:tc (tcPr: tcW) holding ``paragraphs``; a cell needs at least one paragraph."""
    return (f'<w:tc><w:tcPr><w:tcW w:w="{width_twips}" w:type="dxa"/></w:tcPr>'
            f"{paragraphs or '<w:p/>'}</w:tc>")


def _borders(kind: str) -> str:
    sides = ("top", "left", "bottom", "right", "insideH", "insideV")
    if kind == "none":
        return "".join(f'<w:{side} w:val="nil"/>' for side in sides)
    return "".join(f'<w:{side} w:val="single" w:sz="5" w:space="0" w:color="000000"/>'
                   for side in sides)


def table_xml(widths_twips: list[int], rows: list[str], *, borders: bool,
              padding_pt: tuple[float, float, float, float] = (0, 0, 0, 0)) -> str:
    """w:tbl: tblPr (tblW, jc, tblBorders, tblLayout fixed, tblCellMar), tblGrid, then rows."""
    top, right, bottom, left = (twips(v) for v in padding_pt)
    margins = (f'<w:top w:w="{top}" w:type="dxa"/><w:left w:w="{left}" w:type="dxa"/>'
               f'<w:bottom w:w="{bottom}" w:type="dxa"/><w:right w:w="{right}" w:type="dxa"/>')
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths_twips)
    return (f'<w:tbl xmlns:w="{W}"><w:tblPr><w:tblW w:w="{sum(widths_twips)}" w:type="dxa"/>'
            f'<w:jc w:val="center"/><w:tblBorders>{_borders("single" if borders else "none")}'
            f'</w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar>{margins}</w:tblCellMar>'
            f'<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0"'
            f' w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>'
            f"</w:tblPr><w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>")


def row_xml(cells: list[str], *, header: bool = False) -> str:
    """w:tr that never splits across pages; a header row repeats on every page."""
    props = "<w:cantSplit/>" + ("<w:tblHeader/>" if header else "")
    return f"<w:tr><w:trPr>{props}</w:trPr>{''.join(cells)}</w:tr>"


def append(word, xml: str) -> None:
    """Add a parsed element at the end of the document body (before its final section)."""
    word.element.body.sectPr.addprevious(parse_xml(xml))
