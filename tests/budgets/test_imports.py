"""Import of estimate lines: round trip without change, tolerant headers and sheets, bad input named by cell."""

import io

import pytest
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from budgets.imports import read_workbook
from budgets.imports.matching import fold_header, header_field
from budgets.models import EstimateImport, EstimateLine, ImportStatus
from budgets.workbook import COLUMNS, estimate_workbook
from tests.budgets.factories import EstimateFactory


def _bytes(book) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _sheet(rows, title="DA6-TDA2", columns=COLUMNS, above=()):
    book = Workbook()
    sheet = book.active
    sheet.title = title
    for row in above:
        sheet.append(row)
    sheet.append(columns)
    for row in rows:
        sheet.append(row)
    return book


def _upload(client, estimate, data, name="du-toan.xlsx"):
    upload = io.BytesIO(data)
    upload.name = name
    return client.post(reverse("budgets:estimate-import", args=[estimate.pk]), {"file": upload}, follow=True)


def _confirm(client, estimate, page, **extra):
    return client.post(reverse("budgets:estimate-import-confirm", args=[estimate.pk]),
                       {"token": page.context["token"]} | extra, follow=True)


def _lines(estimate):
    return list(EstimateLine.objects.filter(estimate=estimate).order_by("group__order", "order").values_list(
        "group__title", "content", "unit_of_measure", "quantity", "days", "unit_price", "amount", "note",
        "funding_source__code"))


def test_the_exported_workbook_reads_back_to_the_same_lines(estimate):
    data = estimate_workbook(estimate, reference="(Kèm theo …)", agency_lines=["UBND"])
    result = read_workbook(data)
    assert result.problems == []
    assert [g.title for g in result.groups] == ["Hội nghị đối thoại tại xã Đan Thượng", "Tuyên truyền"]
    assert result.total == estimate.total == 17_400_000
    assert result.groups[1].lines[0] == {
        "content": "Pano", "unit_of_measure": "cái", "quantity": "10", "days": "2",
        "unit_price": 500_000, "note": "", "funding_source": "NSTW_SN", "amount": 10_000_000}


def test_export_then_import_into_the_same_estimate_changes_nothing(client_as, finance, estimate):
    client = client_as(finance)
    before, ids = _lines(estimate), set(estimate.lines.values_list("pk", flat=True))
    page = _upload(client, estimate, estimate_workbook(estimate, reference="(Kèm theo …)", agency_lines=["UBND"]))
    assert "Không có thay đổi" in page.content.decode()
    assert page.context["diff"].total_before == page.context["diff"].total_after == 17_400_000
    done = _confirm(client, estimate, page).content.decode()
    assert "Không có thay đổi" in done
    assert _lines(estimate) == before and set(estimate.lines.values_list("pk", flat=True)) == ids
    assert estimate.total == 17_400_000 and estimate.groups.count() == 2


def test_importing_twice_never_doubles_and_a_change_is_shown_then_undone(client_as, finance, estimate):
    client = client_as(finance)
    data = estimate_workbook(estimate, reference="(Kèm theo …)", agency_lines=["UBND"])
    book = load_workbook(io.BytesIO(data))
    sheet = book["DA6-TDA2"]
    water = next(r for r in sheet.iter_rows(min_row=10) if r[1].value == "Nước uống")
    water[3].value = 70  # 70 people instead of 60
    pano = next(r for r in sheet.iter_rows(min_row=10) if r[1].value == "Pano")
    sheet.delete_rows(pano[0].row)
    sheet.insert_rows(pano[0].row)
    for col, value in enumerate([1, "Băng rôn", "cái", 4, None, 300000, None, "", "NSTW sự nghiệp"], start=1):
        sheet.cell(pano[0].row, col, value)
    page = _upload(client, estimate, _bytes(book))
    diff = page.context["diff"]
    assert [c.content for c in diff.added] == ["Băng rôn"] and [c.content for c in diff.removed] == ["Pano"]
    assert [(c.content, c.fields) for c in diff.changed] == [("Nước uống", ["Số lượng"])]
    assert (diff.total_before, diff.total_after) == (17_400_000, 5_000_000 + 2_800_000 + 1_200_000)
    assert "sau khi thay: <strong>9.000.000 đồng</strong> (−8.400.000 đồng)" in page.content.decode()
    _confirm(client, estimate, page)
    assert estimate.lines.count() == 3 and estimate.total == 9_000_000
    staged = EstimateImport.objects.get(estimate=estimate, status=ImportStatus.IMPORTED)
    undo = client.post(reverse("budgets:estimate-import-undo", args=[estimate.pk, staged.pk]), follow=True)
    assert "Đã hoàn tác lần nhập: dự toán trở lại 17.400.000 đồng." in undo.content.decode()
    assert estimate.total == 17_400_000 and sorted(estimate.lines.values_list("content", flat=True)) == [
        "Hỗ trợ tiền ăn đại biểu không hưởng lương", "Nước uống", "Pano"]
    again = client.post(reverse("budgets:estimate-import-undo", args=[estimate.pk, staged.pk]), follow=True)
    assert "Chỉ hoàn tác được lần nhập gần nhất" in again.content.decode() and estimate.total == 17_400_000


def test_a_removed_line_that_was_paid_stops_the_replace_and_nothing_is_written(client_as, finance, estimate):
    from budgets.services import record_disbursement

    pano = estimate.lines.get(content="Pano")
    record_disbursement(pano, by=finance, date="2023-06-01", voucher_number="PC 1", amount=1_000_000)
    book = _sheet([["I", "Hội nghị đối thoại tại xã Đan Thượng"],
                   [1, "Nước uống", "người", 60, 1, 40000, None, "", "NSTW_SN"]])
    client = client_as(finance)
    page = _upload(client, estimate, _bytes(book))
    text = _confirm(client, estimate, page).content.decode()
    assert "Không thể bỏ 1 dòng đã có giải ngân («Pano»)" in text
    assert estimate.lines.count() == 3 and estimate.total == 17_400_000


def test_append_mode_adds_after_the_existing_groups(client_as, finance, estimate):
    client = client_as(finance)
    book = _sheet([["I", "Tập huấn"], [1, "Giảng viên", "buổi", 2, None, 500000, None, "", "NSTW_SN"]])
    page = _upload(client, estimate, _bytes(book))
    _confirm(client, estimate, page, mode="append")
    assert estimate.lines.count() == 4 and estimate.total == 18_400_000


def test_import_into_another_estimate_through_the_worker_shows_progress_then_the_preview(client_as, finance, estimate):
    target = EstimateFactory(unit=estimate.unit)
    page = _upload(client_as(finance), target, estimate_workbook(estimate, reference="(…)", agency_lines=["U"]))
    staged = EstimateImport.objects.get(estimate=target)
    assert staged.progress == 100 and staged.content == b"" and staged.status == ImportStatus.PREVIEW
    assert "Thêm <strong>3</strong> dòng" in page.content.decode()
    progress = client_as(finance).get(reverse("budgets:estimate-import-progress", args=[target.pk, staged.pk]))
    assert "100%" in progress.content.decode()


@pytest.mark.parametrize("written,field", [
    ("Số ngày / lớp", "days"), ("Số ngày/buổi/lớp", "days"), ("Đơn giá (đồng)", "unit_price"),
    ("ĐỊNH MỨC / ĐƠN GIÁ", "unit_price"), ("Thành tiền", "amount"), ("ĐVT", "unit_of_measure"),
    ("Đơn vị  tính", "unit_of_measure"), ("Nội dung", "content"), ("Diễn giải", "content"),
    ("Ghi chú", "note"), ("Căn cứ tính", "note"), ("T.T", "stt"), ("S.lượng", None), ("Số lượng", "quantity"),
    ("Nguồn kinh phí", "funding_source"),
])
def test_headers_are_matched_with_tolerance(written, field):
    assert header_field(written) == field, fold_header(written)


HAND_COLUMNS = ["TT", "Nội dung", "ĐVT", "Số lượng", "Số ngày / lớp", "Đơn giá (đồng)", "Thành tiền", "Ghi chú"]


@pytest.mark.parametrize("title,code", [
    ("Phụ lục 1 - TDA2", "DA6-TDA2"), ("PL02 - Nâng cao năng lực", "DA7-TDA1"),
    ("Dự án 6 - Tiểu dự án 2", "DA6-TDA2"), ("DA 6 TDA 2", "DA6-TDA2"), ("da7-tda1", "DA7-TDA1"),
])
def test_sheets_named_like_appendices_find_their_sub_project(estimate, title, code):
    book = _sheet([["I", "Hội nghị"], [1, "Nước uống", "người", 60, 1, "40.000", None, ""]],
                  title=title[:31], columns=HAND_COLUMNS,
                  above=[["UBND XÃ ĐAN THƯỢNG", None, None, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"], [],
                         ["DỰ TOÁN KINH PHÍ"]])
    book.active.merge_cells("A1:C1")  # a merged title row above the table is fine
    result = read_workbook(_bytes(book), preferred={"DA6-TDA2"})
    assert result.problems == []
    assert [(s.name, s.sub_project) for s in result.sheets] == [(title[:31], code)]
    assert result.groups[0].lines[0]["amount"] == 2_400_000


def test_a_sheet_the_app_cannot_match_is_chosen_by_the_user_in_the_preview(client_as, finance, estimate):
    client = client_as(finance)
    book = _sheet([["I", "Tập huấn"], [1, "Giảng viên", "buổi", 2, None, 500000, None, "", "NSTW_SN"]],
                  title="Biểu số 3")
    page = _upload(client, estimate, _bytes(book))
    assert page.context["sheets"][0]["chosen"] is None
    _confirm(client, estimate, page, mode="append", **{"sheet-0": "DA7-TDA1"})
    group = estimate.groups.get(title="Tập huấn")
    assert group.sub_project.code == "DA7-TDA1"


def test_bad_rows_are_named_by_sheet_row_and_column_and_nothing_is_imported(client_as, finance, estimate):
    book = _sheet([
        ["I", "Hội nghị"],
        [1, "Tiền ăn", "người", 2.5, 1, 100000, None, "", "NSTW_SN"],
        [2, "Nước", "người", 10, 1, -5, None, "", "NSTW_SN"],
        [3, "Tài liệu", "bộ", "mười", None, 20000, None, "", "XYZ"],
        [None, "Tổng cộng", None, None, None, None, 99999999],  # typed by hand: the table ends here
        [9, "Sau tổng", "cái", "x", None, 1, None, "", "NSTW_SN"],
    ])
    before = EstimateLine.objects.count()
    page = _upload(client_as(finance), estimate, _bytes(book), name="loi.xlsx")
    text = page.content.decode()
    assert "Trang «DA6-TDA2», dòng 3, cột D («Số lượng»): Số lượng tính theo «người» phải là số nguyên." in text
    assert "dòng 4, cột F («Định mức/Đơn giá»): «Định mức/Đơn giá» không được âm (-5)." in text
    assert "dòng 5, cột D («Số lượng»): «mười» không phải là số" in text
    assert "dòng 5, cột I («Nguồn vốn»): Nguồn vốn «XYZ» không có trong danh mục" in text
    assert "Sau tổng" not in text and "token" not in page.context
    assert EstimateLine.objects.count() == before


@pytest.mark.parametrize("make,message", [
    (lambda: _sheet([["I", "A"]], columns=COLUMNS[:4]), "Thiếu cột «Định mức/Đơn giá»"),
    (lambda: _merged(), "Ô gộp B3:B4 trong bảng số liệu"),
])
def test_missing_columns_and_merged_data_cells_are_refused(db, make, message):
    result = read_workbook(_bytes(make()))
    assert any(message in str(p) for p in result.problems), [str(p) for p in result.problems]


def test_extra_sheets_without_a_table_are_skipped_with_a_notice(db):
    book = _sheet([["I", "A"], [1, "Nước", "người", 10, 1, 40000, None, "", "NSTW_SN"]])
    book.create_sheet("Ghi chú")["A1"] = "Bản nháp của kế toán"
    result = read_workbook(_bytes(book))
    assert result.problems == [] and result.line_count == 1
    assert result.notices == ["Trang «Ghi chú» không có bảng dự toán (thiếu dòng tiêu đề cột Nội dung chi | "
                              "Đơn vị tính | Số lượng | Đơn giá): bỏ qua."]


def _merged():
    book = _sheet([["I", "A"], [1, "Tiền ăn", "người", 10, 1, 100000, None, "", "NSTW_SN"],
                   [2, None, "người", 10, 1, 100000, None, "", "NSTW_SN"]])
    book.active.merge_cells("B3:B4")
    return book


def test_a_file_that_is_not_a_workbook_gets_a_clear_message(db):
    [problem] = read_workbook(b"not a zip").problems
    assert "không phải tệp Excel thật" in str(problem)


def test_a_reading_whose_worker_died_is_shown_failed_not_waiting_forever(client_as, finance, estimate):
    import datetime

    staged = EstimateImport.objects.create(estimate=estimate, created_by=finance, status=ImportStatus.READING,
                                           filename="lon.xlsx", progress=40)
    url = reverse("budgets:estimate-import-detail", args=[estimate.pk, staged.pk])
    assert "Đang đọc tệp" in client_as(finance).get(url).content.decode()
    EstimateImport.objects.filter(pk=staged.pk).update(
        created_at=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC))
    page = client_as(finance).get(url).content.decode()
    assert "bộ xử lý nền có thể đã dừng" in page
    assert EstimateImport.objects.get(pk=staged.pk).status == ImportStatus.FAILED


def test_someone_elses_import_page_is_not_found(client_as, finance, estimate):
    from areas.models import Role
    from tests.factories import AssignmentFactory

    staged = EstimateImport.objects.create(estimate=estimate, created_by=finance, status=ImportStatus.PREVIEW)
    colleague = AssignmentFactory(role=Role.FINANCE, unit=estimate.unit).user
    url = reverse("budgets:estimate-import-detail", args=[estimate.pk, staged.pk])
    assert client_as(colleague).get(url).status_code == 404
