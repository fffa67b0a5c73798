"""The import screens: upload, progress (htmx polling), preview, commit, cancel, report download."""

from django.contrib import messages
from django.core.exceptions import BadRequest, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import urlencode
from django.views.decorators.http import require_POST

from audit.models import Action
from audit.services import record
from desk.filters import unfinished_imports
from households.forms import ImportForm
from households.idnumber import mask, mask_in_text
from households.import_forms import RowCorrectionForm
from households.imports import batches
from households.imports.mapping import FIELD_LABELS
from households.imports.past import accept_past
from households.imports.plan import PROBLEMS
from households.imports.report import ACTION_LABELS, OUTCOME_LABELS, pending_xlsx, report_xlsx
from households.imports.workbook import column_letter
from households.models import BatchStatus, HouseholdClass, ImportBatch, PastParticipation
from households.participation import offer_text
from households.permissions import can_import, can_see_import_ids
from vntext import search_key

PAGE_SIZE = 50
MASKED = ("name", "village", "message")  # report cells that may quote an ID number (codes are not secret)
PROBLEMS_LABEL = "Cần xem lại"
PAST_LABEL = "Ghi chú đã dự đối thoại"
FILTERS = {*OUTCOME_LABELS, "problems", "past"}
GENDER_WORDS = {"M": "Nam", "F": "Nữ"}
CLASS_COLUMNS = [(HouseholdClass.POOR, "Hộ nghèo"), (HouseholdClass.NEAR_POOR, "Hộ cận nghèo"),
                 (HouseholdClass.NEWLY_ESCAPED, "Hộ mới thoát nghèo"), ("", "Chưa phân loại"), ("*", "Loại khác")]


# A batch's row report and leftovers (megabytes for a large list) are read only by the pages
# that show rows; the upload page's list and the progress bar polled every second never do.
REPORT_FIELDS = ("rows", "pending", "corrections", "class_counts")


def _batches(request):
    return ImportBatch.objects.visible_to(request.user).listed()


def import_start(request):
    if not can_import(request.user):
        raise Http404
    form = ImportForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            batch = batches.start_import(form.cleaned_data["file"], commune=form.cleaned_data["commune"],
                                         year=form.cleaned_data["year"], by=request.user, request=request)
        except ValidationError as error:
            form.add_error("file", error)
        else:
            record(request.user, Action.IMPORT, batch, request=request,
                   description=f"Tải lên tệp {batch.filename}",
                   changes={"commune": batch.commune.name, "year": batch.year, "size": batch.size})
            return redirect(batch)
    recent = _batches(request).filter(created_by=request.user).defer(*REPORT_FIELDS)[:10]
    desk_filter = ""
    if request.GET.get("con-do") == "1":  # the commune desk's «imports left unfinished», anyone's
        recent = unfinished_imports(_batches(request)).defer(*REPORT_FIELDS)[:50]
        desk_filter = "các lần nhập còn dở (chờ xác nhận, chờ ghép cột, còn dòng chưa nhập) của các xã"
    return render(request, "households/import_start.html", {"form": form, "recent": recent,
                                                            "desk_filter": desk_filter})


def _filtered(rows: list[dict], outcome: str) -> list[dict]:
    if outcome == "problems":
        return [r for r in rows if r["outcome"] in PROBLEMS]
    if outcome == "past":
        return [r for r in rows if r.get("past") is not None]
    return [r for r in rows if r["outcome"] == outcome] if outcome in OUTCOME_LABELS else rows


def _shown(row: dict, full_ids: bool, accepted=frozenset()) -> dict:
    """A report row as the preview shows it: outcome label, words for gender and class, ID masked, the
    note of past participation offered apart from the other messages (and whether it is accepted)."""
    row["label"] = OUTCOME_LABELS[row["outcome"]] + (
        f" ({ACTION_LABELS[row['action']]})" if row["action"] and row["action"] != row["outcome"] else "")
    row["gender_label"] = GENDER_WORDS.get(row.get("gender") or "", "")
    row["class_label"] = HouseholdClass(row["klass"]).label if row.get("klass") else ""
    row["id_shown"] = (row.get("id") or "") if full_ids else mask(row.get("id") or "")
    if not full_ids:
        row.update({key: mask_in_text(row[key]) for key in MASKED})
    row["past_offer"] = offer_text(row["past"]) if row.get("past") is not None else ""
    if row["past_offer"]:
        row["message"] = "; ".join(m for m in row["message"].split("; ") if m != row["past_offer"])
    row["past_accepted"] = row["row"] in accepted
    return row


def class_table(counts: dict[str, dict[str, int]]) -> list[tuple[str, list[int]]]:
    """Households by village and class (poor, near-poor, newly escaped, unclassified, other, total),
    villages in Vietnamese order, then the commune's total."""
    known = {key for key, _ in CLASS_COLUMNS if key not in ("", "*")}
    table, total = [], [0] * (len(CLASS_COLUMNS) + 1)
    for village in sorted(counts, key=lambda v: (not v, search_key(v))):
        by_class = counts[village]
        line = [by_class.get(key, 0) for key, _ in CLASS_COLUMNS[:-1]]
        line.append(sum(n for key, n in by_class.items() if key and key not in known))
        line.append(sum(by_class.values()))
        total = [a + b for a, b in zip(total, line, strict=True)]
        table.append((village or "(chưa rõ thôn)", line))
    if table:
        table.append(("Cộng", total))
    return table


def import_detail(request, pk):
    batch = batches.check_alive(get_object_or_404(_batches(request), pk=pk))
    outcome = request.GET.get("outcome", "")
    page = Paginator(_filtered(batch.rows, outcome), PAGE_SIZE).get_page(request.GET.get("page"))
    full_ids = can_see_import_ids(request.user, batch)
    accepted = set(batch.past_accepted)
    for row in page.object_list:
        _shown(row, full_ids, accepted)
    _log_view(request, batch, "Xem kết quả đọc tệp", full_ids, page=page.number, outcome=outcome)
    summary = [(key, label, batch.totals.get(key, 0)) for key, label in OUTCOME_LABELS.items()
               if batch.totals.get(key)]
    problems = sum(batch.totals.get(key, 0) for key in PROBLEMS)
    if problems:
        summary.insert(0, ("problems", PROBLEMS_LABEL, problems))
    offered = {r["row"] for r in batch.rows if r.get("past") is not None and r["action"]}
    if offered:
        summary.append(("past", PAST_LABEL, len(offered)))
    columns = [(column_letter(col), FIELD_LABELS.get(name, name)) for name, col in
               sorted(batch.columns.items(), key=lambda kv: kv[1]) if name in FIELD_LABELS]
    is_owner = batches.is_owner(request.user, batch)
    context = {"batch": batch, "page": page, "outcome": outcome, "summary": summary, "columns": columns,
               "is_owner": is_owner, "class_table": class_table(batch.class_counts),
               "class_columns": [label for _, label in CLASS_COLUMNS],
               "can_correct": is_owner and batch.status == BatchStatus.PREVIEW,
               "pending_count": len(batch.pending.get("rows", ())),
               "continued_by": batch.continued_by.order_by("-pk").first(),
               "past_offered": len(offered), "past_accepted": len(offered & accepted),
               "past_recorded": PastParticipation.objects.filter(batch=batch).count() if offered else 0}
    return render(request, "households/import_detail.html", context)


def import_row(request, pk, row):
    """One preview row (htmx): shown, or as an inline form to correct it (GET ?edit=1), or saved (POST)."""
    batch = get_object_or_404(_batches(request), pk=pk)
    item = next((r for r in batch.rows if r["row"] == row and r["outcome"] != "skipped"), None)
    if item is None:
        raise Http404
    full_ids = can_see_import_ids(request.user, batch)
    can_correct = batches.is_owner(request.user, batch) and batch.status == BatchStatus.PREVIEW
    offered = item.get("past") is not None and bool(item["action"])
    form = None
    if request.method == "POST" and can_correct:
        form = RowCorrectionForm(request.POST, past_offered=offered)
        if form.is_valid():
            try:
                batches.correct_row(batch, row=row, values=form.values(stored_id=item.get("id") or ""),
                                    by=request.user, request=request, past=form.accepts_past())
            except ValidationError as error:
                form.add_error(None, error)
            else:
                response = HttpResponse(status=204)
                response["HX-Refresh"] = "true"
                return response
    elif request.GET.get("edit") and can_correct:
        form = RowCorrectionForm(initial=RowCorrectionForm.initial_from(item, batch, full_ids=full_ids),
                                 past_offered=offered)
    _log_view(request, batch, "Xem dòng của tệp", full_ids, row=row)
    return render(request, "households/_import_row.html", {
        "batch": batch, "r": _shown(item, full_ids, set(batch.past_accepted)), "form": form,
        "can_correct": can_correct})


@require_POST
def import_past(request, pk):
    """Accept or decline a row's note of past participation, or every such row's; back to the same page."""
    batch = get_object_or_404(_batches(request), pk=pk)
    row = _number(request.POST.get("row"))
    try:
        accept_past(batch, rows=None if row is None else [row], accepted=request.POST.get("accept") == "1",
                    by=request.user, request=request)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    outcome, page = request.POST.get("outcome", ""), _number(request.POST.get("page"))
    query = urlencode({k: v for k, v in (("outcome", outcome if outcome in FILTERS else ""), ("page", page)) if v})
    return redirect(batch.get_absolute_url() + (f"?{query}" if query else "") + (f"#row-{row}" if row else ""))


def _number(value) -> int | None:
    """A posted row or page number; None when none is given. Anything else is a bad request (400)."""
    if value in (None, ""):
        return None
    if not str(value).isdigit() or len(str(value)) > 9:
        raise BadRequest("Số dòng không hợp lệ.")
    return int(value)


def import_pending(request, pk):
    """The rows not imported, in the file's own columns with their reason, to correct and upload again."""
    batch = get_object_or_404(_batches(request), pk=pk)
    if not batch.pending:
        raise Http404
    download = pending_xlsx(batch)
    _log_view(request, batch, "Tải các dòng chưa nhập của tệp", True, action=Action.EXPORT)
    return download.as_response()


@require_POST
def import_continue(request, pk):
    """Open the rows a written batch could not import as a new batch, to correct them in the browser."""
    batch = get_object_or_404(_batches(request), pk=pk)
    try:
        follow = batches.continue_pending(batch, by=request.user, request=request)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(batch)
    return redirect(follow)


def import_progress(request, pk):
    batch = get_object_or_404(_batches(request).defer(*REPORT_FIELDS), pk=pk)
    batch = batches.check_alive(batch)
    response = render(request, "households/_import_progress.html", {"batch": batch})
    if not batch.is_running and request.htmx:
        response["HX-Refresh"] = "true"
    return response


@require_POST
def import_commit(request, pk):
    return _act(request, pk, batches.commit_import)


@require_POST
def import_retry(request, pk):
    """Read again the kept file of a batch whose worker died."""
    return _act(request, pk, batches.retry_import)


def _act(request, pk, service):
    """Run a batch service for the officer; its refusal is shown on the batch page."""
    batch = get_object_or_404(_batches(request), pk=pk)
    try:
        service(batch, by=request.user, request=request)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(batch)


@require_POST
def import_cancel(request, pk):
    batch = get_object_or_404(_batches(request), pk=pk)
    before = batch.status
    try:
        with transaction.atomic():
            batches.cancel_import(batch, by=request.user)
            record(request.user, Action.WORKFLOW, batch, request=request,
                   description=f"Hủy lần nhập tệp {batch.filename}",
                   changes={"status": [before, BatchStatus.CANCELLED]})
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(batch)
    messages.info(request, f"Đã hủy lần nhập tệp «{batch.filename}»; không có dữ liệu nào được ghi.")
    return redirect("households:import-start")


def import_report(request, pk):
    batch = get_object_or_404(_batches(request), pk=pk)
    if not batch.rows:
        raise Http404
    full_ids = can_see_import_ids(request.user, batch)
    download = report_xlsx(batch, full_ids=full_ids)
    _log_view(request, batch, "Tải báo cáo từng dòng của tệp", full_ids, action=Action.EXPORT)
    return download.as_response()


def _log_view(request, batch, what: str, full_ids: bool, *, action=Action.VIEW_SENSITIVE, **details) -> None:
    """Each look at a batch's rows (names, and ID numbers in full or masked) is in the audit log."""
    record(request.user, action, batch, request=request, description=f"{what} {batch.filename}",
           changes={"id_numbers": "full" if full_ids else "masked", **details})
