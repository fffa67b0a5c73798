"""The finance office's estimate workbook (xlsxwriter, constant memory) in its fixed layout.

Every formula carries its computed value, so a viewer that does not recalculate shows the
app's numbers; user text is always written as a string, never as a formula.
"""

import io
import re

import xlsxwriter
from xlsxwriter.utility import xl_rowcol_to_cell

from budgets.exports import SheetPlan, sheet_lines, sheet_plans, summary_matrix
from budgets.models import Estimate, FundingSource
from documents.money import vi_money_words
from documents.official import QUOC_HIEU, TIEU_NGU

COLUMNS = ["STT", "Nội dung chi", "Đơn vị tính", "Số lượng", "Số ngày/buổi", "Định mức/Đơn giá",
           "Thành tiền", "Căn cứ/Ghi chú", "Nguồn vốn"]
WIDTHS = [6, 46, 11, 10, 10, 15, 17, 30, 12]
HEADER_ROW = 7
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
MAX_FORMULA = 8000


def safe_text(value) -> str:
    """Text without control characters (a formula-looking text stays text: written with write_string)."""
    return _CONTROL.sub("", "" if value is None else str(value))


def roman(n: int) -> str:
    from documents.numbering import roman as to_roman

    return to_roman(n)


class EstimateWorkbook:
    """Builds the workbook row by row, as constant-memory mode requires."""

    def __init__(self, estimate: Estimate, *, reference: str, agency_lines: list[str]):
        self.estimate, self.reference, self.agency = estimate, reference, agency_lines
        self.buffer = io.BytesIO()
        self.book = xlsxwriter.Workbook(self.buffer, {"constant_memory": True})
        f = self.book.add_format
        base = {"font_name": "Times New Roman", "font_size": 12, "valign": "vcenter"}
        self.fmt = {
            "text": f(base | {"border": 1, "text_wrap": True}),
            "center": f(base | {"border": 1, "align": "center"}),
            "num": f(base | {"border": 1, "num_format": "#,##0"}),
            "qty": f(base | {"border": 1, "num_format": "#,##0.##"}),
            "bold_text": f(base | {"border": 1, "bold": True, "text_wrap": True}),
            "bold_center": f(base | {"border": 1, "bold": True, "align": "center"}),
            "bold_num": f(base | {"border": 1, "bold": True, "num_format": "#,##0"}),
            "head": f(base | {"border": 1, "bold": True, "align": "center", "text_wrap": True,
                              "bg_color": "#F2F2F2"}),
            "agency": f(base | {"bold": True, "align": "center", "text_wrap": True}),
            "motto": f(base | {"bold": True, "align": "center"}),
            "title": f(base | {"bold": True, "align": "center", "font_size": 14, "text_wrap": True}),
            "italic": f(base | {"italic": True, "align": "center"}),
            "caption": f(base | {"italic": True, "align": "right"}),
            "words": f(base | {"italic": True}),
            "sign": f(base | {"bold": True, "align": "center"}),
        }

    def build(self) -> bytes:
        """Write the summary sheet and one sheet per sub-project; return the file's bytes."""
        plans = sheet_plans(self.estimate)
        self._summary_sheet()
        for plan in plans:
            self._estimate_sheet(plan)
        self.book.close()
        return self.buffer.getvalue()

    def _setup(self, sheet, columns: int, widths: list[int]) -> None:
        sheet.set_landscape()
        sheet.set_paper(9)  # A4
        sheet.fit_to_pages(1, 0)
        sheet.repeat_rows(HEADER_ROW)
        sheet.freeze_panes(HEADER_ROW + 1, 0)
        sheet.set_margins(left=0.5, right=0.4, top=0.6, bottom=0.6)
        for col, width in enumerate(widths):
            sheet.set_column(col, col, width)

    def _title_block(self, sheet, title: str, last_col: int) -> None:
        agency = "\n".join(self.agency)
        sheet.set_row(0, 32)
        sheet.merge_range(0, 0, 0, 2, safe_text(agency), self.fmt["agency"])
        sheet.merge_range(0, 4, 0, last_col, QUOC_HIEU, self.fmt["motto"])
        sheet.merge_range(1, 4, 1, last_col, TIEU_NGU, self.fmt["motto"])
        sheet.set_row(3, 36)
        sheet.merge_range(3, 0, 3, last_col, safe_text(title), self.fmt["title"])
        sheet.merge_range(4, 0, 4, last_col, safe_text(self.reference), self.fmt["italic"])
        sheet.merge_range(6, last_col - 1, 6, last_col, "Đơn vị tính: đồng", self.fmt["caption"])

    def _merge(self, sheet, row, first, last, text, fmt) -> None:
        if last > first:
            sheet.merge_range(row, first, row, last, text, fmt)
        else:
            sheet.write_string(row, first, text, fmt)

    def _closing(self, sheet, row: int, total: int, last_col: int) -> None:
        sheet.merge_range(row + 1, 0, row + 1, last_col,
                          f"Bằng chữ: {vi_money_words(total)}./.", self.fmt["words"])
        sheet.merge_range(row + 3, 0, row + 3, 1, "NGƯỜI LẬP BIỂU", self.fmt["sign"])
        sheet.merge_range(row + 3, 2, row + 3, 4, "KẾ TOÁN", self.fmt["sign"])
        self._merge(sheet, row + 3, 5, last_col, "THỦ TRƯỞNG ĐƠN VỊ", self.fmt["sign"])

    def _estimate_sheet(self, plan: SheetPlan) -> None:
        sheet = self.book.add_worksheet(plan.name[:31])
        last = len(COLUMNS) - 1
        self._setup(sheet, len(COLUMNS), WIDTHS)
        title = f"DỰ TOÁN KINH PHÍ {self.estimate.title.upper()}"
        if plan.sub_project:
            title += f"\n({plan.sub_project.code}: {plan.sub_project.name})"
        self._title_block(sheet, title, last)
        sheet.write_row(HEADER_ROW, 0, COLUMNS, self.fmt["head"])
        row = HEADER_ROW + 1
        lines = sheet_lines(self.estimate, plan)
        group_cells = []
        for index, group in enumerate(plan.groups, start=1):
            # Constant-memory mode flushes each row once a later one is written: the group row
            # (with its subtotal over the lines below) must be written before its lines.
            self._group_row(sheet, row, roman(index), group, row + group.line_count)
            group_cells.append(xl_rowcol_to_cell(row, 6))
            row += 1
            for number in range(1, group.line_count + 1):
                self._line(sheet, row, number, next(lines))
                row += 1
        self._total_row(sheet, row, group_cells, plan.total)
        self._closing(sheet, row, plan.total, last)

    def _group_row(self, sheet, row, numeral, group, last_line_row) -> None:
        f = self.fmt
        sheet.write_string(row, 0, numeral, f["bold_center"])
        sheet.write_string(row, 1, safe_text(group.title), f["bold_text"])
        for col in (2, 3, 4, 5, 7, 8):
            sheet.write_blank(row, col, None, f["bold_text"])
        if last_line_row > row:
            formula = f"=SUM({xl_rowcol_to_cell(row + 1, 6)}:{xl_rowcol_to_cell(last_line_row, 6)})"
        else:
            formula = "=0"
        sheet.write_formula(row, 6, formula, f["bold_num"], group.subtotal)

    def _line(self, sheet, row, number, values) -> None:
        _, content, uom, quantity, days, price, amount, note, source = values
        f = self.fmt
        sheet.write_number(row, 0, number, f["center"])
        sheet.write_string(row, 1, safe_text(content), f["text"])
        sheet.write_string(row, 2, safe_text(uom), f["center"])
        sheet.write_number(row, 3, float(quantity), f["qty"])
        if days is None:
            sheet.write_blank(row, 4, None, f["qty"])
        else:
            sheet.write_number(row, 4, float(days), f["qty"])
        sheet.write_number(row, 5, price, f["num"])
        d, e, p = (xl_rowcol_to_cell(row, c) for c in (3, 4, 5))
        sheet.write_formula(row, 6, f'=ROUND({d}*IF({e}="",1,{e})*{p},0)', f["num"], amount)
        sheet.write_string(row, 7, safe_text(note), f["text"])
        sheet.write_string(row, 8, safe_text(source), f["center"])

    def _total_row(self, sheet, row, group_cells, total) -> None:
        f = self.fmt
        sheet.write_blank(row, 0, None, f["bold_text"])
        sheet.write_string(row, 1, "TỔNG CỘNG", f["bold_text"])
        for col in (2, 3, 4, 5, 7, 8):
            sheet.write_blank(row, col, None, f["bold_text"])
        formula = "=SUM(" + ",".join(group_cells) + ")" if group_cells else "=0"
        if len(formula) > MAX_FORMULA:  # thousands of groups: group rows repeat their lines, so halve
            first, last = xl_rowcol_to_cell(HEADER_ROW + 1, 6), xl_rowcol_to_cell(row - 1, 6)
            formula = f"=SUM({first}:{last})/2"
        sheet.write_formula(row, 6, formula, f["bold_num"], total)

    def _summary_sheet(self) -> None:
        names, codes, matrix = summary_matrix(self.estimate)
        sources = dict(FundingSource.objects.values_list("code", "short_name"))
        headers = ["STT", "Tiểu dự án"] + [sources.get(c, "Chưa ghi nguồn") for c in codes] + ["Tổng cộng"]
        sheet = self.book.add_worksheet("Tổng hợp")
        last = max(len(headers) - 1, 5)
        self._setup(sheet, len(headers), [6, 30] + [18] * (len(headers) - 2))
        self._title_block(sheet, f"TỔNG HỢP DỰ TOÁN THEO TIỂU DỰ ÁN VÀ NGUỒN VỐN\n"
                                 f"{self.estimate.title.upper()}", last)
        sheet.write_row(HEADER_ROW, 0, headers, self.fmt["head"])
        row = HEADER_ROW + 1
        for index, name in enumerate(names, start=1):
            sheet.write_number(row, 0, index, self.fmt["center"])
            sheet.write_string(row, 1, name, self.fmt["text"])
            values = [matrix.get((name, c), 0) for c in codes]
            for col, value in enumerate(values, start=2):
                sheet.write_number(row, col, value, self.fmt["num"])
            span = f"{xl_rowcol_to_cell(row, 2)}:{xl_rowcol_to_cell(row, len(codes) + 1)}"
            sheet.write_formula(row, len(codes) + 2, f"=SUM({span})", self.fmt["bold_num"], sum(values))
            row += 1
        sheet.write_blank(row, 0, None, self.fmt["bold_text"])
        sheet.write_string(row, 1, "TỔNG CỘNG", self.fmt["bold_text"])
        for col in range(2, len(codes) + 3):
            span = f"{xl_rowcol_to_cell(HEADER_ROW + 1, col)}:{xl_rowcol_to_cell(row - 1, col)}"
            value = sum(matrix.get((n, codes[col - 2]), 0) for n in names) if col < len(codes) + 2 \
                else sum(matrix.values())
            formula = f"=SUM({span})" if names else "=0"
            sheet.write_formula(row, col, formula, self.fmt["bold_num"], value)
        self._closing(sheet, row, sum(matrix.values()), last)


def estimate_workbook(estimate: Estimate, *, reference: str, agency_lines: list[str]) -> bytes:
    """The estimate as the finance office's workbook: summary sheet, one sheet per sub-project."""
    return EstimateWorkbook(estimate, reference=reference, agency_lines=agency_lines).build()
