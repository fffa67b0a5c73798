"""The allocation-vs-disbursement report and the header lines of the budget spreadsheets."""

import io

import xlsxwriter

from areas.models import AdminUnit
from budgets.overview import execution_rows
from budgets.references import estimate_reference, reference_plan
from budgets.workbook import safe_text
from web.downloads import XLSX, Download


def agency_lines(unit: AdminUnit) -> list[str]:
    """The issuing body's name lines of the unit, or "UBND <unit>" in capitals."""
    body = unit.bodies.filter(abbreviation="UBND").first() or unit.bodies.first()
    return body.name_lines if body else ["ỦY BAN NHÂN DÂN", unit.name.upper()]


def estimate_header(estimate) -> tuple[str, list[str]]:
    """The workbook's reference line and agency lines, both taken from the estimate's plan if any."""
    plan = reference_plan(estimate)
    agency = plan.name_lines if plan is not None and plan.name_lines else agency_lines(estimate.unit)
    return estimate_reference(estimate, plan), agency


def execution_report(user, year: int) -> Download:
    """Per sub-project: allocated, planned, disbursed and remaining, with SUM totals and cached values."""
    rows = execution_rows(user, year)
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"constant_memory": True, "strings_to_formulas": False})
    base = {"font_name": "Times New Roman", "font_size": 12, "border": 1}
    text, num = book.add_format(base), book.add_format(base | {"num_format": "#,##0"})
    head = book.add_format(base | {"bold": True, "align": "center", "text_wrap": True})
    bold_num = book.add_format(base | {"bold": True, "num_format": "#,##0"})
    title = book.add_format({"font_name": "Times New Roman", "bold": True, "font_size": 14})
    sheet = book.add_worksheet("Giao vốn - giải ngân")
    sheet.set_landscape()
    sheet.set_paper(9)
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(2)
    sheet.freeze_panes(3, 0)
    for col, width in enumerate([14, 46, 18, 18, 18, 18]):
        sheet.set_column(col, col, width)
    sheet.write_string(0, 0, f"BÁO CÁO VỐN ĐƯỢC GIAO, DỰ TOÁN VÀ GIẢI NGÂN NĂM {year}", title)
    sheet.write_string(1, 5, "Đơn vị tính: đồng")
    sheet.write_row(2, 0, ["Mã", "Tiểu dự án", "Được giao", "Dự toán", "Đã giải ngân",
                           "Còn lại (giao − giải ngân)"], head)
    for index, row in enumerate(rows, start=3):
        sheet.write_string(index, 0, row.sub_project.code, text)
        sheet.write_string(index, 1, safe_text(row.sub_project.name), text)
        for col, value in enumerate((row.allocated, row.planned, row.disbursed), start=2):
            sheet.write_number(index, col, value, num)
        sheet.write_formula(index, 5, f"=C{index + 1}-E{index + 1}", num, row.allocated - row.disbursed)
    last = 3 + len(rows)
    sheet.write_string(last, 1, "TỔNG CỘNG", head)
    totals = [sum(r.allocated for r in rows), sum(r.planned for r in rows), sum(r.disbursed for r in rows)]
    for col, (letter, value) in enumerate(zip("CDE", totals, strict=True), start=2):
        formula = f"=SUM({letter}4:{letter}{last})" if rows else "=0"
        sheet.write_formula(last, col, formula, bold_num, value)
    sheet.write_formula(last, 5, f"=C{last + 1}-E{last + 1}", bold_num, totals[0] - totals[2])
    book.close()
    return Download(f"giao-von-giai-ngan-{year}.xlsx", XLSX, buffer.getvalue())
