"""A workbook's sheets as Python values, read with python-calamine after the extent guard."""

import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import python_calamine

from spreadsheets.archive import ZIP_MAGIC, SpreadsheetProblem
from spreadsheets.extent import check_extent, check_grid
from spreadsheets.formulas import FormulaScan


@dataclass
class Sheet:
    """One sheet: its 0-based index, name, rows of values (calamine's: str, float, int, bool, date,
    "" for an empty cell) and merged ranges ((top, left), (bottom, right)), 0-based. A sheet the
    reader could not read is ``damaged``, with no rows. ``formulas``: (row, column), 0-based, of its
    cells with a formula, found as the extent guard read its XML; None when the guard did not read
    it whole (an .xls, a sheet of unusual shape: :func:`spreadsheets.formula_cells` tells).
    ``hidden``: the sheet is hidden in the workbook (Excel's Hide or «very hidden»)."""

    index: int
    name: str
    rows: list[list] = field(default_factory=list)
    merges: list = field(default_factory=list)
    damaged: bool = False
    formulas: set[tuple[int, int]] | None = None
    hidden: bool = False


def open_workbook(name: str, data: bytes) -> python_calamine.CalamineWorkbook:
    """Open with calamine (values only; formulas are never evaluated). Call it after
    :func:`spreadsheets.check_file` and :func:`check_extent`, as :func:`read_sheets` does."""
    try:
        return python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except python_calamine.PasswordError:
        raise SpreadsheetProblem(f"Tệp «{name}» có đặt mật khẩu; hãy bỏ mật khẩu rồi tải lên lại.") from None
    except Exception as error:  # calamine raises several types for damaged files
        raise SpreadsheetProblem(f"Không đọc được tệp «{name}»: tệp bị hỏng hoặc không đúng định dạng "
                                 f"({type(error).__name__}).") from None


def read_sheets(name: str, data: bytes, *, only: int | None = None,
                skip: Callable[[str], bool] | None = None, formulas: bool = False) -> Iterator[Sheet]:
    """Each sheet of the workbook (only sheet ``only``, 0-based, when given; none whose name
    ``skip`` accepts), one at a time.

    An .xlsx one of whose sheets to read holds values beyond the limits (rows, columns, cells) is
    refused (SpreadsheetProblem) before calamine opens it; an .xls, whose cells cannot be measured
    beforehand, has each grid measured as calamine built it, before it becomes Python lists.
    ``formulas``: find each sheet's formula cells (Sheet.formulas) in the guard's one pass over
    its XML; an import that reads cached values whatever made them (the estimate) skips it.
    """
    scans: dict[int, FormulaScan] = {}

    def watch(index: int):
        scans[index] = FormulaScan()
        return scans[index].feed

    if not data.startswith(ZIP_MAGIC):
        watched = set()
    else:
        watched = check_extent(data, only=only, watch=watch if formulas else None)
    workbook = open_workbook(name, data)
    hidden = _hidden(workbook)
    for index, sheet_name in enumerate(workbook.sheet_names):
        if (only is not None and index != only) or (skip is not None and skip(sheet_name)):
            continue
        try:
            sheet = workbook.get_sheet_by_index(index)
        except Exception:  # noqa: BLE001 - calamine raises several types for a damaged sheet
            yield Sheet(index, sheet_name, damaged=True)
            continue
        if sheet.end is not None:
            check_grid(sheet_name, sheet.end[0] + 1, sheet.end[1] + 1)
        try:
            rows = sheet.to_python(skip_empty_area=False)
            merges = list(sheet.merged_cell_ranges or [])
        except Exception:  # noqa: BLE001
            yield Sheet(index, sheet_name, damaged=True)
            continue
        yield Sheet(index, sheet_name, rows, merges, formulas=scans[index].cells if index in watched else None,
                    hidden=index in hidden)


def _hidden(workbook: python_calamine.CalamineWorkbook) -> set[int]:
    visible = python_calamine.SheetVisibleEnum.Visible
    return {index for index, sheet in enumerate(workbook.sheets_metadata) if sheet.visible != visible}
