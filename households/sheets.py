"""Small .xlsx and .csv writers for our tables: title lines, a header, rows; text never becomes a formula."""

import csv
import io
import re

import xlsxwriter

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# What a spreadsheet reads as the start of a formula when it opens a csv file (OWASP, CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
UTF8_BOM = "\ufeff"


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


def csv_cell(value):
    """A csv cell: numbers stay numbers; text that a spreadsheet would start a formula with gets a
    leading apostrophe, so «=HYPERLINK(…)», «+84…» or «- ghi chú» open as the text they are."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "x" if value else ""
    if isinstance(value, int | float):
        return value
    text = safe_text(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def write_csv(*, title_lines: list[str], header: list[str], rows) -> bytes:
    """UTF-8 with a byte-order mark (so Excel reads Vietnamese right), comma-separated, CRLF lines."""
    buffer = io.StringIO()
    buffer.write(UTF8_BOM)
    writer = csv.writer(buffer)
    for line in title_lines:
        writer.writerow([csv_cell(line)])
    writer.writerow([csv_cell(label) for label in header])
    for row in rows:
        writer.writerow([csv_cell(value) for value in row])
    return buffer.getvalue().encode("utf-8")
