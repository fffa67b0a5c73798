"""The sheet extent guard: every way a sheet's XML can place a value far away is measured, the
quick pass and the exact pass agree, and the estimate import uses the same guard."""

import io
import random
import zipfile

import pytest
from openpyxl import Workbook

from budgets.imports import read_workbook
from spreadsheets.extent import (
    Limits,
    SpreadsheetProblem,
    check_extent,
    check_grid,
    check_sheet_extent,
    column_letters,
    sheet_parts,
)

LIMITS = Limits(rows=200_000, columns=200, cells=6_000_000)
HEADER = b'<row r="1"><c r="A1" t="inlineStr"><is><t>STT</t></is></c><c r="B1" t="s"><v>0</v></c></row>'


def sheet(rows: bytes, *, head: bytes = b"") -> bytes:
    return (b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
            b'spreadsheetml/2006/main">' + head + b"<sheetData>" + rows + b"</sheetData></worksheet>")


def refusal(xml: bytes, limits: Limits = LIMITS) -> str:
    """The guard's message for the sheet, or "" when it lets the sheet through."""
    try:
        check_sheet_extent("DS hộ", lambda: io.BytesIO(xml), limits)
    except SpreadsheetProblem as problem:
        return str(problem)
    return ""


@pytest.mark.parametrize(("rows", "cell"), [
    (b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t> </t></is></c></row>', "XFD1048576"),
    (b'<row r="1048576"><c r="T1048576"><v>1</v></c></row>', "T1048576"),
    (b'<row r="7"><c r="T1048576"><v>1</v></c></row>', "T1048576"),  # the cell's address wins
    (b'<row r="1048576"><c><v>1</v></c></row>', "A1048576"),  # no address: placed after the row's
    (b'<row r="9"><c r="A9"><v>1</v></c><c><v>1</v></c><c r="XFD9"><v>1</v></c></row>', "XFD9"),
    (b'<row r="9"><c t="n" r="XFD9"><v>1</v></c></row>', "XFD9"),  # r not first
    (b'<row r="9"><c\tr="XFD9"><v>1</v></c></row>', "XFD9"),  # a tab, not a space
    (b"<row r='9'><c r='XFD9'><v>1</v></c></row>", "XFD9"),  # single quotes
    (b'<row r="9"><c r="&#88;FD9"><v>1</v></c></row>', "XFD9"),  # a character reference
    (b'<row r="9"><x:c xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" r="XFD9">'
     b"<x:v>1</x:v></x:c></row>", "XFD9"),  # a prefix
])
def test_a_value_far_away_is_found_however_the_xml_is_written(rows, cell):
    message = refusal(sheet(HEADER + rows, head=b'<dimension ref="A1:B1"/>'))
    assert message.startswith(f"Trang tính «DS hộ» có ô {cell} nằm ngoài vùng dữ liệu A1:B")


@pytest.mark.parametrize("rows", [
    b'<row r="1048576"><c r="XFD1048576" s="3"/></row>',  # formatted, empty: readers skip it
    b"<!-- <row><c r=\"XFD1048576\"><v>1</v></c></row> -->",
    b"".join(b'<row r="%d" s="1" customFormat="1"/>' % n for n in range(2, 200_000)),
])
def test_what_readers_do_not_read_as_a_value_does_not_count(rows):
    assert refusal(sheet(HEADER + rows, head=b'<dimension ref="A1:XFD1048576"/>')) == ""


def test_the_grid_up_to_the_last_row_and_column_is_bounded_even_when_the_wide_cell_comes_late():
    # 40,000 rows in column A (more than one block of XML), then one cell in column GR (200):
    # each is within its own limit, the grid A1:GR40001 (8 million cells) is not.
    rows = b"".join(b'<row r="%d"><c r="A%d"><v>%d</v></c></row>' % (n, n, n) for n in range(1, 40_001))
    message = refusal(sheet(rows + b'<row r="40001"><c r="GR40001"><v>1</v></c></row>'))
    assert "có ô GR40001 nằm ngoài vùng dữ liệu A1:A40000" in message
    assert "bảng tính sẽ trải từ A1 tới GR40001: 8.000.200 ô, vượt giới hạn 6.000.000 ô" in message
    assert refusal(sheet(rows + b'<row r="40001"><c r="Z40001"><v>1</v></c></row>')) == ""


def test_too_many_rows_and_cells_in_the_xml_are_refused_even_when_empty():
    rows = b"".join(b'<row r="%d"/>' % n for n in range(1, 1_001))
    assert refusal(sheet(rows), Limits(rows=100, columns=10, cells=10_000)) == ""
    message = refusal(sheet(rows), Limits(rows=100, columns=10, cells=500))
    assert message.startswith("Trang tính «DS hộ» có hơn 500 dòng và ô (kể cả dòng, ô trống đã định dạng)")


@pytest.mark.parametrize(("count", "refused"), [(140, False), (150, False), (151, True), (400, True)])
def test_the_elements_are_counted_exactly_once_the_quick_bound_on_them_is_too_high(count, refused):
    # Each row holds 2 elements (<row>, <c>) in 6 tags: past 50 rows the count of "<" alone passes
    # the limit of 300, and the elements themselves are counted.
    rows = b"".join(b'<row r="%d"><c r="A%d"><v>1</v></c></row>' % (n, n) for n in range(1, count + 1))
    message = refusal(sheet(rows), Limits(rows=1_000, columns=10, cells=300))
    assert message.startswith("Trang tính «DS hộ» có hơn 300 dòng và ô") if refused else message == ""


def test_a_long_list_within_the_limits_passes():
    rows = b"".join(b'<row r="%d">' % n + b"".join(b'<c r="%s%d" t="s"><v>1</v></c>' % (col, n) for col in
                                                   (b"A", b"B", b"L", b"AB")) + b"</row>" for n in range(1, 30_001))
    assert refusal(sheet(rows)) == ""
    assert "vượt giới hạn 29.999 dòng" in refusal(sheet(rows), Limits(rows=29_999, columns=200, cells=10**7))
    assert "vượt giới hạn 27 cột" in refusal(sheet(rows), Limits(rows=10**6, columns=27, cells=10**7))


def test_a_damaged_sheet_the_exact_pass_reads_is_refused_with_a_message():
    # The quick pass validates nothing (the reader refuses a damaged sheet itself); the exact pass,
    # reading an unusual cell tag, cannot go on.
    assert refusal(b'<worksheet><sheetData><row r="1"><c t="n" r="A1"><v>1</v></row>') == (
        "Trang tính «DS hộ» bị hỏng (nội dung XML không đọc được).")


def test_an_xls_grid_is_measured_as_calamine_built_it():
    check_grid("Sheet1", 300, 20)
    with pytest.raises(SpreadsheetProblem, match="có ô IV65536 nằm quá xa .dòng 65.536, vượt giới hạn 60.000"):
        check_grid("Sheet1", 65_536, 256, Limits(rows=60_000, columns=300, cells=10**9))
    with pytest.raises(SpreadsheetProblem, match="bảng tính sẽ trải từ A1 tới IV65536: 16.777.216 ô"):
        check_grid("Sheet1", 65_536, 256, Limits(rows=10**6, columns=300, cells=6_000_000))


def _book(title="DA6-TDA2") -> Workbook:
    book = Workbook()
    book.active.title = title
    book.active.append(["STT", "Nội dung chi"])
    return book


def _bytes(book: Workbook) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.mark.django_db
def test_the_estimate_import_refuses_a_sheet_with_a_stray_cell_before_openpyxl_reads_it():
    book = _book()
    book.create_sheet("Ghi chú")["XFD1048576"] = "x"
    result = read_workbook(_bytes(book))
    assert [str(p) for p in result.problems] == [
        "Trang «—»: Trang tính «Ghi chú» có ô XFD1048576 nằm quá xa (dòng 1.048.576, vượt giới hạn 200.000 "
        "dòng). Nếu đó là ô gõ nhầm hay còn sót khoảng trắng, hãy xóa ô đó (trong Excel, Ctrl+End đưa tới ô "
        "cuối cùng có dữ liệu) rồi lưu và tải lên lại; nếu danh sách thật sự lớn như vậy, hãy tách thành "
        "nhiều tệp."]


def test_every_sheet_or_only_the_one_asked_for_is_measured():
    book = _book("Danh sách")
    book.create_sheet("Nháp")["A300000"] = 1
    data = _bytes(book)
    check_extent(data, only=0)
    with pytest.raises(SpreadsheetProblem, match="«Nháp» có ô A300000"):
        check_extent(data)
    check_extent(b"not a zip")  # left to the reader, which says what is wrong
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert sheet_parts(archive) == [("Danh sách", "xl/worksheets/sheet1.xml"),
                                        ("Nháp", "xl/worksheets/sheet2.xml")]


def test_the_guard_refuses_exactly_the_sheets_whose_grid_breaks_a_limit():
    # Lists of several widths and lengths (some longer than a block of XML), each with one more
    # value somewhere: the guard's verdict is the grid's, however the quick pass got there.
    limits = Limits(rows=60_000, columns=60, cells=1_000_000)
    rng = random.Random(12)
    for _ in range(16):
        width, length = rng.choice([(3, 50), (12, 2_000), (26, 500), (27, 1_000), (40, 500), (1, 45_000)])
        extra_row, extra_col = rng.randint(1, 90_000), rng.randint(1, 80)
        columns = [column_letters(c).encode() for c in range(1, width + 1)]
        rows = [b'<row r="%d">' % n + b"".join(b'<c r="%s%d"><v>1</v></c>' % (col, n) for col in columns)
                + b"</row>" for n in range(1, length + 1)]
        rows.insert(rng.randint(0, length), b'<row r="%d"><c r="%s%d" s="1"><v>2</v></c></row>' % (
            extra_row, column_letters(extra_col).encode(), extra_row))
        bottom, right = max(length, extra_row), max(width, extra_col)
        too_far = bottom > limits.rows or right > limits.columns or bottom * right > limits.cells
        assert bool(refusal(sheet(b"".join(rows)), limits)) == too_far, (width, length, extra_row, extra_col)


@pytest.mark.parametrize("length", [1_500_000, 3_000_000])
def test_a_text_longer_than_a_block_neither_hides_a_far_cell_nor_refuses_the_sheet(length):
    text = b'<row r="2"><c r="A2" t="inlineStr"><is><t>' + b"a" * length + b"</t></is></c></row>"
    assert refusal(sheet(HEADER + text)) == ""
    far = b'<row r="900000"><c r="B900000"><v>1</v></c></row>'
    assert "có ô B900000 nằm ngoài vùng dữ liệu A1:B2" in refusal(sheet(HEADER + text + far))


@pytest.mark.parametrize(("cells", "found"), [
    (b'<c r="B2"><f>A1*2</f><v>2</v></c>', {(1, 1)}),
    (b'<c r="C3"><x:f xmlns:x="urn:x">A1</x:f><v>2</v></c>', {(2, 2)}),
    (b'<c r="D4"><f t="shared" ref="D4:D9" si="0"/><v>2</v></c>', {(3, 3)}),
    (b'<c r="E5" t="inlineStr"><is><t>ref: f &lt;f&gt; :f x</t></is></c>', set()),
    (b'<c r="F6"><v>1</v></c>', set()),
])
def test_formula_cells_are_found_however_the_tag_is_written(cells, found):
    from spreadsheets import formula_cells

    xml = sheet(b'<row r="1"><c r="A1"><v>1</v></c></row><row r="9">' + cells + b"</row>")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("xl/workbook.xml", b'<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/'
                         b'main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
                         b'<sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>')
        archive.writestr("xl/_rels/workbook.xml.rels", b'<Relationships xmlns="http://schemas.openxmlformats.org/'
                         b'package/2006/relationships"><Relationship Id="rId1" Target="worksheets/sheet1.xml"/>'
                         b"</Relationships>")
        archive.writestr("xl/worksheets/sheet1.xml", xml)
    assert formula_cells(out.getvalue(), 0) == found


def _repacked(data: bytes, compression: dict[str, int] | None = None, *, grow: str = "") -> bytes:
    """The archive written again, each member with its compression (default: as it was); ``grow``:
    a member whose central and local records then declare 100 bytes less than it inflates to."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            method = (compression or {}).get(info.filename, info.compress_type)
            target.writestr(info.filename, source.read(info.filename), compress_type=method)
    packed = out.getvalue()
    if grow:
        with zipfile.ZipFile(io.BytesIO(packed)) as archive:
            info = archive.getinfo(grow)
        size = info.file_size.to_bytes(4, "little")
        smaller = (info.file_size - 100).to_bytes(4, "little")
        assert packed.count(size) >= 2
        packed = packed.replace(size, smaller)
    return packed


@pytest.mark.parametrize("method", [zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA])
def test_a_far_cell_is_found_whatever_the_compression_of_the_sheet(method):
    book = _book("Danh sách")
    book.create_sheet("Nháp")["A300000"] = 1
    data = _repacked(_bytes(book), {"xl/worksheets/sheet2.xml": method, "xl/worksheets/sheet1.xml": method})
    check_extent(data, only=0)
    with pytest.raises(SpreadsheetProblem, match="«Nháp» có ô A300000"):
        check_extent(data)


def test_a_sheet_that_inflates_to_more_than_its_archive_declares_is_refused():
    book = _book("Danh sách")
    for row in range(2, 400):
        book.active.append([row, "Nguyễn Văn An", "Thôn 1"])
    data = _repacked(_bytes(book), grow="xl/worksheets/sheet1.xml")
    with pytest.raises(SpreadsheetProblem, match="giải nén ra nhiều hơn kích thước ghi trong tệp"):
        check_extent(data)
