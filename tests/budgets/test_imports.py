"""Import of estimate lines: round trip, per-row problems, nothing half-imported."""

import io

import pytest
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from budgets.imports import read_workbook
from budgets.models import EstimateLine
from budgets.workbook import COLUMNS, estimate_workbook
from tests.budgets.factories import EstimateFactory


def _bytes(book) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _sheet(rows, title="DA6-TDA2", columns=COLUMNS):
    book = Workbook()
    sheet = book.active
    sheet.title = title
    sheet.append(columns)
    for row in rows:
        sheet.append(row)
    return book


def test_the_exported_workbook_reads_back_to_the_same_lines(estimate):
    data = estimate_workbook(estimate, reference="(Kèm theo …)", agency_lines=["UBND"])
    result = read_workbook(data)
    assert result.problems == []
    assert [g.title for g in result.groups] == ["Hội nghị đối thoại tại xã Đan Thượng", "Tuyên truyền"]
    assert result.total == estimate.total == 17_400_000
    assert result.groups[1].lines[0] == {
        "content": "Pano", "unit_of_measure": "cái", "quantity": "10", "days": "2",
        "unit_price": 500_000, "note": "", "funding_source": "NSTW_SN", "amount": 10_000_000}


def test_import_round_trip_through_the_page_adds_the_lines_in_one_go(client_as, finance, estimate):
    data = estimate_workbook(estimate, reference="(Kèm theo …)", agency_lines=["UBND"])
    target = EstimateFactory(unit=estimate.unit)
    client = client_as(finance)
    upload = io.BytesIO(data)
    upload.name = "du-toan.xlsx"
    page = client.post(reverse("budgets:estimate-import", args=[target.pk]), {"file": upload})
    assert "Đọc được 2 nhóm, 3 dòng, tổng 17.400.000 đồng" in page.content.decode()
    token = page.context["token"]
    response = client.post(reverse("budgets:estimate-import-confirm", args=[target.pk]), {"token": token})
    assert response.status_code == 302
    assert target.total == 17_400_000 and target.groups.first().sub_project.code == "DA6-TDA2"


def test_bad_rows_are_named_and_nothing_is_imported(client_as, finance, estimate):
    book = _sheet([
        ["I", "Hội nghị"],
        [1, "Tiền ăn", "người", 2.5, 1, 100000, None, "", "NSTW_SN"],
        [2, "Nước", "người", 10, 1, -5, None, "", "NSTW_SN"],
        [3, "Tài liệu", "bộ", "mười", None, 20000, None, "", "XYZ"],
        [4, "Xe", "chuyến", 1, None, "=1+1", None, "", "NSDP"],
    ])
    upload = io.BytesIO(_bytes(book))
    upload.name = "loi.xlsx"
    before = EstimateLine.objects.count()
    page = client_as(finance).post(reverse("budgets:estimate-import", args=[estimate.pk]), {"file": upload})
    text = page.content.decode()
    assert "Trang «DA6-TDA2», dòng 3: Số lượng tính theo «người» phải là số nguyên." in text
    assert "dòng 4: «Định mức/Đơn giá» không được âm." in text
    assert "dòng 5: Cột «Số lượng»: «mười» không phải là số" in text
    assert "Nguồn vốn «XYZ» không có trong danh mục" in text
    assert "dòng 6: Cột «Định mức/Đơn giá» chứa công thức =1+1" in text
    assert "token" not in page.context and EstimateLine.objects.count() == before


@pytest.mark.parametrize("make,message", [
    (lambda: _sheet([["I", "A"]], title="Trang thừa"), "Trang tính thừa"),
    (lambda: _sheet([["I", "A"]], columns=COLUMNS[:5]), "Thiếu cột «Định mức/Đơn giá», «Thành tiền»"),
    (lambda: _merged(), "Ô gộp B3:C3"),
])
def test_extra_sheets_missing_columns_and_merged_cells_are_refused(db, make, message):
    result = read_workbook(_bytes(make()))
    assert any(message in str(p) for p in result.problems)


def _merged():
    book = _sheet([["I", "A"], [1, "Tiền ăn", "", 10, 1, 100000, None, "", "NSTW_SN"]])
    book.active.merge_cells("B3:C3")
    return book


def test_a_file_that_is_not_a_workbook_gets_a_clear_message(db):
    [problem] = read_workbook(b"not a zip").problems
    assert "không phải bảng tính Excel" in str(problem)


def test_reopening_keeps_merged_header_outside_the_table(estimate):
    data = estimate_workbook(estimate, reference="(Kèm theo …)", agency_lines=["UBND"])
    assert load_workbook(io.BytesIO(data))["DA6-TDA2"].merged_cells.ranges
