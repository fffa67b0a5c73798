"""The import screens: upload, progress (htmx polling), preview, commit, cancel, report download."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from areas.scope import visible_unit_ids
from audit.models import Action
from audit.services import record
from households.forms import ImportForm
from households.idnumber import mask_in_text
from households.imports import batches
from households.imports.mapping import FIELD_LABELS
from households.imports.report import ACTION_LABELS, OUTCOME_LABELS, report_xlsx
from households.imports.workbook import column_letter
from households.models import BatchStatus, ImportBatch
from households.permissions import can_import, can_see_import_ids

PAGE_SIZE = 100
MASKED = ("name", "village", "message")  # report cells that may quote an ID number (codes are not secret)


def visible_batches(user):
    ids = visible_unit_ids(user)
    qs = ImportBatch.objects.select_related("commune", "created_by", "mapping").defer("content")
    return qs if ids is None else qs.filter(commune__in=ids)


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
    recent = visible_batches(request.user).filter(created_by=request.user)[:10]
    return render(request, "households/import_start.html", {"form": form, "recent": recent})


def import_detail(request, pk):
    batch = batches.check_alive(get_object_or_404(visible_batches(request.user), pk=pk))
    outcome = request.GET.get("outcome", "")
    rows = [r for r in batch.rows if r["outcome"] == outcome] if outcome in OUTCOME_LABELS else batch.rows
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    full_ids = can_see_import_ids(request.user, batch)
    for row in page.object_list:
        row["label"] = OUTCOME_LABELS[row["outcome"]] + (
            f" ({ACTION_LABELS[row['action']]})" if row["action"] and row["action"] != row["outcome"] else "")
        if not full_ids:
            row.update({key: mask_in_text(row[key]) for key in MASKED})
    _log_view(request, batch, "Xem kết quả đọc tệp", full_ids, page=page.number, outcome=outcome)
    summary = [(key, label, batch.totals.get(key, 0)) for key, label in OUTCOME_LABELS.items()
               if batch.totals.get(key)]
    columns = [(column_letter(col), FIELD_LABELS.get(name, name)) for name, col in
               sorted(batch.columns.items(), key=lambda kv: kv[1]) if name in FIELD_LABELS]
    context = {"batch": batch, "page": page, "outcome": outcome, "summary": summary, "columns": columns,
               "is_owner": batches.is_owner(request.user, batch)}
    return render(request, "households/import_detail.html", context)


def import_progress(request, pk):
    batch = batches.check_alive(get_object_or_404(visible_batches(request.user), pk=pk))
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
    batch = get_object_or_404(visible_batches(request.user).select_related("commune"), pk=pk)
    try:
        service(batch, by=request.user, request=request)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(batch)


@require_POST
def import_cancel(request, pk):
    batch = get_object_or_404(visible_batches(request.user), pk=pk)
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
    batch = get_object_or_404(visible_batches(request.user), pk=pk)
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
