"""The finance-office workbook: layout, formulas with cached values, print setup, LibreOffice totals."""

import csv
import io
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from budgets.workbook import estimate_workbook
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


def test_one_sheet_per_sub_project_after_a_summary_by_source(workbook_bytes):
    book = load_workbook(io.BytesIO(workbook_bytes))
    assert book.sheetnames == ["Tổng hợp", "DA6-TDA2", "DA7-TDA1"]
    values = load_workbook(io.BytesIO(workbook_bytes), data_only=True)["Tổng hợp"]
    rows = [[c for c in r] for r in values.iter_rows(min_row=9, max_row=11, max_col=5, values_only=True)]
    assert rows == [[1, "DA6-TDA2", 17_400_000, 0, 17_400_000], [2, "DA7-TDA1", 0, 600_000, 600_000],
                    [None, "TỔNG CỘNG", 17_400_000, 600_000, 18_000_000]]


def test_layout_formulas_and_cached_values_of_a_sub_project_sheet(workbook_bytes):
    sheet = load_workbook(io.BytesIO(workbook_bytes))["DA6-TDA2"]
    cached = load_workbook(io.BytesIO(workbook_bytes), data_only=True)["DA6-TDA2"]
    assert sheet["A1"].value == "ỦY BAN NHÂN DÂN\nHUYỆN HẠ HÒA"
    assert sheet["E1"].value == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert sheet["A5"].value == REFERENCE and sheet["H7"].value == "Đơn vị tính: đồng"
    assert [c.value for c in sheet[8]][:8] == ["STT", "Nội dung chi", "Đơn vị tính", "Số lượng",
                                              "Số ngày/buổi", "Định mức/Đơn giá", "Thành tiền",
                                              "Căn cứ/Ghi chú"]
    assert sheet["A9"].value == "I" and sheet["G9"].value == "=SUM(G10:G11)"
    assert cached["G9"].value == 7_400_000 and sheet["A9"].font.b
    assert sheet["G10"].value == '=ROUND(D10*IF(E10="",1,E10)*F10,0)' and cached["G10"].value == 5_000_000
    assert sheet["A12"].value == "II" and cached["G12"].value == 10_000_000
    assert sheet["B14"].value == "TỔNG CỘNG" and sheet["G14"].value == "=SUM(G9,G12)"
    assert cached["G14"].value == 17_400_000
    assert sheet["A15"].value == "Bằng chữ: Mười bảy triệu bốn trăm nghìn đồng chẵn./."
    assert [sheet["A17"].value, sheet["C17"].value, sheet["F17"].value] == [
        "NGƯỜI LẬP BIỂU", "KẾ TOÁN", "THỦ TRƯỞNG ĐƠN VỊ"]
    assert sheet["G10"].number_format == "#,##0"


def test_print_setup_is_a4_landscape_fit_to_width_with_repeated_frozen_header(workbook_bytes):
    sheet = load_workbook(io.BytesIO(workbook_bytes))["DA6-TDA2"]
    assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.paperSize == 9
    assert sheet.page_setup.fitToWidth in (None, 1) and sheet.page_setup.fitToHeight == 0
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_title_rows == "$8:$8" and sheet.freeze_panes == "A9"


def test_text_that_looks_like_a_formula_is_written_as_text(workbook_bytes):
    sheet = load_workbook(io.BytesIO(workbook_bytes))["DA7-TDA1"]
    cell = sheet["B10"]
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
