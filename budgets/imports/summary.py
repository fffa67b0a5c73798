"""Summary sheets an office adds to the workbook, told by their content rather than by their name.

A «Tổng hợp», «TH», «Tổng hợp (2)» or a copied sheet laid out like a detail sheet repeats lines
the detail sheets hold: read as lines, it would count them twice. A sheet is set aside (with a
notice) when every line it holds is also on the other sheets: the line itself, or, on a sheet
whose name or title calls it a summary, a line whose amount is one sheet's or one group's total.
A sheet called a summary that repeats only some of them is refused, naming the line found on no
other sheet; a sheet that repeats none is read as any other (a one-sheet «Tổng hợp» holding
every line).
"""

from collections import Counter
from decimal import Decimal

from budgets.imports.matching import called_summary
from budgets.imports.results import ImportGroup, ImportProblem, ImportResult
from budgets.imports.sheet import SheetReader
from documents.money import format_vnd


def _line_key(line: dict) -> tuple:
    days = line.get("days")
    return (line["content"].casefold(), line["unit_of_measure"].casefold(),
            Decimal(line["quantity"]).normalize(), None if days in (None, "None") else Decimal(days).normalize(),
            int(line["unit_price"]))


class _Sheet:
    def __init__(self, reader: SheetReader, groups: list[ImportGroup], position: int):
        self.reader, self.groups, self.position = reader, groups, position
        self.name = reader.name
        self.called = called_summary(reader.name, reader.title)
        self.named = called_summary(reader.name, reader.title, short=False)  # «TH» may be «Tập huấn» too
        self.sub = next((m.sub_project for m in reader.result.sheets if m.name == reader.name), None)
        self.lines = [line for group in groups for line in group.lines]
        self.keys = [_line_key(line) for line in self.lines]

    def totals(self) -> set[int]:
        """The amounts a summary line may carry for this sheet: its total and its groups' totals."""
        sums = [sum(line["amount"] for line in group.lines) for group in self.groups if group.lines]
        return {sum(sums), *sums}


def set_aside_summaries(readers: list[SheetReader], result: ImportResult) -> None:
    """Drop the lines of every sheet that only repeats the others (a notice each); a problem for a
    sheet called a summary that repeats some lines and holds others found on no other sheet."""
    by_sheet: dict[str, list[ImportGroup]] = {}
    for group in result.groups:
        by_sheet.setdefault(group.sheet, []).append(group)
    holding = [(index, reader) for index, reader in enumerate(readers)
               if any(group.lines for group in by_sheet.get(reader.name, ()))]
    if len(holding) < 2:  # the usual file: nothing another sheet could repeat
        return
    sheets = [_Sheet(reader, by_sheet[reader.name], index) for index, reader in holding]
    kept = list(sheets)
    # Sheets called a summary first, then those matched to no sub-project; the later of two copies goes
    for sheet in sorted(sheets, key=lambda s: (not s.called, s.sub is not None, -s.position)):
        others = [other for other in kept if other is not sheet]
        if _repeats(sheet, others):
            kept.remove(sheet)
            _drop(sheet, others, result)
    for sheet in kept:
        if sheet.named:
            _check_partial(sheet, [other for other in kept if other is not sheet], result)


def _covered(sheet: _Sheet, others: list[_Sheet]) -> list[bool]:
    """For each line of ``sheet``, whether another sheet holds it (each of their lines used once)."""
    pool = Counter(key for other in others for key in other.keys)
    totals = set().union(*(other.totals() for other in others)) if sheet.called else set()
    covered = []
    for key, line in zip(sheet.keys, sheet.lines, strict=True):
        if pool[key] > 0:
            pool[key] -= 1
            covered.append(True)
        else:
            covered.append(line["amount"] in totals)
    return covered


def _repeats(sheet: _Sheet, others: list[_Sheet]) -> bool:
    """Every line of the sheet is on the others, summaries aside (a detail sheet is never set aside for
    a summary); a sheet of its own sub-project must repeat a sheet of the same sub-project (two
    sub-projects may well hold the same lines)."""
    others = [other for other in others if not other.called]
    if sheet.sub is not None and not sheet.called:
        others = [other for other in others if other.sub in (None, sheet.sub)]
    return bool(others) and all(_covered(sheet, others))


def _drop(sheet: _Sheet, others: list[_Sheet], result: ImportResult) -> None:
    for group in sheet.groups:
        result.groups.remove(group)
    result.sheets = [match for match in result.sheets if match.name != sheet.name]
    keys = set(sheet.keys)
    names = ", ".join(f"«{other.name}»" for other in others if keys & set(other.keys)) or "chi tiết"
    total = sum(line["amount"] for line in sheet.lines)
    result.notices.append(
        f"Trang «{sheet.name}» là bảng tổng hợp: {len(sheet.lines)} dòng của trang ({format_vnd(total)} đồng) đều "
        f"có ở trang {names}, nên không nhập lại để khỏi tính hai lần.")


def _check_partial(sheet: _Sheet, others: list[_Sheet], result: ImportResult) -> None:
    others = [other for other in others if not other.called]
    if not others:
        return
    covered = _covered(sheet, others)
    if not any(covered):
        return
    line = sheet.lines[covered.index(False)]
    row = sheet.reader.row_of(line)
    result.problems.append(ImportProblem(
        sheet.name, row,
        f"Trang này là bảng tổng hợp ({covered.count(True)} dòng trùng với các trang chi tiết) nhưng dòng "
        f"«{line['content'][:60]}» không có ở trang chi tiết nào; nếu nhập, các dòng trùng sẽ bị tính hai lần. "
        f"Hãy ghi dòng này vào trang chi tiết của nó, hoặc ẩn trang «{sheet.name}» (hay xoá trang) rồi tải lên lại."))
