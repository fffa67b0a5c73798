"""The sheets as spreadsheets: one worksheet per session, text never becomes a formula."""

import io

import xlsxwriter

from dialogues.models import DialogueSession
from dialogues.sheets import payment_rows, session_header, sign_in_rows, support_amount
from documents.money import vi_money_words
from households.sheets import safe_text

SIGN_IN_HEAD = ["STT", "Họ và tên", "Giới tính / Năm sinh", "Dân tộc", "Thôn", "Loại hộ", "Ký tên"]
PAYMENT_HEAD = ["STT", "Họ và tên", "Địa chỉ", "Số tiền (đồng)", "Ký nhận"]


def _book():
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False,
                                        "strings_to_urls": False, "strings_to_numbers": False})
    return buffer, book


def _sheet_name(session: DialogueSession, used: set[str]) -> str:
    base = safe_text(session.commune.short_name or session.commune.name)[:24]
    for ch in "[]:*?/\\":
        base = base.replace(ch, " ")
    name, n = base, 2
    while name in used:
        name, n = f"{base} ({n})", n + 1
    used.add(name)
    return name


def _write_rows(sheet, start: int, rows, formats) -> int:
    for r, row in enumerate(rows, start=start):
        for c, value in enumerate(row):
            if isinstance(value, int):
                sheet.write_number(r, c, value, formats["money"] if c == 3 and len(row) == 5 else formats["cell"])
            else:
                sheet.write_string(r, c, safe_text(value), formats["cell"])
    return start + len(rows)


def _titles(sheet, session, title: str, bold) -> int:
    header = session_header(session)
    lines = [*header.issuer_lines, title, f"Hội nghị đối thoại tại {session.commune.name}, {session.when_text}"]
    for i, line in enumerate(lines):
        sheet.write_string(i, 0, safe_text(line), bold)
    return len(lines) + 1


def sheets_xlsx(sessions, *, kind: str, show_ethnicity: bool) -> bytes:
    """Sign-in (kind="sign_in") or payment (kind="payment") sheets, one worksheet per session."""
    buffer, book = _book()
    formats = {"bold": book.add_format({"bold": True}),
               "head": book.add_format({"bold": True, "border": 1, "align": "center", "text_wrap": True}),
               "cell": book.add_format({"border": 1, "valign": "top"}),
               "money": book.add_format({"border": 1, "num_format": "#,##0"}),
               "total": book.add_format({"border": 1, "bold": True, "num_format": "#,##0"})}
    used: set[str] = set()
    for session in sessions:
        sheet = book.add_worksheet(_sheet_name(session, used))
        if kind == "payment":
            _payment(sheet, session, formats)
        else:
            line = _titles(sheet, session, "DANH SÁCH NGƯỜI DÂN THAM DỰ HỘI NGHỊ ĐỐI THOẠI", formats["bold"])
            sheet.write_row(line, 0, SIGN_IN_HEAD, formats["head"])
            _write_rows(sheet, line + 1, sign_in_rows(session, show_ethnicity=show_ethnicity), formats)
            sheet.set_column(1, 1, 28)
            sheet.set_column(2, 6, 14)
    if not used:
        book.add_worksheet("Trống").write_string(0, 0, "Không có hội nghị nào.")
    book.close()
    return buffer.getvalue()


def _payment(sheet, session, formats) -> None:
    line = _titles(sheet, session, "DANH SÁCH KÝ NHẬN TIỀN HỖ TRỢ", formats["bold"])
    amount, _ = support_amount(session)
    rows, _, total = payment_rows(session)
    sheet.write_row(line, 0, PAYMENT_HEAD, formats["head"])
    end = _write_rows(sheet, line + 1, rows, formats)
    sheet.write_string(end, 1, "Tổng cộng", formats["total"])
    if rows:
        sheet.write_formula(end, 3, f"=SUM(D{line + 2}:D{end})", formats["total"], total)
    else:
        sheet.write_number(end, 3, 0, formats["total"])
    sheet.write_string(end + 2, 0, safe_text(f"Bằng chữ: {vi_money_words(total)}."), formats["bold"])
    sheet.set_column(1, 2, 30)
    sheet.set_column(3, 4, 16)
