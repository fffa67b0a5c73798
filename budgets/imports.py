"""Reading estimate lines from a workbook, the app's own or one laid out by hand, with per-cell problems.

Nothing is written here: :func:`read_workbook` returns the groups, the sheets it matched to
sub-projects and every problem (sheet, row, column); the import is staged only when there is none.
Headers are matched with tolerance (spacing, slashes, case, marks, units in brackets, synonyms),
sheets by their name or title («Phụ lục 1 - TDA2», «PL02 - Nâng cao năng lực», «DA 6 TDA 2»).
"""

import datetime
import operator
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from budgets.checks import PERSON_UNITS
from budgets.forms import parse_amount, parse_quantity
from budgets.import_matching import LABELS, REQUIRED, SubProjectMatcher, header_field
from budgets.models import FundingSource, SubProject
from budgets.models.estimates import line_amount
from budgets.workbook import LEGEND_SHEET, SUMMARY_SHEET, UNSORTED
from spreadsheets import (
    SpreadsheetProblem,
    check_content,
    column_letters,
    formula_cells,
    read_sheets,
)
from vntext import nfc, search_key

ROMAN = re.compile(r"^[IVXLCDM]+\.?$")
LETTER_GROUP = re.compile(r"^[A-Z]\.?$")
COLUMN_NUMBERS = re.compile(r"^\(\d+\)")
HEADER_SCAN = 30
PROGRESS_EVERY = 500
INFINITY = float("inf")
NUMERALS = {n: str(n) for n in range(1000)}
END = object()  # the row that ends a sheet's table (its total, the words line, the signatures)
# What an estimate line can hold (the line form's bounds; days as the column stores them): a
# larger figure is a cell's fault, named as such, never a database error at confirmation.
LIMITS = {"quantity": 10**10, "days": 10**8, "unit_price": 10**15}
MAX_AMOUNT = 10**15
LENGTHS = {"content": 500, "unit_of_measure": 40, "note": 500}

TOTALS = ("tong cong", "tong so", "tong kinh phi", "tong du toan", "tong tien", "tong chi")
# The words line and what stands under a table: signers' titles and the date line. A group's
# title can begin like one of these («Kế toán …»), so the signers and the date end the table
# only when no line follows them.
SIGNERS = ("nguoi lap", "nguoi duyet", "nguoi kiem tra", "ke toan", "thu truong", "thu quy", "xac nhan",
           "chu tich", "pho chu tich", "giam doc", "truong phong", "truong ban", "tm.", "kt.")
DATE_LINE = re.compile(r"\bngay\s+(?:\d{1,2}|[.…]+)\s+thang\b")
FILLED_DOWN = ("unit_of_measure", "note", "funding_source")  # a merged cell there holds for each line
MONEY_UNITS = {1000: "nghìn đồng", 1_000_000: "triệu đồng"}
# «1.000đ», «1000 đồng», «nghìn đồng», «ngàn đ», «triệu đồng», «tr.đ», «trđ» (folded: no marks, đ → d)
THOUSANDS = re.compile(r"(?:\b1[.,\s]?000|\bnghin|\bngan)\s*d(?:ong)?\b")
MILLIONS = re.compile(r"(?:\b1[.,\s]?000[.,\s]?000|\btrieu|\btr\.?)\s*d(?:ong)?\b")
DONG = re.compile(r"\(\s*(?:dong|d|vnd)\s*\)")
STATED_UNIT = re.compile(r"\b(?:don vi tinh|don vi|dvt|d\.v\.t)\s*:")
AMOUNT = operator.itemgetter("amount")
SKIPPED_SHEETS = {search_key(SUMMARY_SHEET), search_key(LEGEND_SHEET)}


@dataclass
class ImportProblem:
    sheet: str
    row: int | None
    message: str
    column: str = ""

    def __str__(self):
        where = f"Trang «{self.sheet}»" + (f", dòng {self.row}" if self.row else "")
        if self.column:
            where += f", cột {self.column}"
        return f"{where}: {self.message}"


@dataclass
class ImportGroup:
    title: str
    sub_project: str | None  # code
    lines: list[dict] = field(default_factory=list)
    sheet: str = ""


@dataclass
class SheetMatch:
    """One sheet of the file and the sub-project it was matched to (or ``None``: for the user to choose)."""

    name: str
    sub_project: str | None
    how: str
    lines: int = 0


@dataclass
class ImportResult:
    groups: list[ImportGroup] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    sheets: list[SheetMatch] = field(default_factory=list)
    # the problems of an empty required cell, with (sheet index, row, column): a formula there
    # may have no stored result, which the message then says
    empty_cells: list[tuple[ImportProblem, int, int, int]] = field(default_factory=list)

    @property
    def line_count(self) -> int:
        return sum(len(g.lines) for g in self.groups)

    @property
    def total(self) -> int:
        return sum(line["amount"] for g in self.groups for line in g.lines)


def read_workbook(data: bytes, *, filename: str = "dự toán.xlsx", preferred: set[str] = frozenset(),
                  progress: Callable[[float], None] | None = None) -> ImportResult:
    """Groups and lines of every sheet holding an estimate table, and every problem found, cell by cell.

    The file goes through the shared guard first (``spreadsheets``): one that is no real .xlsx, or
    one of whose sheets reaches too far, is one problem and nothing is read.
    """
    result = ImportResult()
    matcher = SubProjectMatcher(set(preferred))
    sources = {key: code for code, *names in FundingSource.objects.values_list("code", "short_name", "name")
               for text in (code, *names) if text for key in (text, search_key(text).strip())}
    try:
        check_content(filename, data)  # its name was checked on upload
        sheets = list(read_sheets(filename, data, skip=_skipped))
    except SpreadsheetProblem as problem:
        result.problems.append(ImportProblem("—", None, str(problem)))
        return result
    hidden = []
    for position, sheet in enumerate(sheets):
        if sheet.hidden:  # a sheet an office hides is a draft or last year's copy: never read unseen
            hidden.append(sheet.name)
            result.notices.append(f"Trang «{sheet.name}» đang bị ẩn trong tệp: không đọc. Nếu cần nhập các dòng "
                                  "của trang này, hãy bỏ ẩn trang trong Excel rồi tải lên lại.")
            continue
        if sheet.damaged:
            result.problems.append(ImportProblem(sheet.name, None, "Trang tính bị hỏng, không đọc được; hãy mở "
                                                 "tệp bằng Excel, lưu lại rồi tải lên."))
            continue
        reader = SheetReader(sheet.name, sheet.rows, sheet.merges, sources, result, index=sheet.index)
        reader.read(matcher, _scaled(progress, position, len(sheets)))
    _explain_formulas(data, result)
    if not result.problems and not result.line_count:
        unread = "".join(f"; trang «{name}» đang bị ẩn nên không đọc, hãy bỏ ẩn rồi tải lên lại" for name in hidden)
        result.problems.append(ImportProblem("—", None, "Không tìm thấy dòng dự toán nào (cần một bảng có các cột "
                                             f"Nội dung chi, Đơn vị tính, Số lượng, Đơn giá){unread}."))
    return result


UNCALCULATED = ("Ô có công thức nhưng tệp không lưu kết quả tính (tệp do một chương trình khác tạo ra); hãy mở "
                "tệp bằng Excel hoặc LibreOffice, lưu lại rồi tải lên.")


def _explain_formulas(data: bytes, result: ImportResult) -> None:
    """An empty required cell holding a formula whose result was never stored says so (only a
    refused file's sheets are scanned for formulas: the usual import never looks)."""
    found = {}
    for problem, index, row, col in result.empty_cells:
        if index not in found:
            found[index] = formula_cells(data, index)
        if (row, col) in found[index]:
            problem.message = UNCALCULATED


def _skipped(sheet_name: str) -> bool:
    """The summary and legend sheets the app's own workbook adds: no lines to read."""
    return search_key(sheet_name).strip() in SKIPPED_SHEETS


def _scaled(progress, index: int, count: int):
    if progress is None:
        return None
    return lambda fraction: progress((index + fraction) / count)


class SheetReader:
    """Reads one sheet: finds its header, its sub-project, then its groups and lines."""

    def __init__(self, name: str, rows: list[list], merges, sources: dict[str, str], result: ImportResult,
                 index: int = 0):
        self.name, self.rows, self.merges, self.sources, self.result = name, rows, merges, sources, result
        self.index = index
        self.columns: dict[str, int] = {}
        self.texts: dict[str, str] = {}  # a repeated cell's text (unit, note, source) as _text reads it
        self.found_sources: dict[str, str | None] = {}  # by the text as _text reads it
        self.cell_sources: dict[str, str | None] = {}  # by the cell's own text
        self.title_rows = 0  # the rows above the header: the sheet's title
        self.scale = self.total_scale = 1  # đồng per unit of the price and of the amount column
        self.near_header: tuple[int, dict[str, int]] | None = None

    def problem(self, row: int | None, message: str, field_name: str = "") -> None:
        column = ""
        if field_name in self.columns:
            column = f"{column_letters(self.columns[field_name] + 1)} («{LABELS.get(field_name, field_name)}»)"
        self.result.problems.append(ImportProblem(self.name, row, message, column))

    def read(self, matcher: SubProjectMatcher, progress) -> None:
        header = self._header()
        if header is None and self.near_header is not None:
            index, found = self.near_header
            named = ", ".join(f"«{self.rows[index][col]}»".replace("\n", " ") for col in sorted(found.values()))
            self.problem(index + 1, f"Dòng tiêu đề cột ({named}) không có cột «Nội dung chi»; hãy đặt tên cột nội dung "
                         "là «Nội dung chi» (hoặc «Nội dung», «Diễn giải», «Khoản chi», «Tên công việc»).")
            return
        if header is None:
            self.result.notices.append(f"Trang «{self.name}» không có bảng dự toán (thiếu dòng tiêu đề cột "
                                       "Nội dung chi | Đơn vị tính | Số lượng | Đơn giá): bỏ qua.")
            return
        if missing := [label for key, label in REQUIRED.items() if key not in self.columns]:
            self.problem(header + 1, "Thiếu cột " + ", ".join(f"«{m}»" for m in missing) + ".")
            return
        title = " ".join(str(v) for row in self.rows[:self.title_rows] for v in row if isinstance(v, str))
        if search_key(self.name).strip() == search_key(UNSORTED):
            code, how = None, "trang «Chưa phân loại»"
        else:
            code, how = matcher.match(self.name, title)
        match = SheetMatch(self.name, code, how)
        self.result.sheets.append(match)
        self._money_units(header)
        self._check_merges(header)
        before = self.result.line_count
        self._lines(header, code, progress)
        match.lines = self.result.line_count - before

    def _money_units(self, header: int) -> None:
        """The unit of the prices and the typed amounts: the one their header names («Đơn giá
        (1.000đ)»), else the one the sheet states above its table («ĐVT: nghìn đồng»), else đồng.
        Prices in thousands are multiplied, with a notice: never read as đồng, 1,000 times too small."""
        def named(name: str) -> int | None:
            col = self.columns.get(name)
            cells = [self.rows[i][col] for i in range(self.title_rows, header + 1) if col is not None
                     and col < len(self.rows[i]) and isinstance(self.rows[i][col], str)]
            return next((unit for cell in cells if (unit := _money_unit(search_key(cell), header=True))), None)

        stated = next((unit for row in self.rows[:self.title_rows] for cell in row if isinstance(cell, str)
                       and (key := search_key(cell)) and STATED_UNIT.search(key) and (unit := _money_unit(key))), None)
        self.scale = named("unit_price") or stated or named("amount") or 1
        self.total_scale = named("amount") or stated or self.scale
        if self.scale != 1:
            col = column_letters(self.columns["unit_price"] + 1)
            self.result.notices.append(
                f"Trang «{self.name}»: Đơn giá (cột {col}) ghi theo {MONEY_UNITS[self.scale]}; đã nhân "
                f"{_figure(self.scale)} để nhập theo đồng (xem lại Thành tiền trong phần so sánh).")

    def _header(self) -> int | None:
        """The 0-based index of the header's last row: the first row with content, quantity and price
        columns, or the row under it when the header is written over two rows."""
        for index, row in enumerate(self.rows[:HEADER_SCAN]):
            found = _fields(row)
            if "content" in found and len(found) >= 3:
                self.title_rows = index
                return self._below(index, found)
            if self.near_header is None and {"quantity", "unit_price"} <= found.keys() and len(found) >= 3:
                self.near_header = (index, found)  # a header but for its content column
        return None

    def _below(self, index: int, found: dict[str, int]) -> int:
        """Columns named in a second header row under merged headers («Số lượng | Số ngày | Đơn giá»
        under «Định mức»): when the header is merged over both rows, or the row names two columns
        and holds no figure, it is the header's second row, whose names win over the merged cell
        above them; else only the names the first row lacks are taken from it, if any."""
        self.columns = found
        if index + 1 >= len(self.rows):
            return index
        row = self.rows[index + 1]
        below = _fields(row)
        spans = any(top == index and bottom > top for (top, _), (bottom, _) in self.merges)
        figures = any(isinstance(v, int | float) and not isinstance(v, bool) for v in row)
        if below and not figures and (spans or len(below) >= 2):
            taken = set(below.values())
            self.columns = {name: col for name, col in found.items() if col not in taken} | below
            return index + 1
        self.columns = below | found
        return index

    def _check_merges(self, header: int) -> None:
        """A cell merged down the lines' unit, note or source column holds for each of them, as
        Excel shows it (one «TT 40/2017» beside a group's lines); merged down any other column
        of the table it is refused, named by its range."""
        shared = {self.columns[name] for name in FILLED_DOWN if name in self.columns}
        for (top, left), (bottom, right) in self.merges:
            if top <= header or bottom == top:
                continue
            if set(range(left, right + 1)) <= shared:
                for index in range(top + 1, min(bottom + 1, len(self.rows))):
                    row = self.rows[index]
                    row[left:right + 1] = self.rows[top][left:right + 1]
                continue
            self.problem(top + 1, f"Ô gộp {column_letters(left + 1)}{top + 1}:{column_letters(right + 1)}"
                         f"{bottom + 1} trong bảng số liệu; hãy bỏ gộp ô.")

    def _cell(self, row: list, name: str):
        col = self.columns.get(name)
        if col is None or col >= len(row):
            return None
        value = row[col]
        return None if value == "" else value

    def _lines(self, header: int, code: str | None, progress) -> None:
        rows, count = self.rows, len(self.rows)
        stt_col = self.columns.get("stt", -1)
        quick, batch = self._quick_reader(), self._batch_reader()
        # The rows whose number cell holds no number (groups, subtotals, blank rows, the total) are
        # read one by one; the numbered lines between two of them, the common case, are read
        # together, in runs of at most PROGRESS_EVERY rows, without folding any text.
        others = [index for index in range(header + 1, count)
                  if type(stt := rows[index][stt_col] if 0 <= stt_col < len(rows[index]) else None) is not float
                  and type(stt) is not int]
        # Every numbered line of the sheet first, in chunks across the groups: each line as the
        # quick path reads it, or None for the lines of a chunk that is not all common lines
        runs, start = [], header + 1
        for stop in (*others, count):
            runs.append((start, stop))
            start = stop + 1
        numbered = [row for first, stop in runs for row in rows[first:stop]]
        read = []
        for first in range(0, len(numbered), PROGRESS_EVERY):
            chunk = numbered[first:first + PROGRESS_EVERY]
            read += (batch and batch(chunk)) or [None] * len(chunk)
            if progress:
                progress((first + len(chunk)) / len(numbered))
        group, position = None, 0
        for start, stop in runs:
            lines, position = read[position:position + stop - start], position + stop - start
            if group is None and start < stop:  # a numbered line before any group opens the default one
                group = self._row(start, group, code, quick)
                start, lines = start + 1, lines[1:]
            if start == stop:
                pass
            elif None not in lines:
                group.lines += lines
            else:  # not all common: line by line, each with its own messages
                lines = []
                for index in range(start, stop):
                    if line := quick and quick(rows[index]):
                        lines.append(line)
                    elif self._numbered_title(index):  # «1 | Hội nghị tại thôn A» over «- | …» lines
                        group.lines += lines
                        lines, group = [], self._row(index, group, code, quick)
                    elif line := self._line(rows[index], index + 1):
                        lines.append(line)
                group.lines += lines
            if stop == count or (group := self._row(stop, group, code, quick)) is END:
                return

    def _row(self, index: int, group: ImportGroup | None, code: str | None, quick):
        """Read the row at ``index`` on its own; the group the next rows belong to, or END."""
        row, row_no = self.rows[index], index + 1
        kind = self._kind(row, index)
        if kind == "end":
            return self._end(index, group)
        if kind in ("skip", "blank"):
            return group
        if kind == "group":
            content = _text(self._cell(row, "content"))
            group = ImportGroup(content, code, sheet=self.name)
            self.result.groups.append(group)
            if not content:
                self.problem(row_no, "Nhóm chưa có nội dung.", "content")
            self._check_length(row_no, "content", content)
            return group
        if group is None:  # lines before any group: one group named after the sheet's sub-project
            group = ImportGroup(self._default_title(code), code, sheet=self.name)
            self.result.groups.append(group)
        line = (quick and quick(row)) or self._line(row, row_no)
        if line is not None:
            group.lines.append(line)
        return group

    def _end(self, index: int, group: ImportGroup | None):
        """END, or the group read on when a total typed by hand stands above more lines (a total
        written first, or a part's total typed in the middle): those lines are read too, never lost."""
        row, row_no = self.rows[index], index + 1
        label = _text(self._cell(row, "content") or self._cell(row, "stt"))
        if not _is_total(search_key(label).strip()):
            return END  # the words line or the signatures
        if after := self._line_after(index):
            self.result.notices.append(str(ImportProblem(
                self.name, row_no, f"«{label[:60]}» không phải dòng cuối bảng (dòng {after} sau nó vẫn là dòng dự toán): "
                "không lấy số của dòng này, các dòng sau vẫn được đọc.")))
            return group
        self._compare_total(row, row_no, label)
        return END

    def _line_after(self, index: int) -> int | None:
        """The number of the first group or numbered line below a total row, before the words line."""
        numbered = "stt" in self.columns
        for later in range(index + 1, len(self.rows)):
            row = self.rows[later]
            stt, content = self._cell(row, "stt"), self._cell(row, "content")
            if search_key(str(content or stt or "")).strip().startswith(("bang chu", "nguoi lap")):
                return None
            if isinstance(stt, str) and ROMAN.match(stt.strip().upper()):
                return later + 1
            figures = all(_is_number(self._cell(row, name)) for name in ("quantity", "unit_price"))
            if figures and (_is_number(stt) if numbered else isinstance(content, str)):
                return later + 1
        return None

    def _compare_total(self, row: list, row_no: int, label: str) -> None:
        """A notice when the sheet's typed total differs from the sum of the lines read above it."""
        typed = self._cell(row, "amount")
        if not _is_number(typed):
            return
        typed *= self.total_scale
        read = sum(sum(map(AMOUNT, g.lines)) for g in self.result.groups if g.sheet == self.name)
        if (typed := round(typed)) != read:
            self.result.notices.append(str(ImportProblem(
                self.name, row_no, f"«{label[:60]}» ghi {_figure(typed)} đồng, các dòng cộng lại {_figure(read)} "
                f"đồng (chênh {_figure(abs(typed - read))} đồng); dự toán nhập theo từng dòng (Thành tiền = "
                "Số lượng × Số ngày × Đơn giá).", f"{column_letters(self.columns['amount'] + 1)} («Thành tiền»)")))

    def _default_title(self, code: str | None) -> str:
        name = SubProject.objects.filter(code=code).values_list("name", flat=True).first() if code else None
        return name or self.name

    def _kind(self, row: list, index: int) -> str:
        stt = self._cell(row, "stt")
        if isinstance(stt, int | float) and not isinstance(stt, bool):
            # a numbered line, the common case, decided without folding any text; or a numbered title
            return "group" if self._numbered_title(index) else "line"
        if not any(v not in (None, "") for v in row):
            return "blank"
        first = next(v for v in row if v not in (None, ""))
        if isinstance(first, str) and first.lstrip().startswith("(") and all(
                COLUMN_NUMBERS.match(str(v).strip()) for v in row if v not in (None, "")):
            return "skip"  # the column-number row «(1) (2) … (7)=(4)x(5)x(6)»
        content = search_key(str(self._cell(row, "content") or stt or "")).strip()
        if _is_total(content) or "bang chu" in content[:30] or content.startswith("nguoi lap"):
            return "end"  # a total typed by hand, the words line, the signatures
        if (content.startswith(SIGNERS) or DATE_LINE.search(content)) and not self._line_after(index):
            return "end"  # «Kế toán», «Hạ Hòa, ngày … tháng …» under the table
        if content.startswith(("cong ", "cong:")) or content == "cong":
            return "skip"  # a group's «Cộng I» subtotal
        stt = str(stt or "").strip().upper()
        empty = all(self._cell(row, n) is None for n in ("quantity", "unit_price", "unit_of_measure"))
        if ROMAN.match(stt) or (LETTER_GROUP.match(stt) and empty) or (not stt and empty):
            return "group"
        return "line"

    def _numbered_title(self, index: int) -> bool:
        """A numbered row with a content and no unit or figure, followed by lines marked otherwise
        («-», «a)»): a group's title numbered «1», «2» (a line missing its figures is followed by
        another numbered line, and keeps its messages)."""
        row = self.rows[index]
        if not isinstance(self._cell(row, "content"), str) or any(
                self._cell(row, name) is not None for name in ("unit_of_measure", "quantity", "unit_price")):
            return False
        following = next((r for r in self.rows[index + 1:index + 4] if any(v not in (None, "") for v in r)), None)
        return (following is not None and not _is_number(self._cell(following, "stt"))
                and any(_is_number(self._cell(following, name)) for name in ("quantity", "unit_price")))

    def _line_columns(self) -> tuple[int, ...] | None:
        """The columns of content, unit, quantity, price, days, note and source (-1 for an optional
        one the sheet lacks) and the width a row needs to hold them all; None when a required one
        is missing."""
        columns = self.columns
        if any(name not in columns for name in REQUIRED):
            return None
        places = [columns[name] for name in REQUIRED] + [columns.get(name, -1) for name in
                                                          ("days", "note", "funding_source")]
        return (*places, max(places) + 1)

    def _quick_reader(self) -> Callable[[list], dict | None] | None:
        """A reader of the common line, giving what ``_line`` gives without a look at each rule:
        text content and unit, whole non-negative numbers, a text note, a listed funding source or
        none. Any other row gets None, and ``_line`` reads it with every check and message. None
        when a required column is missing. (Columns and caches are bound once: this runs per line.)"""
        if (places := self._line_columns()) is None or self.scale != 1:
            return None
        content_col, unit_col, quantity_col, price_col, days_col, note_col, source_col, width = places
        texts, source_of, sources = self.texts, self._source, self.cell_sources
        is_normalized = unicodedata.is_normalized
        numerals = NUMERALS
        max_quantity, max_days, max_price = LIMITS["quantity"], LIMITS["days"], LIMITS["unit_price"]

        def known(text: str) -> str:
            if (found := texts.get(text)) is None:
                found = texts[text] = _text(text)
            return found

        def read(row: list) -> dict | None:
            if len(row) < width:
                return None
            content, unit, quantity, price = row[content_col], row[unit_col], row[quantity_col], row[price_col]
            if (type(quantity) is not float or type(price) is not float or type(content) is not str
                    or type(unit) is not str or not (0 <= quantity < max_quantity and 0 <= price < max_price)
                    or not quantity.is_integer() or not price.is_integer()):
                return None
            days = row[days_col] if days_col >= 0 else ""
            if days != "" and (type(days) is not float or not 0 <= days < max_days or not days.is_integer()):
                return None
            note = row[note_col] if note_col >= 0 else ""
            written = row[source_col] if source_col >= 0 else ""
            if type(note) is not str or type(written) is not str:
                return None
            # _text(content) inlined (the one text that differs on every line); the repeated texts
            # (unit, source, note) are looked up without a call: this runs per line
            if (content.isprintable() and "  " not in content
                    and (content.isascii() or is_normalized("NFC", content))):
                content = content.strip()
            else:
                content = _text(content)
            unit = texts.get(unit) or known(unit)
            source = sources.get(written, "") if written else None
            if source == "":
                source = sources[written] = source_of(known(written))
            if not content or not unit or (written and source is None):
                return None
            note = (texts.get(note) or known(note)) if note else ""
            if len(content) > 500 or len(unit) > 40 or len(note) > 500:
                return None
            quantity, price = int(quantity), int(price)
            if days == "":
                days, amount = None, quantity * price
            else:
                days = int(days)
                amount = quantity * days * price
                days = numerals.get(days) or str(days)
            if amount >= MAX_AMOUNT:
                return None
            return {"content": content, "unit_of_measure": unit,
                    "quantity": numerals.get(quantity) or str(quantity), "days": days, "unit_price": price,
                    "note": note, "funding_source": source, "amount": amount}

        return read

    def _batch_reader(self) -> Callable[[list[list]], list[dict] | None] | None:
        """A reader of a run of rows at once, column by column, giving what the quick reader gives
        for each row when every row of the run is a common line; None when one is not (the rows
        are then read one by one). None when a required column is missing.

        The checks are those of :meth:`_quick_reader`, made over whole columns by the built-ins;
        a content column is checked as one text joined by «|», which keeps each check exact: it
        is printable, adds no space and composes with no character (so NFC holds for the joined
        text exactly when it holds for each part)."""
        if (places := self._line_columns()) is None or self.scale != 1:
            return None
        content_col, unit_col, quantity_col, price_col, days_col, note_col, source_col, width = places
        texts, source_of, sources = self.texts, self._source, self.cell_sources
        numerals = NUMERALS

        def known(column: list, longest: int) -> list | None:
            """The column's texts as ``_text`` reads them; None when one is not a text or is longer
            than ``longest`` characters. (Repeated texts: each distinct one is looked at once.)"""
            read = {}
            for text in set(column):
                if type(text) is not str:
                    return None
                if (found := texts.get(text)) is None:
                    found = texts[text] = _text(text)
                if len(found) > longest:
                    return None
                read[text] = found
            return list(map(read.__getitem__, column))

        def whole(numbers: list, below: int) -> list | None:
            """The column's numbers as ints when each is a whole float from 0 to ``below``; else None."""
            try:
                if (not all(map(float.is_integer, numbers)) or min(numbers) < 0  # False for NaN and infinities
                        or max(numbers) >= below):
                    return None
            except TypeError:  # not a float
                return None
            return list(map(int, numbers))

        def spelled(numbers: list) -> list:
            """The numbers as the line keeps them: the usual ones shared, the others written out."""
            words = list(map(numerals.get, numbers))
            return [word or str(number) for word, number in zip(words, numbers, strict=True)] if None in words else words

        def read(rows: list[list]) -> list[dict] | None:
            if min(map(len, rows)) < width:
                return None
            contents, units = [row[content_col] for row in rows], known([row[unit_col] for row in rows], 40)
            quantities = whole([row[quantity_col] for row in rows], LIMITS["quantity"])
            prices = whole([row[price_col] for row in rows], LIMITS["unit_price"])
            if units is None or not all(units) or quantities is None or prices is None:
                return None
            try:
                joined = "|".join(contents)
            except TypeError:  # a content that is not a text
                return None
            if not (joined.isprintable() and "  " not in joined
                    and (joined.isascii() or unicodedata.is_normalized("NFC", joined))):
                return None
            contents = list(map(str.strip, contents))
            if not all(contents):
                return None
            if max(map(len, contents)) > 500:
                return None
            notes = known([row[note_col] for row in rows], 500) if note_col >= 0 else [""] * len(rows)
            found = [None] * len(rows)
            if source_col >= 0:
                written, named = [row[source_col] for row in rows], {}
                for text in set(written):
                    if type(text) is not str:
                        return None
                    source = sources.get(text, "") if text else None
                    if source == "":
                        source = sources[text] = source_of(texts.get(text) or _text(text))
                    if text and source is None:
                        return None
                    named[text] = source
                found = list(map(named.__getitem__, written))
            if notes is None:
                return None
            amounts = list(map(operator.mul, quantities, prices))
            if days_col < 0:
                day_texts = [None] * len(rows)
            elif (day_numbers := whole(days := [row[days_col] for row in rows], LIMITS["days"])) is not None:
                day_texts, amounts = spelled(day_numbers), list(map(operator.mul, amounts, day_numbers))
            elif "" not in days:
                return None
            else:  # some lines have no days
                given = [day for day in days if day != ""]
                if given and whole(given, LIMITS["days"]) is None:
                    return None
                day_texts = [None if day == "" else numerals.get(int(day)) or str(int(day)) for day in days]
                amounts = [amount if day == "" else amount * int(day) for amount, day in zip(amounts, days, strict=True)]
            if max(amounts) >= MAX_AMOUNT:
                return None
            return [{"content": content, "unit_of_measure": unit, "quantity": quantity, "days": day,
                     "unit_price": price, "note": note, "funding_source": source, "amount": amount}
                    for content, unit, quantity, day, price, note, source, amount
                    in zip(contents, units, spelled(quantities), day_texts, prices, notes, found, amounts, strict=True)]

        return read

    def _source(self, written: str) -> str | None:
        """The funding source code a cell names (its code, short name or name, any spelling)."""
        if written not in self.found_sources:
            self.found_sources[written] = self.sources.get(written) or self.sources.get(search_key(written))
        return self.found_sources[written]

    def _number(self, values: dict, row_no, name: str, parse):
        value = values.get(name)
        if value is None:
            return None
        if isinstance(value, float) and value.is_integer():  # calamine's numbers: no text to parse
            return int(value)  # a whole number stays an int: no Decimal until a fraction needs one
        if isinstance(value, datetime.date | datetime.time | datetime.timedelta):
            self.problem(row_no, f"Ô đang ở dạng ngày giờ ({_when(value)}), không phải số; hãy định dạng ô là "
                         "Số và gõ lại số.", name)
            return None
        if isinstance(value, bool) or not isinstance(value, int | float | str) or value in (INFINITY, -INFINITY) \
                or value != value:  # a NaN or an infinity calamine read from a <v>
            self.problem(row_no, f"«{value}» không phải là số.", name)
            return None
        try:
            return parse(str(value) if isinstance(value, str) else _plain(value))
        except ValueError as error:
            self.problem(row_no, str(error), name)
            return None

    def _line(self, row: list, row_no: int) -> dict | None:
        before, width = len(self.result.problems), len(row)
        values = {name: row[col] for name, col in self.columns.items() if col < width and row[col] != ""}
        content, uom = _text(values.get("content")), _text(values.get("unit_of_measure"))
        if not content:
            self._empty(row_no, "content")
        if not uom:
            self._empty(row_no, "unit_of_measure")
        quantity = self._number(values, row_no, "quantity", parse_quantity)
        days = self._number(values, row_no, "days", parse_quantity)
        price = self._number(values, row_no, "unit_price", parse_amount if self.scale == 1 else parse_quantity)
        if price is not None and self.scale != 1:
            price = self._scaled_price(price, row_no)
        if quantity is None and values.get("quantity") is None:
            self._empty(row_no, "quantity")
        if price is None and values.get("unit_price") is None:
            self._empty(row_no, "unit_price")
        for name, value in (("quantity", quantity), ("days", days), ("unit_price", price)):
            if value is not None and value < 0:
                self.problem(row_no, f"«{LABELS[name]}» không được âm ({value}).", name)
            elif value is not None and value >= LIMITS[name]:
                self.problem(row_no, f"«{LABELS[name]}» quá lớn ({_figure(value)}); phải nhỏ hơn "
                             f"{_figure(LIMITS[name])}.", name)
        if isinstance(quantity, Decimal) and quantity != int(quantity):
            if uom.lower() in PERSON_UNITS:
                self.problem(row_no, f"Số lượng tính theo «{uom}» phải là số nguyên.", "quantity")
            if quantity != quantity.quantize(Decimal("0.01")):
                self.problem(row_no, "Số lượng tối đa hai chữ số thập phân.", "quantity")
        for name, text in (("content", content), ("unit_of_measure", uom)):
            self._check_length(row_no, name, text)
        written = _text(values.get("funding_source"))
        source = (self.sources.get(written) or self.sources.get(search_key(written))) if written else None
        if written and source is None:
            codes = sorted(set(self.sources.values()))
            self.problem(row_no, f"Nguồn vốn «{written}» không có trong danh mục ({', '.join(codes)}).",
                         "funding_source")
        note = _text(values.get("note"))
        self._check_length(row_no, "note", note)
        if len(self.result.problems) > before:
            return None
        amount = _amount(quantity, days, price)
        if amount >= MAX_AMOUNT:
            self.problem(row_no, f"Thành tiền của dòng ({_figure(amount)} đồng) quá lớn; hãy kiểm tra Số lượng, "
                         "Số ngày/buổi và Đơn giá.", "unit_price")
            return None
        return dict(content=content, unit_of_measure=uom, quantity=str(quantity),
                    days=None if days is None else str(days), unit_price=price, note=note,
                    funding_source=source, amount=amount)

    def _scaled_price(self, price, row_no: int) -> int | None:
        dong = price * self.scale
        if dong != int(dong):
            self.problem(row_no, f"Đơn giá {_figure(price)} {MONEY_UNITS[self.scale]} không ra số đồng nguyên.",
                         "unit_price")
            return None
        return int(dong)

    def _empty(self, row_no: int, name: str) -> None:
        self.problem(row_no, f"Thiếu «{LABELS[name]}».", name)
        self.result.empty_cells.append((self.result.problems[-1], self.index, row_no - 1, self.columns[name]))

    def _check_length(self, row_no: int, name: str, text: str) -> None:
        """A text longer than the estimate keeps is refused by its cell, never cut without a word."""
        if len(text) > LENGTHS[name]:
            self.problem(row_no, f"«{LABELS[name]}» dài {_figure(len(text))} ký tự, quá {LENGTHS[name]} ký tự; "
                         "hãy rút gọn.", name)


def _is_total(key: str) -> bool:
    """«Tổng cộng», «Tổng số», «Tổng kinh phí», «Tổng:» (folded) but not «Tổng kết …»."""
    return key.startswith(TOTALS) or key in ("tong", "tong:") or key.startswith(("tong (", "tong:"))


def _money_unit(key: str, *, header: bool = False) -> int | None:
    """Đồng per unit a folded text names (1,000 or 1,000,000; 1 for a header's «(đồng)»), None
    when it names none."""
    if MILLIONS.search(key):
        return 1_000_000
    if THOUSANDS.search(key):
        return 1000
    return 1 if header and DONG.search(key) else None


def _is_number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and value == value  # no NaN


def _fields(row: list) -> dict[str, int]:
    """The columns a header row names: field → its first column."""
    found = {}
    for col, value in enumerate(row):
        if isinstance(value, str) and (name := header_field(value)) and name not in found:
            found[name] = col
    return found


def _amount(quantity, days, price: int) -> int:
    """The line's amount: exact integer arithmetic when nothing is fractional, else rounded half up."""
    if type(quantity) is int and (days is None or type(days) is int):
        return quantity * (1 if days is None else days) * price
    return line_amount(quantity, days, price)


def _types(column: list) -> set[type]:
    return set(map(type, column))


def _text(value) -> str:
    """A cell as text: NFC, white space folded (skipped for the plain NFC text most cells hold)."""
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    # nfc() changes nothing but the ends of a printable text (no tab, line break or unusual space)
    # without two spaces in a row, already in NFC
    if text.isprintable() and "  " not in text and (text.isascii() or unicodedata.is_normalized("NFC", text)):
        return text.strip()
    return nfc(text)


def _when(value) -> str:
    if isinstance(value, datetime.datetime):
        return f"{value:%d/%m/%Y %H:%M}"
    if isinstance(value, datetime.date):
        return f"{value:%d/%m/%Y}"
    return str(value)


def _figure(number) -> str:
    """A number as Vietnamese write it: «1.000.000», «2,5»."""
    number = Decimal(number)
    if number == int(number):
        return f"{int(number):,}".replace(",", ".")
    return f"{number:,}".replace(",", " ").replace(".", ",").replace(" ", ".")


def _plain(value) -> str:
    number = Decimal(str(value))
    return format(number.normalize(), "f").replace(".", ",") if number != int(number) else str(int(number))
