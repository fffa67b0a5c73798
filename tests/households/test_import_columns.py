"""What a column means, read from its header: units of income, deprivation counts vs lists, header
spellings, structure rows, notes, and codes and ID numbers that Excel stored as numbers."""

import unicodedata

import openpyxl
import pytest
from django.urls import reverse

from households.imports.cells import parse_amount
from households.imports.columns import find_header
from households.imports.plan import build_plan
from households.imports.rows import ParsedRow
from households.imports.workbook import parsed_rows
from households.models import Classification, Household, ImportBatch
from households.participation import past_participation
from tests.households.factories import HouseholdFactory
from tests.households.workbooks import Text, save, simple_list

pytestmark = pytest.mark.django_db
NBSP = "\u00a0"


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def _read(data: bytes, year: int = 2024) -> list:
    return list(parsed_rows("ds.xlsx", data, year=year)[1])


def _data(data: bytes, year: int = 2024) -> list[ParsedRow]:
    return [r for r in _read(data, year) if isinstance(r, ParsedRow)]


def _with(header_extra: list, rows: list[list]) -> bytes:
    """A one-row header list with a name and birth year, and the extra columns given."""
    return simple_list([["Nguyễn Văn An", 1975, *row] for row in rows],
                       header=["Họ và tên chủ hộ", "Năm sinh", *header_extra])


def _import(client, own_unit, upload, content, year=2024):
    client.post(reverse("households:import-start"), {"commune": own_unit.pk, "year": year,
                                                      "file": upload(content, "danh-sach.xlsx")})
    batch = ImportBatch.objects.latest("id")
    client.post(reverse("households:import-commit", args=[batch.pk]))
    return batch


# 1. Units from headers --------------------------------------------------------------------------

@pytest.mark.parametrize("label,cell,expected", [
    ("Thu nhập bình quân (nghìn đồng/người/tháng)", 1200, 1_200_000),
    (nfd("THU NHẬP BÌNH QUÂN (Nghìn đồng/người/tháng) "), "1.350", 1_350_000),
    ("Thu nhập BQ/người/tháng" + NBSP + "(1.000đ)", 980.0, 980_000),
    ("Thu nhập bình quân (ngàn đồng)", " 1 100 ", 1_100_000),
    ("Thu nhập bình quân (1000 VNĐ)", 1100, 1_100_000),
    ("Thu nhập (triệu đồng)", 1.2, 1_200_000),
    ("Thu nhập BQ (tr.đ)", "1,5", 1_500_000),
    ("Thu nhập bình quân (đồng)", 1_300_000, 1_300_000),
    ("Thu nhập bình quân (VNĐ)", "1.300.000", 1_300_000),
])
def test_an_income_header_s_unit_turns_the_amount_into_whole_dong(label, cell, expected):
    (row,) = _data(_with([label], [[cell]]))
    assert row.values["income_per_person"] == expected
    assert not any("đơn vị" in w for w in row.warnings)


@pytest.mark.parametrize("cells,expected,unit", [
    ([1200, 900, "1.500"], [1_200_000, 900_000, 1_500_000], "nghìn đồng"),
    ([1.2, 0.9, "1,5"], [1_200_000, 900_000, 1_500_000], "triệu đồng"),
    ([1_200_000, 900_000, 1_500_000], [1_200_000, 900_000, 1_500_000], "đồng"),
])
def test_an_income_column_without_a_unit_is_read_by_its_magnitudes_with_a_warning(cells, expected, unit):
    rows = _data(_with(["Thu nhập bình quân"], [[c] for c in cells]))
    assert [r.values["income_per_person"] for r in rows] == expected
    assert all(any(f"hiểu là {unit}" in w for w in r.warnings) for r in rows)


def test_numbers_too_small_for_the_unit_the_header_names_are_read_by_the_header_with_a_warning():
    rows = _data(_with(["Thu nhập bình quân (đồng/người/tháng)"], [[1200], [900]]))
    assert [r.values["income_per_person"] for r in rows] == [1200, 900]
    assert all(any("giống nghìn đồng" in w for w in r.warnings) for r in rows)


def test_amounts_parse_in_their_unit():
    assert parse_amount("1.200", 1000) == 1_200_000
    assert parse_amount("1,25", 1_000_000) == 1_250_000
    assert parse_amount("1.5", 1_000_000) == 1_500_000
    assert parse_amount("abc", 1000) is None and parse_amount(True, 1) is None


def test_incomes_in_thousands_are_stored_in_dong_not_a_thousand_times_too_small(client_as, commune_staff,
                                                                               own_unit, upload):
    content = simple_list([["HH-01", "Nguyễn Văn An", "Nam", 1975, "Kinh", "", "Thôn A", 4, "Hộ nghèo", 1200]],
                          header=["Mã hộ", "Họ và tên chủ hộ", "Giới tính", "Năm sinh", "Dân tộc", "Số định danh",
                                  "Thôn", "Số nhân khẩu", "Phân loại",
                                  "Thu nhập bình quân (nghìn đồng/người/tháng)"])
    _import(client_as(commune_staff), own_unit, upload, content)
    assert Classification.objects.get().income_per_person == 1_200_000


def test_an_amount_may_carry_its_currency():
    assert parse_amount("1.200.000đ") == 1_200_000 and parse_amount("850.000 đồng") == 850_000
    assert parse_amount("1.300.000 VNĐ") == 1_300_000


def test_a_count_under_the_numbered_deprivation_columns_of_a_two_row_header_is_a_count():
    rows = [["STT", "Họ và tên chủ hộ", "Năm sinh", "Chỉ số thiếu hụt", None, None, None],
            [None, None, None, 1, 2, 3, nfd("Tổng số")]]
    header = find_header(rows, [((0, 3), (0, 6))])
    assert (header.fields["dep_1"], header.fields["dep_3"], header.fields["deprivation_count"]) == (3, 5, 6)


# 2. Deprivations: a count is a count, a list is a list ----------------------------------------------

@pytest.mark.parametrize("label,field", [
    ("Số chỉ số thiếu hụt", "deprivation_count"),
    (nfd("SỐ CHIỀU THIẾU HỤT "), "deprivation_count"),
    ("Tổng số chỉ số thiếu hụt", "deprivation_count"),
    ("Các chỉ số thiếu hụt", "deprivations"),
    ("Chỉ số thiếu hụt (ghi số thứ tự)", "deprivations"),
    ("Thiếu hụt chỉ số", "deprivations"),
])
def test_a_deprivation_header_says_whether_it_holds_a_count_or_a_list(label, field):
    header = find_header([["STT", "Họ và tên chủ hộ", "Năm sinh", "Dân tộc", label]], [])
    assert header.fields[field] == 4


@pytest.mark.parametrize("cell", ["1, 3, 7", "1;3;7", "1-3-7", " 1 ;" + NBSP + "3; 7 ", "7/3/1"])
def test_a_deprivation_list_is_read_with_any_separator(cell):
    (row,) = _data(_with(["Các chỉ số thiếu hụt"], [[Text(cell)]]))
    assert row.values["deprivations"] == [1, 3, 7] and not row.errors


def test_a_count_next_to_a_list_is_kept_as_a_count_and_a_mismatch_is_warned():
    rows = _data(_with(["Số chỉ số thiếu hụt", "Các chỉ số thiếu hụt"], [[3, ""], [2, "1, 4"], [3, "1, 4"]]))
    assert [(r.values.get("deprivation_count"), r.values.get("deprivations")) for r in rows] == [
        (3, []), (2, [1, 4]), (3, [1, 4])]
    assert any("ghi 3 nhưng cột liệt kê 2" in w for w in rows[2].warnings)


def _poor_list(header_extra, cells) -> bytes:
    rows = [[f"HH-0{n}", name, "Nam", 1970 + n, "Kinh", "Thôn A", 4, "x", "", 1000, *extra]
            for n, (name, *extra) in enumerate(cells, start=1)]
    return simple_list(rows, header=["Mã hộ", "Họ và tên chủ hộ", "Giới tính", "Năm sinh", "Dân tộc", "Thôn",
                                     "Số nhân khẩu", "Hộ nghèo", "Hộ cận nghèo",
                                     "Thu nhập (nghìn đồng/người/tháng)", *header_extra])


def test_poor_households_with_a_deprivation_count_do_not_disagree_with_the_standard(client_as, commune_staff,
                                                                                   own_unit, upload):
    content = _poor_list(["Số chỉ số thiếu hụt", "Các chỉ số thiếu hụt"],
                         [("Nguyễn Văn An", 3, ""), ("Lò Văn Bình", 4, Text("1, 3, 5, 7")), ("Hà Văn Cường", 5, "")])
    client = client_as(commune_staff)
    _import(client, own_unit, upload, content)
    got = {c.household.code: c for c in Classification.objects.select_related("household")}
    assert {code: (c.deprivation_count, c.deprivations) for code, c in got.items()} == {
        "HH-01": (3, []), "HH-02": (4, [1, 3, 5, 7]), "HH-03": (5, [])}
    assert all(c.computed_class == "poor" and not c.disagrees for c in got.values())
    page = client.get(got["HH-01"].household.get_absolute_url()).content.decode()
    assert "3 chỉ số" in page


def test_a_count_with_few_deprivations_is_near_poor_by_the_standard(client_as, commune_staff, own_unit, upload):
    _import(client_as(commune_staff), own_unit, upload, _poor_list(["Số chỉ số thiếu hụt"], [("Nguyễn Văn An", 1)]))
    klass = Classification.objects.get()
    assert klass.deprivation_count == 1 and klass.deprivations == []
    assert klass.computed_class == "near_poor" and klass.disagrees


# 3. Headers with and without diacritics, in any order ------------------------------------------------

@pytest.mark.parametrize("name_label", ["Ho va ten chu ho", "HỌ VÀ TÊN CHỦ HỘ", nfd("Họ tên chủ hộ "),
                                        "  họ  và tên  chủ hộ" + NBSP])
def test_header_spellings_and_column_order_do_not_matter(name_label):
    header = ["Ghi chú", "Số nhân khẩu", "Thôn/bản/tổ", "Số CCCD/CMND", "Dân tộc", name_label, "Mã hộ", "STT"]
    content = simple_list([["đã tham gia đối thoại năm 2023", 5, "Bản Khe Lầy", Text("025075001234"),
                            "Tày", "Nông Văn Dền", Text("00017"), 1]], header=header)
    (row,) = _data(content)
    assert row.values["head_name"] == "Nông Văn Dền" and row.values["code"] == "00017"
    assert row.values["members"] == 5 and row.values["village"] == "Bản Khe Lầy"
    assert row.values["id_number"] == "025075001234" and row.values["ethnic_group"].name == "Tày"


def _commune_list() -> bytes:
    """A list as communes keep it: title block, two-row merged header with Nam/Nữ birth years and
    class ticks, no village column (village section rows), STT-only rows, totals and a footer."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"] = "UBND XÃ NÀ HANG"
    ws["A3"] = nfd("DANH SÁCH HỘ NGHÈO, HỘ CẬN NGHÈO NĂM 2024 ")
    ws.merge_cells("A3:K3")
    top = ["STT", "Mã hộ", nfd("HỌ VÀ TÊN CHỦ HỘ"), "Năm sinh", None, "Dân tộc", "Số CCCD/CMND", "Phân loại hộ",
           None, None, "Ghi chú"]
    sub = [None, None, None, "Nam", "Nữ", None, None, "Hộ nghèo", "Hộ cận nghèo", "Hộ mới thoát nghèo", None]
    for col, (a, b) in enumerate(zip(top, sub, strict=True), start=1):
        ws.cell(5, col, a)
        ws.cell(6, col, b)
    for letter in "ABCFGK":
        ws.merge_cells(f"{letter}5:{letter}6")
    ws.merge_cells("D5:E5")
    ws.merge_cells("H5:J5")
    lines = [
        ["I. THÔN NÀ PỒNG"],
        [1, Text("00101"), "Hoàng Văn Pó", 1968, None, "Tày", Text("008068001234"), "x", None, None, None],
        [2, 102, "Lương Thị Mai ", None, "1975 (nữ)", "Tày", 8182004321, None, "X", None, None],
        [3],
        [4, Text("00104"), "Bàn Thị Thuỷ", None, 1990.0, "Dao", None, None, None, "✓",
         nfd("Đã dự hội nghị đối thoại chính sách 2023")],
        ["Bản Khe Lầy:"],
        [5, Text("00201"), "Bàn Văn Lừu", "75", None, "Dao", "Chưa có", 1, None, None, "dự HN đối thoại 2022"],
        [None, "Tổng số: 300 hộ"],
        [None, "Người lập biểu", None, None, None, None, None, "XÁC NHẬN CỦA UBND XÃ"],
        [None, None, None, None, None, None, None, "Ngày … tháng … năm …"],
    ]
    for line, values in enumerate(lines, start=7):
        for col, value in enumerate(values, start=1):
            if value is not None:
                ws.cell(line, col, value)
                if isinstance(value, Text):
                    ws.cell(line, col).data_type = "s"
    return save(wb)


def test_a_commune_list_in_its_real_layout_reads_every_value_where_it_means():
    rows = _read(_commune_list())
    data = {r.row: r for r in rows if isinstance(r, ParsedRow)}
    skipped = {r.number: r.reason for r in rows if not isinstance(r, ParsedRow)}
    assert sorted(data) == [8, 9, 11, 13]
    assert skipped[10] == "Dòng trống (chỉ có số thứ tự)"
    assert skipped[7] == "Dòng tiêu đề thôn «THÔN NÀ PỒNG»" and skipped[12] == "Dòng tiêu đề thôn «Bản Khe Lầy»"
    assert skipped[14] == "Dòng tổng cộng" and "ký tên" in skipped[15]
    po, mai, thuy, luu = data[8].values, data[9].values, data[11].values, data[13].values
    assert (po["gender"], po["birth_year"], po["household_class"], po["village"]) == ("M", 1968, "poor",
                                                                                    "THÔN NÀ PỒNG")
    assert (mai["gender"], mai["birth_year"], mai["household_class"]) == ("F", 1975, "near_poor")
    assert thuy["head_name"] == "Bàn Thị Thuỷ" and thuy["household_class"] == "newly_escaped"
    assert thuy["village"] == "THÔN NÀ PỒNG", "a head named Bàn Thị … is not a village section"
    assert (luu["village"], luu["birth_year"], luu["household_class"]) == ("Bản Khe Lầy", 1975, "poor")


def test_a_header_repeated_on_a_later_page_is_skipped():
    content = simple_list([["HH-1", "Nguyễn Văn An", 1975, "Thôn A"], ["Mã hộ", "Họ và tên chủ hộ", "Năm sinh", "Thôn"],
                           ["HH-2", "Lê Văn Bảo", 1980, "Thôn A"]],
                          header=["Mã hộ", "Họ và tên chủ hộ", "Năm sinh", "Thôn"])
    rows = _read(content)
    assert [r.values["code"] for r in rows if isinstance(r, ParsedRow)] == ["HH-1", "HH-2"]
    assert [r.reason for r in rows if not isinstance(r, ParsedRow)] == ["Dòng tiêu đề cột lặp lại"]



def test_a_village_section_with_its_household_count_beside_it_still_sets_the_village():
    content = simple_list([["Thôn Nà Pồng", None, "(2 hộ)"], ["Hoàng Văn Pó", 1968, 4], ["Bàn Thị Thuỷ", 1990, 3],
                           [nfd("II - Bản Khe Lầy ")]], header=["Họ và tên chủ hộ", "Năm sinh", "Số nhân khẩu"])
    rows = _read(content)
    assert [r.values["village"] for r in rows if isinstance(r, ParsedRow)] == ["Thôn Nà Pồng", "Thôn Nà Pồng"]
    assert [r.reason for r in rows if not isinstance(r, ParsedRow)] == [
        "Dòng tiêu đề thôn «Thôn Nà Pồng»", "Dòng tiêu đề thôn «Bản Khe Lầy»"]

# 4. Birth years -----------------------------------------------------------------------------------

@pytest.mark.parametrize("cell", ["1975", 1975.0, "75", "1975 (nữ)", "12/05/1975", " 1975" + NBSP])
def test_birth_years_are_read_however_they_are_written(cell):
    (row,) = simple_rows([["Nguyễn Thị Lan", Text(cell) if isinstance(cell, str) else cell]])
    assert row.values["birth_year"] == 1975 and not row.errors


def simple_rows(rows):
    return _data(simple_list(rows, header=["Họ và tên chủ hộ", "Năm sinh", "Thôn", "Dân tộc"]))


# 5. Ghi chú and past participation ------------------------------------------------------------------

def test_a_note_is_kept_and_a_past_dialogue_is_offered_as_participation():
    rows = {r.row: r for r in _read(_commune_list()) if isinstance(r, ParsedRow)}
    thuy, luu = rows[11], rows[13]
    assert any("Đã dự hội nghị đối thoại chính sách 2023" in n for n in thuy.notes)
    assert thuy.values["past_participation"].years == (2023,)
    assert luu.values["past_participation"].years == (2022,)
    assert "past_participation" not in rows[8].values


@pytest.mark.parametrize("note,years", [
    ("đã tham gia đối thoại năm 2024", (2024,)), ("dự HN đối thoại 2022", (2022,)),
    (nfd("Đã dự hội nghị đối thoại chính sách 2023"), (2023,)), ("ĐÃ THAM GIA ĐỐI THOẠI 2021, 2023", (2021, 2023)),
    ("chưa tham gia đối thoại", None), ("Không dự đối thoại 2023", None), ("Hộ neo đơn", None),
    ("tham gia tập huấn 2023", None),
])
def test_past_participation_is_read_from_the_note_s_words(note, years):
    found = past_participation(note)
    assert (found.years if found else None) == years


# 6. Codes and ID numbers written as numbers ---------------------------------------------------------

def _codes(cells, own_unit) -> dict:
    content = simple_list([[code, name, 1970 + n, "Thôn A"] for n, (code, name) in enumerate(cells)],
                          header=["Mã hộ", "Họ và tên chủ hộ", "Năm sinh", "Thôn"])
    plan = build_plan("ds.xlsx", content, commune=own_unit, year=2024)
    return {row[4]: row for row in plan.report if row[1] != "skipped"}


def test_a_code_stored_as_a_number_gets_back_the_width_of_the_commune_s_codes(own_unit):
    HouseholdFactory(commune=own_unit, code="00999")
    report = _codes([(Text("00121"), "Nguyễn Văn An"), (123, "Lê Văn Bảo"), (124.0, "Hà Văn Cường")], own_unit)
    assert report["Lê Văn Bảo"][3] == "00123" and report["Hà Văn Cường"][3] == "00124"
    assert "đã trả lại thành «00123»" in report["Lê Văn Bảo"][6]


def test_a_code_stored_as_a_number_is_warned_when_the_width_is_not_clear(own_unit):
    HouseholdFactory(commune=own_unit, code="0999")
    report = _codes([(Text("00121"), "Nguyễn Văn An"), (123, "Lê Văn Bảo")], own_unit)
    assert report["Lê Văn Bảo"][3] == "123" and report["Lê Văn Bảo"][1] == "warning"
    assert "có thể đã mất số 0 đầu" in report["Lê Văn Bảo"][6]


def test_ids_and_codes_from_number_cells_are_text_digits():
    content = simple_list([[1.2345678901e+11, "Nguyễn Văn An", 1975, "Thôn A", 25075001234.0]],
                          header=["Mã hộ", "Họ và tên chủ hộ", "Năm sinh", "Thôn", "Số CCCD"])
    (row,) = _data(content)
    assert row.values["code"] == "123456789010"
    assert row.values["id_number"] == "025075001234"


def test_an_eleven_digit_id_is_never_taken_silently():
    rows = {r.row: r for r in _read(_commune_list()) if isinstance(r, ParsedRow)}
    mai = rows[9]  # 8182004321 has 10 digits: nothing to offer
    assert "id_number" not in mai.values
    content = simple_list([["Nguyễn Văn An", 1975, "Thôn A", 25075001234], ["Lê Văn Bảo", "", "Thôn A", 25075001235]],
                          header=["Họ và tên chủ hộ", "Năm sinh", "Thôn", "Số CCCD"])
    proven, unproven = _data(content)
    assert proven.values["id_number"] == "025075001234"
    assert any("11 chữ số" in w and "hãy kiểm tra" in w for w in proven.warnings)
    assert "id_number" not in unproven.values and unproven.values["id_offer"] == "025075001235"
    assert any("có thể là 025075001235" in w for w in unproven.warnings)


def test_every_household_written_from_number_cells_holds_text(client_as, commune_staff, own_unit, upload):
    content = simple_list([[Text("00121"), "Nguyễn Văn An", "Nam", 1975, "Kinh", 25075001234, "Thôn A", 4, "Hộ nghèo"],
                           [122, "Lê Văn Bảo", "Nam", 1980, "Kinh", "", "Thôn A", 3, "Hộ nghèo"]])
    _import(client_as(commune_staff), own_unit, upload, content)
    assert sorted(Household.objects.values_list("code", "id_number")) == [("00121", "025075001234"),
                                                                         ("00122", "")]


# 7. Cell values -----------------------------------------------------------------------------------

@pytest.mark.parametrize("error", ["#N/A", "#REF!", "#VALUE!", " #n/a" + NBSP])
def test_an_excel_error_written_in_a_cell_leaves_that_field_empty_with_a_note(error):
    content = simple_list([[Text(error), "Nguyễn Văn An", 1975, Text(error), Text(error)]],
                          header=["Mã hộ", "Họ và tên chủ hộ", "Năm sinh", "Thôn", "Dân tộc"])
    (row,) = _data(content)
    assert "code" not in row.values and "village" not in row.values and "ethnic_group" not in row.values
    assert sum("lỗi của Excel" in n for n in row.notes) == 3 and not row.errors


@pytest.mark.parametrize("cell", ["Chưa có", nfd("Không có "), "-", "chưa cấp", "KC", "0", 0, 0.0])
def test_an_id_cell_saying_there_is_none_means_no_id_with_a_note(cell):
    content = simple_list([["Nguyễn Văn An", 1975, "Thôn A", Text(cell) if isinstance(cell, str) else cell]],
                          header=["Họ và tên chủ hộ", "Năm sinh", "Thôn", "Số CCCD/CMND"])
    (row,) = _data(content)
    assert "id_number" not in row.values and not row.errors and not row.dropped
    assert any("hộ chưa có số định danh" in n for n in row.notes)


@pytest.mark.parametrize(("cell", "kept"), [(" 0 ", None), ("00", None), ("010850123456", "010850123456"),
                                           ("001085012345", "001085012345")])
def test_an_id_of_digits_only_is_an_id_unless_it_is_a_lone_zero(cell, kept):
    content = simple_list([["Nguyễn Văn An", 1975, "Thôn A", Text(cell)]],
                          header=["Họ và tên chủ hộ", "Năm sinh", "Thôn", "Số CCCD/CMND"])
    (row,) = _data(content)
    no_id = any("hộ chưa có số định danh" in n for n in row.notes)
    assert no_id == (cell.strip() == "0")
    assert row.values.get("id_number") == kept
