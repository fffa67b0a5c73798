"""How the estimate workbook prints: the lines a text wraps to in a column, a column's printed
width, the scale that fits the page, room for Quốc hiệu; and the worksheet that lets go of each
row once it is written (constant memory, row heights included)."""

import math

from xlsxwriter.worksheet import Worksheet

from documents.metrics import text_width_mm
from documents.official import QUOC_HIEU

# Printing: A4 landscape minus the margins is about 10.8 inches; a character of column width is about
# 7 pixels (96 per inch) plus 5 pixels of padding per column. Shrinking to fit stops at 10 pt.
FONT_PT, MIN_FONT_PT, PRINTABLE_PX = 12, 10, 10.8 * 96


def text_lines(text: str, width: float) -> int:
    """How many lines a wrapped text takes in a column of ``width`` characters (Times New Roman 12)."""
    chars = max(1, int(width * 1.15))
    text = str(text)
    if len(text) <= chars and "\n" not in text:  # most cells: one short line, nothing to split
        return 1
    return sum(max(1, math.ceil(len(part) / chars)) for part in text.split("\n"))


# A sheet's printed text, measured: Excel sets it in Times New Roman (the shipped Liberation
# Serif's metrics); LibreOffice without that font falls back to DejaVu Serif, up to 1.29 times
# as wide (bold mixed case; 1.18 in capitals). Rows and merged widths are sized for the wider,
# so neither program clips the header block: in Excel a title may get a spare line instead.
FALLBACK_WIDTH = 1.3
CELL_PADDING_MM = 2.0  # the cell's inner margins, both sides together


def column_mm(width: float) -> float:
    """A column's printed width before scaling: ``width`` characters of 7 px plus 5 px, at 96 dpi."""
    return int(width * 7 + 5) * 25.4 / 96


def printed_lines(text: str, width_mm: float, *, size_pt: float, bold: bool = False,
                  italic: bool = False) -> int:
    """How many lines ``text`` wraps to in a cell ``width_mm`` wide, in the wider of the fonts."""
    room = width_mm - CELL_PADDING_MM

    def fits(line: str) -> bool:
        return text_width_mm(line, size_pt=size_pt, bold=bold, italic=italic) * FALLBACK_WIDTH <= room

    count = 0
    for part in str(text).split("\n"):
        line = ""
        for word in part.split():
            if line and not fits(f"{line} {word}"):
                count, line = count + 1, word
            else:
                line = f"{line} {word}".strip()
        count += 1
    return count


def motto_mm() -> float:
    """The width Quốc hiệu (the wider of the two motto lines, 12 pt bold) needs on one line."""
    return text_width_mm(QUOC_HIEU, size_pt=FONT_PT, bold=True) * FALLBACK_WIDTH + CELL_PADDING_MM


def with_room_for_motto(widths: list[float], *, left_block: int) -> list[float]:
    """``widths`` with the last column widened, if need be, until the columns right of the
    agency block hold Quốc hiệu on one line (a merged cell clips what does not fit)."""
    widths = list(widths)
    while sum(column_mm(w) for w in widths[left_block:]) < motto_mm():
        widths[-1] += 1
    return widths


def print_scale(widths: list[float]) -> int | None:
    """The scale that fits the columns to the page's width, or ``None`` when fit-to-width stays ≥ 10 pt."""
    pixels = sum(int(w * 7 + 5) for w in widths)
    if FONT_PT * PRINTABLE_PX / pixels >= MIN_FONT_PT:
        return None
    return math.ceil(100 * MIN_FONT_PT / FONT_PT)  # 84 %: the columns continue on the next page


class StreamedWorksheet(Worksheet):
    """A constant-memory worksheet that also lets go of a row's height once the row is written.

    xlsxwriter keeps every ``set_row()`` in ``row_info`` and ``row_sizes`` until the file is
    closed, although a written row is never read again (only images and charts, which these sheets
    have none of, measure rows later): some 300 bytes a line, 30 MB for 100,000 lines that each
    wrap (the funding source's full name does). The row's ``<row ht=…>`` is written as before.
    """

    def _write_single_row(self, current_row_num=0) -> None:
        written = self.previous_row
        super()._write_single_row(current_row_num)
        self.row_info.pop(written, None)
        self.row_sizes.pop(written, None)
