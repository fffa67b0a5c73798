"""WordprocessingML built as text for the parts with many runs (body, data tables).

python-docx adds run properties one element at a time, which is slow for hundreds of
paragraphs and cells; building each paragraph or table as one XML string and parsing it once
produces the same markup an order of magnitude faster.
"""

from xml.sax.saxutils import escape

from docx.oxml import parse_xml

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
TWIPS_PER_MM = 1440 / 25.4


def _run(text: str, *, size: float, bold: bool = False, italic: bool = False) -> str:
    props = ("<w:b/>" if bold else "") + ("<w:i/>" if italic else "")
    half_points = int(round(size * 2))
    return (f'<w:r><w:rPr>{props}<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/>'
            f'</w:rPr><w:t xml:space="preserve">{escape(text)}</w:t></w:r>')


def paragraph_xml(text: str, *, size: float = 14, bold: bool = False, italic: bool = False,
                  align: str = "both", first_line_cm: float = 0, space_after_pt: float = 0,
                  line: float | None = None, keep_next: bool = False) -> str:
    """One paragraph (w:p) in the namespace-qualified form parse_xml expects."""
    props = [f'<w:jc w:val="{align}"/>']
    if keep_next:
        props.insert(0, "<w:keepNext/>")
    spacing = f' w:after="{int(space_after_pt * 20)}"'
    if line:
        spacing += f' w:line="{int(line * 240)}" w:lineRule="auto"'
    props.insert(-1, f"<w:spacing{spacing}/>")
    if first_line_cm:
        props.insert(-1, f'<w:ind w:firstLine="{int(first_line_cm * 10 * TWIPS_PER_MM)}"/>')
    run = _run(text, size=size, bold=bold, italic=italic) if text else ""
    return f'<w:p xmlns:w="{W}"><w:pPr>{"".join(props)}</w:pPr>{run}</w:p>'


def _cell(text: str, width: int, *, bold: bool, align: str, size: float) -> str:
    return (f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr><w:p><w:pPr>'
            f'<w:spacing w:after="0"/><w:jc w:val="{align}"/></w:pPr>'
            f'{_run(text, size=size, bold=bold) if text else ""}</w:p></w:tc>')


def table_xml(columns: list[str], rows: list[list[str]], *, widths_mm: list[float],
              numeric: set[int], bold_rows: set[int], size: float = 12) -> str:
    """A bordered table with a repeated bold header row and fixed column widths."""
    widths = [int(w * TWIPS_PER_MM) for w in widths_mm]
    border = '<w:{0} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
    borders = "".join(border.format(side) for side in
                      ("top", "left", "bottom", "right", "insideH", "insideV"))
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    header = "".join(_cell(text, w, bold=True, align="center", size=size)
                     for text, w in zip(columns, widths, strict=True))
    body = []
    for index, row in enumerate(rows):
        cells = "".join(
            _cell(text, w, bold=index in bold_rows, size=size,
                  align="right" if column in numeric else "left")
            for column, (text, w) in enumerate(zip(row, widths, strict=True)))
        body.append(f"<w:tr>{cells}</w:tr>")
    return (f'<w:tbl xmlns:w="{W}"><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/>'
            f'<w:jc w:val="center"/><w:tblBorders>{borders}</w:tblBorders>'
            f'<w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>'
            f'<w:tr><w:trPr><w:tblHeader/></w:trPr>{header}</w:tr>{"".join(body)}</w:tbl>')


def append(word, xml: str) -> None:
    """Add a parsed element at the end of the document body (before its final section)."""
    word.element.body.sectPr.addprevious(parse_xml(xml))
