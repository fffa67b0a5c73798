"""Reading estimate lines from a workbook, the app's own or one laid out by hand, with per-cell problems.

Nothing is written here: :func:`read_workbook` returns the groups, the sheets it matched to
sub-projects and every problem (sheet, row, column); the import is staged only when there is none.
Headers are matched with tolerance (spacing, slashes, case, marks, units in brackets, synonyms),
sheets by their name or title («Phụ lục 1 - TDA2», «PL02 - Nâng cao năng lực», «DA 6 TDA 2»).
"""

from collections.abc import Callable

from budgets.imports.matching import SubProjectMatcher
from budgets.imports.results import ImportGroup, ImportProblem, ImportResult, SheetMatch
from budgets.imports.sheet import SheetReader
from budgets.imports.summary import set_aside_summaries
from budgets.models import FundingSource
from budgets.workbook import LEGEND_SHEET, SUMMARY_SHEET
from spreadsheets import (
    SpreadsheetProblem,
    check_content,
    formula_cells,
    open_workbook,
    read_sheets,
)
from vntext import search_key

__all__ = ["ImportGroup", "ImportProblem", "ImportResult", "SheetMatch", "SheetReader", "read_workbook"]

SUMMARY = search_key(SUMMARY_SHEET)
SKIPPED_SHEETS = {SUMMARY, search_key(LEGEND_SHEET)}


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
        hidden, readers = [], []
        _read(sheets, readers, hidden, matcher, sources, result, progress)
        if not result.problems and not result.line_count and (index := _summary_index(filename, data)) is not None:
            # nothing but the sheet named as the app's summary: an office's one-sheet «Tổng hợp» of every line
            _read(list(read_sheets(filename, data, only=index)), readers, hidden, matcher, sources, result, None)
    except SpreadsheetProblem as problem:
        result.problems.append(ImportProblem("—", None, str(problem)))
        return result
    set_aside_summaries(readers, result)
    _explain_formulas(data, result)
    if not result.problems and not result.line_count:
        unread = "".join(f"; trang «{name}» đang bị ẩn nên không đọc, hãy bỏ ẩn rồi tải lên lại" for name in hidden)
        result.problems.append(ImportProblem("—", None, "Không tìm thấy dòng dự toán nào (cần một bảng có các cột "
                                             f"Nội dung chi, Đơn vị tính, Số lượng, Đơn giá){unread}."))
    return result


def _read(sheets, readers: list, hidden: list, matcher, sources, result: ImportResult, progress) -> None:
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
        readers.append(reader)


def _summary_index(filename: str, data: bytes) -> int | None:
    names = open_workbook(filename, data).sheet_names
    return next((index for index, name in enumerate(names) if search_key(name).strip() == SUMMARY), None)


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
    """The summary and legend sheets the app's own workbook adds: no lines to read (a «Tổng hợp» is
    read when no other sheet holds a line; other summaries are told by their content: ``summary``)."""
    return search_key(sheet_name).strip() in SKIPPED_SHEETS


def _scaled(progress, index: int, count: int):
    if progress is None:
        return None
    return lambda fraction: progress((index + fraction) / count)
