"""The finance-office workbook: layout, formulas with cached values, print setup, LibreOffice totals."""

import csv
import html
import io
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
import xlsxwriter
from openpyxl import load_workbook

from budgets.workbook import LEFT_BLOCK, WIDTHS, estimate_workbook, sub_project_label
from budgets.workbook_print import (
    StreamedWorksheet,
    column_mm,
    motto_mm,
    print_scale,
    printed_lines,
    with_room_for_motto,
)
from documents.official import QUOC_HIEU, TIEU_NGU
from tests.budgets.factories import EstimateGroupFactory, EstimateLineFactory, source, sub_project

AGENCY = ["ỦY BAN NHÂN DÂN", "HUYỆN HẠ HÒA"]
REFERENCE = "(Kèm theo Kế hoạch số 05/KH-UBND ngày 12 tháng 5 năm 2023 của UBND huyện Hạ Hoà)"


@pytest.fixture
def workbook_bytes(estimate):
    group = EstimateGroupFactory(estimate=estimate, title="Tập huấn", sub_project=sub_project("DA7-TDA1"),
                                 order=3)
    EstimateLineFactory(group=group, content="=HYPERLINK(\"http://x\")", unit_of_measure="lớp",
                        quantity=1, days=None, unit_price=600_000, funding_source=source("NSDP"))
    return estimate_workbook(estimate, reference=REFERENCE, agency_lines=AGENCY)


def test_one_sheet_per_sub_project_after_a_summary_by_source_and_a_legend(workbook_bytes):
    book = load_workbook(io.BytesIO(workbook_bytes))
    assert book.sheetnames == ["Tổng hợp", "DA6-TDA2", "DA7-TDA1", "Chú giải"]
    values = load_workbook(io.BytesIO(workbook_bytes), data_only=True)["Tổng hợp"]
    rows = [[c for c in r] for r in values.iter_rows(min_row=10, max_row=12, max_col=5, values_only=True)]
    assert rows == [[1, sub_project_label(sub_project("DA6-TDA2")), 17_400_000, 0, 17_400_000],
                    [2, sub_project_label(sub_project("DA7-TDA1")), 0, 600_000, 600_000],
                    [None, "TỔNG CỘNG", 17_400_000, 600_000, 18_000_000]]
    assert [c.value for c in values[8]][:5] == [
        "STT", "Tiểu dự án", "Ngân sách trung ương – vốn sự nghiệp (kinh phí thường xuyên)",
        "Ngân sách địa phương (vốn đối ứng hoặc vốn tự cân đối của địa phương)", "Tổng cộng"]
    assert [c.value for c in values[9]][:5] == ["(1)", "(2)", "(3)", "(4)", "(5)=(3)+(4)"]
    legend = [[c.value for c in r] for r in book["Chú giải"].iter_rows(min_row=2, max_row=3)]
    assert legend[0] == ["DA6-TDA2", sub_project_label(sub_project("DA6-TDA2"))]


def test_names_not_codes_and_the_title_once(workbook_bytes, estimate):
    estimate.title = "Dự toán kinh phí tổ chức đối thoại chính sách"
    estimate.save()
    sheet = load_workbook(io.BytesIO(estimate_workbook(estimate, reference=REFERENCE, agency_lines=AGENCY)))[
        "DA6-TDA2"]
    title = sheet["A4"].value
    assert title.startswith("DỰ TOÁN KINH PHÍ TỔ CHỨC ĐỐI THOẠI CHÍNH SÁCH\nTIỂU DỰ ÁN 2 (DỰ ÁN 6): ")
    assert title.count("DỰ TOÁN KINH PHÍ") == 1 and "DA6-TDA2" not in title
    # The source's full name, not NSTW_SN nor a clipped name.
    assert sheet["I11"].value == "Ngân sách trung ương – vốn sự nghiệp (kinh phí thường xuyên)"


def test_layout_formulas_and_cached_values_of_a_sub_project_sheet(workbook_bytes):
    sheet = load_workbook(io.BytesIO(workbook_bytes))["DA6-TDA2"]
    cached = load_workbook(io.BytesIO(workbook_bytes), data_only=True)["DA6-TDA2"]
    assert sheet["A1"].value == "ỦY BAN NHÂN DÂN\nHUYỆN HẠ HÒA"
    assert sheet["D1"].value == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" and sheet["D2"].value == "Độc lập - Tự do - Hạnh phúc"
    assert {"A1:C2", "D1:I1", "D2:I2", "A4:I4"} <= {str(r) for r in sheet.merged_cells.ranges}
    assert sheet["A5"].value == REFERENCE and sheet["H7"].value == "Đơn vị tính: đồng"
    assert [c.value for c in sheet[8]][:8] == ["STT", "Nội dung chi", "Đơn vị tính", "Số lượng",
                                              "Số ngày/buổi", "Định mức/Đơn giá", "Thành tiền",
                                              "Căn cứ/Ghi chú"]
    assert [c.value for c in sheet[9]] == ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)=(4)x(5)x(6)", "(8)",
                                           "(9)"]
    assert sheet["A10"].value == "I" and sheet["G10"].value == "=SUM(G11:G12)"
    assert cached["G10"].value == 7_400_000 and sheet["A10"].font.b
    assert sheet["G11"].value == '=ROUND(D11*IF(E11="",1,E11)*F11,0)' and cached["G11"].value == 5_000_000
    assert sheet["A13"].value == "II" and cached["G13"].value == 10_000_000
    assert sheet["B15"].value == "TỔNG CỘNG" and sheet["G15"].value == "=SUM(G10,G13)"
    assert cached["G15"].value == 17_400_000
    assert sheet["A16"].value == "Bằng chữ: Mười bảy triệu bốn trăm nghìn đồng chẵn./."
    assert [sheet["A18"].value, sheet["D18"].value, sheet["G18"].value] == [
        "NGƯỜI LẬP BIỂU", "KẾ TOÁN", "THỦ TRƯỞNG ĐƠN VỊ"]
    assert sheet["G11"].number_format == "[$-42A]#,##0"


def test_each_line_is_as_high_as_its_most_wrapped_cell(workbook_bytes):
    sheet = load_workbook(io.BytesIO(workbook_bytes))["DA6-TDA2"]
    # The source's full name wraps to 4 lines in its column: 4 × 16 + 2 points; a group title to 1.
    assert [sheet.row_dimensions[r].height for r in (10, 11, 12, 13, 14)] == [18, 66, 66, 18, 66]


def test_a_streamed_sheet_writes_every_row_height_but_keeps_none_it_has_written():
    """xlsxwriter alone keeps each set_row() to the end: 30 MB for a 100,000-line estimate."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"constant_memory": True})
    sheet = book.add_worksheet(worksheet_class=StreamedWorksheet)
    heights = [(18, 30, 66)[row % 3] for row in range(1000)]  # whole pixels: printed as set
    for row, height in enumerate(heights):
        sheet.set_row(row, height)
        sheet.write_number(row, 0, row)
    assert set(sheet.row_info) == set(sheet.row_sizes) == {999}  # the last row, not written yet
    book.close()
    written = load_workbook(buffer).active.row_dimensions
    assert [written[row + 1].height for row in range(1000)] == heights


def test_print_setup_is_a4_landscape_fit_to_width_with_page_numbers(workbook_bytes):
    sheet = load_workbook(io.BytesIO(workbook_bytes))["DA6-TDA2"]
    assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.paperSize == 9
    assert sheet.page_setup.fitToWidth in (None, 1) and sheet.page_setup.fitToHeight == 0
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_title_rows == "$8:$9" and sheet.freeze_panes == "A10"
    assert "Trang &P/&N" in sheet.oddFooter.center.text
    assert sheet.print_area == "'DA6-TDA2'!$A$1:$I$18"


def test_columns_too_wide_for_10_pt_are_split_across_pages_rather_than_shrunk():
    assert print_scale(WIDTHS) is None  # fits at ≥ 10 pt
    assert print_scale([6, 44] + [16] * 12 + [18]) == 84


def test_a_stated_total_that_differs_is_a_visible_note_row_not_a_formula(workbook_bytes, estimate, finance):
    from budgets.services import set_stated_total

    set_stated_total(estimate, by=finance, amount=15_000_000, source="Kế hoạch số 05/KH-UBND")
    set_stated_total(estimate, by=finance, sub_project=sub_project("DA6-TDA2"), amount=17_000_000)
    set_stated_total(estimate, by=finance, sub_project=sub_project("DA7-TDA2"), amount=2_000_000)
    data = estimate_workbook(estimate, reference=REFERENCE, agency_lines=AGENCY)
    summary, detail = (load_workbook(io.BytesIO(data))[name] for name in ("Tổng hợp", "DA6-TDA2"))
    assert summary["A13"].value == ("Cả dự toán — tổng ghi trong Kế hoạch số 05/KH-UBND: 15.000.000 đồng. Tổng các "
                                    "khoản (dòng TỔNG CỘNG): 18.000.000 đồng. Chênh lệch: −3.000.000 đồng (chưa xử lý).")
    # the summary's TỔNG CỘNG is the whole estimate's: a sub-project's note says which one and where its sum is
    assert summary["A14"].value == ("DA6-TDA2 – Truyền thông về giảm nghèo đa chiều — tổng ghi trong văn bản: "
                                    "17.000.000 đồng. Tổng các khoản (dòng TỔNG CỘNG của trang «DA6-TDA2»): "
                                    "17.400.000 đồng. Chênh lệch: −400.000 đồng (chưa xử lý).")
    assert "(không có dòng nào của tiểu dự án này): 0 đồng. Chênh lệch: +2.000.000 đồng" in summary["A15"].value
    assert detail["A16"].value.startswith("DA6-TDA2 – Truyền thông về giảm nghèo đa chiều — tổng ghi trong văn bản: "
                                          "17.000.000 đồng. Tổng các khoản (dòng TỔNG CỘNG): 17.400.000 đồng. "
                                          "Chênh lệch: −400.000 đồng")
    assert detail["A17"].value.startswith("Bằng chữ: Mười bảy triệu bốn trăm")


def test_text_that_looks_like_a_formula_is_written_as_text(workbook_bytes):
    sheet = load_workbook(io.BytesIO(workbook_bytes))["DA7-TDA1"]
    cell = sheet["B11"]
    assert cell.value == '=HYPERLINK("http://x")' and cell.data_type == "s"


CALC = Path("/usr/lib/libreoffice/program/libsclo.so")  # Debian's libreoffice-calc(-nogui)


@pytest.mark.skipif(not shutil.which("soffice") or not CALC.exists(), reason="LibreOffice Calc is not installed")
def test_libreoffice_recalculates_to_the_same_totals(workbook_bytes):
    with tempfile.TemporaryDirectory() as tmp:
        source_file = Path(tmp) / "du-toan.xlsx"
        source_file.write_bytes(workbook_bytes)
        # Recalculate on load, then write each sheet's values as CSV (one file per sheet).
        subprocess.run(
            ["soffice", "--headless", f"-env:UserInstallation=file://{tmp}/profile", "--convert-to",
             'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1',
             "--outdir", tmp, str(source_file)],
            check=True, capture_output=True, timeout=120,
        )
        sheets = {p.name: list(csv.reader(p.open(encoding="utf-8"))) for p in Path(tmp).glob("*.csv")}
    detail = next(rows for name, rows in sheets.items() if "DA6-TDA2" in name)
    summary = next(rows for name, rows in sheets.items() if "Tổng hợp" in name)
    total_row = next(r for r in detail if len(r) > 1 and r[1] == "TỔNG CỘNG")
    assert int(float(total_row[6].replace(",", ""))) == 17_400_000
    summary_total = next(r for r in summary if len(r) > 1 and r[1] == "TỔNG CỘNG")
    assert int(float(summary_total[4].replace(",", ""))) == 18_000_000


@pytest.mark.skipif(not shutil.which("soffice") or not CALC.exists() or not shutil.which("pdftotext"),
                    reason="LibreOffice Calc or poppler is not installed")
def test_the_workbook_prints_on_a4_landscape_with_the_header_whole_and_page_numbers(workbook_bytes):
    with tempfile.TemporaryDirectory() as tmp:
        source_file = Path(tmp) / "du-toan.xlsx"
        source_file.write_bytes(workbook_bytes)
        subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp}/profile", "--convert-to",
                        "pdf", "--outdir", tmp, str(source_file)], check=True, capture_output=True, timeout=120)
        pdf = Path(tmp) / "du-toan.pdf"
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
        text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                              check=True).stdout
    assert "841.89 x 595.3" in info  # A4 landscape
    pages = text.split("\f")
    first = pages[0]
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in first and "Độc lập - Tự do - Hạnh phúc" in first
    assert "(7)=(4)x(5)x(6)" in text and "17.400.000" in text  # vi-VN thousands whatever the locale
    assert "Trang 1/" in first
    assert "NSTW_SN" not in "".join(pages[:3]) and "NSTW_SN" in pages[3]  # codes only on the legend sheet


LONG_TITLE = ("Dự toán kinh phí tổ chức hội nghị đối thoại chính sách về giảm nghèo bền vững năm 2026 tại "
              "các xã trên địa bàn huyện Hạ Hòa, tỉnh Phú Thọ (đợt một)")
LONG_AGENCY = ["ỦY BAN NHÂN DÂN HUYỆN HẠ HÒA", "PHÒNG LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI"]
_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')


def _header_words(pdf: Path) -> list[list[tuple[str, tuple[float, ...]]]]:
    """Per page, the words printed above the table («Đơn vị tính» and up) with their boxes."""
    xhtml = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True,
                           check=True).stdout
    pages = []
    for page in xhtml.split("<page ")[1:]:
        words = [(html.unescape(m[5]), tuple(float(v) for v in m.groups()[:4])) for m in _WORD.finditer(page)]
        top = next((box[1] for word, box in words if word == "Đơn"), None)
        if top is not None:  # not the legend sheet
            pages.append([(word, box) for word, box in words if box[3] <= top])
    return pages


def _overlap(a: tuple[float, ...], b: tuple[float, ...], axis: int) -> float:
    """How far two boxes (x0, y0, x1, y1) overlap along x (axis 0) or y (axis 1)."""
    return min(a[axis + 2], b[axis + 2]) - max(a[axis], b[axis])


@pytest.mark.skipif(not shutil.which("soffice") or not CALC.exists() or not shutil.which("pdftotext"),
                    reason="LibreOffice Calc or poppler is not installed")
def test_libreoffice_prints_a_long_title_agency_and_the_motto_whole(workbook_bytes, estimate):
    estimate.title = LONG_TITLE
    estimate.save()
    with tempfile.TemporaryDirectory() as tmp:
        source_file = Path(tmp) / "du-toan.xlsx"
        source_file.write_bytes(estimate_workbook(estimate, reference=REFERENCE, agency_lines=LONG_AGENCY))
        subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp}/profile", "--convert-to",
                        "pdf", "--outdir", tmp, str(source_file)], check=True, capture_output=True, timeout=120)
        pages = _header_words(Path(tmp) / "du-toan.pdf")
    assert len(pages) == 3  # the summary and both sub-project sheets
    for page in pages:
        printed = " ".join(word for word, _ in page)
        for line in [*LONG_AGENCY, QUOC_HIEU, TIEU_NGU, REFERENCE]:
            assert line in printed
        assert " ".join(LONG_TITLE.upper().split()[3:]) in printed
        # A clipped row shows as text drawn over its neighbour's. The lines of one wrapped cell
        # touch by a tenth of their boxes' height (the font's ascent and descent); more is overlap.
        overlaps = [(a, b) for i, (a, box_a) in enumerate(page) for b, box_b in page[i + 1:]
                    if _overlap(box_a, box_b, 0) > 0.5 and _overlap(box_a, box_b, 1) > 0.25 * min(
                        box_a[3] - box_a[1], box_b[3] - box_b[1])]
        assert not overlaps


def test_the_columns_right_of_the_agency_hold_the_motto_on_one_line():
    assert sum(column_mm(w) for w in WIDTHS[LEFT_BLOCK:]) >= motto_mm()
    widths = with_room_for_motto([6, 44, 16, 14], left_block=2)
    assert sum(column_mm(w) for w in widths[2:]) >= motto_mm() > sum(column_mm(w) for w in widths[2:-1] + [widths[-1] - 1])
    assert printed_lines(QUOC_HIEU, motto_mm(), size_pt=12, bold=True) == 1
