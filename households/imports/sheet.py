"""Walking a sheet: which rows are titles, column numbers, village sections, totals, footer or data."""

import re
from collections.abc import Iterator
from dataclasses import dataclass

from households.imports.cells import clean_text, folded
from households.imports.columns import Header

VILLAGE_WORDS = ("thon", "xom", "ban", "to", "to dan pho", "khu", "khu pho", "lang", "buon", "ap",
                 "khoi", "tdp", "plei", "doi")
SECTION = re.compile(r"^(?:[ivxlc]+|\d+|[a-z])?\s*[.)\-:]?\s*(" + "|".join(VILLAGE_WORDS) + r")\b")
TOTAL = re.compile(r"^(tong cong|tong so|tong|cong)\b")
FOOTER_WORDS = ("nguoi lap bieu", "nguoi lap", "xac nhan", "tm uy ban", "tm ubnd", "chu tich",
                "truong thon", "ky ghi ro ho ten", "ky ten", "ban chi dao")
DATE_LINE = re.compile(r"\bngay\b.*\bthang\b.*\bnam\b")
COLUMN_NUMBER = re.compile(r"^\(?([0-9]{1,2}|[a-z])\)?$")


@dataclass
class SheetRow:
    """One row with what it is: "data" or the reason it is skipped."""

    number: int
    kind: str
    cells: list
    village: str = ""
    reason: str = ""
    merged_cols: tuple = ()


def _non_empty(cells) -> list:
    return [c for c in cells if c not in ("", None)]


def _section_village(cells, header: Header) -> str:
    values = _non_empty(cells)
    identity_cols = [header.fields.get(k) for k in ("id_number", "birth_year", "birth_male", "birth_female")]
    if not values or len(values) > 2 or any(c is not None and c < len(cells) and cells[c] not in ("", None)
                                            for c in identity_cols):
        return ""
    text = clean_text(values[-1])[0]
    if SECTION.match(folded(text)):
        return re.sub(r"^(?:[IVXLCivxlc]+|\d+|[A-Za-z])\s*[.)\-:]\s*", "", text).strip()
    return ""


def _is_column_numbers(cells) -> bool:
    values = [folded(c) for c in _non_empty(cells)]
    return len(values) >= 3 and all(COLUMN_NUMBER.match(v) for v in values)


def _is_total(cells) -> bool:
    return any(TOTAL.match(folded(c)) for c in _non_empty(cells)[:3])


def _is_footer(cells) -> bool:
    text = " ".join(folded(c) for c in _non_empty(cells))
    return any(f" {w} " in f" {text} " for w in FOOTER_WORDS) or bool(DATE_LINE.search(text))


def walk(rows: list[list], header: Header, fill_down: dict[tuple[int, int], object]) -> Iterator[SheetRow]:
    """Every row after the header, classified; data rows carry the village of their section."""
    village, footer = "", False
    by_row: dict[int, list[int]] = {}
    for row, col in fill_down:
        by_row.setdefault(row, []).append(col)
    for index in range(header.data_start, len(rows)):
        cells = list(rows[index])
        merged = tuple(col for col in by_row.get(index, ()) if col < len(cells))
        for col in merged:
            cells[col] = fill_down[(index, col)]
        number = index + 1
        if footer:
            yield SheetRow(number, "skip", cells, reason="Phần ký tên cuối bảng")
            continue
        if not _non_empty(cells):
            yield SheetRow(number, "skip", cells, reason="Dòng trống")
        elif _is_column_numbers(cells):
            yield SheetRow(number, "skip", cells, reason="Dòng đánh số cột")
        elif section := _section_village(cells, header):
            village = section
            yield SheetRow(number, "skip", cells, reason=f"Dòng tiêu đề thôn «{section}»")
        elif _is_total(cells):
            yield SheetRow(number, "skip", cells, reason="Dòng tổng cộng")
        elif _is_footer(cells):
            footer = True
            yield SheetRow(number, "skip", cells, reason="Phần ký tên cuối bảng")
        else:
            yield SheetRow(number, "data", cells, village=village, merged_cols=merged)


def fill_down_merges(rows, merges, data_start: int) -> dict[tuple[int, int], object]:
    """Cells covered by a merge in the data area, mapped to the merged (top-left) value."""
    filled = {}
    for (r0, c0), (r1, c1) in merges:
        if r1 < data_start or (r0 == r1 and c0 == c1) or r0 >= len(rows) or c0 >= len(rows[r0]):
            continue
        value = rows[r0][c0]
        for row in range(max(r0, data_start), r1 + 1):
            for col in range(c0, c1 + 1):
                if (row, col) != (r0, c0) and r1 > r0 and col == c0:
                    filled[(row, col)] = value
    return filled
