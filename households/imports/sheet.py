"""Walking a sheet: which rows are titles, column numbers, village sections, totals, footer or data."""

import re
from collections.abc import Iterator
from dataclasses import dataclass

from households.imports.cells import clean_text, folded
from households.imports.columns import Header, field_for

VILLAGE_WORDS = ("thon", "xom", "ban", "to", "to dan pho", "khu", "khu pho", "lang", "buon", "ap",
                 "khoi", "tdp", "plei", "doi")
SECTION = re.compile(r"^(?:[ivxlc]+|\d+|[a-z])?\s*[.)\-:]?\s*(" + "|".join(VILLAGE_WORDS) + r")\b")
TOTAL = re.compile(r"^(tong cong|tong so|tong|cong)\b")
FOOTER_WORDS = ("nguoi lap bieu", "nguoi lap", "xac nhan", "tm uy ban", "tm ubnd", "chu tich",
                "truong thon", "ky ghi ro ho ten", "ky ten", "ban chi dao")
DATE_LINE = re.compile(r"\bngay\b.*\bthang\b.*\bnam\b")
COLUMN_NUMBER = re.compile(r"^\(?([0-9]{1,2}|[a-z])\)?$")
# "Bàn Thị Thuỷ", "Tô Văn Hùng", "Lăng Thị Mai": a family name that folds to a village word (bản, tổ,
# đội, làng), followed by the middle name of a man or a woman.
PERSON = re.compile(r"^(?:ban|to|doi|lang) (?:van|thi)\b")
SECTION_PREFIX = re.compile(r"^(?:[IVXLCivxlc]+|\d+|[A-Za-z])\s*[.)\-:]\s*")


@dataclass(slots=True)
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


def _section_village(values: list, texts: list[str], cells, header: Header) -> str:
    identity_cols = [header.fields.get(k) for k in ("id_number", "birth_year", "birth_male", "birth_female")]
    if not values or len(values) > 2 or any(c is not None and c < len(cells) and cells[c] not in ("", None)
                                            for c in identity_cols):
        return ""
    for value, text in zip(values, texts, strict=True):  # "Thôn Nà Pồng" | "(45 hộ)" as well
        if isinstance(value, str) and SECTION.match(text) and not PERSON.match(text):
            return SECTION_PREFIX.sub("", clean_text(value)[0]).strip(" :.-–")
    return ""


def _only_number(cells: list, values: list, header: Header) -> bool:
    """Only the STT cell is filled: a numbered row the office left blank."""
    col = header.fields.get("stt")
    return (len(values) == 1 and col is not None and col < len(cells) and cells[col] not in ("", None)
            and folded(cells[col]).isdigit())


def _repeats_header(values: list, header: Header) -> bool:
    """The header's labels again (printed lists repeat it on every page)."""
    found = {field_for(folded(v), "") for v in values if isinstance(v, str)} - {None}
    return len(found) >= 3 and found <= set(header.fields) and "name" in found


def _is_column_numbers(texts: list[str]) -> bool:
    return len(texts) >= 3 and all(COLUMN_NUMBER.match(v) for v in texts)


def _is_total(texts: list[str]) -> bool:
    return any(TOTAL.match(v) for v in texts[:3])


def _is_footer(texts: list[str]) -> bool:
    text = f" {' '.join(texts)} "
    return any(f" {w} " in text for w in FOOTER_WORDS) or bool(DATE_LINE.search(text))


PROOF_KEYS = ("birth_year", "birth_male", "birth_female", "id_number")


def _proof_columns(header: Header) -> tuple[int | None, list[tuple[str, int]]]:
    """The name column, and the columns (with their field) whose value proves a row holds data."""
    return header.fields.get("name"), [(key, header.fields[key]) for key in PROOF_KEYS if key in header.fields]


def _plainly_data(cells: list, name_col: int | None, proof_cols: list[tuple[str, int]]) -> bool:
    """A text name beside a birth year or an ID number: titles, totals, sections and footers have neither."""
    name = cells[name_col] if name_col is not None and name_col < len(cells) else None
    if not isinstance(name, str) or not (name[:1].isalpha() or any(c.isalpha() for c in name[1:3])):
        return False
    for key, col in proof_cols:
        value = cells[col] if col < len(cells) else None
        if isinstance(value, float | int) and not isinstance(value, bool) and 1900 <= value <= 2100:
            return True
        if key == "id_number" and isinstance(value, str) and len(value) >= 9 and value.isdigit():
            return True
    return False


def classify(cells: list, header: Header, proof: tuple) -> tuple[str, str]:
    """("data", "") or ("skip", why), and the village a section row starts ("section", name).

    ``proof`` is ``_proof_columns(header)``, worked out once for the sheet.
    """
    if _plainly_data(cells, *proof):
        return "data", ""
    values = _non_empty(cells)
    if not values:
        return "skip", "Dòng trống"
    texts = [folded(v) for v in values]
    if _only_number(cells, values, header):
        return "skip", "Dòng trống (chỉ có số thứ tự)"
    if _is_column_numbers(texts):
        return "skip", "Dòng đánh số cột"
    if _repeats_header(values, header):
        return "skip", "Dòng tiêu đề cột lặp lại"
    if section := _section_village(values, texts, cells, header):
        return "section", section
    if _is_total(texts):
        return "skip", "Dòng tổng cộng"
    if _is_footer(texts):
        return "footer", "Phần ký tên cuối bảng"
    return "data", ""


def walk(rows: list[list], header: Header, fill_down: dict[tuple[int, int], object]) -> Iterator[SheetRow]:
    """Every row after the header, classified; data rows carry the village of their section."""
    village, footer = "", False
    proof = _proof_columns(header)
    by_row: dict[int, list[int]] = {}
    for row, col in fill_down:
        by_row.setdefault(row, []).append(col)
    for index in range(header.data_start, len(rows)):
        cells = rows[index]
        merged = tuple(col for col in by_row[index] if col < len(cells)) if index in by_row else ()
        if merged:
            cells = list(cells)
            for col in merged:
                cells[col] = fill_down[(index, col)]
        number = index + 1
        if footer:
            yield SheetRow(number, "skip", cells, reason="Phần ký tên cuối bảng")
            continue
        kind, detail = classify(cells, header, proof)
        if kind == "data":
            yield SheetRow(number, "data", cells, village=village, merged_cols=merged)
        elif kind == "section":
            village = detail
            yield SheetRow(number, "skip", cells, reason=f"Dòng tiêu đề thôn «{detail}»")
        else:
            footer = kind == "footer"
            yield SheetRow(number, "skip", cells, reason=detail)


def fill_down_merges(rows, merges, data_start: int) -> dict[tuple[int, int], object]:
    """Cells of a merge's first column below its top cell, in the data area and within the sheet's
    rows, mapped to the merged (top-left) value.

    A merge is only a pair of corners in the file: B12:XFD1048576 costs a few bytes, so only the
    cells the sheet has are visited, never the whole range.
    """
    filled = {}
    for (r0, c0), (r1, _c1) in merges:
        if r1 <= r0 or r1 < data_start or r0 >= len(rows) or c0 >= len(rows[r0]):
            continue
        value = rows[r0][c0]
        for row in range(max(r0 + 1, data_start), min(r1, len(rows) - 1) + 1):
            filled[(row, c0)] = value
    return filled
