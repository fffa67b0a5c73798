"""The sheets as a signer reads them: who is listed, how two of one name differ, the payment's
amounts, totals and words, the blank rows for walk-ins, and what happens without a rate."""

import datetime
import io
import re

import pytest
from pypdf import PdfReader

from dialogues.columns import LANDSCAPE_MM, PORTRAIT_MM
from dialogues.models import SessionOfficial, SessionStatus
from dialogues.payment import HAND_WORDS, PaymentUnavailable, payment_sheet
from dialogues.pdfsheet import render_sheets
from dialogues.sheets import officials_sheet, sign_in_sheet
from tests.budgets.factories import EstimateLineFactory, NormFactory
from tests.dialogues.conftest import make_household
from tests.dialogues.factories import AttendeeFactory


def _text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


@pytest.fixture
def rated(session):
    session.budget_line = EstimateLineFactory(unit_price=100_000, note="Thông tư 40/2017/TT-BTC")
    session.travel_line = EstimateLineFactory(content="Hỗ trợ tiền đi lại", unit_price=50_000, note="")
    session.save()
    return session


def test_a_session_with_nobody_yet_prints_only_numbered_blank_rows(session):
    sheet = sign_in_sheet(session, show_ethnicity=True)
    assert [row[0] for row in sheet.rows] == ["1", "2", "3", "4", "5"] and not any(any(r[1:]) for r in sheet.rows)
    assert "Ký tên" in _text(render_sheets([sheet]))


def test_four_hundred_attendees_run_over_pages_with_the_header_on_each(session):
    AttendeeFactory.create_batch(400, session=session, present=True)
    reader = PdfReader(io.BytesIO(render_sheets([sign_in_sheet(session, show_ethnicity=True)])))
    texts = [page.extract_text() for page in reader.pages]
    assert len(texts) >= 10 and all("STT" in text for text in texts)
    assert "\n".join(texts).count("Lò Thị Dự") == 400
    assert texts[1].lstrip().startswith("2")  # page numbers from page 2
    assert "NGƯỜI LẬP DANH SÁCH" in texts[-1] and "398" in texts[-1]  # signatures keep rows with them


@pytest.mark.parametrize("kind", ["payment", "sign_in"])
def test_the_total_row_and_signatures_never_go_over_without_the_rows_before_them(rated, kind):
    """However many came, the last page carries at least two people (the total among them) with the
    signatures: never the total row alone, never a page of signatures under one name."""
    for count in range(1, 41):
        AttendeeFactory(session=rated, present=True)
        sheet = payment_sheet(rated) if kind == "payment" else sign_in_sheet(rated, show_ethnicity=True)
        last = PdfReader(io.BytesIO(render_sheets([sheet]))).pages[-1].extract_text()
        assert len(re.findall(r"Lò Thị Dự \d+", last)) >= min(count, 2), (kind, count)
        assert "NGƯỜI LẬP" in last and (kind != "payment" or "Tổng cộng" in last)


def test_signatures_never_stand_alone_on_a_page_after_a_short_list_of_tall_rows():
    """Two people, one with a village of five lines: the rows fitted page 1 and the signatures went to
    page 2 alone (the rows kept with them were counted at their least height, and only from the fourth).
    However long the session block above the table, the signatures carry the total and a person."""
    from dialogues.columns import Measure, lay_out
    from dialogues.payment import SIGNATURES, payment_columns
    from dialogues.pdfsheet import Sheet

    rows = [["1", "Lò Văn A", "1980", "Bản Na", 100_000, ""], ["2", "Lò Thị Dự", "1981", "Thôn " + "Đắk-Wơk-" * 14,
                                                             100_000, ""]]
    total = [["", "Tổng cộng", "", "2 người", 200_000, ""]]
    columns = [c for c in payment_columns(["Tiền ăn"], stagger=False) if c.key != "note"]
    for block in range(1, 30):
        measure = Measure()
        laid, landscape = lay_out(columns, rows + total, measure)
        sheet = Sheet([], ["ỦY BAN NHÂN DÂN", "XÃ SA LOONG"], "Sa Loong, ngày 12 tháng 5 năm 2026", "DANH SÁCH",
                      ["Thời gian: 08 giờ 00 ngày 12/05/2026"] * block, laid, rows, total_rows=total,
                      after_lines=["Tổng số tiền bằng chữ: Hai trăm nghìn đồng chẵn./."], signatures=SIGNATURES,
                      landscape=landscape, measure=measure)
        last = PdfReader(io.BytesIO(render_sheets([sheet]))).pages[-1].extract_text()
        assert "NGƯỜI LẬP BIỂU" in last and "Tổng cộng" in last and "Lò Thị Dự" in last, block


def test_names_of_sixty_characters_stay_inside_their_cells(session):
    long = "Nguyễn Hoàng Thị Phương Thảo Ngọc Bích Trâm Anh Thư Khánh Li"
    assert len(long) == 60
    AttendeeFactory(session=session, full_name=long, present=True)
    sheet = sign_in_sheet(session, show_ethnicity=True)
    page = LANDSCAPE_MM if sheet.landscape else PORTRAIT_MM
    assert sum(c.width_mm for c in sheet.columns) <= page + 0.1
    text = _text(render_sheets([sheet]))
    assert "Nguyễn Hoàng Thị Phương Thảo" in text and "Khánh Li" in text


def test_two_people_of_one_name_year_and_village_are_told_apart(session, own_unit):
    first = make_household(own_unit, name="Hồ Văn An")
    second = make_household(own_unit, name="Hồ Văn An")
    for household in (first, second):
        AttendeeFactory(session=session, household=household, full_name="Hồ Văn An", birth_year=1975)
    AttendeeFactory(session=session, full_name="Lê Thị Hoa", birth_year=1980)
    AttendeeFactory(session=session, full_name="Lê Thị Hoa", birth_year=1980)
    names = [row[1] for row in sign_in_sheet(session, show_ethnicity=True).rows if row[1]]
    assert f"Hồ Văn An (mã hộ {first.code})" in names and f"Hồ Văn An (mã hộ {second.code})" in names
    assert "Lê Thị Hoa (người thứ 1 cùng họ tên)" in names and "Lê Thị Hoa (người thứ 2 cùng họ tên)" in names
    assert len(set(names)) == len(names)


def test_same_name_in_other_villages_or_years_is_left_as_written(session):
    AttendeeFactory(session=session, full_name="Hồ Văn An", birth_year=1975, village="Thôn A")
    AttendeeFactory(session=session, full_name="Hồ Văn An", birth_year=1975, village="Thôn B")
    AttendeeFactory(session=session, full_name="Hồ Văn An", birth_year=1990, village="Thôn A")
    names = [row[1] for row in sign_in_sheet(session, show_ethnicity=True).rows if row[1]]
    assert names == ["Hồ Văn An"] * 3


@pytest.mark.parametrize("meal, travel", [(None, None), (None, 50_000), (0, None)])
def test_no_rate_no_payment_sheet(session, meal, travel):
    if meal is not None:
        session.budget_line = EstimateLineFactory(unit_price=meal)
    if travel is not None:
        session.travel_line = EstimateLineFactory(unit_price=travel)
    session.save()
    with pytest.raises(PaymentUnavailable) as error:
        payment_sheet(session)
    assert error.value.missing[0].label == "Mức hỗ trợ tiền ăn"
    assert error.value.missing[0].url.endswith(f"/{session.pk}/sua/")


def test_a_meal_line_priced_zero_is_named_not_called_unlinked(client_as, commune_staff, session):
    session.budget_line = EstimateLineFactory(content="Tiền ăn người dân", unit_price=0)
    session.save()
    page = client_as(commune_staff).get(f"/doi-thoai/{session.pk}/chi-tra.pdf").content.decode()
    assert "«Tiền ăn người dân» có đơn giá 0 đồng" in page and "Chưa liên kết dòng dự toán tiền ăn" not in page


def test_a_travel_line_priced_zero_is_named(session):
    session.budget_line = EstimateLineFactory(unit_price=100_000)
    session.travel_line = EstimateLineFactory(content="Tiền xe", unit_price=0)
    session.save()
    with pytest.raises(PaymentUnavailable) as error:
        payment_sheet(session)
    assert [m.label for m in error.value.missing] == ["Mức hỗ trợ tiền đi lại"] and "Tiền xe" in str(error.value)


def test_blank_amounts_are_a_choice_that_needs_no_rate(session):
    AttendeeFactory(session=session, present=True)
    sheet = payment_sheet(session, blank_amounts=True)
    assert sheet.rows[0][4] == "" and sheet.after_lines == [HAND_WORDS]
    assert "0 đồng" not in _text(render_sheets([sheet]))


def test_payment_after_check_in_pays_meal_and_travel_with_total_and_words(rated):
    came = AttendeeFactory.create_batch(3, session=rated, present=True)
    AttendeeFactory(session=rated, present=False, full_name="Người Vắng Mặt")
    walk_in = AttendeeFactory(session=rated, present=True, is_walk_in=True, full_name="Người Đến Thẳng")
    sheet = payment_sheet(rated)
    labels = [c.label for c in sheet.columns]
    assert labels[4:7] == ["Tiền ăn (đồng)", "Tiền đi lại (đồng)", "Cộng (đồng)"] and "Ghi chú" in labels
    assert len(sheet.rows) == 4 and sheet.rows[0][4:7] == [100_000, 50_000, 150_000]
    assert sheet.total_rows == [["", "Tổng cộng", "", "4 người", 400_000, 200_000, 600_000, "", ""]]
    assert sheet.after_lines == ["Tổng số tiền bằng chữ: Sáu trăm nghìn đồng chẵn./."]
    text = _text(render_sheets([sheet]))
    assert all(a.full_name in text for a in [*came, walk_in]) and "Người Vắng Mặt" not in text
    assert "Đến trực tiếp" in text and "600.000" in text
    assert all(t in text for t in ("NGƯỜI LẬP BIỂU", "KẾ TOÁN", "THỦ TRƯỞNG ĐƠN VỊ"))
    assert "Mức hỗ trợ: Tiền ăn: 100.000 đồng/người (Thông tư 40/2017/TT-BTC); Tiền đi lại: 50.000" in text


def test_payment_with_meal_only_has_no_cong_column(session, province):
    NormFactory(province=province, code="AN_XA", amount=100_000)
    AttendeeFactory(session=session, present=True)
    labels = [c.label for c in payment_sheet(session).columns]
    assert "Tiền ăn (đồng)" in labels and "Cộng (đồng)" not in labels and "Tiền đi lại (đồng)" not in labels


def test_payment_printed_before_the_meeting_leaves_totals_to_the_hand(rated):
    AttendeeFactory.create_batch(2, session=rated)
    sheet = payment_sheet(rated)
    assert len(sheet.rows) == 2 + 5 and sheet.rows[-1][4:7] == ["", "", ""]
    assert sheet.total_rows[0][3:7] == ["", "", "", ""] and sheet.after_lines == [HAND_WORDS]


def test_staggered_signatures_alternate_sides(rated):
    AttendeeFactory.create_batch(4, session=rated, present=True)
    sheet = payment_sheet(rated, stagger=True)
    sign = [c.key for c in sheet.columns].index("sign")
    assert [row[sign] for row in sheet.rows] == ["1.", "2.", "3.", "4."] and sheet.columns[sign].stagger
    assert render_sheets([sheet]).startswith(b"%PDF")


def test_officials_list_splits_position_and_leaves_rows_for_late_officials(session):
    SessionOfficial.objects.create(session=session, level="commune", position="Phó Chủ tịch UBND xã",
                                   name="Ngô Anh Vũ", order=1)
    SessionOfficial.objects.create(session=session, level="organisation", position="Chủ tịch Hội Nông dân xã",
                                   name="Hà Thị Lan", order=2)
    sheet = officials_sheet(session)
    assert [c.label for c in sheet.columns] == ["STT", "Họ và tên", "Chức vụ", "Đơn vị", "Ký tên", "Ghi chú"]
    assert sheet.rows[0][:4] == ["1", "Ngô Anh Vũ", "Phó Chủ tịch", "UBND xã"] and len(sheet.rows) == 5
    text = _text(render_sheets([sheet]))
    assert "DANH SÁCH ĐẠI BIỂU" in text and "Hội Nông dân xã" in text


def test_officials_list_prints_a_name_typed_with_its_title_once(client_as, commune_staff, session):
    SessionOfficial.objects.create(session=session, level="district", name="Bà Y Ngọc - Phó Chủ tịch",
                                   position="Phó Chủ tịch UBND huyện Ngọc Hồi, tỉnh Kon Tum", order=1)
    SessionOfficial.objects.create(session=session, level="commune", name="ông lê văn tám", position="Trưởng thôn",
                                   order=2)
    sheet = officials_sheet(session)
    assert sheet.rows[0][1:4] == ["Y Ngọc", "Phó Chủ tịch", "UBND huyện Ngọc Hồi, tỉnh Kon Tum"]
    assert sheet.rows[1][1:4] == ["Lê Văn Tám", "Trưởng thôn", ""]
    response = client_as(commune_staff).get(f"/doi-thoai/{session.pk}/dai-bieu.pdf")
    text = _text(b"".join(response))
    assert "Y Ngọc - Phó" not in text and "tỉnh Kon Tum" in text


def test_officials_list_printed_on_the_day_after_check_in_began_keeps_rows_for_late_officials(session):
    SessionOfficial.objects.create(session=session, level="commune", position="Phó Chủ tịch UBND xã", name="Ngô Anh Vũ")
    AttendeeFactory(session=session, present=True)  # citizens are checking in; the officials sign this list
    rows = officials_sheet(session).rows
    assert [row[1] for row in rows] == ["Ngô Anh Vũ", "", "", ""] and rows[-1][0] == "4"


@pytest.mark.parametrize("kind, confirms", [("Phường", "XÁC NHẬN CỦA UBND PHƯỜNG"), ("Đặc khu", "XÁC NHẬN CỦA UBND ĐẶC KHU"),
                                             ("Xã", "XÁC NHẬN CỦA UBND XÃ")])
def test_the_list_is_confirmed_by_the_committee_of_a_ward_as_a_ward(db, kind, confirms):
    from tests.dialogues.factories import ScheduledSessionFactory
    from tests.factories import AdminUnitFactory

    session = ScheduledSessionFactory(commune=AdminUnitFactory(kind=kind, short_name="Ba Đình"))
    AttendeeFactory(session=session)
    for sheet in (sign_in_sheet(session, show_ethnicity=True), officials_sheet(session)):
        assert sheet.signatures == ["NGƯỜI LẬP DANH SÁCH", confirms]
        assert confirms in _text(render_sheets([sheet]))


def test_officials_list_after_the_meeting_has_no_blank_rows(session):
    AttendeeFactory(session=session, present=True)
    session.status = SessionStatus.HELD
    session.save()
    assert officials_sheet(session).rows == []


def test_every_sheet_carries_the_session_block(rated, officer, own_unit):
    from plans.models import PlanKind
    from plans.services import create_plan
    from tests.factories import IssuingBodyFactory

    plan = create_plan(kind=PlanKind.DIALOGUE_CONFERENCES, issuing_body=IssuingBodyFactory(unit=own_unit),
                       year=2026, by=officer)
    plan.number, plan.issue_date = 3, datetime.date(2026, 2, 10)
    plan.save()
    rated.plan = plan
    rated.save()
    AttendeeFactory(session=rated, present=True)
    for sheet in (sign_in_sheet(rated, show_ethnicity=True), officials_sheet(rated), payment_sheet(rated)):
        block = " ".join(sheet.subtitles)
        assert f"Căn cứ Kế hoạch số 03/KH-{plan.issuer_abbr} ngày 10/02/2026" in block
        assert "08 giờ 00 ngày 12/05/2026 (01 buổi)" in block and "Hội trường UBND xã" in block


def test_people_are_listed_by_village_then_name_in_vietnamese_order(session):
    for name in ("Y Bích", "Đinh Văn Hùng", "Dương Thị Lan", "Ân Văn Tư", "Bùi Thị Nga"):
        AttendeeFactory(session=session, full_name=name, village="Thôn Đăk Ba")
    AttendeeFactory(session=session, full_name="An Văn Một", village="Thôn Ân Phú")
    names = [row[1] for row in sign_in_sheet(session, show_ethnicity=True).rows if row[1]]
    assert names == ["An Văn Một", "Ân Văn Tư", "Bùi Thị Nga", "Dương Thị Lan", "Đinh Văn Hùng", "Y Bích"]


def test_the_hand_written_total_line_fits_one_portrait_line_and_blank_rows_have_room(session):
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics

    from dialogues.columns import ITALIC, register_fonts

    register_fonts()
    assert pdfmetrics.stringWidth(HAND_WORDS, ITALIC, 13) <= PORTRAIT_MM * mm
    widths = {c.key: c.width_mm for c in sign_in_sheet(session, show_ethnicity=True).columns}
    assert widths["name"] >= 42 and widths["ethnic"] >= 18 and widths["village"] >= 24 and widths["sign"] >= 28


def test_a_short_list_printed_before_the_meeting_is_one_page_with_room_for_walk_ins(session):
    from dialogues.pdfsheet import MIN_BLANK
    from dialogues.sheets import blank_rows

    for _ in range(3):
        AttendeeFactory(session=session)
    sheet = sign_in_sheet(session, show_ethnicity=True)
    assert sheet.blank_tail == blank_rows(session) >= 5
    pages = PdfReader(io.BytesIO(render_sheets([sheet]))).pages
    assert len(pages) == 1 and "NGƯỜI LẬP DANH SÁCH" in pages[0].extract_text()
    numbers = [int(n) for n in re.findall(r"^\s*(\d+)\b", pages[0].extract_text(), re.MULTILINE)]
    assert max(numbers) >= 3 + MIN_BLANK


def test_a_list_longer_than_a_page_keeps_every_blank_row(session):
    for number in range(60):
        AttendeeFactory(session=session, full_name=f"Hà Văn Mười {number}")
    sheet = sign_in_sheet(session, show_ethnicity=True)
    assert sheet.blank_tail >= 5
    text = _text(render_sheets([sheet]))
    assert re.search(rf"^\s*{60 + sheet.blank_tail}\b", text, re.MULTILINE)
