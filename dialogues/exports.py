"""The sheets as workbooks: one worksheet per session, drawn from the same ``Sheet`` value as the PDF.

Same columns and widths (mm turned into Excel's character units), the Decree 30 header, the session
block, rows as tall as their wrapped text, amounts as numbers with «.» thousands, totals as SUM
formulas holding their value, the amount in words, the signature blocks; printed on A4 in the
sheet's orientation with the Decree 30 margins, the table header repeated on every page and
«Trang x/y» in the footer. Text never becomes a formula.
"""

from __future__ import annotations

import io

import xlsxwriter
from reportlab.lib.units import mm
from xlsxwriter.utility import xl_rowcol_to_cell

from budgets.workbook import MONEY  # «.» thousands in the file's own format (vi-VN)
from dialogues.columns import BODY_SIZE, BOLD, REGULAR, wrap
from dialogues.pdfsheet import Sheet
from households.sheets import safe_text

FONT = "Times New Roman"  # Liberation Serif's metrics: the widths measured for the PDF hold here
MIN_ROW_PT = 9 * 72 / 25.4  # 9 mm: room to sign
LINE_PT = 15


def excel_width(width_mm: float) -> float:
    """Excel's column width (characters of the default font, 7 px each plus 5 px padding at 96 dpi)."""
    return max(1.0, (width_mm / 25.4 * 96 - 5) / 7)


def _formats(book) -> dict:
    base = {"font_name": FONT, "font_size": BODY_SIZE, "valign": "vcenter"}

    def fmt(**extra):
        return book.add_format({**base, **extra})

    return {"centre": fmt(align="center"), "bold_centre": fmt(align="center", bold=True),
            "title": fmt(align="center", bold=True, font_size=14, text_wrap=True),
            "block": fmt(align="center", italic=True, text_wrap=True),
            "date": fmt(align="center", italic=True), "words": fmt(italic=True, text_wrap=True),
            "head": fmt(bold=True, border=1, align="center", text_wrap=True),
            "left": fmt(border=1, text_wrap=True), "center": fmt(border=1, text_wrap=True, align="center"),
            "right": fmt(border=1, align="right"), "money": fmt(border=1, num_format=MONEY),
            "total": fmt(border=1, bold=True, num_format=MONEY), "total_text": fmt(border=1, bold=True, text_wrap=True),
            "sign_odd": fmt(border=1, align="left", valign="top", font_size=9),
            "sign_even": fmt(border=1, align="center", valign="top", font_size=9)}


def _merged(ws, row: int, first: int, last: int, text: str, fmt) -> None:
    if last > first:
        ws.merge_range(row, first, row, last, safe_text(text), fmt)
    else:
        ws.write_string(row, first, safe_text(text), fmt)


def _header(ws, sheet: Sheet, formats, last: int) -> int:
    """The two-column header, the title and the session block; returns the table's first row."""
    split = max(1, min(last - 1, last // 2 - 1)) if last > 1 else 0
    left = [*sheet.parent_lines, *sheet.issuer_lines]
    right = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    for row in range(max(len(left), len(right))):
        if row < len(left):
            _merged(ws, row, 0, split, left[row], formats["bold_centre"])
        if row < len(right):
            _merged(ws, row, split + 1, last, right[row], formats["bold_centre"])
    row = max(len(left), len(right))
    _merged(ws, row, split + 1, last, sheet.date_line, formats["date"])
    row += 2
    usable = sum(c.width_mm for c in sheet.columns) * mm
    for text, key, size in [(sheet.title, "title", 14), *[(t, "block", 13) for t in sheet.subtitles]]:
        _merged(ws, row, 0, last, text, formats[key])
        lines = len(wrap(text, usable * BODY_SIZE / size - 12, sheet.measure, BOLD if key == "title" else REGULAR))
        ws.set_row(row, max(1, lines) * size * 1.3)
        row += 1
    return row + 1


def _row_height(sheet: Sheet, texts: list[str], font: str) -> float:
    lines = max((len(wrap(t, c.width_mm * mm - 4, sheet.measure, font)) for t, c in zip(texts, sheet.columns,
                                                                                        strict=True)), default=1)
    return max(MIN_ROW_PT, lines * LINE_PT + 4)


def _table(ws, sheet: Sheet, formats, top: int) -> int:
    """Header, rows and total rows; returns the row after the table."""
    for c, column in enumerate(sheet.columns):
        ws.write_string(top, c, column.label, formats["head"])
    ws.set_row(top, _row_height(sheet, [c.label for c in sheet.columns], BOLD))
    first = top + 1
    for r, cells in enumerate(sheet.rows, start=first):
        texts = []
        for c, (value, column) in enumerate(zip(cells, sheet.columns, strict=True)):
            texts.append(_cell(ws, r, c, value, column, formats))
        ws.set_row(r, _row_height(sheet, texts, REGULAR))
    end = first + len(sheet.rows)
    for r, cells in enumerate(sheet.total_rows, start=end):
        for c, (value, column) in enumerate(zip(cells, sheet.columns, strict=True)):
            if column.kind == "money" and isinstance(value, int) and sheet.rows:
                span = f"{xl_rowcol_to_cell(first, c)}:{xl_rowcol_to_cell(end - 1, c)}"
                ws.write_formula(r, c, f"=SUM({span})", formats["total"], value)
            elif isinstance(value, int):
                ws.write_number(r, c, value, formats["total"])
            else:
                ws.write_string(r, c, safe_text(value or ""), formats["total_text"])
        ws.set_row(r, MIN_ROW_PT)
    ws.repeat_rows(top)
    return end + len(sheet.total_rows)


def _cell(ws, r: int, c: int, value, column, formats) -> str:
    if isinstance(value, int):
        ws.write_number(r, c, value, formats["money"])
        return f"{value:,}"
    text = safe_text(value or "")
    if column.stagger:
        even = text[:-1].isdigit() and int(text[:-1]) % 2 == 0
        ws.write_string(r, c, text, formats["sign_even" if even else "sign_odd"])
        return ""
    ws.write_string(r, c, text, formats[column.align if column.align in ("center", "right") else "left"])
    return text


def _closing(ws, sheet: Sheet, formats, row: int, last: int) -> None:
    row += 1
    for text in sheet.after_lines:
        _merged(ws, row, 0, last, text, formats["words"])
        row += 1
    if not sheet.signatures:
        return
    row += 1
    count = len(sheet.signatures)
    bounds = [round(i * (last + 1) / count) for i in range(count + 1)]
    for i, title in enumerate(sheet.signatures):
        _merged(ws, row, bounds[i], bounds[i + 1] - 1, title, formats["bold_centre"])
        _merged(ws, row + 1, bounds[i], bounds[i + 1] - 1, "(Ký, ghi rõ họ tên)", formats["date"])


def _page_setup(ws, sheet: Sheet) -> None:
    ws.set_paper(9)  # A4
    if sheet.landscape:
        ws.set_landscape()
    ws.set_margins(left=30 / 25.4, right=15 / 25.4, top=20 / 25.4, bottom=20 / 25.4)
    ws.fit_to_pages(1, 0)
    ws.set_footer("&C&\"Times New Roman\"&11Trang &P/&N")


def write_sheet(ws, sheet: Sheet, formats) -> None:
    """One sheet on one worksheet."""
    last = len(sheet.columns) - 1
    for c, column in enumerate(sheet.columns):
        ws.set_column(c, c, excel_width(column.width_mm))
    top = _header(ws, sheet, formats, last)
    end = _table(ws, sheet, formats, top)
    _closing(ws, sheet, formats, end, last)
    _page_setup(ws, sheet)


def worksheet_name(text: str, used: set[str]) -> str:
    """A unique worksheet name of at most 31 characters without the characters Excel refuses."""
    base = safe_text(text)[:24]
    for ch in "[]:*?/\\'":
        base = base.replace(ch, " ")
    base = base.strip() or "Trang"
    name, n = base, 2
    while name.casefold() in {u.casefold() for u in used}:
        name, n = f"{base} ({n})", n + 1
    used.add(name)
    return name


def sheets_workbook(named_sheets: list[tuple[str, Sheet]], *, empty_text: str = "Không có hội nghị nào.") -> bytes:
    """A workbook of (worksheet name, sheet) pairs."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False,
                                        "strings_to_urls": False, "strings_to_numbers": False})
    formats = _formats(book)
    used: set[str] = set()
    for name, sheet in named_sheets:
        write_sheet(book.add_worksheet(worksheet_name(name, used)), sheet, formats)
    if not used:
        book.add_worksheet("Trống").write_string(0, 0, empty_text)
    book.close()
    return buffer.getvalue()
