"""One sheet of an estimate workbook walked as a table: its header (over one or two rows), its
money unit, its groups, the numbered lines between them and where the table ends (a total typed
by hand, the words line, the signers)."""

import operator
import re

from budgets.forms import parse_amount, parse_quantity
from budgets.imports.lines import MONEY_UNITS, LineReading, cell_text, figure
from budgets.imports.matching import (
    LABELS,
    REQUIRED,
    SubProjectMatcher,
    called_summary,
    header_field,
)
from budgets.imports.results import ImportGroup, ImportProblem, ImportResult, SheetMatch
from budgets.models import SubProject
from budgets.workbook import UNSORTED
from spreadsheets import column_letters
from vntext import search_key

ROMAN = re.compile(r"^[IVXLCDM]+\.?$")
LETTER_GROUP = re.compile(r"^[A-Z]\.?$")
COLUMN_NUMBERS = re.compile(r"^\(\d+\)")
HEADER_SCAN = 30
PROGRESS_EVERY = 500
END = object()  # the row that ends a sheet's table (its total, the words line, the signatures)

TOTALS = ("tong cong", "tong so", "tong kinh phi", "tong du toan", "tong tien", "tong chi")
# The words line and what stands under a table: signers' titles and the date line. A group's
# title can begin like one of these («Kế toán …»), so the signers and the date end the table
# only when no line follows them.
SIGNERS = ("nguoi lap", "nguoi duyet", "nguoi kiem tra", "ke toan", "thu truong", "thu quy", "xac nhan",
           "chu tich", "pho chu tich", "giam doc", "truong phong", "truong ban", "tm.", "kt.")
DATE_LINE = re.compile(r"\bngay\s+(?:\d{1,2}|[.…]+)\s+thang\b")
FILLED_DOWN = ("unit_of_measure", "note", "funding_source")  # a merged cell there holds for each line
# «1.000đ», «1000 đồng», «nghìn đồng», «ngàn đ», «triệu đồng», «tr.đ», «trđ» (folded: no marks, đ → d)
THOUSANDS = re.compile(r"(?:\b1[.,\s]?000|\bnghin|\bngan)\s*d(?:ong)?\b")
MILLIONS = re.compile(r"(?:\b1[.,\s]?000[.,\s]?000|\btrieu|\btr\.?)\s*d(?:ong)?\b")
DONG = re.compile(r"\(\s*(?:dong|d|vnd)\s*\)")
STATED_UNIT = re.compile(r"\b(?:don vi tinh|don vi|dvt|d\.v\.t)\s*:")
AMOUNT = operator.itemgetter("amount")
NUMBERED = re.compile(r"[\s(]\d{1,2}\)?$")  # «Ghi chú 2», «Ghi chú (2)»


class SheetReader(LineReading):
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
        self.title = ""  # the texts above the header, one a line

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
            if called_summary(self.name):  # the app's own «Tổng hợp» (by sub-project and source): no lines
                return
            self.result.notices.append(f"Trang «{self.name}» không có bảng dự toán (thiếu dòng tiêu đề cột "
                                       "Nội dung chi | Đơn vị tính | Số lượng | Đơn giá): bỏ qua.")
            return
        if missing := [label for key, label in REQUIRED.items() if key not in self.columns]:
            self.problem(header + 1, "Thiếu cột " + ", ".join(f"«{m}»" for m in missing) + ".")
            return
        self.title = "\n".join(v for row in self.rows[:self.title_rows] for v in row if isinstance(v, str))
        title = self.title.replace("\n", " ")
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

    def row_of(self, line: dict) -> int | None:
        """The row number of the first row whose content is the line's (for a message)."""
        col = self.columns.get("content")
        return next((index + 1 for index, row in enumerate(self.rows) if col is not None and col < len(row)
                     and cell_text(row[col]) == line["content"]), None)

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
                f"{figure(self.scale)} để nhập theo đồng (xem lại Thành tiền trong phần so sánh).")

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
            if lines and None not in lines:
                group.lines += lines
            elif lines:  # not all common: line by line, each with its own messages
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
            content = cell_text(self._cell(row, "content"))
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
        label = cell_text(self._cell(row, "content") or self._cell(row, "stt"))
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
        if isinstance(typed, str):  # a total typed as text, «130.000.000» or «130.000.000 đ»
            try:
                typed = parse_amount(typed) if self.total_scale == 1 else parse_quantity(typed)
            except ValueError:
                return
        elif not _is_number(typed):
            return
        typed *= self.total_scale
        read = sum(sum(map(AMOUNT, g.lines)) for g in self.result.groups if g.sheet == self.name)
        if (typed := round(typed)) != read:
            self.result.notices.append(str(ImportProblem(
                self.name, row_no, f"«{label[:60]}» ghi {figure(typed)} đồng, các dòng cộng lại {figure(read)} "
                f"đồng (chênh {figure(abs(typed - read))} đồng); dự toán nhập theo từng dòng (Thành tiền = "
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


def _fields(row: list) -> dict[str, int]:
    """The columns a header row names: field → its first column, a numbered one («Ghi chú 2», «Nguồn
    vốn (2)») only when no other names the field: a column an office adds beside the table's own
    never takes its place."""
    found, numbered = {}, set()
    for col, value in enumerate(row):
        if not isinstance(value, str) or not (name := header_field(value)):
            continue
        extra = bool(NUMBERED.search(search_key(value)))
        if name not in found or (name in numbered and not extra):
            found[name] = col
            numbered.discard(name)
            if extra:
                numbered.add(name)
    return found


def _is_number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and value == value  # no NaN
