"""Estimate workbooks as offices really send them, read through the real views: every cell at fault is
named by sheet, row and column in Vietnamese, nothing is cut or lost without a word, and a refused
file writes nothing."""

import datetime

import pytest
from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference

from budgets.imports import read_workbook
from budgets.models import EstimateGroup, EstimateLine
from tests.budgets.test_imports import _bytes, _confirm, _lines, _sheet, _upload

LINE = [1, "Nước uống đại biểu", "người", 50, 1, 40_000, None, "", "NSTW_SN"]


def _problems(book) -> list[str]:
    return [str(problem) for problem in read_workbook(_bytes(book)).problems]


@pytest.mark.parametrize("row,expected", [
    ([1, "Tài liệu", "bộ", 5, None, 1e20, None, "", "NSTW_SN"],
     "dòng 3, cột F («Định mức/Đơn giá»): «Định mức/Đơn giá» quá lớn (100.000.000.000.000.000.000); "
     "phải nhỏ hơn 1.000.000.000.000.000."),
    ([1, "Tài liệu", "bộ", 10**12, None, 1000, None, "", "NSTW_SN"],
     "dòng 3, cột D («Số lượng»): «Số lượng» quá lớn (1.000.000.000.000); phải nhỏ hơn 10.000.000.000."),
    ([1, "Tài liệu", "bộ", 5, 10**9, 1000, None, "", "NSTW_SN"],
     "dòng 3, cột E («Số ngày/buổi»): «Số ngày/buổi» quá lớn (1.000.000.000); phải nhỏ hơn 100.000.000."),
    ([1, "Tài liệu", "bộ", 9_999_999_999, 10, 100_000, None, "", "NSTW_SN"],
     "dòng 3, cột F («Định mức/Đơn giá»): Thành tiền của dòng (9.999.999.999.000.000 đồng) quá lớn"),
    ([1, "Nội dung " * 250, "bộ", 5, None, 1000, None, "", "NSTW_SN"],
     "dòng 3, cột B («Nội dung chi»): «Nội dung chi» dài 2.249 ký tự, quá 500 ký tự; hãy rút gọn."),
    ([1, "Tài liệu", "bộ" * 30, 5, None, 1000, None, "", "NSTW_SN"],
     "dòng 3, cột C («Đơn vị tính»): «Đơn vị tính» dài 60 ký tự, quá 40 ký tự"),
    ([1, "Tài liệu", "bộ", 5, None, 1000, None, "x" * 2000, "NSTW_SN"],
     "dòng 3, cột H («Căn cứ/Ghi chú»): «Căn cứ/Ghi chú» dài 2.000 ký tự, quá 500 ký tự"),
    ([1, "Tài liệu", "bộ", datetime.date(2024, 3, 5), None, 1000, None, "", "NSTW_SN"],
     "dòng 3, cột D («Số lượng»): Ô đang ở dạng ngày giờ (05/03/2024), không phải số"),
])
def test_a_figure_or_text_the_estimate_cannot_keep_is_named_by_its_cell(db, row, expected):
    problems = _problems(_sheet([["I", "Hội nghị"], row]))
    assert len(problems) == 1 and problems[0].startswith(f"Trang «DA6-TDA2», {expected}"), problems


def test_a_group_title_longer_than_kept_is_named_not_cut(db):
    assert _problems(_sheet([["I", "A" * 600], LINE])) == [
        "Trang «DA6-TDA2», dòng 2, cột B («Nội dung chi»): «Nội dung chi» dài 600 ký tự, quá 500 ký tự; hãy rút gọn."]


def test_a_text_as_long_as_the_estimate_keeps_is_taken_whole(db):
    [group] = read_workbook(_bytes(_sheet([["I", "A" * 500],
                                           [1, "N" * 500, "b" * 40, 5, None, 1000, None, "x" * 500, ""]]))).groups
    assert group.title == "A" * 500
    assert [len(group.lines[0][k]) for k in ("content", "unit_of_measure", "note")] == [500, 40, 500]


@pytest.mark.parametrize("row", [
    [1, "Tài liệu", "bộ", 10**12, None, 1000, None, "", "NSTW_SN"],
    [1, "Tài liệu", "bộ", 5, None, 10**16, None, "", "NSTW_SN"],
    [1, "N" * 600, "bộ", 5, None, 1000, None, "", "NSTW_SN"],
])
def test_a_file_refused_for_one_cell_offers_no_confirmation_and_writes_nothing(client_as, finance, estimate, row):
    client = client_as(finance)
    before = _lines(estimate)
    page = _upload(client, estimate, _bytes(_sheet([["I", "Hội nghị"], LINE, row])))
    assert page.status_code == 200 and "token" not in page.context
    assert "Tệp có 1 lỗi; chưa nhập dòng nào." in page.content.decode()
    assert _lines(estimate) == before
    assert client.get(estimate.get_absolute_url()).status_code == 200


def test_a_total_typed_above_more_lines_reads_them_all_with_a_notice(db):
    rows = [[None, "TỔNG CỘNG", None, None, None, None, 2_005_000],  # typed first, as many offices do
            ["I", "Hội nghị"], LINE,
            [None, "Tổng cộng", None, None, None, None, 2_000_000],  # a part's total typed in the middle
            [], ["II", "Tuyên truyền"], [1, "Bút", "cái", 5, None, 1000, None, "", "NSTW_SN"],
            [None, "Tổng cộng", None, None, None, None, 2_005_000], [None, "Bằng chữ: Hai triệu không trăm năm nghìn đồng"],
            [None, "Người lập biểu"], [9, "Nguyễn Văn A", "x", "x", None, "x"]]
    result = read_workbook(_bytes(_sheet(rows)))
    assert result.problems == []
    assert [(g.title, [line["content"] for line in g.lines]) for g in result.groups] == [
        ("Hội nghị", ["Nước uống đại biểu"]), ("Tuyên truyền", ["Bút"])]
    assert result.total == 2_005_000
    assert result.notices == [
        "Trang «DA6-TDA2», dòng 2: «TỔNG CỘNG» không phải dòng cuối bảng (dòng 3 sau nó vẫn là dòng dự toán): "
        "không lấy số của dòng này, các dòng sau vẫn được đọc.",
        "Trang «DA6-TDA2», dòng 5: «Tổng cộng» không phải dòng cuối bảng (dòng 7 sau nó vẫn là dòng dự toán): "
        "không lấy số của dòng này, các dòng sau vẫn được đọc."]


def test_a_typed_total_that_differs_from_the_lines_is_shown_in_the_preview(client_as, finance, estimate):
    book = _sheet([["I", "Hội nghị"], LINE, [None, "Tổng cộng", None, None, None, None, 2_500_000]])
    page = _upload(client_as(finance), estimate, _bytes(book))
    assert ("Trang «DA6-TDA2», dòng 4, cột G («Thành tiền»): «Tổng cộng» ghi 2.500.000 đồng, các dòng cộng lại "
            "2.000.000 đồng (chênh 500.000 đồng)") in page.content.decode()
    assert "token" in page.context  # the lines are right: the user sees the difference and decides
    right = _sheet([["I", "Hội nghị"], LINE, [None, "Tổng cộng", None, None, None, None, 2_000_000]])
    assert read_workbook(_bytes(right)).notices == []


@pytest.mark.parametrize("typed,notices", [("2.500.000", 1), ("2.500.000 đ", 1), ("2.000.000", 0), ("xem PL2", 0)])
def test_a_total_typed_as_text_is_compared_too(db, typed, notices):
    """An office types «2.500.000» in the total's cell (a text, not a number): still compared."""
    book = _sheet([["I", "Hội nghị"], LINE, [None, "Tổng cộng", None, None, None, None, typed]])
    result = read_workbook(_bytes(book))
    assert (result.problems, result.total, len(result.notices)) == ([], 2_000_000, notices)
    if notices:
        assert "«Tổng cộng» ghi 2.500.000 đồng, các dòng cộng lại 2.000.000 đồng" in result.notices[0]


def test_a_header_written_over_two_merged_rows_is_read(client_as, finance, estimate):
    book = Workbook()
    sheet = book.active
    sheet.title = "PL02 - TDA2"
    sheet.append(["DỰ TOÁN KINH PHÍ NĂM 2026"])
    sheet.merge_cells("A1:I1")
    sheet.append(["T.T", "Nội dung", "ĐVT", "Định mức", None, None, "Kinh phí (đồng)", "Ghi chú", "Nguồn vốn"])
    sheet.append([None, None, None, "Số lượng (người)", "Số ngày / lớp", "Đơn giá\n(đồng)", None, None, None])
    for column in "ABCGHI":
        sheet.merge_cells(f"{column}2:{column}3")
    sheet.merge_cells("D2:F2")
    sheet.append(["I", "Hội nghị"])
    sheet.append(LINE)
    page = _upload(client_as(finance), estimate, _bytes(book))
    assert page.context["staged"].problems == []
    _confirm(client_as(finance), estimate, page)
    assert _lines(estimate) == [("Hội nghị", "Nước uống đại biểu", "người", 50, 1, 40_000, 2_000_000, "", "NSTW_SN")]


def test_a_two_row_header_without_merges_is_read_when_the_second_row_names_columns(db):
    book = _sheet([[None, None, None, "Số lượng", "Số ngày", "Đơn giá", None, None, None], ["I", "Hội nghị"], LINE],
                  columns=["STT", "Nội dung chi", "Đơn vị tính", "Định mức chi", None, None, "Thành tiền", "Ghi chú",
                           "Nguồn vốn"])
    result = read_workbook(_bytes(book))
    assert result.problems == [] and result.total == 2_000_000


def test_a_formula_with_no_stored_result_is_named_as_such(db):
    book = _sheet([["I", "Hội nghị"], [1, "Tài liệu", "bộ", "=2+3", None, 20_000, "=D3*F3", "", "NSTW_SN"]])
    chart = book.create_chartsheet("Biểu đồ", 0)  # a chart sheet first: the sheets' order is kept
    bars = BarChart()
    bars.add_data(Reference(book["DA6-TDA2"], min_col=6, min_row=1, max_row=3))
    chart.add_chart(bars)
    assert _problems(book) == [
        "Trang «DA6-TDA2», dòng 3, cột D («Số lượng»): Ô có công thức nhưng tệp không lưu kết quả tính (tệp do một "
        "chương trình khác tạo ra); hãy mở tệp bằng Excel hoặc LibreOffice, lưu lại rồi tải lên."]
    empty = _sheet([["I", "Hội nghị"], [1, "Tài liệu", "bộ", None, None, 20_000, None, "", "NSTW_SN"]])
    assert _problems(empty) == ["Trang «DA6-TDA2», dòng 3, cột D («Số lượng»): Thiếu «Số lượng»."]


def test_extra_sheets_an_office_adds_are_skipped_and_the_lines_read_once(db):
    book = _sheet([["I", "Hội nghị"], LINE])
    book.create_sheet("Trống")
    book.create_sheet("Ghi chú")["A1"] = "Số liệu theo Thông tư 40/2017/TT-BTC"
    chart = book.create_chartsheet("Biểu đồ")
    bars = BarChart()
    bars.add_data(Reference(book["DA6-TDA2"], min_col=6, min_row=1, max_row=3))
    chart.add_chart(bars)
    result = read_workbook(_bytes(book))
    assert result.problems == [] and result.line_count == 1
    assert [notice.split("»")[0] for notice in result.notices] == ["Trang «Trống", "Trang «Ghi chú", "Trang «Biểu đồ"]
    assert not EstimateGroup.objects.exists() and not EstimateLine.objects.exists()


def test_a_hidden_sheet_is_not_read_unseen_and_the_notice_says_how_to_read_it(db):
    book = _sheet([["I", "Hội nghị"], LINE])
    old = book.create_sheet("Bản cũ 2025")
    old.append(["STT", "Nội dung chi", "Đơn vị tính", "Số lượng", "Đơn giá"])
    old.append([1, "Nước uống đại biểu", "người", 80, 30_000])
    old.sheet_state = "hidden"
    result = read_workbook(_bytes(book))
    assert result.problems == [] and result.total == 2_000_000
    assert result.notices == ["Trang «Bản cũ 2025» đang bị ẩn trong tệp: không đọc. Nếu cần nhập các dòng của trang "
                              "này, hãy bỏ ẩn trang trong Excel rồi tải lên lại."]
    book.remove(book["DA6-TDA2"])
    book["Bản cũ 2025"].sheet_state = "veryHidden"
    book.create_sheet("Bìa")["A1"] = "DỰ TOÁN KINH PHÍ"
    assert _problems(book) == [
        "Trang «—»: Không tìm thấy dòng dự toán nào (cần một bảng có các cột Nội dung chi, Đơn vị tính, Số lượng, "
        "Đơn giá); trang «Bản cũ 2025» đang bị ẩn nên không đọc, hãy bỏ ẩn rồi tải lên lại."]


THOUSANDS_NOTICE = ("Trang «DA6-TDA2»: Đơn giá (cột F) ghi theo nghìn đồng; đã nhân 1.000 để nhập theo đồng "
                    "(xem lại Thành tiền trong phần so sánh).")


def _priced(price_header="Định mức/Đơn giá", amount_header="Thành tiền", above=(), price=100, total=5_075):
    columns = ["STT", "Nội dung chi", "ĐVT", "Số lượng", "Số ngày", price_header, amount_header, "Ghi chú", "Nguồn vốn"]
    return _sheet([["I", "Hội nghị"], [1, "Tiền ăn", "người", 50, 1, price, 5_000, "", "NSTW_SN"],
                   [2, "Nước uống", "người", 50, 1, 1.5, 75, "", "NSTW_SN"],
                   [None, "Tổng cộng", None, None, None, None, total]], columns=columns, above=above)


@pytest.mark.parametrize("book", [
    _priced("Đơn giá (1.000đ)", "Thành tiền (1.000đ)"),
    _priced("Đơn giá\n(nghìn đồng)"),
    _priced(above=[["DỰ TOÁN KINH PHÍ"], [None, None, None, None, None, None, "ĐVT: nghìn đồng"]]),
    _priced(amount_header="Kinh phí (ngàn đồng)"),
], ids=["both headers", "price header", "stated above the table", "amount header"])
def test_prices_in_thousands_of_dong_are_multiplied_with_a_notice_never_read_as_dong(db, book):
    result = read_workbook(_bytes(book))
    assert result.problems == []
    assert [line["unit_price"] for line in result.groups[0].lines] == [100_000, 1_500]
    assert result.total == 5_075_000
    assert result.notices == [THOUSANDS_NOTICE]  # and the typed total, in thousands too, agrees


def test_a_header_in_dong_wins_over_the_unit_stated_above_the_table(db):
    columns = ["STT", "Nội dung chi", "ĐVT", "Số lượng", "Số ngày", "Đơn giá (đồng)", "Thành tiền (đồng)"]
    book = _sheet([["I", "Hội nghị"], [1, "Tiền ăn", "người", 50, 1, 100_000, 5_000_000],
                   [None, "Tổng cộng", None, None, None, None, 5_000_000]],
                  columns=columns, above=[[None, None, None, None, None, "ĐVT: nghìn đồng"]])
    result = read_workbook(_bytes(book))
    assert result.problems == [] and result.notices == [] and result.total == 5_000_000


def test_a_price_in_thousands_that_is_no_whole_dong_is_named(db):
    book = _priced("Đơn giá (1.000đ)", price=100.0005)
    assert _problems(book) == ["Trang «DA6-TDA2», dòng 3, cột F («Định mức/Đơn giá»): Đơn giá 100,0005 nghìn đồng "
                               "không ra số đồng nguyên."]


def test_a_header_without_a_content_column_is_named_with_what_was_recognised(db):
    book = _sheet([["I", "Hội nghị"], LINE], columns=["TT", "Việc cần chi", "ĐVT", "Số lượng", "Số ngày", "Đơn giá"])
    assert _problems(book) == [
        "Trang «DA6-TDA2», dòng 1: Dòng tiêu đề cột («TT», «ĐVT», «Số lượng», «Số ngày», «Đơn giá») không có cột "
        "«Nội dung chi»; hãy đặt tên cột nội dung là «Nội dung chi» (hoặc «Nội dung», «Diễn giải», «Khoản chi», "
        "«Tên công việc»)."]


def test_headers_a_dialogue_estimate_often_carries_are_understood(db):
    book = _sheet([["I", "Hội nghị"], LINE],
                  columns=["TT", "Tên công việc", "ĐV tính", "Số người", "Số đợt", "Mức hỗ trợ", "Dự toán (đồng)"])
    result = read_workbook(_bytes(book))
    assert result.problems == [] and result.total == 2_000_000


@pytest.mark.parametrize("typed", ["1.500.000đ", "1.500.000 đồng", "1.500.000 VNĐ", " 1 500 000 "])
def test_a_price_typed_as_text_with_its_currency_is_read_as_the_household_import_reads_incomes(db, typed):
    result = read_workbook(_bytes(_sheet([["I", "Hội nghị"], [1, "Thuê hội trường", "ngày", 1, None, typed]])))
    assert result.problems == [] and result.total == 1_500_000


@pytest.mark.parametrize("typed", ["1,500,000", "1.500.000 USD", "một triệu rưỡi"])
def test_a_price_that_is_no_amount_of_dong_is_named_by_its_cell(db, typed):
    assert _problems(_sheet([["I", "Hội nghị"], [1, "Thuê hội trường", "ngày", 1, None, typed]])) == [
        f"Trang «DA6-TDA2», dòng 3, cột F («Định mức/Đơn giá»): «{typed}» không phải số tiền nguyên (đồng); "
        "ví dụ: 100.000"]


def test_a_unit_note_or_source_merged_down_a_groups_lines_holds_for_each(db):
    book = _sheet([["I", "Hội nghị"], LINE, [2, "Tài liệu", None, 50, None, 20_000, None, None, None],
                   [3, "Nước uống", None, 50, 1, 15_000, None, None, None]])
    for cells in ("C3:C5", "H3:H5", "I3:I5"):
        book.active.merge_cells(cells)
    book.active["H3"] = "TT 40/2017/TT-BTC"
    result = read_workbook(_bytes(book))
    assert result.problems == [] and result.line_count == 3
    assert {(line["unit_of_measure"], line["note"], line["funding_source"]) for line in result.groups[0].lines} == {
        ("người", "TT 40/2017/TT-BTC", "NSTW_SN")}


def test_a_merge_starting_on_the_first_line_is_refused_like_any_other(db):
    book = _sheet([[1, "Tiền ăn", "người", 10, 1, 100_000], [2, None, "người", 10, 1, 100_000]])
    book.active.merge_cells("B2:B3")
    assert _problems(book)[0] == "Trang «DA6-TDA2», dòng 2: Ô gộp B2:B3 trong bảng số liệu; hãy bỏ gộp ô."


@pytest.mark.parametrize("footer", [
    [[None, "Tổng kinh phí", None, None, None, None, 2_000_000], [None, "Số tiền bằng chữ: Hai triệu đồng"]],
    [[None, "TỔNG", None, None, None, None, 2_000_000]],
    [[None, "Hạ Hòa, ngày 12 tháng 3 năm 2026"], [None, "Kế toán", None, None, None, "Thủ trưởng đơn vị"]],
    [[None, "Bằng chữ: Hai triệu đồng"]],
], ids=["tổng kinh phí and the words", "tổng", "date and signers", "words alone"])
def test_what_stands_under_a_table_is_never_read_as_a_group(db, footer):
    result = read_workbook(_bytes(_sheet([["I", "Hội nghị"], LINE, *footer])))
    assert result.problems == [] and [(g.title, len(g.lines)) for g in result.groups] == [("Hội nghị", 1)]


def test_groups_that_begin_like_a_footer_or_a_total_stay_groups_when_lines_follow(db):
    rows = [["I", "Tổng kết công tác giảm nghèo năm 2025"], LINE,
            [None, "Kế toán, tài chính của hội nghị"], [1, "Văn phòng phẩm", "bộ", 10, None, 50_000]]
    result = read_workbook(_bytes(_sheet(rows)))
    assert [(g.title, len(g.lines)) for g in result.groups] == [
        ("Tổng kết công tác giảm nghèo năm 2025", 1), ("Kế toán, tài chính của hội nghị", 1)]


def test_groups_numbered_1_2_over_lines_marked_with_dashes_or_letters(db):
    rows = [[1, "Hội nghị đối thoại tại thôn A"], ["-", "Tiền ăn", "người", 50, 1, 100_000],
            ["-", "Nước uống", "người", 50, 1, 20_000], [2, "Hội nghị đối thoại tại thôn B"],
            ["-", "Tiền ăn", "người", 40, 1, 100_000], [3, "Tập huấn"], ["a)", "Giảng viên", "buổi", 2, None, 500_000]]
    result = read_workbook(_bytes(_sheet(rows)))
    assert result.problems == []
    assert [(g.title, len(g.lines)) for g in result.groups] == [
        ("Hội nghị đối thoại tại thôn A", 2), ("Hội nghị đối thoại tại thôn B", 1), ("Tập huấn", 1)]
    assert result.total == 11_000_000


def test_a_numbered_line_missing_its_figures_among_numbered_lines_keeps_its_messages(db):
    rows = [["I", "Hội nghị"], LINE, [2, "Tài liệu"], [3, "Nước uống", "người", 50, 1, 15_000]]
    assert _problems(_sheet(rows)) == [
        "Trang «DA6-TDA2», dòng 4, cột C («Đơn vị tính»): Thiếu «Đơn vị tính».",
        "Trang «DA6-TDA2», dòng 4, cột D («Số lượng»): Thiếu «Số lượng».",
        "Trang «DA6-TDA2», dòng 4, cột F («Định mức/Đơn giá»): Thiếu «Định mức/Đơn giá»."]


@pytest.mark.parametrize("extra", ["Ghi chú 2", "Ghi chú (2)", "Nguồn vốn 2"])
def test_a_numbered_column_an_office_adds_before_the_tables_own_never_takes_its_place(db, extra):
    """«Ghi chú 2» inserted left of «Căn cứ/Ghi chú» was read as the note column: every line's
    basis («TT 40/2017») would have been replaced by the new column's blanks."""
    columns = ["STT", "Nội dung chi", "ĐVT", "Số lượng", "Số ngày", "Đơn giá", "Thành tiền", extra,
               "Căn cứ/Ghi chú", "Nguồn vốn"]
    book = _sheet([["I", "Hội nghị"], [1, "Nước uống", "người", 50, 1, 40_000, None, "đã duyệt", "TT 40/2017",
                                       "NSTW_SN"]], columns=columns)
    [line] = read_workbook(_bytes(book)).groups[0].lines
    assert (line["note"], line["funding_source"]) == ("TT 40/2017", "NSTW_SN")
    alone = _sheet([["I", "Hội nghị"], [1, "Nước uống", "người", 50, 1, 40_000, None, "TT 40/2017"]],
                   columns=columns[:7] + ["Ghi chú 2"])
    assert read_workbook(_bytes(alone)).groups[0].lines[0]["note"] == "TT 40/2017"  # the only one: still read
