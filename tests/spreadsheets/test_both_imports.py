"""One guard and one reader for both imports: the household list and the estimate refuse the same
bad file with the same words, and read the same awkward but honest file the same way."""

import io
import re
import zipfile

import pytest
from openpyxl import Workbook

from budgets.imports import read_workbook
from households.imports.workbook import choose_sheet
from spreadsheets import SpreadsheetProblem, check_file, read_sheets
from spreadsheets.archive import OLE_MAGIC
from tests.budgets.factories import ensure_catalog
from tests.budgets.test_imports import _bytes, _sheet
from tests.households.workbooks import edit_sheet_xml, realistic_list, with_cells
from tests.security.test_uploads import zip_bomb

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def catalog(db):
    ensure_catalog()


def _estimate(rows, *, above=()) -> bytes:
    return _bytes(_sheet(rows, above=above))


LINE = [1, "Nước uống đại biểu", "người", 50, 1, 40_000, None, "TT 40/2017", "NSTW_SN"]


def _not_a_workbook() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("ghi-chu.txt", "không phải bảng tính")
    return out.getvalue()


BAD_FILES = {
    "zip bomb": (lambda: zip_bomb(), "bất thường với một bảng tính"),
    ".xls renamed .xlsx": (lambda: OLE_MAGIC + b"\0" * 2048, "có đặt mật khẩu hoặc là tệp .xls đổi tên"),
    "encrypted workbook (an OLE container whatever its name)": (
        lambda: OLE_MAGIC + b"EncryptedPackage".ljust(4096, b"\0"), "bỏ mật khẩu"),
    "CSV renamed .xlsx": (lambda: "Họ tên,Năm sinh\nLò Văn Pọm,1975\n".encode(), "không phải tệp Excel thật"),
    "a zip without a workbook": (_not_a_workbook, "là tệp nén nhưng không phải bảng tính Excel"),
    "a damaged archive": (lambda: b"PK\x03\x04" + b"\x00" * 64, "bị hỏng"),
    "a stray value at XFD1048576": (lambda: with_cells(realistic_list(), {"XFD1048576": " "}),
                                    "có ô XFD1048576 nằm ngoài vùng dữ liệu"),
}


@pytest.mark.parametrize("kind", BAD_FILES)
def test_both_imports_refuse_a_bad_file_with_the_same_message(kind):
    make, words = BAD_FILES[kind]
    data = make()
    with pytest.raises(SpreadsheetProblem) as household:
        choose_sheet("danh-sach.xlsx", data)
    estimate = [str(problem) for problem in read_workbook(data, filename="danh-sach.xlsx").problems]
    assert words in str(household.value)
    assert estimate == [f"Trang «—»: {household.value}"]


@pytest.mark.parametrize("name", ["danh-sach.csv", "DANH SACH.CSV", "du-toan.txt"])
def test_a_csv_is_refused_by_its_name_for_either_import(name):
    for kinds in (("xlsx", "xls"), ("xlsx",)):
        with pytest.raises(SpreadsheetProblem, match="là tệp văn bản \\(CSV\\), không phải tệp Excel"):
            check_file(name, b"STT,Noi dung chi\n1,Nuoc uong\n", kinds=kinds)


def test_an_xls_is_taken_by_the_household_import_only():
    data = OLE_MAGIC + b"\0" * 2048
    assert check_file("danh-sach.xls", data) == "xls"
    with pytest.raises(SpreadsheetProblem, match=r"không phải tệp Excel \(.xlsx\)"):
        check_file("du-toan.xls", data, kinds=("xlsx",))
    with pytest.raises(SpreadsheetProblem, match="không phải tệp Excel 97–2003 thật"):
        check_file("danh-sach.xls", _estimate([LINE]))


def test_a_dimension_that_claims_the_whole_sheet_is_not_believed_by_either_import():
    def lie(xml: bytes) -> bytes:
        return re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:XFD1048576"/>', xml)

    household, _kind = choose_sheet("danh-sach.xlsx", edit_sheet_xml(realistic_list(), lie))
    assert household.header is not None and len(household.rows) < 30
    result = read_workbook(edit_sheet_xml(_estimate([LINE] * 3), lie))
    assert result.problems == [] and result.line_count == 3


def test_extra_sheets_and_merged_title_rows_are_read_past_by_both_imports():
    book = Workbook()
    book.active.title = "Hướng dẫn"
    book.active["A1"] = "Điền danh sách ở trang sau"
    out = io.BytesIO()
    book.save(out)
    sheets = [sheet.name for sheet in read_sheets("x.xlsx", out.getvalue())]
    assert sheets == ["Hướng dẫn"]
    household, _kind = choose_sheet("danh-sach.xlsx", realistic_list())  # merged title block, extra sheet
    assert household.header.data_start > 3
    above = [["DỰ TOÁN KINH PHÍ"], ["Tiểu dự án 2 (Dự án 6)"]]
    data = _estimate([LINE], above=above)
    book_bytes = edit_sheet_xml(data, lambda xml: xml.replace(
        b"</sheetData>", b'</sheetData><mergeCells count="2"><mergeCell ref="A1:I1"/><mergeCell ref="A2:I2"/>'
                         b"</mergeCells>"))
    result = read_workbook(book_bytes)
    assert result.problems == [] and result.line_count == 1


def _cell(xml: bytes, ref: str, content: bytes) -> bytes:
    return re.sub(rb'<c r="' + ref.encode() + rb'"[^>]*?(?:/>|>.*?</c>)', content, xml, count=1)


def test_a_formula_cell_gives_its_stored_value_and_is_never_evaluated():
    data = _estimate([LINE])
    data = edit_sheet_xml(data, lambda xml: _cell(xml, "D2", b'<c r="D2"><f>WEBSERVICE("http://x")</f><v>25</v></c>'))
    [group] = read_workbook(data).groups
    assert group.lines[0]["quantity"] == "25" and group.lines[0]["amount"] == 25 * 40_000


def test_an_error_cell_is_a_missing_value_named_by_row_and_column():
    data = edit_sheet_xml(_estimate([LINE]), lambda xml: _cell(xml, "F2", b'<c r="F2" t="e"><v>#N/A</v></c>'))
    problems = [str(problem) for problem in read_workbook(data).problems]
    assert problems == ["Trang «DA6-TDA2», dòng 2, cột F («Định mức/Đơn giá»): Thiếu «Định mức/Đơn giá»."]
