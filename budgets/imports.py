"""Reading estimate lines back from the finance-office layout, with per-row problems.

Nothing is written here: :func:`read_workbook` returns the groups and the problems; the
service imports them in one transaction only when there is no problem.
"""

import io
import re
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from budgets.checks import PERSON_UNITS
from budgets.exports import UNSORTED
from budgets.forms import parse_amount, parse_quantity
from budgets.models import FundingSource, SubProject
from budgets.models.estimates import line_amount
from budgets.workbook import COLUMNS
from documents.text import nfc, search_key
from documents.xlsx_guard import UnsafeSpreadsheet, check_xlsx_sheets

SUMMARY_SHEET = "Tổng hợp"
REQUIRED = COLUMNS[:8]
ROMAN = re.compile(r"^[IVXLCDM]+$")
MAX_ROWS = 20_000


@dataclass
class ImportProblem:
    sheet: str
    row: int | None
    message: str

    def __str__(self):
        where = f"Trang «{self.sheet}»" + (f", dòng {self.row}" if self.row else "")
        return f"{where}: {self.message}"


@dataclass
class ImportGroup:
    title: str
    sub_project: str | None  # code
    lines: list[dict] = field(default_factory=list)


@dataclass
class ImportResult:
    groups: list[ImportGroup] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)

    @property
    def line_count(self) -> int:
        return sum(len(g.lines) for g in self.groups)

    @property
    def total(self) -> int:
        return sum(line["amount"] for g in self.groups for line in g.lines)


def read_workbook(data: bytes) -> ImportResult:
    """Groups and lines of every sub-project sheet, and every problem found, row by row."""
    result = ImportResult()
    try:
        check_xlsx_sheets(data)  # before openpyxl: a stray cell far away, a sheet far too large
    except UnsafeSpreadsheet as problem:
        result.problems.append(ImportProblem("—", None, str(problem)))
        return result
    try:
        book = load_workbook(io.BytesIO(data), data_only=False)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError):
        result.problems.append(ImportProblem("—", None, "Tệp không phải bảng tính Excel (.xlsx) hợp lệ."))
        return result
    subs = set(SubProject.objects.values_list("code", flat=True))
    sources = set(FundingSource.objects.values_list("code", flat=True))
    for sheet in book.worksheets:
        if sheet.title == SUMMARY_SHEET:
            continue
        if sheet.title != UNSORTED and sheet.title not in subs:
            result.problems.append(ImportProblem(sheet.title, None, "Trang tính thừa: tên trang phải là "
                                                 "mã tiểu dự án (ví dụ DA6-TDA2) hoặc «Tổng hợp»."))
            continue
        _read_sheet(sheet, None if sheet.title == UNSORTED else sheet.title, sources, result)
    if not result.problems and not result.line_count:
        result.problems.append(ImportProblem("—", None, "Không tìm thấy dòng dự toán nào."))
    return result


def _header_row(sheet) -> int | None:
    wanted = [search_key(c) for c in REQUIRED]
    for row in sheet.iter_rows(min_row=1, max_row=30):
        cells = [search_key(str(c.value or "")) for c in row[:8]]
        if cells and cells[0] == "stt":
            missing = [REQUIRED[i] for i, w in enumerate(wanted) if w not in cells]
            if missing:
                raise ValueError("Thiếu cột " + ", ".join(f"«{m}»" for m in missing) + ".")
            return row[0].row
    return None


def _read_sheet(sheet, sub_code, sources, result: ImportResult) -> None:
    try:
        header = _header_row(sheet)
    except ValueError as error:
        result.problems.append(ImportProblem(sheet.title, None, str(error)))
        return
    if header is None:
        result.problems.append(ImportProblem(sheet.title, None, "Không tìm thấy dòng tiêu đề cột "
                                             "(STT | Nội dung chi | …)."))
        return
    end = _data_end(sheet, header)
    for merged in sheet.merged_cells.ranges:
        if header < merged.min_row <= end or header < merged.max_row <= end:
            result.problems.append(ImportProblem(sheet.title, merged.min_row,
                                                 f"Ô gộp {merged.coord} trong bảng số liệu; hãy bỏ gộp ô."))
    if end - header > MAX_ROWS:
        result.problems.append(ImportProblem(sheet.title, None, f"Quá {MAX_ROWS} dòng."))
        return
    group = None
    for cells in sheet.iter_rows(min_row=header + 1, max_row=end, max_col=9):
        row_no, values = cells[0].row, [c.value for c in cells] + [None] * (9 - len(cells))
        stt = str(values[0] or "").strip()
        if ROMAN.match(stt):
            group = ImportGroup(nfc(str(values[1] or "")).strip(), sub_code)
            result.groups.append(group)
            if not group.title:
                result.problems.append(ImportProblem(sheet.title, row_no, "Nhóm chưa có nội dung."))
            continue
        if group is None:
            result.problems.append(ImportProblem(sheet.title, row_no,
                                                 "Dòng chi nằm trước nhóm đầu tiên (I, II, …)."))
            continue
        line, problems = _line(values, sources)
        result.problems += [ImportProblem(sheet.title, row_no, p) for p in problems]
        if not problems:
            group.lines.append(line)


def _data_end(sheet, header: int) -> int:
    """The last data row: before "TỔNG CỘNG" or the first empty row."""
    last = header
    for cells in sheet.iter_rows(min_row=header + 1, max_row=sheet.max_row, max_col=2):
        first, content = cells[0].value, cells[1].value if len(cells) > 1 else None
        if search_key(str(content or "")).startswith("tong cong") or (first is None and content is None):
            break
        last = cells[0].row
    return last


def _is_formula(value) -> bool:
    return isinstance(value, str) and value.startswith("=")


def _number(value, label, parse, problems):
    if _is_formula(value):
        problems.append(f"Cột «{label}» chứa công thức {value}; hãy nhập số.")
        return None
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        problems.append(f"Cột «{label}» không phải là số.")
        return None
    try:
        return parse(str(value) if not isinstance(value, int | float) else _plain(value))
    except ValueError as error:
        problems.append(f"Cột «{label}»: {error}")
        return None


def _plain(value) -> str:
    number = Decimal(str(value))
    return format(number.normalize(), "f").replace(".", ",") if number != int(number) else str(int(number))


def _line(values, sources) -> tuple[dict, list[str]]:
    problems: list[str] = []
    content, uom = nfc(str(values[1] or "")).strip(), nfc(str(values[2] or "")).strip()
    if not content:
        problems.append("Thiếu «Nội dung chi».")
    if not uom:
        problems.append("Thiếu «Đơn vị tính».")
    quantity = _number(values[3], "Số lượng", parse_quantity, problems)
    days = _number(values[4], "Số ngày/buổi", parse_quantity, problems)
    price = _number(values[5], "Định mức/Đơn giá", parse_amount, problems)
    if quantity is None and not any("Số lượng" in p for p in problems):
        problems.append("Thiếu «Số lượng».")
    if price is None and not any("Đơn giá" in p for p in problems):
        problems.append("Thiếu «Định mức/Đơn giá».")
    for label, value in (("Số lượng", quantity), ("Số ngày/buổi", days), ("Định mức/Đơn giá", price)):
        if value is not None and value < 0:
            problems.append(f"«{label}» không được âm.")
    if quantity is not None and uom.lower() in PERSON_UNITS and quantity != int(quantity):
        problems.append(f"Số lượng tính theo «{uom}» phải là số nguyên.")
    if quantity is not None and quantity != quantity.quantize(Decimal("0.01")):
        problems.append("Số lượng tối đa hai chữ số thập phân.")
    source = str(values[8] or "").strip().upper()
    if source and source not in sources:
        problems.append(f"Nguồn vốn «{source}» không có trong danh mục ({', '.join(sorted(sources))}).")
    note = values[7]
    line = dict(content=content, unit_of_measure=uom, quantity=str(quantity), days=None if days is None
                else str(days), unit_price=price, note=nfc(str(note or "")).strip()[:500],
                funding_source=source or None)
    if not problems:
        line["amount"] = line_amount(quantity, days, price)
    return line, problems
