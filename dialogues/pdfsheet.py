"""Dense tabular documents (sign-in and payment sheets) drawn straight to PDF with ReportLab.

Prose documents go through WeasyPrint (documents/pdf.py); a sheet of thousands of rows there
costs about 250 ms a page, so sheets take this direct path: the Decree 30 header, a table whose
header repeats on every page, totals, signature blocks, page numbers from page 2, with the
shipped Liberation Serif embedded (subset).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from dialogues.columns import (
    BODY_SIZE,
    BOLD,
    ITALIC,
    REGULAR,
    Column,
    Measure,
    balanced_lines,
    cell_text,
    register_fonts,
    wrap,
)
from documents.official import QUOC_HIEU, TIEU_NGU

MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 30 * mm, 15 * mm, 20 * mm, 20 * mm
LEADING = 14
KEEP_WITH_SIGNATURES = 3
MIN_BLANK = 2  # walk-in rows kept when fewer than planned fit beside the signatures
__all__ = ["BOLD", "ITALIC", "REGULAR", "Column", "Sheet", "register_fonts", "render_sheets"]


@dataclass
class Sheet:
    """One session's sheet: header lines, title, the session block, the table, what follows it, signatures.

    Cells are text, or whole đồng (int) that the PDF writes «1.500.000» and the workbook as a number.
    ``columns`` carry the widths ``columns.lay_out`` gave them; ``measure`` remembers the text widths.
    """

    parent_lines: list[str]
    issuer_lines: list[str]
    date_line: str
    title: str
    subtitles: list[str]
    columns: list[Column]
    rows: list[list]
    row_height_mm: float = 9
    total_rows: list[list] = field(default_factory=list)
    after_lines: list[str] = field(default_factory=list)
    signatures: list[str] = field(default_factory=list)
    landscape: bool = False
    measure: Measure = field(default_factory=Measure)

    @property
    def blank_tail(self) -> int:
        """The rows at the end with no name: room left for walk-ins (sheets.blank_rows)."""
        count = 0
        for row in reversed(self.rows):
            if len(row) < 2 or row[1] != "":
                break
            count += 1
        return count


class _Writer:
    def __init__(self, canvas: Canvas):
        self.c = canvas
        self.width, self.height = A4
        self.page_in_sheet = 0
        self.y = 0.0
        self.measure = Measure()
        self.balanced: dict[tuple, list[str]] = {}  # titles and session blocks repeat across a batch
        self.shown: dict[tuple[str, str], tuple[int, str]] = {}

    def new_page(self):
        if self.page_in_sheet:
            self.c.showPage()
        self.c.setPageSize((self.width, self.height))
        self.page_in_sheet += 1
        self.y = self.height - MARGIN_TOP
        if self.page_in_sheet > 1:
            self.c.setFont(REGULAR, 13)
            self.c.drawCentredString(self.width / 2, self.height - 12 * mm, str(self.page_in_sheet))
        self.c.setLineWidth(0.5)

    def centred(self, text: str, x: float, font: str, size: float, step: float | None = None):
        self.c.setFont(font, size)
        self.c.drawCentredString(x, self.y, text)
        self.y -= step or size * 1.25

    def header(self, sheet: Sheet):
        left_x, right_x = MARGIN_LEFT + 30 * mm, self.width - MARGIN_RIGHT - 45 * mm
        top = self.y - 12
        self.y = top
        for line in sheet.parent_lines:
            self.centred(line, left_x, REGULAR, 12)
        for line in sheet.issuer_lines:
            self.centred(line, left_x, BOLD, 12)
        self._rule(left_x, 18 * mm)
        left_bottom = self.y
        self.y = top
        self.centred(QUOC_HIEU, right_x, BOLD, 12)
        self.centred(TIEU_NGU, right_x, BOLD, 13)
        self._rule(right_x, pdfmetrics.stringWidth(TIEU_NGU, BOLD, 13))
        self.y -= 4
        self.centred(sheet.date_line, right_x, ITALIC, 13)
        self.y = min(self.y, left_bottom) - 10
        usable = self.width - MARGIN_LEFT - MARGIN_RIGHT
        mid = MARGIN_LEFT + usable / 2
        for line in self._balanced(sheet.title, BOLD, 14, usable):
            self.centred(line, mid, BOLD, 14, 18)
        for text in sheet.subtitles:
            for line in self._balanced(text, ITALIC, 13, usable):
                self.centred(line, mid, ITALIC, 13, 16)
        self.y -= 6

    def _balanced(self, text: str, font: str, size: float, width: float) -> list[str]:
        key = (text, font, size, width)
        if key not in self.balanced:
            self.balanced[key] = balanced_lines(text, font, size, width)
        return self.balanced[key]

    def _rule(self, x: float, width: float):
        self.c.setLineWidth(0.6)
        self.c.line(x - width / 2, self.y + 8, x + width / 2, self.y + 8)
        self.c.setLineWidth(0.5)
        self.y -= 2

    def table_header(self, columns: list[Column]):
        self._row([c.label for c in columns], columns, BOLD, min_height=10 * mm, header=True)

    def _row(self, cells, columns, font, *, min_height: float, header: bool = False) -> None:
        measure = self.measure
        wrapped, height = self._wrapped(cells, columns, font, min_height)
        x, top = MARGIN_LEFT, self.y
        # One text object per row: drawString would open and close one per cell.
        text = self.c.beginText()
        text.setFont(font, BODY_SIZE)
        for lines, col in zip(wrapped, columns, strict=True):
            width = col.width_mm * mm
            text_y = top - (height - len(lines) * LEADING) / 2 - BODY_SIZE + 2
            align = "center" if header else col.align
            for line in lines:
                offset = 2
                if col.stagger and not header:  # odd rows sign on the left half, even rows on the right
                    even = line[:-1].isdigit() and int(line[:-1]) % 2 == 0
                    offset = width / 2 + 2 if even else 2
                    text_y = top - BODY_SIZE - 1
                elif align != "left":
                    spare = width - measure(line, font)
                    offset = spare / 2 if align == "center" else spare - 2
                text.setTextOrigin(x + offset, text_y)
                self._show(text, line, font)
                text_y -= LEADING
            x += width
        self.c.drawText(text)
        self._grid(columns, top, height)
        self.y = top - height

    def _wrapped(self, cells, columns, font, min_height: float) -> tuple[list[list[str]], float]:
        """Each cell's lines in its column, and the row's height."""
        wrapped = [wrap(cell_text(cell), col.width_mm * mm - 4, self.measure, font)
                   for cell, col in zip(cells, columns, strict=True)]
        return wrapped, max(min_height, max((len(w) for w in wrapped), default=1) * LEADING + 6)

    def _show(self, text, line: str, font: str) -> None:
        """Draw one line of a cell. Years, villages, amounts repeat on every row: the PDF operators of a
        line drawn before in the same font subset are reused rather than encoded again (the glyphs are
        already in this document's subset; ReportLab's own textOut would also measure the line again
        only to move a cursor each line resets)."""
        known = self.shown.get((font, line))
        if known is not None and known[0] == text._curSubset:
            text._code.append(known[1])
            return
        code = text._formatText(line)
        text._code.append(code)
        if " Tf " not in code:  # no font switch inside: valid wherever this subset is current
            self.shown[(font, line)] = (text._curSubset, code)

    def _grid(self, columns, top: float, height: float) -> None:
        """The row's box and column rules as one path (cheaper than a rectangle per cell)."""
        path, x = self.c.beginPath(), MARGIN_LEFT
        right = MARGIN_LEFT + sum(col.width_mm for col in columns) * mm
        path.rect(MARGIN_LEFT, top - height, right - MARGIN_LEFT, height)
        for col in columns[:-1]:
            x += col.width_mm * mm
            path.moveTo(x, top)
            path.lineTo(x, top - height)
        self.c.drawPath(path, stroke=1, fill=0)

    def fits(self, height: float) -> bool:
        return self.y - height >= MARGIN_BOTTOM

    def draw(self, sheet: Sheet):
        self.width, self.height = landscape(A4) if sheet.landscape else A4
        self.measure = sheet.measure
        self.page_in_sheet = 0
        self.new_page()
        self.header(sheet)
        self.table_header(sheet.columns)
        row_height = sheet.row_height_mm * mm
        usable = self.width - MARGIN_LEFT - MARGIN_RIGHT
        closing = (sum(len(simpleSplit(text, ITALIC, 13, usable)) for text in sheet.after_lines) * 17
                   + (45 * mm if sheet.signatures else 0))
        rows = [(r, REGULAR) for r in self._fitted_rows(sheet, row_height, closing)]
        rows += [(r, BOLD) for r in sheet.total_rows]
        on_page = 0
        # The last rows (the total among them) go over together with the signatures rather than leave the
        # signatures, or the total row, alone on a page: decided once, at the first of them, on their real
        # heights; a short list keeps its first row where it is.
        tail = max(1, len(rows) - KEEP_WITH_SIGNATURES)
        for index, (cells, font) in enumerate(rows):
            keep = index == tail and on_page > 0
            if keep:
                keep = not self.fits(sum(self._wrapped(c, sheet.columns, f, row_height)[1] for c, f in rows[index:])
                                     + closing)
            if not self.fits(row_height + LEADING) or keep:
                self.new_page()
                self.table_header(sheet.columns)
                on_page = 0
            self._row(cells, sheet.columns, font, min_height=row_height)
            on_page += 1
        self.closing(sheet)

    def _fitted_rows(self, sheet: Sheet, row_height: float, closing: float) -> list[list]:
        """The sheet's rows, its blank walk-in rows cut to what the first page holds when the
        people listed and the signatures fit on it with at least MIN_BLANK of them: one page
        rather than a half-empty first and a second carrying three empty rows and the
        signatures. A list longer than a page keeps all its blank rows."""
        tail = sheet.blank_tail
        if not tail:
            return sheet.rows
        named = sheet.rows[:len(sheet.rows) - tail]
        available = self.y - MARGIN_BOTTOM - closing - LEADING  # below the first table header
        used = (len(named) + len(sheet.total_rows)) * row_height
        room = int((available - used) // row_height) if used <= available else tail
        if MIN_BLANK <= room < tail:
            return named + sheet.rows[len(named):len(named) + room]
        return sheet.rows

    def closing(self, sheet: Sheet):
        usable = self.width - MARGIN_LEFT - MARGIN_RIGHT
        self.y -= 8
        for text in sheet.after_lines:
            for line in simpleSplit(text, ITALIC, 13, usable):
                if not self.fits(LEADING):
                    self.new_page()
                self.c.setFont(ITALIC, 13)
                self.c.drawString(MARGIN_LEFT, self.y - 13, line)
                self.y -= 17
        if not sheet.signatures:
            return
        if not self.fits(35 * mm):  # titles never stranded at a page's foot without room to sign
            self.new_page()
        step = usable / len(sheet.signatures)
        self.y -= 8
        for i, title in enumerate(sheet.signatures):
            x = MARGIN_LEFT + step * (i + 0.5)
            self.c.setFont(BOLD, 13)
            self.c.drawCentredString(x, self.y - 13, title)
            self.c.setFont(ITALIC, 12)
            self.c.drawCentredString(x, self.y - 28, "(Ký, ghi rõ họ tên)")


def render_sheets(sheets: list[Sheet], *, title: str = "", progress=None) -> bytes:
    """One PDF with every sheet starting on a new page, each numbered from its own page 2.

    ``progress``, when given, is called with the share of sheets drawn so far (0 to 1).
    """
    register_fonts()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, pageCompression=1)
    canvas.setTitle(title)
    canvas.setAuthor("Hệ thống quản lý giảm nghèo bền vững")
    writer = _Writer(canvas)
    for index, sheet in enumerate(sheets):
        if index:
            canvas.showPage()
        writer.draw(sheet)
        if progress is not None:
            progress((index + 1) / len(sheets))
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
