"""A summary sheet an office adds («TH», «Tong hop», «Tổng hợp (2)», a copy) is told by its content:
its lines are not read a second time, whatever the sheet is called."""

import io

import pytest
from openpyxl import load_workbook

from budgets import importing
from budgets.imports import read_workbook
from budgets.workbook import estimate_workbook
from tests.budgets.factories import EstimateGroupFactory, EstimateLineFactory, source, sub_project
from tests.budgets.test_imports import _bytes, _sheet
from vntext import search_key

DA6 = [["I", "Hội nghị"], [1, "Tiền ăn", "người", 50, 1, 100_000, None, "", "NSTW_SN"],
       [2, "Nước uống", "người", 50, 1, 40_000, None, "", "NSTW_SN"]]
DA7 = [["I", "Tập huấn"], [1, "Thù lao giảng viên", "buổi", 4, None, 1_000_000, None, "", "NSDP"]]


def _two_sheets():
    book = _sheet(DA6)
    detail = book.create_sheet("DA7-TDA1")
    detail.append(list(next(book["DA6-TDA2"].values)))
    for row in DA7:
        detail.append(row)
    return book


def _add(book, name, rows, title=None, first=True):
    sheet = book.create_sheet(name, 0 if first else None)
    if title:
        sheet.append([title])
    sheet.append(list(next(book["DA6-TDA2"].values)))
    for row in rows:
        sheet.append(row)
    return sheet


@pytest.mark.parametrize("name,title", [("TH", None), ("Tong hop", None), ("Tổng hợp (2)", None),
                                        ("Sheet1", None), ("Bảng 1", "TỔNG HỢP DỰ TOÁN"), ("Tổng hợp", None)])
def test_a_summary_sheet_laid_out_like_the_details_is_not_read_twice(db, name, title):
    book = _two_sheets()
    _add(book, name, DA6 + [["II", "Tập huấn"]] + DA7[1:], title)
    result = read_workbook(_bytes(book))
    assert result.problems == []
    assert (result.line_count, result.total) == (3, 11_000_000)
    assert [s.name for s in result.sheets] == ["DA6-TDA2", "DA7-TDA1"]
    if search_key(name) == "tong hop":  # the app's own summary's name: not read at all
        assert result.notices == []
        return
    assert result.notices == [f"Trang «{name}» là bảng tổng hợp: 3 dòng của trang (11.000.000 đồng) đều có ở trang "
                              "«DA6-TDA2», «DA7-TDA1», nên không nhập lại để khỏi tính hai lần."]


def test_a_summary_of_each_sheets_total_is_set_aside_too(db):
    book = _two_sheets()
    _add(book, "TH", [[1, "Tiểu dự án 2 (Dự án 6)", "dự toán", 1, None, 7_000_000],
                      [2, "Tiểu dự án 1 (Dự án 7)", "dự toán", 1, None, 4_000_000]])
    result = read_workbook(_bytes(book))
    assert (result.problems, result.line_count, result.total) == ([], 3, 11_000_000)
    assert result.notices[0].startswith("Trang «TH» là bảng tổng hợp: 2 dòng")


def test_a_summary_holding_a_line_no_detail_sheet_has_is_refused_by_that_line(db):
    book = _two_sheets()
    _add(book, "Bảng tổng hợp", DA6 + [[3, "Thuê xe", "chuyến", 2, None, 1_500_000]])
    [problem] = read_workbook(_bytes(book)).problems
    assert str(problem).startswith("Trang «Bảng tổng hợp», dòng 5: Trang này là bảng tổng hợp (2 dòng trùng với các "
                                   "trang chi tiết) nhưng dòng «Thuê xe» không có ở trang chi tiết nào")


def test_sheets_that_only_look_alike_are_all_read(db):
    """Two sub-projects may hold the same line; a one-sheet «Tổng hợp» holds the whole estimate;
    a «TH» (tập huấn) sheet sharing one line with another is a sheet of its own."""
    book = _sheet(DA6[:2])
    _add(book, "DA7-TDA1", DA6[:2], first=False)
    assert read_workbook(_bytes(book)).line_count == 2
    alone = _sheet(DA6, title="Tổng hợp")
    assert read_workbook(_bytes(alone)).total == 7_000_000
    training = _sheet(DA6)
    _add(training, "TH", [DA6[1], [2, "Thù lao giảng viên", "buổi", 4, None, 1_000_000]], first=False)
    result = read_workbook(_bytes(training))
    assert (result.problems, result.line_count) == ([], 4)


def test_a_copy_of_a_detail_sheet_excel_names_with_2_is_set_aside(db):
    book = _sheet(DA6)
    _add(book, "DA6-TDA2 (2)", DA6, first=False)
    result = read_workbook(_bytes(book))
    assert (result.line_count, [s.name for s in result.sheets]) == (2, ["DA6-TDA2"])


def test_the_exported_workbook_with_a_hand_made_summary_imports_as_no_change(estimate, finance):
    group = EstimateGroupFactory(estimate=estimate, title="Tập huấn", sub_project=sub_project("DA7-TDA1"), order=3)
    EstimateLineFactory(group=group, content="Thù lao giảng viên", unit_of_measure="buổi", quantity=4, days=None,
                        unit_price=1_000_000, funding_source=source("NSDP"))
    book = load_workbook(io.BytesIO(estimate_workbook(estimate, reference="(Kèm theo …)", agency_lines=["UBND"])))
    copy = book.copy_worksheet(book["DA6-TDA2"])
    copy.title = "TH"
    result = read_workbook(_bytes(book), preferred={"DA6-TDA2"})
    groups = [{"title": g.title, "sub": g.sub_project, "sheet": g.sheet, "lines": g.lines} for g in result.groups]
    diff = importing.import_diff(importing.snapshot(estimate), groups)
    assert diff.empty and diff.total_after == estimate.total == 21_400_000
