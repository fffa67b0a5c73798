"""Sign-in and payment sheets (18×50 and 100×50 attendees, one PDF) against ReportLab's own Table.

The sheets come from dialogues.pdfsheet (our direct drawing path); the baseline is ReportLab
platypus drawing the same rows in the same font with a repeated header, as the issue measured.
"""

from __future__ import annotations

import io

from bench.runner import benchmark, overhead_target
from dialogues.pdfsheet import REGULAR, Sheet, register_fonts, render_sheets
from dialogues.sheets import PAYMENT_COLUMNS, SIGN_IN_COLUMNS
from documents.money import format_vnd

VILLAGES = ["Thôn Đăk Ba", "Thôn Đăk Răng", "Thôn Giang Lố 1", "Thôn Ngọc Hiệp"]


def _sign_in(session: int, people: int) -> Sheet:
    rows = [[str(i), f"Nguyễn Thị Phương Thảo {session}-{i}", "Nữ / 1978", "Xơ Đăng", VILLAGES[i % 4],
             "Hộ cận nghèo", ""] for i in range(1, people + 1)]
    return Sheet([], ["ỦY BAN NHÂN DÂN", "XÃ SA LOONG"], "Sa Loong, ngày 12 tháng 5 năm 2026",
                 "DANH SÁCH NGƯỜI DÂN THAM DỰ HỘI NGHỊ ĐỐI THOẠI CHÍNH SÁCH", [f"Hội nghị số {session}"],
                 SIGN_IN_COLUMNS, rows, row_height_mm=9, signatures=["NGƯỜI LẬP DANH SÁCH", "XÁC NHẬN CỦA UBND XÃ"])


def _payment(session: int, people: int) -> Sheet:
    rows = [[str(i), f"Nguyễn Thị Phương Thảo {session}-{i}", f"{VILLAGES[i % 4]}, Xã Sa Loong",
             format_vnd(100_000), ""] for i in range(1, people + 1)]
    return Sheet([], ["ỦY BAN NHÂN DÂN", "XÃ SA LOONG"], "Sa Loong, ngày 12 tháng 5 năm 2026",
                 "DANH SÁCH KÝ NHẬN TIỀN HỖ TRỢ", [f"Hội nghị số {session}"], PAYMENT_COLUMNS, rows, row_height_mm=9,
                 total_rows=[["", "Tổng cộng", f"{people} người", format_vnd(100_000 * people), ""]],
                 after_lines=["Tổng số tiền bằng chữ: …"], signatures=["NGƯỜI LẬP", "KẾ TOÁN", "THỦ TRƯỞNG"])


def reportlab_table(sheets: list[Sheet]) -> bytes:
    """The baseline: platypus Table with a repeated header, same rows, same font and size."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import PageBreak, SimpleDocTemplate, Table, TableStyle

    register_fonts()
    story = []
    for sheet in sheets:
        data = [[c.label for c in sheet.columns], *sheet.rows, *sheet.total_rows]
        table = Table(data, colWidths=[c.width_mm * mm for c in sheet.columns], repeatRows=1,
                      rowHeights=[10 * mm] + [sheet.row_height_mm * mm] * (len(data) - 1))
        table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), REGULAR, 12), ("GRID", (0, 0), (-1, -1), 0.5, "black")]))
        story += [table, PageBreak()]
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4).build(story)
    return buffer.getvalue()


for sessions in (18, 100):
    def _ours(sessions=sessions):
        sheets = [_sign_in(s, 50) for s in range(sessions)] + [_payment(s, 50) for s in range(sessions)]
        yield lambda: render_sheets(sheets)

    def _baseline(sessions=sessions):
        sheets = [_sign_in(s, 50) for s in range(sessions)] + [_payment(s, 50) for s in range(sessions)]
        yield lambda: reportlab_table(sheets)

    benchmark(f"dialogues.sheets_{sessions}x50", f"sign-in + payment sheets, {sessions} sessions × 50 attendees, "
              "dialogues.pdfsheet")(_ours)
    benchmark(f"dialogues.reportlab_table_{sessions}x50", "the same rows as ReportLab platypus Tables")(_baseline)
    overhead_target(f"Sheets for {sessions}×50 within 1.5× ReportLab drawing the same table",
                    subject=f"dialogues.sheets_{sessions}x50", baseline=f"dialogues.reportlab_table_{sessions}x50",
                    limit=0.5)
