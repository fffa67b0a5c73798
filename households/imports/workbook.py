"""From uploaded bytes to classified rows: choose the sheet, find the header, walk the rows."""

import datetime
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import spreadsheets
from households.imports.columns import Header, find_header
from households.imports.mapping import Saved, find_saved
from households.imports.rows import ParsedRow, RowReader
from households.imports.sheet import SheetRow, fill_down_merges, walk
from households.models import EthnicGroup
from households.models.batch import MAX_UPLOAD_BYTES
from spreadsheets import SpreadsheetProblem, check_file, column_letters, formula_cells

MERGE_NOTE_FIELDS = {"village": "Thôn", "ethnicity": "Dân tộc", "class": "Phân loại"}


@dataclass
class ReadSheet:
    """The sheet chosen for import, its header, and its rows as plain values."""

    name: str
    index: int
    rows: list[list]
    merges: list
    header: Header
    mapping_id: int | None = None
    formulas: set[tuple[int, int]] | None = None  # see spreadsheets.Sheet


def column_letter(col: int) -> str:
    """Excel's letters for a 0-based column number (0 → A)."""
    return column_letters(col + 1)


class HeaderNotFound(SpreadsheetProblem):
    """No header could be recognised: the officer can map the columns instead."""


def read_sheets(filename: str, data: bytes, *, only: int | None = None) -> Iterator[tuple[int, str, list, list]]:
    """Each readable sheet as (index, name, rows, merges), read by ``spreadsheets.read_sheets``
    (refused there when beyond the limits); damaged sheets are passed over."""
    for sheet in _sheets(filename, data, only=only):
        yield sheet.index, sheet.name, sheet.rows, sheet.merges


def _sheets(filename: str, data: bytes, *, only: int | None = None) -> Iterator[spreadsheets.Sheet]:
    return (sheet for sheet in spreadsheets.read_sheets(filename, data, only=only, formulas=True) if not sheet.damaged)


def choose_sheet(filename: str, data: bytes, *, saved: dict[str, Saved] | None = None,
                 sheet_index: int | None = None) -> tuple[ReadSheet, str]:
    """The first sheet with a remembered or recognisable header; SpreadsheetProblem when none has."""
    kind = check_file(filename, data, max_bytes=MAX_UPLOAD_BYTES)
    any_data = False
    for sheet in _sheets(filename, data, only=sheet_index):
        rows, merges = sheet.rows, sheet.merges
        if any(v not in ("", None) for row in rows for v in row):
            any_data = True
        if found := find_saved(rows, merges, saved or {}):
            return ReadSheet(sheet.name, sheet.index, rows, merges, found[0], found[1], sheet.formulas), kind
        header = find_header(rows, merges)
        if header is not None:
            return ReadSheet(sheet.name, sheet.index, rows, merges, header, formulas=sheet.formulas), kind
    if not any_data:
        raise SpreadsheetProblem(f"Tệp «{filename}» không có dữ liệu: mọi trang tính đều trống.")
    raise HeaderNotFound(
        f"Không tự tìm thấy dòng tiêu đề cột trong tệp «{filename}» (cần cột «Họ và tên chủ hộ» "
        "và ít nhất hai cột khác như «Mã hộ», «Năm sinh», «Dân tộc», «Số định danh», «Thôn»). "
        "Hãy chỉ dòng tiêu đề và ghép từng cột một lần; cách ghép được nhớ cho các tệp cùng mẫu sau này."
    )


def parsed_rows(filename: str, data: bytes, *, year: int,
                progress: Callable[[float], None] | None = None, saved: dict[str, Saved] | None = None,
                sheet_index: int | None = None,
                codes_required: bool = False) -> tuple[ReadSheet, Iterator[SheetRow | ParsedRow]]:
    """The chosen sheet and, lazily, each row: a skipped SheetRow or a ParsedRow with its notes."""
    sheet, kind = choose_sheet(filename, data, saved=saved, sheet_index=sheet_index)
    header = sheet.header
    formulas: dict[int, list[int]] = {}
    found = sheet.formulas if sheet.formulas is not None else formula_cells(data, sheet.index) if kind == "xlsx" else ()
    for r, c in found:
        formulas.setdefault(r, []).append(c)
    fill = fill_down_merges(sheet.rows, sheet.merges, header.data_start)
    reader = RowReader(header.fields, ethnic_groups=EthnicGroup.lookup(), year=year,
                       today=datetime.date.today(), codes_required=codes_required)
    reader.income_unit = header.income_unit
    columns = {col: name for name, col in header.fields.items()}
    total = max(len(sheet.rows), 1)

    def rows():
        any_data = False
        for position, row in enumerate(walk(sheet.rows, header, fill)):
            if progress and position % 500 == 0:
                progress(position / total)
            if row.kind != "data":
                yield row
                continue
            any_data = True
            parsed = reader.read(row.number, row.cells, row.village)
            if row.merged_cols or row.number - 1 in formulas:
                _cell_notes(parsed, row, formulas, columns)
            if not parsed.refused:  # read: let its cells go; a refused row's are kept for plan.pending
                sheet.rows[row.number - 1] = None
            yield parsed
        if not any_data:
            raise SpreadsheetProblem(f"Trang tính «{sheet.name}» chỉ có dòng tiêu đề, không có dòng dữ liệu nào.")

    return sheet, rows()


def _cell_notes(parsed: ParsedRow, row: SheetRow, formulas, columns) -> None:
    for col in row.merged_cols:
        field = columns.get(col, "")
        where = f"{column_letter(col)}{row.number}"
        if field in MERGE_NOTE_FIELDS:
            parsed.notes.append(f"Ô {where} nằm trong vùng gộp ô: lấy {MERGE_NOTE_FIELDS[field].lower()} của ô đầu vùng")
        elif field:
            parsed.warnings.append(f"Ô {where} nằm trong vùng gộp ô: đã lấy giá trị của ô đầu vùng, hãy kiểm tra")
    for col in sorted(c for c in formulas.get(row.number - 1, ()) if c in columns):
        parsed.warnings.append(f"Ô {column_letter(col)}{row.number} chứa công thức: chỉ lấy giá trị đã lưu "
                               "trong tệp, không tính lại công thức")
