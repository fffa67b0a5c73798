"""A small .xlsx writer for our tables: title lines, a header, rows; text never becomes a formula."""

import io
import re

import xlsxwriter

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def safe_text(value) -> str:
    """Control characters stripped; the caller writes it as a string, so "=…" stays text."""
    return CONTROL.sub("", str(value))


def write_table(*, sheet_name: str, title_lines: list[str], header_rows: list[list], rows,
                widths: dict[int, int] | None = None, merges: list[tuple] = ()) -> bytes:
    """The workbook bytes; every str cell is written with write_string (formula-safe)."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False,
                                        "strings_to_urls": False, "strings_to_numbers": False})
    sheet = book.add_worksheet(sheet_name[:31])
    bold = book.add_format({"bold": True})
    head = book.add_format({"bold": True, "border": 1, "align": "center", "valign": "vcenter",
                            "text_wrap": True, "bg_color": "#EEEEEE"})
    cell = book.add_format({"border": 1, "valign": "top"})
    line = 0
    for text in title_lines:
        sheet.write_string(line, 0, safe_text(text), bold)
        line += 1
    line += 1 if title_lines else 0
    for header in header_rows:
        for col, label in enumerate(header):
            sheet.write_string(line, col, safe_text(label or ""), head)
        line += 1
    first_header = line - len(header_rows)
    for r0, c0, r1, c1, label in merges:
        sheet.merge_range(first_header + r0, c0, first_header + r1, c1, safe_text(label), head)
    for row in rows:
        for col, value in enumerate(row):
            _write(sheet, line, col, value, cell)
        line += 1
    for col, width in (widths or {}).items():
        sheet.set_column(col, col, width)
    sheet.freeze_panes(first_header + len(header_rows), 0)
    book.close()
    return buffer.getvalue()


def _write(sheet, row, col, value, fmt):
    if value is None or value == "":
        sheet.write_blank(row, col, None, fmt)
    elif isinstance(value, bool):
        sheet.write_string(row, col, "x" if value else "", fmt)
    elif isinstance(value, int | float):
        sheet.write_number(row, col, value, fmt)
    else:
        sheet.write_string(row, col, safe_text(value), fmt)
