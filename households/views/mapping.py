"""The column-mapping screen (the officer shows the header row(s) and says which column holds what) and
the list of mappings a commune has saved, where one can be forgotten."""

from dataclasses import dataclass, field

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from households import services
from households.imports import batches
from households.imports.columns import filled_row
from households.imports.mapping import (
    FIELD_LABELS,
    MAX_COLUMNS,
    MAX_HEIGHT,
    SAMPLE_ROWS,
    column_labels,
    display,
    guess_fields,
)
from households.imports.workbook import column_letter, read_sheets
from households.models import BatchStatus, ColumnMapping, ImportBatch
from households.permissions import can_import, editable_unit_ids
from spreadsheets import SpreadsheetProblem, open_workbook

SAMPLES_PER_COLUMN = 3
MAPPINGS_PER_PAGE = 20


@dataclass
class Screen:
    """What the mapping page shows for one sheet and one choice of header rows (0-based)."""

    sheet: int
    first: int
    last: int
    rows: list = field(default_factory=list)
    columns: list = field(default_factory=list)


def _int(value, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def _guess_header(rows) -> int:
    for index, row in enumerate(rows[:SAMPLE_ROWS]):
        if sum(1 for v in row if isinstance(v, str) and v.strip()) >= 3:
            return index
    return 0


def _screen(batch, params, rows, merges, chosen: dict[int, str] | None) -> Screen:
    sheet = _int(params.get("sheet"), batch.sheet_index or 0)
    default_first = (batch.header_first - 1) if batch.header_first and sheet == batch.sheet_index else None
    first = _int(params.get("first"), 0) - 1 if params.get("first") else (
        default_first if default_first is not None else _guess_header(rows))
    first = min(max(first, 0), max(len(rows) - 1, 0))
    default_last = (batch.header_last - 1) if default_first == first and batch.header_last else first
    last = _int(params.get("last"), default_last + 1) - 1
    last = min(max(last, first), first + MAX_HEIGHT - 1, max(len(rows) - 1, 0))
    screen = Screen(sheet, first, last)
    width = min(max((len(r) for r in rows[:SAMPLE_ROWS * 5]), default=0), MAX_COLUMNS)
    screen.rows = [(i + 1, [display(v) for v in filled_row(rows, merges, i)[:width]])
                   for i in range(min(SAMPLE_ROWS, len(rows)))]
    if chosen is None:
        same = batch.sheet_index == sheet and batch.header_first == first + 1 and batch.header_last == last + 1
        chosen = {int(c): n for n, c in batch.columns.items()} if same and batch.columns else \
            guess_fields(rows, merges, first, last)
    labels = column_labels(rows, merges, first, last)
    data = [r for r in rows[last + 1:last + 60] if any(v not in ("", None) for v in r)][:SAMPLES_PER_COLUMN]
    for col in range(width):
        screen.columns.append({
            "col": col, "letter": column_letter(col), "label": labels[col] if col < len(labels) else "",
            "samples": [display(r[col]) for r in data if col < len(r) and r[col] not in ("", None)],
            "field": chosen.get(col, ""),
        })
    return screen


def import_mapping(request, pk):
    batch = get_object_or_404(ImportBatch.objects.visible_to(request.user)
                              .select_related("commune", "created_by", "mapping"), pk=pk)  # with the file
    if not batches.is_owner(request.user, batch):
        raise PermissionDenied
    if batch.status not in (BatchStatus.MAPPING, BatchStatus.PREVIEW):
        messages.info(request, "Lần nhập này không còn ở bước ghép cột.")
        return redirect(batch)
    params = request.POST if request.method == "POST" else request.GET
    data = bytes(batch.content)
    try:
        names = open_workbook(batch.filename, data).sheet_names
        sheet = min(max(_int(params.get("sheet"), batch.sheet_index or 0), 0), len(names) - 1)
        found = list(read_sheets(batch.filename, data, only=sheet))
    except SpreadsheetProblem as problem:
        messages.error(request, str(problem))
        return redirect(batch)
    rows, merges = (found[0][2], found[0][3]) if found else ([], [])
    chosen = None
    if request.method == "POST":
        chosen = {c: request.POST.get(f"col_{c}", "") for c in range(MAX_COLUMNS)}
        chosen = {c: name for c, name in chosen.items() if name in FIELD_LABELS}
    screen = _screen(batch, {**params.dict(), "sheet": sheet}, rows, merges, chosen)
    if request.method == "POST":
        try:
            batches.map_columns(batch, sheet_index=sheet, first=screen.first, last=screen.last, columns=chosen,
                                by=request.user, request=request)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, "Đã lưu cách ghép cột cho mẫu tệp này và đang đọc lại tệp.")
            return redirect(batch)
    context = {"batch": batch, "screen": screen, "sheets": list(enumerate(names)), "fields": FIELD_LABELS.items(),
               "heights": range(screen.first + 1, min(screen.first + MAX_HEIGHT, len(rows)) + 1)}
    return render(request, "households/import_mapping.html", context)


def _saved_mappings(user):
    return (ColumnMapping.objects.filter(commune__in=editable_unit_ids(user))
            .select_related("commune", "created_by").order_by("commune__name", "-updated_at"))


def _described(mapping: ColumnMapping) -> list[tuple[str, str, str]]:
    """(column letter, the header text in the file, the field) of each mapped column, left to right."""
    labels = mapping.labels or []
    return [(column_letter(col), labels[col] if col < len(labels) else "", FIELD_LABELS.get(name, name))
            for name, col in sorted(mapping.columns.items(), key=lambda item: item[1])]


def mapping_list(request):
    """The commune's remembered column mappings, each with what it maps and a way to forget it."""
    if not can_import(request.user):
        raise Http404
    page = Paginator(_saved_mappings(request.user), MAPPINGS_PER_PAGE).get_page(request.GET.get("page"))
    for mapping in page.object_list:
        mapping.described = _described(mapping)
    return render(request, "households/mapping_list.html", {"page": page})


@require_POST
def mapping_delete(request, pk):
    mapping = get_object_or_404(_saved_mappings(request.user), pk=pk)
    services.delete_column_mapping(mapping, by=request.user, request=request)
    messages.success(request, f"Đã xóa cách ghép cột của {mapping.commune.name}. Tệp có dòng tiêu đề này sẽ được "
                              "nhận dạng lại hoặc ghép cột lại ở lần nhập sau.")
    return redirect("households:mapping-list")
