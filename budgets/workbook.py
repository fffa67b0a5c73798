"""The finance office's estimate workbook (xlsxwriter, constant memory), laid out to print as filed.

Every formula carries its computed value, so a viewer that does not recalculate shows the
app's numbers; user text is always written as a string, never as a formula. A total stated in the
plan or the allocation is never a formula: it is a visible note row beside the computed total.
"""

import io
import re
from collections.abc import Iterator

import xlsxwriter
from xlsxwriter.utility import xl_rowcol_to_cell

from budgets.checks import StatedConflict, signed_vnd, stated_totals
from budgets.exports import (
    UNSORTED,
    SheetPlan,
    line_totals,
    sheet_lines,
    sheet_plans,
    summary_matrix,
)
from budgets.models import Estimate, FundingSource, SubProject
from budgets.naming import sub_project_label
from budgets.workbook_print import (
    FONT_PT,
    StreamedWorksheet,
    column_mm,
    print_scale,
    printed_lines,
    text_lines,
    with_room_for_motto,
)
from documents.money import format_vnd, vi_money_words
from documents.numbering import roman
from documents.official import QUOC_HIEU, TIEU_NGU
from vntext import search_key

COLUMNS = ["STT", "Nội dung chi", "Đơn vị tính", "Số lượng", "Số ngày/buổi", "Định mức/Đơn giá",
           "Thành tiền", "Căn cứ/Ghi chú", "Nguồn vốn"]
COLUMN_NUMBERS = ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)=(4)x(5)x(6)", "(8)", "(9)"]
WIDTHS = [6, 44, 10, 10, 10, 14, 16, 28, 16]
LEFT_BLOCK = 3  # the agency block spans the first three columns; Quốc hiệu and Tiêu ngữ the rest
HEADER_ROW = 7
SUMMARY_SHEET = "Tổng hợp"
LEGEND_SHEET = "Chú giải"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
MAX_FORMULA = 8000
# Vietnamese number format: «.» for thousands whatever the viewer's locale in LibreOffice (locale
# 042A = vi-VN in the format); Excel follows the computer's separators (a Vietnamese Windows shows «.»).
MONEY = "[$-42A]#,##0"
DECIMAL = "[$-42A]#,##0.00"
LINE_PT = 16
TITLE_PT, TITLE_LINE_PT = 14, 19
NO_SOURCE = ("", 1)  # a line without a funding source: an empty cell of one line


def safe_text(value) -> str:
    """Text without control characters (a formula-looking text stays text: written with write_string)."""
    if value is None:
        return ""
    text = str(value)
    # A printable text has no control character: skip the substitution (most cells, every line's four).
    return text if text.isprintable() else _CONTROL.sub("", text)


def title_of(estimate: Estimate) -> str:
    """The estimate's title in capitals, «DỰ TOÁN KINH PHÍ» written once."""
    title = safe_text(estimate.title).strip()
    return title.upper() if search_key(title).startswith("du toan") else f"DỰ TOÁN KINH PHÍ {title.upper()}"


class EstimateWorkbook:
    """Builds the workbook row by row, as constant-memory mode requires."""

    def __init__(self, estimate: Estimate, *, reference: str, agency_lines: list[str]):
        self.estimate, self.reference, self.agency = estimate, reference, agency_lines
        self.buffer = io.BytesIO()
        # Formulas only through write_formula: a title or name that starts with "=" stays text.
        self.book = xlsxwriter.Workbook(self.buffer, {"constant_memory": True, "strings_to_formulas": False})
        # Funding sources named in full, as the estimate's reader must see them (domain.md §3.3).
        sources = list(FundingSource.objects.values_list("pk", "code", "name"))
        self.sources = {code: name for _pk, code, name in sources}
        # Each source's cell text and wrapped height by id (the lines' column), worked out once
        # rather than on every line.
        self.source_cells = {pk: (safe_text(name), text_lines(name, WIDTHS[8])) for pk, _code, name in sources}
        self.stated = stated_totals(estimate)
        f = self.book.add_format
        base = {"font_name": "Times New Roman", "font_size": FONT_PT, "valign": "vcenter"}
        self.fmt = {
            "text": f(base | {"border": 1, "text_wrap": True}),
            "center": f(base | {"border": 1, "align": "center", "text_wrap": True}),
            "num": f(base | {"border": 1, "num_format": MONEY}),
            "qty": f(base | {"border": 1, "num_format": MONEY}),
            "qty_dec": f(base | {"border": 1, "num_format": DECIMAL}),
            "bold_text": f(base | {"border": 1, "bold": True, "text_wrap": True}),
            "bold_center": f(base | {"border": 1, "bold": True, "align": "center"}),
            "bold_num": f(base | {"border": 1, "bold": True, "num_format": MONEY}),
            "head": f(base | {"border": 1, "bold": True, "align": "center", "text_wrap": True,
                              "bg_color": "#F2F2F2"}),
            "numbers": f(base | {"border": 1, "italic": True, "align": "center", "font_size": 10}),
            "agency": f(base | {"bold": True, "align": "center", "valign": "top", "text_wrap": True}),
            "motto": f(base | {"bold": True, "align": "center", "valign": "top"}),
            "motto_line": f(base | {"bold": True, "align": "center", "valign": "top", "underline": True}),
            "title": f(base | {"bold": True, "align": "center", "font_size": TITLE_PT, "text_wrap": True}),
            "italic": f(base | {"italic": True, "align": "center", "text_wrap": True}),
            "caption": f(base | {"italic": True, "align": "right"}),
            "words": f(base | {"italic": True, "text_wrap": True}),
            "stated": f(base | {"bold": True, "text_wrap": True, "border": 1, "bg_color": "#FFF2CC",
                                "font_color": "#9C0006"}),
            "sign": f(base | {"bold": True, "align": "center"}),
        }

    def build(self) -> bytes:
        """Write the summary sheet, one sheet per sub-project and the legend; return the file's bytes."""
        totals = line_totals(self.estimate)
        plans = sheet_plans(self.estimate, totals=totals)
        self._summary_sheet(plans, totals)
        for plan in plans:
            self._estimate_sheet(plan)
        self._legend_sheet(plans)
        self.book.close()
        return self.buffer.getvalue()

    def _setup(self, sheet, widths: list[float]) -> None:
        sheet.set_landscape()
        sheet.set_paper(9)  # A4
        if (scale := print_scale(widths)) is None:
            sheet.fit_to_pages(1, 0)
        else:
            sheet.set_print_scale(scale)
        sheet.repeat_rows(HEADER_ROW, HEADER_ROW + 1)
        sheet.freeze_panes(HEADER_ROW + 2, 0)
        sheet.set_margins(left=0.5, right=0.4, top=0.6, bottom=0.7)
        sheet.set_footer('&C&"Times New Roman,Italic"&10Trang &P/&N')
        for col, width in enumerate(widths):
            sheet.set_column(col, col, width)
        self.widths = widths

    def _merge(self, sheet, row, first, last, text, fmt) -> None:
        if last > first:
            sheet.merge_range(row, first, row, last, text, fmt)
        else:
            sheet.write_string(row, first, text, fmt)

    def _span_mm(self, first: int, last: int) -> float:
        """The printed width of a cell merged over columns ``first`` to ``last``."""
        return sum(column_mm(w) for w in self.widths[first:last + 1])

    def _title_block(self, sheet, title: str, last_col: int, *, left_block: int = LEFT_BLOCK) -> None:
        """Agency block beside Quốc hiệu and Tiêu ngữ, the title, the reference line: each row
        as high as its wrapped lines, so that no printer clips one (see FALLBACK_WIDTH)."""
        agency = safe_text("\n".join(self.agency))
        left = min(left_block, last_col - 1) - 1
        agency_lines = printed_lines(agency, self._span_mm(0, left), size_pt=FONT_PT, bold=True)
        # As Decree 30 sets them: Quốc hiệu level with the agency's first line, Tiêu ngữ right under
        # it; the agency spans both rows, the second as high as its remaining lines. (Row 0 whole
        # before the merge touches row 1: the constant-memory writer flushes a row once a later one
        # is written.)
        sheet.set_row(0, LINE_PT + 2)
        sheet.set_row(1, LINE_PT * max(1, agency_lines - 1) + 2)
        self._merge(sheet, 0, left + 1, last_col, QUOC_HIEU, self.fmt["motto"])
        sheet.merge_range(0, 0, 1, left, agency, self.fmt["agency"])
        self._merge(sheet, 1, left + 1, last_col, TIEU_NGU, self.fmt["motto_line"])
        title_lines = printed_lines(title, self._span_mm(0, last_col), size_pt=TITLE_PT, bold=True)
        sheet.set_row(3, TITLE_LINE_PT * title_lines + 4)
        self._merge(sheet, 3, 0, last_col, safe_text(title), self.fmt["title"])
        reference_lines = printed_lines(self.reference, self._span_mm(0, last_col), size_pt=FONT_PT,
                                        italic=True)
        sheet.set_row(4, LINE_PT * reference_lines + 2)
        self._merge(sheet, 4, 0, last_col, safe_text(self.reference), self.fmt["italic"])
        self._merge(sheet, 6, last_col - 1, last_col, "Đơn vị tính: đồng", self.fmt["caption"])

    def _heading(self, sheet, headers: list[str], numbers: list[str]) -> None:
        height = max(printed_lines(h, column_mm(w), size_pt=FONT_PT, bold=True)
                     for h, w in zip(headers, self.widths, strict=False))
        sheet.set_row(HEADER_ROW, LINE_PT * height + 4)
        sheet.write_row(HEADER_ROW, 0, headers, self.fmt["head"])
        sheet.write_row(HEADER_ROW + 1, 0, numbers, self.fmt["numbers"])

    def _stated_row(self, sheet, row: int, conflict: StatedConflict | None, last_col: int, *,
                    parts_at: str = "dòng TỔNG CỘNG") -> int:
        """A visible note row when a stated total differs from the parts, naming what it covers (the
        whole estimate or a sub-project) and where its parts are summed; the next free row."""
        if conflict is None or not conflict.difference:
            return row
        stated = conflict.stated
        text = (f"{safe_text(conflict.label)} — tổng ghi trong {stated.source or 'văn bản'}: "
                f"{format_vnd(stated.amount)} đồng. Tổng các khoản ({parts_at}): {format_vnd(conflict.parts)} đồng. "
                f"Chênh lệch: {signed_vnd(conflict.difference)} đồng"
                + (f" (giữ chênh lệch: {safe_text(stated.kept_reason)})." if conflict.kept else
                   " (chưa xử lý)."))
        sheet.set_row(row, LINE_PT * printed_lines(text, self._span_mm(0, last_col), size_pt=FONT_PT,
                                                   bold=True) + 4)
        self._merge(sheet, row, 0, last_col, text, self.fmt["stated"])
        return row + 1

    def _closing(self, sheet, row: int, total: int, last_col: int) -> int:
        words = f"Bằng chữ: {vi_money_words(total)}./."
        sheet.set_row(row, LINE_PT * printed_lines(words, self._span_mm(0, last_col), size_pt=FONT_PT,
                                                   italic=True) + 2)
        self._merge(sheet, row, 0, last_col, words, self.fmt["words"])
        row += 2
        third = (last_col + 1) // 3
        self._merge(sheet, row, 0, max(0, third - 1), "NGƯỜI LẬP BIỂU", self.fmt["sign"])
        self._merge(sheet, row, third, max(third, 2 * third - 1), "KẾ TOÁN", self.fmt["sign"])
        self._merge(sheet, row, 2 * third, last_col, "THỦ TRƯỞNG ĐƠN VỊ", self.fmt["sign"])
        return row

    def _conflict(self, sub: SubProject | None) -> StatedConflict | None:
        sub_id = sub.pk if sub else None
        return next((c for c in self.stated if c.stated.sub_project_id == sub_id), None)

    def _estimate_sheet(self, plan: SheetPlan) -> None:
        sheet = self.book.add_worksheet(plan.name[:31], worksheet_class=StreamedWorksheet)
        last = len(COLUMNS) - 1
        self._setup(sheet, WIDTHS)
        title = title_of(self.estimate) + "\n" + sub_project_label(plan.sub_project).upper()
        self._title_block(sheet, title, last)
        self._heading(sheet, COLUMNS, COLUMN_NUMBERS)
        row = HEADER_ROW + 2
        lines = sheet_lines(self.estimate, plan)
        group_cells = []
        for index, group in enumerate(plan.groups, start=1):
            # Constant-memory mode flushes each row once a later one is written: the group row
            # (with its subtotal over the lines below) must be written before its lines.
            self._group_row(sheet, row, roman(index), group, row + group.line_count)
            group_cells.append(xl_rowcol_to_cell(row, 6))
            self._lines(sheet, row + 1, group.line_count, lines)
            row += 1 + group.line_count
        self._total_row(sheet, row, group_cells, plan.total)
        after = self._stated_row(sheet, row + 1, self._conflict(plan.sub_project) if plan.sub_project else None,
                                 last)
        end = self._closing(sheet, after, plan.total, last)
        sheet.print_area(0, 0, end, last)

    def _group_row(self, sheet, row, numeral, group, last_line_row) -> None:
        f = self.fmt
        sheet.set_row(row, LINE_PT * text_lines(group.title, WIDTHS[1]) + 2)
        sheet.write_string(row, 0, numeral, f["bold_center"])
        sheet.write_string(row, 1, safe_text(group.title), f["bold_text"])
        for col in (2, 3, 4, 5, 7, 8):
            sheet.write_blank(row, col, None, f["bold_text"])
        if last_line_row > row:
            formula = f"=SUM({xl_rowcol_to_cell(row + 1, 6)}:{xl_rowcol_to_cell(last_line_row, 6)})"
        else:
            formula = "=0"
        sheet.write_formula(row, 6, formula, f["bold_num"], group.subtotal)

    def _lines(self, sheet, first_row: int, count: int, lines: Iterator[tuple]) -> None:
        """A group's ``count`` lines, numbered from 1, from ``first_row`` on: each row as high as its
        most wrapped cell. The loop every line of a large estimate goes through, so it looks up its
        formats and the sheet's methods once."""
        f, sources = self.fmt, self.source_cells
        center, text, qty, qty_dec, num = f["center"], f["text"], f["qty"], f["qty_dec"], f["num"]
        set_row, write_string, write_number = sheet.set_row, sheet.write_string, sheet.write_number
        for row in range(first_row, first_row + count):
            _group, content, uom, quantity, days, price, amount, note, source = next(lines)
            source_name, source_lines = sources.get(source, NO_SOURCE) if source else NO_SOURCE
            height = max(text_lines(content, WIDTHS[1]), text_lines(note, WIDTHS[7]), source_lines,
                         text_lines(uom, WIDTHS[2]))
            if height > 1:
                set_row(row, LINE_PT * height + 2)
            write_number(row, 0, row - first_row + 1, center)
            write_string(row, 1, safe_text(content), text)
            write_string(row, 2, safe_text(uom), center)
            # Floats from the database (LINE_FIELDS); two decimal places at most, so whole exactly when
            # the stored number is.
            quantity = float(quantity)
            write_number(row, 3, quantity, qty if quantity.is_integer() else qty_dec)
            if days is None:
                sheet.write_blank(row, 4, None, qty)
            else:
                days = float(days)
                write_number(row, 4, days, qty if days.is_integer() else qty_dec)
            write_number(row, 5, price, num)
            r = row + 1  # the cells D, E and F of this row, as xl_rowcol_to_cell() names them
            sheet.write_formula(row, 6, f'=ROUND(D{r}*IF(E{r}="",1,E{r})*F{r},0)', num, amount)
            write_string(row, 7, safe_text(note), text)
            write_string(row, 8, source_name, center)

    def _total_row(self, sheet, row, group_cells, total) -> None:
        f = self.fmt
        sheet.write_blank(row, 0, None, f["bold_text"])
        sheet.write_string(row, 1, "TỔNG CỘNG", f["bold_text"])
        for col in (2, 3, 4, 5, 7, 8):
            sheet.write_blank(row, col, None, f["bold_text"])
        formula = "=SUM(" + ",".join(group_cells) + ")" if group_cells else "=0"
        if len(formula) > MAX_FORMULA:  # thousands of groups: group rows repeat their lines, so halve
            first, last = xl_rowcol_to_cell(HEADER_ROW + 2, 6), xl_rowcol_to_cell(row - 1, 6)
            formula = f"=SUM({first}:{last})/2"
        sheet.write_formula(row, 6, formula, f["bold_num"], total)

    def _summary_sheet(self, plans: list[SheetPlan], totals: list[dict]) -> None:
        names, codes, matrix = summary_matrix(self.estimate, totals=totals)
        subs = {p.name: p.sub_project for p in plans}
        headers = (["STT", "Tiểu dự án"] + [self.sources.get(c, "Chưa ghi nguồn vốn") for c in codes]
                   + ["Tổng cộng"])
        count = len(codes)
        numbers = [f"({i})" for i in range(1, count + 3)]
        numbers.append(f"({count + 3})=" + "+".join(f"({i})" for i in range(3, count + 3)) if count > 1
                       else f"({count + 3})")
        sheet = self.book.add_worksheet(SUMMARY_SHEET, worksheet_class=StreamedWorksheet)
        widths = [6, 44] + [16] * count + [18]
        widths += [14] * max(0, 6 - len(widths))  # room for Quốc hiệu and Tiêu ngữ with few sources
        widths = with_room_for_motto(widths, left_block=2)
        last = len(widths) - 1
        self._setup(sheet, widths)
        self._title_block(sheet, f"TỔNG HỢP {title_of(self.estimate)}\n(THEO TIỂU DỰ ÁN VÀ NGUỒN VỐN)", last,
                          left_block=2)
        self._heading(sheet, headers, numbers)
        row = HEADER_ROW + 2
        for index, name in enumerate(names, start=1):
            label = sub_project_label(subs.get(name)) if name != UNSORTED else UNSORTED
            sheet.set_row(row, LINE_PT * text_lines(label, widths[1]) + 2)
            sheet.write_number(row, 0, index, self.fmt["center"])
            sheet.write_string(row, 1, label, self.fmt["text"])
            values = [matrix.get((name, c), 0) for c in codes]
            for col, value in enumerate(values, start=2):
                sheet.write_number(row, col, value, self.fmt["num"])
            span = f"{xl_rowcol_to_cell(row, 2)}:{xl_rowcol_to_cell(row, count + 1)}"
            sheet.write_formula(row, count + 2, f"=SUM({span})" if count else "=0", self.fmt["bold_num"],
                                sum(values))
            row += 1
        sheet.write_blank(row, 0, None, self.fmt["bold_text"])
        sheet.write_string(row, 1, "TỔNG CỘNG", self.fmt["bold_text"])
        for col in range(2, count + 3):
            span = f"{xl_rowcol_to_cell(HEADER_ROW + 2, col)}:{xl_rowcol_to_cell(row - 1, col)}"
            value = sum(matrix.get((n, codes[col - 2]), 0) for n in names) if col < count + 2 \
                else sum(matrix.values())
            sheet.write_formula(row, col, f"=SUM({span})" if names else "=0", self.fmt["bold_num"], value)
        after = row + 1
        sheets = {p.sub_project.pk: p.name for p in plans if p.sub_project}
        for conflict in self.stated:  # the whole estimate first, then each sub-project
            sub_id = conflict.stated.sub_project_id
            where = ("dòng TỔNG CỘNG" if sub_id is None else f"dòng TỔNG CỘNG của trang «{sheets[sub_id]}»"
                     if sub_id in sheets else "không có dòng nào của tiểu dự án này")
            after = self._stated_row(sheet, after, conflict, last, parts_at=where)
        end = self._closing(sheet, after, sum(matrix.values()), last)
        sheet.print_area(0, 0, end, last)

    def _legend_sheet(self, plans: list[SheetPlan]) -> None:
        """The codes the sheet names and the data keep, with their names."""
        sheet = self.book.add_worksheet(LEGEND_SHEET)
        sheet.set_column(0, 0, 14)
        sheet.set_column(1, 1, 90)
        sheet.set_landscape()
        sheet.set_paper(9)
        sheet.write_row(0, 0, ["Mã", "Tên"], self.fmt["head"])
        row = 1
        for plan in plans:
            if plan.sub_project:
                sheet.write_row(row, 0, [plan.sub_project.code, sub_project_label(plan.sub_project)],
                                self.fmt["text"])
                row += 1
        for code, name in self.sources.items():  # in the catalog's order, as read once in __init__
            sheet.write_row(row, 0, [code, name], self.fmt["text"])
            row += 1


def estimate_workbook(estimate: Estimate, *, reference: str, agency_lines: list[str]) -> bytes:
    """The estimate as the finance office's workbook: summary sheet, one sheet per sub-project, legend."""
    return EstimateWorkbook(estimate, reference=reference, agency_lines=agency_lines).build()
