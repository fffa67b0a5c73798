"""What an import would do, row by row: match each row to a household, never merging silently.

A row is matched by household code; without a code, by ID number; without either, by name +
birth year + village. A row that points at two different households, or repeats an earlier row,
is rejected and shown; a likely duplicate under another code is a warning.
"""

import datetime
import functools
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import connection

from households.id_lookups import NEEDS_REVIEW, FileLookups
from households.imports.cells import fast_key
from households.imports.codes import restore_widths
from households.imports.mapping import FIELD_LABELS, Saved
from households.imports.rows import ParsedRow, RowReader
from households.imports.workbook import column_letter, parsed_rows
from households.models import Classification, ColumnMapping, EthnicGroup, Household, ImportSettings

HOUSEHOLD_FIELDS = ["code", "head_name", "gender", "birth_year", "ethnic_group", "id_number", "village",
                    "members", "phone", "meritorious", "social_protection", "no_labour_capacity"]
CLASS_FIELDS = ["household_class", "escaped_on", "income_per_person", "deprivation_count", "deprivations"]
LABELS = {"code": "mã hộ", "head_name": "họ tên", "gender": "giới tính", "birth_year": "năm sinh",
          "ethnic_group": "dân tộc", "id_number": "số định danh", "village": "thôn", "members": "nhân khẩu",
          "phone": "điện thoại", "meritorious": "người có công", "social_protection": "bảo trợ xã hội",
          "no_labour_capacity": "không có khả năng lao động", "household_class": "phân loại",
          "escaped_on": "ngày thoát nghèo", "income_per_person": "thu nhập", "deprivations": "chỉ số thiếu hụt",
          "deprivation_count": "số chỉ số thiếu hụt"}
ALL_CLASS_FIELDS = tuple(CLASS_FIELDS)
SQLITE_SLICE = 5000
# PostgreSQL: one text parameter instead of an IN list of up to 100,000 placeholders (ID numbers hold
# no comma). "id_number <> ''" lets the planner probe the partial unique index on id_number; without
# it, it probes the trigram index once per ID: minutes for a large file.
ELSEWHERE_SQL = ("SELECT id_number, id FROM households_household "
                 "WHERE id_number IN (SELECT unnest(string_to_array(%s, ','))) AND id_number <> '' "
                 "AND commune_id <> %s")
OUTCOMES = ["new", "update", "unchanged", "fixed", "warning", "emptied", "rejected", "skipped"]
PROBLEMS = ("warning", "emptied", "rejected")  # the outcomes an officer should look at
SKIPPED_LISTED = 200  # skipped rows a report lists one by one; the others are summed up by reason
# What the report holds of each row, in order (stored column by column: households.models.batch.report_items).
REPORT_COLUMNS = ("row", "outcome", "action", "code", "name", "village", "message", "household",
                  "birth_year", "gender", "ethnicity", "id", "klass", "members", "past")
SECTION_REASON = "Dòng tiêu đề thôn"
CORRECTED_VALUES = ("head_name", "code", "gender", "birth_year", "ethnic_group", "id_number", "village",
                    "household_class", "members")
# The fields an officer can correct in the browser, as the columns of a one-row sheet read by the
# import's own RowReader: a correction is checked by exactly the rules of the file.
CORRECTION_FIELDS = ("name", "code", "gender", "birth_year", "ethnicity", "id_number", "village", "class",
                     "members")


@dataclass(slots=True)
class Step:
    """One data row that will be written: its values and the household it updates (or None).

    Only the values are kept, not the whole parsed row: its messages are in the report already.
    """

    values: dict
    household: Household | None
    search_name: str = ""
    household_changes: tuple[str, ...] = ()
    class_changes: tuple[str, ...] = ()
    row: int = 0


@dataclass
class Plan:
    sheet: str
    columns: dict
    sheet_index: int = 0
    header_rows: tuple[int, int] = (0, 0)
    mapping_id: int | None = None
    report: list[tuple] = field(default_factory=list)  # a tuple of REPORT_COLUMNS per row
    steps: list[Step] = field(default_factory=list)
    totals: dict = field(default_factory=lambda: dict.fromkeys(OUTCOMES, 0))
    unlisted: dict[str, list[int]] = field(default_factory=dict)  # reason: [count, first row, last row]
    classes: dict[str, dict[str, int]] = field(default_factory=dict)  # village: {class or "": rows}
    pending: list[tuple[int, int | None, str]] = field(default_factory=list)  # (row, its village row, reason)
    section_row: int | None = None
    grid: list = field(default_factory=list)  # while reading: the sheet's rows; then the pending rows' cells
    header_cells: list = field(default_factory=list)
    merges: list = field(default_factory=list)
    section_cells: dict[int, list] = field(default_factory=dict)

    def skip(self, row: int, reason: str) -> None:
        """Count a skipped row; list it only while fewer than SKIPPED_LISTED are listed.

        A stray cell far below the list must not turn into a million report lines that every view
        of the batch then loads: beyond the first ones, skipped rows are counted by reason.
        """
        if self.totals["skipped"] < SKIPPED_LISTED:
            _add(self, row, "skipped", "", {}, [reason])
            return
        self.totals["skipped"] += 1
        kind = reason.split(" «")[0]  # "Dòng tiêu đề thôn «…»": one count for all village titles
        if kind in self.unlisted:
            self.unlisted[kind][0] += 1
            self.unlisted[kind][2] = row
        else:
            self.unlisted[kind] = [1, row, row]

    def list_unlisted(self) -> None:
        """One report line per reason for the skipped rows not listed one by one."""
        for kind, (count, first, last) in self.unlisted.items():
            what = "dòng trống khác" if kind == "Dòng trống" else f"dòng khác ({kind.lower()})"
            self.report.append((first, "skipped", "", "", "", "", f"Và {_number(count)} {what} được bỏ qua, "
                                f"từ dòng {_number(first)} đến dòng {_number(last)}; báo cáo chỉ liệt kê riêng "
                                f"{SKIPPED_LISTED} dòng bỏ qua đầu tiên.", None, None, "", "", "", "", None, None))
        self.unlisted = {}

    def stored_report(self) -> dict:
        """The row-by-row report as it is stored: one list per column, not one dict per row."""
        columns = list(zip(*self.report, strict=True)) or [() for _ in REPORT_COLUMNS]
        return {"columns": list(REPORT_COLUMNS), **dict(zip(REPORT_COLUMNS, columns, strict=True))}


def _number(value: int) -> str:
    return f"{value:,}".replace(",", ".")


village_key = functools.lru_cache(maxsize=2048)(fast_key)
name_key = functools.lru_cache(maxsize=8192)(fast_key)  # a commune's names repeat: most are worked out once


def _key(values: dict, search_name: str) -> tuple | None:
    if not values.get("head_name") or not values.get("birth_year"):
        return None
    return (search_name, values["birth_year"], village_key(values.get("village", "")))


class Registry:
    """The commune's households, indexed by code, ID number and name + birth year + village."""

    def __init__(self, commune, year: int, ids_in_file: set[str], lookups: FileLookups | None = None):
        households = list(Household.objects.filter(commune=commune).select_related("ethnic_group"))
        self.by_code = {h.code: h for h in households if h.code}
        self.by_id = {h.id_number: h for h in households if h.id_number}
        self.by_key = {}
        for h in households:
            self.by_key.setdefault((h.search_name, h.birth_year, village_key(h.village)), h)
        self.elsewhere = _registered_elsewhere(ids_in_file - self.by_id.keys(), commune)
        self.lookups = lookups
        self.holders = {} if lookups is None else Household.objects.select_related("commune").in_bulk(
            set(self.elsewhere.values()))
        self.classes = {c.household_id: c for c in Classification.objects.filter(
            household__commune=commune, year=year)}

    def outside_problem(self, row: int, id_number: str) -> str | None:
        """Why a row's ID number, which the commune does not hold, cannot be written (None: it can)."""
        holder = self.elsewhere.get(id_number)
        if self.lookups is None:
            return NEEDS_REVIEW if holder else None
        return self.lookups.problem(row, id_number, self.holders.get(holder) if holder else None)


def _registered_elsewhere(ids: set[str], commune) -> dict[str, int]:
    """The ID numbers among ``ids`` that belong to a household of another commune, with its id."""
    if not ids:
        return {}
    if connection.vendor != "postgresql":
        # In slices: SQLite refuses a statement with more than 32,766 parameters.
        ordered, found = sorted(ids), {}
        for start in range(0, len(ordered), SQLITE_SLICE):
            found.update(Household.objects.filter(id_number__in=ordered[start:start + SQLITE_SLICE])
                         .exclude(commune=commune).values_list("id_number", "pk"))
        return found
    with connection.cursor() as cursor:
        cursor.execute(ELSEWHERE_SQL, [",".join(ids), commune.pk])
        return dict(cursor.fetchall())


def build_plan(filename: str, data: bytes, *, commune, year: int,
               progress: Callable[[float], None] | None = None, sheet_index: int | None = None,
               batch=None, corrections: dict | None = None) -> Plan:
    """Read the file and decide every row's outcome against the database, writing nothing to the registry.

    With its ``batch`` (the preview), ID numbers are looked up on behalf of its uploader
    (``FileLookups``): those held outside their scope are routed to an administrator, within their
    hourly limit. Without it (the commit re-reading a previewed file), a number another commune
    took meanwhile is held with the same neutral message.
    """
    codes_required = ImportSettings.codes_required_in(commune)
    sheet, rows = parsed_rows(filename, data, year=year, progress=progress, saved=saved_mappings(commune),
                              sheet_index=sheet_index, codes_required=codes_required)
    header = sheet.header
    plan = Plan(sheet=sheet.name, columns=dict(sorted(header.fields.items(), key=lambda kv: kv[1])),
                sheet_index=sheet.index, header_rows=(header.first_row + 1, header.last_row + 1),
                mapping_id=sheet.mapping_id)
    items = list(rows)
    plan.grid, sheet.rows = sheet.rows, []  # what is left: header, skipped and refused rows (plan.pending)
    straddling = straddling_merges(sheet.merges, header.fields, header.data_start)
    if corrections:
        items = corrected(items, corrections, year=year, codes_required=codes_required)
    lookups = FileLookups(batch) if batch is not None else None
    registry = Registry(commune, year, {r.values["id_number"] for r in items
                                        if isinstance(r, ParsedRow) and "id_number" in r.values}, lookups)
    restore_widths(items, registry.by_code)
    seen: dict[str, dict] = {"code": {}, "id": {}, "key": {}}
    for index, item in enumerate(items):
        items[index] = None  # once recorded, a row lives on only in the report and its step
        if not isinstance(item, ParsedRow):
            if item.reason.startswith(SECTION_REASON):
                plan.section_row = item.number
            plan.skip(item.number, item.reason)
            continue
        if item.row in straddling:
            item.warnings.append(straddling[item.row])
        step = _match(item, registry, seen) if not item.refused else None
        _record(plan, item, step)
    plan.list_unlisted()
    _keep_pending_cells(plan, sheet)
    if lookups is not None:
        lookups.save()
    return plan


def _keep_pending_cells(plan: Plan, sheet) -> None:
    """Of the sheet's rows, keep only what the rows not imported need: their cells (None for a row
    refused while matching: its cells were let go), the header rows and their village rows."""
    grid, plan.grid = plan.grid, []
    if not plan.pending:
        return
    first, last = plan.header_rows[0] - 1, plan.header_rows[1] - 1
    plan.header_cells, plan.merges = grid[first:last + 1], sheet.merges
    plan.section_cells = {section: grid[section - 1] for _row, section, _reason in plan.pending if section}
    plan.grid = [grid[row - 1] for row, _section, _reason in plan.pending]


def saved_mappings(commune) -> dict[str, Saved]:
    """The commune's remembered column mappings by header fingerprint."""
    return {m.fingerprint: Saved(m.pk, m.height, m.columns) for m in ColumnMapping.objects.filter(commune=commune)}


def _match(parsed: ParsedRow, registry: Registry, seen: dict[str, dict]) -> Step | None:
    """``seen`` maps "code", "id" and "key" to {value: row number} of the rows matched so far."""
    values = parsed.values
    search_name = name_key(values.get("head_name", ""))
    code, id_number, key = values.get("code"), values.get("id_number"), _key(values, search_name)
    if code and code in seen["code"]:
        parsed.errors.append(f"Trùng mã hộ «{code}» với dòng {seen['code'][code]}")
        return None
    if id_number and id_number in seen["id"]:
        parsed.errors.append(f"Trùng số định danh «{id_number}» với dòng {seen['id'][id_number]}")
        return None
    if not code and not id_number and key and key in seen["key"]:
        parsed.errors.append(f"Trùng họ tên, năm sinh và thôn với dòng {seen['key'][key]}")
        return None
    outside = id_number and id_number not in registry.by_id
    if outside and (problem := registry.outside_problem(parsed.row, id_number)):
        parsed.errors.append(problem)
        return None
    household = _existing(parsed, registry, code, id_number, key)
    if parsed.refused:
        return None
    if code:
        seen["code"][code] = parsed.row
    if id_number:
        seen["id"][id_number] = parsed.row
    if key:
        seen["key"][key] = parsed.row
    return _changes(Step(values, household, search_name), registry)


def _existing(parsed, registry, code, id_number, key) -> Household | None:
    by_code = registry.by_code.get(code) if code else None
    by_id = registry.by_id.get(id_number) if id_number else None
    if by_code and by_id and by_code.pk != by_id.pk:
        parsed.errors.append(f"Mã hộ «{code}» và số định danh thuộc hai hộ khác nhau "
                             f"(số định danh đang ghi cho hộ mã «{by_id.code or by_id.head_name}»); không tự gộp")
        return None
    if by_code is None and by_id is not None and code and by_id.code:
        parsed.errors.append(f"Số định danh đã thuộc hộ mã «{by_id.code}» ({by_id.head_name}); "
                             f"mã «{code}» khác, không tự gộp hai hộ")
        return None
    household = by_code or by_id
    if household is None and key:
        similar = registry.by_key.get(key)
        if similar is not None and not code and not id_number:
            return similar
        if similar is not None:
            parsed.warnings.append(f"Có thể trùng với hộ «{similar}» (cùng họ tên, năm sinh, thôn); "
                                   "vẫn tạo hộ mới, hãy kiểm tra")
    return household


def _changes(step: Step, registry: Registry) -> Step:
    values, household = step.values, step.household
    if household is not None:
        step.household_changes = tuple(f for f in HOUSEHOLD_FIELDS if f in values and getattr(household, f) != values[f])
    current = registry.classes.get(household.pk) if household is not None else None
    if "household_class" in values:
        if current is None:
            step.class_changes = ALL_CLASS_FIELDS
        else:
            step.class_changes = tuple(f for f in CLASS_FIELDS if f in values and getattr(current, f) != values[f])
    return step


def _record(plan: Plan, parsed: ParsedRow, step: Step | None) -> None:
    if step is None:
        messages = parsed.errors + parsed.dropped + parsed.warnings
        plan.pending.append((parsed.row, plan.section_row, "; ".join(messages)))
        _add(plan, parsed.row, "rejected", "", parsed.values, messages)
        return
    step.row = parsed.row
    plan.steps.append(step)
    by_village = plan.classes.setdefault(parsed.values.get("village", ""), {})
    klass = parsed.values.get("household_class", "")
    by_village[klass] = by_village.get(klass, 0) + 1
    if step.household is None:
        action, details = "new", []
    elif step.household_changes or step.class_changes:
        changed = [LABELS[f] for f in step.household_changes + step.class_changes]
        action, details = "update", ["Cập nhật: " + ", ".join(changed)]
    else:
        action, details = "unchanged", []
    _errors, dropped, warnings, notes = parsed.said()
    outcome = "emptied" if dropped else "warning" if warnings else "fixed" if notes else action
    _add(plan, parsed.row, outcome, action, parsed.values, [*dropped, *warnings, *notes, *details],
         household=step.household.pk if step.household else None)


def _add(plan: Plan, row: int, outcome: str, action: str, values: dict, messages: list[str],
         household: int | None = None) -> None:
    plan.totals[outcome] += 1
    if action and action != outcome:
        plan.totals[action] += 1
    group = values.get("ethnic_group")
    # Plain values only (the class's text, not its enum member): the collector then stops tracking
    # the tuple, instead of walking the report's 100,000 tuples at each full collection.
    plan.report.append((row, outcome, action, values.get("code", ""), values.get("head_name", ""),
                        values.get("village", ""), "; ".join(messages), household, values.get("birth_year"),
                        values.get("gender", ""), group.name if group is not None else "",
                        values.get("id_number", ""), str(values.get("household_class", "")), values.get("members"),
                        _past(values)))


def _past(values: dict) -> tuple[int, ...] | None:
    """The years a row's note says the household attended a dialogue in ((): no year said), when the
    note can be offered as past participation; else None. A tuple of whole numbers, as plain as the
    report's other values (stored as a JSON list)."""
    hint = values.get("past_participation")
    return hint.years if hint is not None and hint.offered else None


def straddling_merges(merges, fields: dict[str, int], data_start: int) -> dict[int, str]:
    """Rows of the data area where one merged cell spans the columns of two different fields.

    The file holds the value once, in the merge's first cell: the other fields would be read as
    empty without a word. Each such row gets a warning naming the merge and the fields it covers.
    """
    labels = {col: LABELS.get(name) or FIELD_LABELS.get(name, name).lower() for name, col in fields.items()}
    found = {}
    for (r0, c0), (r1, c1) in merges:
        covered = [labels[col] for col in range(c0, c1 + 1) if col in labels]
        if c1 <= c0 or len(covered) < 2 or r1 < data_start:
            continue
        where = f"{column_letter(c0)}{r0 + 1}:{column_letter(c1)}{r1 + 1}"
        message = (f"Ô gộp {where} trải qua {len(covered)} cột khác nhau ({', '.join(covered)}): chỉ đọc được "
                   f"giá trị cho {covered[0]}, các cột còn lại để trống; hãy tách ô và ghi từng giá trị")
        for row in range(max(r0, data_start), r1 + 1):
            found[row + 1] = message
    return found


def correction_reader(*, year: int, codes_required: bool) -> RowReader:
    """The import's row reader over a one-row sheet of CORRECTION_FIELDS."""
    fields = {name: col for col, name in enumerate(CORRECTION_FIELDS)}
    return RowReader(fields, ethnic_groups=EthnicGroup.lookup(), year=year, today=datetime.date.today(),
                     codes_required=codes_required)


def corrected(items: list, corrections: dict, *, year: int, codes_required: bool) -> list:
    """The file's rows with each row the officer corrected in the browser read again from the
    corrected values (the other values of the row, e.g. its income or ticks, are kept)."""
    reader = correction_reader(year=year, codes_required=codes_required)
    for index, item in enumerate(items):
        fix = corrections.get(str(getattr(item, "row", ""))) if isinstance(item, ParsedRow) else None
        if fix is None:
            continue
        again = reader.read(item.row, [fix.get(name, "") for name in CORRECTION_FIELDS], "")
        kept = {k: v for k, v in item.values.items() if k not in CORRECTED_VALUES}
        again.values = {**kept, **again.values}
        again.notes.insert(0, "Dòng đã được sửa trên trình duyệt")
        items[index] = again
    return items
