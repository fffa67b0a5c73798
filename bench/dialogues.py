"""Dialogues: sheets against ReportLab's own Table, and registration suggestions in a large commune.

The sheets (18×50 and 100×50 attendees, one PDF) come from dialogues.pdfsheet (our direct
drawing path); the baseline is ReportLab platypus drawing the same rows in the same font with a
repeated header, as the issue measured. The suggestions are timed on a generated commune of
``BENCH_DIALOGUE_HOUSEHOLDS`` households (default 5,000) with a year of earlier sessions, all
written inside a transaction that is rolled back afterwards.
"""

from __future__ import annotations

import datetime
import io
import os
import random

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from bench.runner import benchmark, fact, overhead_target, threshold_target
from dialogues.columns import Column, Measure, cell_text, lay_out
from dialogues.payment import payment_columns
from dialogues.pdfsheet import REGULAR, Sheet, register_fonts, render_sheets
from dialogues.sheets import sign_in_columns

VILLAGES = ["Thôn Đăk Ba", "Thôn Đăk Răng", "Thôn Giang Lố 1", "Thôn Ngọc Hiệp"]
ETHNIC = ["Xơ Đăng", "Gié-Triêng", "Kinh", "Ba Na"]
BLOCK = ["Chương trình mục tiêu quốc gia giảm nghèo bền vững giai đoạn 2021 - 2025 – Dự án 6, Tiểu dự án 2: "
         "Truyền thông về giảm nghèo đa chiều", "Căn cứ Kế hoạch số 05/KH-UBND ngày 02/03/2026 của Ủy ban nhân dân xã",
         "Thời gian: 08 giờ 00 ngày 12/05/2026 (01 buổi)", "Địa điểm: Hội trường UBND xã",
         "Mức hỗ trợ: Tiền ăn: 100.000 đồng/người; Tiền đi lại: 50.000 đồng/người"]


def _sheet(title: str, columns: list[Column], rows: list[list], **extra) -> Sheet:
    """As dialogues.sheets.build_sheet makes it: the column model lays the columns out for these rows."""
    measure = Measure()
    laid, landscape = lay_out(columns, rows + extra.get("total_rows", []), measure)
    return Sheet([], ["ỦY BAN NHÂN DÂN", "XÃ SA LOONG"], "Sa Loong, ngày 12 tháng 5 năm 2026", title, BLOCK, laid,
                 rows, landscape=landscape, measure=measure, **extra)


def _sign_in_rows(session: int, people: int) -> list[list]:
    return [[str(i), f"Nguyễn Thị Phương Thảo {session}-{i}", "Nữ / 1978", ETHNIC[i % 4], VILLAGES[i % 4],
             "Hộ cận nghèo", ""] for i in range(1, people + 1)]


def _payment_rows(session: int, people: int) -> list[list]:
    return [[str(i), f"Nguyễn Thị Phương Thảo {session}-{i}", "1978", VILLAGES[i % 4], 100_000, 50_000, 150_000,
             "", ""] for i in range(1, people + 1)]


def _sheets(sessions: int, people: int = 50) -> list[Sheet]:
    """Each session's sign-in sheet (7 columns) and payment sheet (meal, travel, Cộng: 9 columns)."""
    sign_in = sign_in_columns(show_ethnicity=True, stagger=False)
    payment = payment_columns(["Tiền ăn", "Tiền đi lại"], stagger=False)
    sheets = []
    for s in range(sessions):
        sheets.append(_sheet("DANH SÁCH NGƯỜI DÂN THAM DỰ HỘI NGHỊ ĐỐI THOẠI CHÍNH SÁCH", sign_in,
                             _sign_in_rows(s, people), signatures=["NGƯỜI LẬP DANH SÁCH", "XÁC NHẬN CỦA UBND XÃ"]))
        total = ["", "Tổng cộng", "", f"{people} người", 100_000 * people, 50_000 * people, 150_000 * people, "", ""]
        sheets.append(_sheet("DANH SÁCH KÝ NHẬN TIỀN HỖ TRỢ", payment, _payment_rows(s, people), total_rows=[total],
                             after_lines=["Tổng số tiền bằng chữ: …"],
                             signatures=["NGƯỜI LẬP BIỂU", "KẾ TOÁN", "THỦ TRƯỞNG ĐƠN VỊ"]))
    return sheets


def _relaid(sheets: list[Sheet]) -> list[Sheet]:
    """The same sheets laid out again from their rows (what producing them costs besides drawing)."""
    return [_sheet(s.title, s.columns, s.rows, total_rows=s.total_rows, after_lines=s.after_lines,
                   signatures=s.signatures) for s in sheets]


def reportlab_table(sheets: list[Sheet]) -> bytes:
    """The baseline: platypus Tables with a repeated header, same rows, widths, orientation, font and size."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.units import mm
    from reportlab.platypus import (
        BaseDocTemplate,
        Frame,
        NextPageTemplate,
        PageBreak,
        PageTemplate,
        Table,
        TableStyle,
    )

    register_fonts()
    story = []
    for sheet in sheets:
        data = [[c.label for c in sheet.columns], *([cell_text(v) for v in row] for row in sheet.rows),
                *([cell_text(v) for v in row] for row in sheet.total_rows)]
        table = Table(data, colWidths=[c.width_mm * mm for c in sheet.columns], repeatRows=1,
                      rowHeights=[10 * mm] + [sheet.row_height_mm * mm] * (len(data) - 1))
        table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), REGULAR, 12), ("GRID", (0, 0), (-1, -1), 0.5, "black")]))
        story += [NextPageTemplate("landscape" if sheet.landscape else "portrait"), table, PageBreak()]
    buffer = io.BytesIO()
    doc = BaseDocTemplate(buffer, pagesize=A4)
    templates = []
    for name, size in (("portrait", A4), ("landscape", landscape(A4))):
        frame = Frame(30 * mm, 20 * mm, size[0] - 45 * mm, size[1] - 40 * mm)
        templates.append(PageTemplate(name, [frame], pagesize=size))
    doc.addPageTemplates(templates)
    doc.build(story)
    return buffer.getvalue()


def _peak_memory(sheets: list[Sheet]) -> None:
    """Peak Python memory of laying out and drawing the batch (ReportLab is pure Python: tracemalloc sees it)."""
    import tracemalloc

    tracemalloc.start()
    try:
        render_sheets(_relaid(sheets))
        peak = tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()
    fact("dialogues.sheets_100x50 peak memory", f"{peak:.0f} MB (tracemalloc peak, one batch)",
         passed=peak < 150, target="< 150 MB")


for sessions in (18, 100):
    def _ours(sessions=sessions):
        sheets = _sheets(sessions)
        if sessions == 100:
            _peak_memory(sheets)
        yield lambda: render_sheets(_relaid(sheets))

    def _baseline(sessions=sessions):
        sheets = _sheets(sessions)
        yield lambda: reportlab_table(sheets)

    benchmark(f"dialogues.sheets_{sessions}x50", f"sign-in + payment sheets, {sessions} sessions × 50 attendees: "
              "column model (widths from the content) + dialogues.pdfsheet")(_ours)
    benchmark(f"dialogues.reportlab_table_{sessions}x50", "the same rows and widths as ReportLab platypus Tables")(
        _baseline)
    limit = 0.0 if sessions == 100 else 0.2
    overhead_target(f"Sheets for {sessions}×50 within {1 + limit:.1f}× ReportLab drawing the same table",
                    subject=f"dialogues.sheets_{sessions}x50", baseline=f"dialogues.reportlab_table_{sessions}x50",
                    limit=limit)


# --- Registration suggestions for a commune of 5,000 households ---------------------------------

HOUSEHOLDS = int(os.environ.get("BENCH_DIALOGUE_HOUSEHOLDS", "5000"))
EARLIER_SESSIONS, EARLIER_ATTENDEES = 8, 50
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Đinh", "Hà", "Lò", "Y", "A", "Bùi", "Võ"]
GIVEN = ["Thị Lan", "Văn Nam", "Thị Hoà", "Văn Dũng", "Blúp", "Bích", "Thị Thuỷ", "Văn Sơn", "Thị Mai"]


def _generate_commune(rng: random.Random):
    """A commune of HOUSEHOLDS households (a third poor, a fifth near-poor, a tenth newly escaped, the rest
    unclassified; 40 % women heads; a third ethnic minorities) and a year of held sessions that some attended."""
    from areas.models import AdminUnit, UnitLevel
    from dialogues.models import Attendee, DialogueSession, SessionStatus
    from households.models import Classification, EthnicGroup, Household
    from households.models.reference import KINH_CODE
    from vntext import search_key

    commune = AdminUnit.objects.create(code="99970", name="Xã Thử Gợi Ý", short_name="Thử Gợi Ý", kind="Xã",
                                       level=UnitLevel.COMMUNE)
    groups = list(EthnicGroup.objects.all())
    kinh = [g for g in groups if g.code == KINH_CODE] or groups[:1]
    minorities = [g for g in groups if g.code != KINH_CODE] or kinh
    households = []
    for number in range(HOUSEHOLDS):
        name = f"{rng.choice(SURNAMES)} {rng.choice(GIVEN)} {number}"
        households.append(Household(commune=commune, code=f"GY{number:05d}", head_name=name, search_name=search_key(name),
                                    gender="F" if rng.random() < 0.4 else "M", birth_year=rng.randint(1940, 2000),
                                    village=f"Thôn {number % 12 + 1}",
                                    ethnic_group=rng.choice(minorities if rng.random() < 0.33 else kinh)))
    households = Household.objects.bulk_create(households, batch_size=1000)
    classes = rng.choices(["poor", "near_poor", "newly_escaped", None], weights=[33, 20, 10, 37], k=len(households))
    Classification.objects.bulk_create([Classification(household=h, year=2025, household_class=c)
                                        for h, c in zip(households, classes, strict=True) if c], batch_size=1000)
    start = timezone.make_aware(datetime.datetime(2025, 6, 10, 8, 0))
    for index in range(EARLIER_SESSIONS):
        held = DialogueSession.objects.create(commune=commune, year=2025, theme="Đối thoại trước", target=50,
                                              status=SessionStatus.HELD,
                                              starts_at=start + datetime.timedelta(days=40 * index))
        Attendee.objects.bulk_create([Attendee(session=held, household=h, full_name=h.head_name, present=True)
                                      for h in rng.sample(households, EARLIER_ATTENDEES)])
    # A real registry has planner statistics; rows inserted in this transaction have none until analysed.
    with connection.cursor() as cursor:
        for table in ("households_household", "households_classification", "dialogues_attendee",
                      "dialogues_dialoguesession"):
            cursor.execute(f"ANALYZE {table}")
    return DialogueSession.objects.create(commune=commune, year=2026, quarter=2, theme="Giảm nghèo", target=50,
                                          status=SessionStatus.SCHEDULED,
                                          starts_at=timezone.make_aware(datetime.datetime(2026, 5, 12, 8, 0)))


@benchmark("dialogues.suggestions_5000", f"suggest(): the 20 best-ranked of {HOUSEHOLDS:,} households with their "
           f"reasons ({EARLIER_SESSIONS} earlier sessions × {EARLIER_ATTENDEES} attendees), the registration "
           "page's suggestion list")
def suggestions_5000():
    from dialogues.priority import suggest

    with transaction.atomic():
        try:
            session = _generate_commune(random.Random(20260512))
            with CaptureQueriesContext(connection) as queries:
                best = suggest(session)
            fact("dialogues.suggestions_5000 queries", f"{len(queries)} queries, {len(best)} suggestions",
                 passed=len(queries) <= 8 and len(best) == 20, target="≤ 8 queries, 20 suggestions")
            yield lambda: suggest(session)
        finally:
            transaction.set_rollback(True)


threshold_target(f"Gợi ý đăng ký cho xã {HOUSEHOLDS:,} hộ dưới 50 ms", subject="dialogues.suggestions_5000",
                 seconds=0.050)
