"""Finding the header row(s) of a commune list by their Vietnamese labels, with variants.

Lists follow the annual review's layout: title rows, then a header that is often two rows with
merged cells ("Năm sinh" over "Nam" | "Nữ"; "Phân loại" over "Hộ nghèo" | "Hộ cận nghèo" …;
"Chỉ số thiếu hụt" over 1 … 12), sometimes a row of column numbers, then the data.
"""

import dataclasses
import statistics
from dataclasses import dataclass, field

from households.imports.cells import folded, parse_amount

SCAN_ROWS = 40
# "Số chỉ số thiếu hụt", "Số chiều thiếu hụt", "Tổng số chỉ số thiếu hụt", "Thiếu hụt / Tổng": how many
# indicators are deprived, not which ones ("Chỉ số thiếu hụt (ghi số thứ tự)" lists which ones).
COUNT_WORDS = ("so chi so", "so chieu", "tong", "so luong", "so chi tieu")
CHILD_WORDS = {"nam", "nu", "tong", "tong so", "ho ngheo", "ho can ngheo", "can ngheo", "ngheo", "moi thoat ngheo",
               "thoat ngheo", "ho moi thoat ngheo", "muc song trung binh", "ho co muc song trung binh"}


def has(label: str, *phrases: str) -> bool:
    padded = f" {label} "
    return any(f" {phrase} " in padded for phrase in phrases)


def field_for(parent: str, child: str) -> str | None:
    """The field a column holds, from its folded header label(s)."""
    full = f"{parent} {child}".strip()
    if child.isdigit() and has(parent, "thieu hut", "chi so") and 1 <= int(child) <= 20:
        return f"dep_{int(child)}"
    if child in ("nam", "nu") and has(parent, "nam sinh", "ngay sinh", "ngay thang nam sinh"):
        return "birth_male" if child == "nam" else "birth_female"
    if child in ("nam", "nu") and has(parent, "gioi tinh"):
        return "gender_male" if child == "nam" else "gender_female"
    return _simple_field(full)


def _simple_field(label: str) -> str | None:  # noqa: C901 - one flat table of label variants
    if label in ("stt", "tt", "so tt", "so thu tu"):
        return "stt"
    if has(label, "ma ho", "ma so ho", "ma hgd"):
        return "code"
    if has(label, "thoat ngheo") and has(label, "ngay", "thang nam"):
        return "escaped_on"
    if has(label, "chu ho nu", "chu ho la nu"):
        return "woman_head"
    if has(label, "dan toc thieu so", "dtts"):
        return "minority"
    if has(label, "dinh danh", "cccd", "cmnd", "can cuoc", "chung minh"):
        return "id_number"
    if has(label, "nam sinh", "ngay sinh", "ngay thang nam sinh"):
        return "birth_year"
    if has(label, "gioi tinh"):
        return "gender"
    if has(label, "ho va ten", "ho ten", "ten chu ho", "chu ho"):
        return "name"
    if has(label, "dan toc"):
        return "ethnicity"
    if has(label, "thon", "xom", "ban", "to dan pho", "khu pho", "thon xom", "dia chi", "lang", "buon"):
        return "village"
    if has(label, "nhan khau", "so khau", "so nguoi", "thanh vien"):
        return "members"
    if has(label, "dien thoai", "sdt", "so dt"):
        return "phone"
    if has(label, "thu nhap"):
        return "income"
    if has(label, "thieu hut"):
        counted = has(label, *COUNT_WORDS) or label.startswith("so thieu hut")
        return "deprivation_count" if counted else "deprivations"
    if has(label, "co cong"):
        return "meritorious"
    if has(label, "bao tro", "btxh"):
        return "social_protection"
    if has(label, "khong co kha nang"):
        return "no_labour"
    if has(label, "ghi chu"):
        return "note"
    return _class_field(label)


def _class_field(label: str) -> str | None:
    if has(label, "thoat ngheo"):
        return "class_escaped"
    if has(label, "can ngheo"):
        return "class_near_poor"
    if has(label, "ngheo"):
        return "class_poor"
    if has(label, "trung binh"):
        return "class_middle"
    if has(label, "phan loai", "loai ho", "xep loai"):
        return "class"
    return None


@dataclass(frozen=True)
class Unit:
    """What one written unit of an amount column is worth in đồng, and how it was known."""

    factor: int
    name: str
    guessed: bool = False
    sizes_say: str = ""  # the unit the numbers' size suggests, when it is not the one the header names

    @property
    def note(self) -> str:
        """The warning each row with an income gets ("" when the header named a unit the numbers fit)."""
        if self.sizes_say:
            return (f"Thu nhập: tiêu đề cột ghi đơn vị {self.name} nhưng độ lớn các số trong cột giống {self.sizes_say}; "
                    f"đã đọc theo tiêu đề ({self.name}), hãy kiểm tra")
        if not self.guessed:
            return ""
        return (f"Thu nhập: tiêu đề cột không ghi đơn vị; theo độ lớn các số trong cột, hiểu là {self.name}"
                + (f" (nhân {self.factor:,} để ra đồng)".replace(",", ".") if self.factor > 1 else "")
                + "; hãy kiểm tra")


DONG = Unit(1, "đồng")
# Folded header words → unit, the larger units first ("nghin dong" also holds "dong").
UNIT_WORDS = (
    (("trieu dong", "trieu d", "tr dong", "tr d", "trd", "trieu"), Unit(1_000_000, "triệu đồng")),
    (("nghin dong", "ngan dong", "nghin d", "ngan d", "nghin", "ngan", "1000 dong", "1 000 dong", "1000d",
      "1 000d", "1000 d", "1 000 d", "1000 vnd", "1 000 vnd", "1000vnd", "1 000vnd", "ngd", "ng d"),
     Unit(1000, "nghìn đồng")),
    (("dong", "d", "vnd", "vn d"), DONG),
)


def unit_in(label: str) -> Unit | None:
    """The unit a folded header label names ("thu nhap binh quan nghin dong nguoi thang"), if any."""
    for words, unit in UNIT_WORDS:
        if has(label, *words):
            return unit
    return None


def guess_unit(values) -> Unit:
    """The unit of an amount column whose header names none, from the size of its numbers: incomes
    per person per month run from a few hundred thousand to a few tens of millions of đồng, so
    a median below 100 is in millions and one below 100,000 in thousands."""
    numbers = [n for n in (parse_amount(v) for v in values if v not in ("", None)) if n is not None and n > 0]
    if not numbers:
        return DONG
    middle = statistics.median(numbers)
    unit = next(u for limit, u in ((100, UNIT_WORDS[0][1]), (100_000, UNIT_WORDS[1][1]), (None, DONG))
                if limit is None or middle < limit)
    return Unit(unit.factor, unit.name, guessed=True)


@dataclass
class Header:
    """Where the header is and which column holds which field (0-based indices)."""

    first_row: int
    last_row: int
    fields: dict[str, int] = field(default_factory=dict)
    labels: dict[int, str] = field(default_factory=dict)
    income_unit: Unit = DONG

    @property
    def data_start(self) -> int:
        return self.last_row + 1

    def read_units(self, rows: list[list]) -> "Header":
        """Set the income column's unit from its header label, or from its numbers when none is named."""
        col = self.fields.get("income")
        if col is None:
            return self
        sizes = guess_unit(row[col] for row in rows[self.data_start:] if col < len(row))
        named = unit_in(folded(self.labels.get(col, "")))
        if named is None:
            self.income_unit = sizes
        elif sizes.guessed and sizes.factor != named.factor:
            self.income_unit = dataclasses.replace(named, sizes_say=sizes.name)
        else:
            self.income_unit = named
        return self


def filled_row(rows, merges, row_index: int) -> list:
    """Row values with a horizontally merged cell's value copied across its range."""
    values = list(rows[row_index]) if row_index < len(rows) else []
    for (r0, c0), (_r1, c1) in merges:
        if r0 == row_index and c1 > c0 and c0 < len(values):
            for col in range(c0 + 1, min(c1 + 1, len(values))):
                values[col] = values[c0]
    return values


def _row_fields(labels: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for col, label in enumerate(labels):
        name = _simple_field(label) if label else None
        if name and name not in found:
            found[name] = col
    return found


def _has_child_row(rows, merges, row_index: int) -> bool:
    if any(r0 == row_index and r1 == row_index and c1 > c0 for (r0, c0), (r1, c1) in merges):
        return True
    if row_index + 1 >= len(rows):
        return False
    below = [folded(v) for v in rows[row_index + 1]]
    return sum(1 for v in below if v in CHILD_WORDS or (v.isdigit() and 1 <= int(v) <= 12)) >= 2 and \
        sum(1 for v in below if v and v not in CHILD_WORDS and not v.isdigit()) == 0


def find_header(rows: list[list], merges) -> Header | None:
    """The best-scoring header in the first rows; needs the name column and two others."""
    best, best_score = None, 2
    for index in range(min(SCAN_ROWS, len(rows))):
        labels = [folded(v) for v in filled_row(rows, merges, index)]
        found = _row_fields(labels)
        if "name" in found and len(found) > best_score:
            best, best_score = index, len(found)
    if best is None:
        return None
    return _build(rows, merges, best)


def _build(rows, merges, index: int) -> Header:
    parents = [folded(v) for v in filled_row(rows, merges, index)]
    header = Header(first_row=index, last_row=index)
    children = [""] * len(parents)
    if _has_child_row(rows, merges, index):
        header.last_row = index + 1
        children = [folded(v) for v in rows[index + 1]] + [""] * len(parents)
        parents = _carry_right(parents, children)
    for col, parent in enumerate(parents):
        name = field_for(parent, children[col]) if parent or children[col] else None
        if name and name not in header.fields:
            header.fields[name] = col
        header.labels[col] = f"{parent} / {children[col]}".strip(" /")
    return header.read_units(rows)


def _carry_right(parents: list[str], children: list[str]) -> list[str]:
    """A parent label over several child cells without merge information is carried right."""
    carried, last = [], ""
    for col, parent in enumerate(parents):
        if parent:
            last = parent
            carried.append(parent)
        else:
            carried.append(last if children[col] else "")
    return carried
