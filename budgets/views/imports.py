"""Import of estimate lines: upload, reading in the worker with a progress bar, diff, confirm once, undo."""

from django import forms
from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from budgets import importing
from budgets import permissions as perms
from budgets.checks import below_paid
from budgets.models import EstimateImport, ImportMode, ImportStatus, SubProject
from budgets.views.estimates import visible_estimate
from spreadsheets import UPLOAD_ERRORS, SpreadsheetProblem, check_file

MAX_UPLOAD = 10 * 1024 * 1024
SALT = "budgets.import"
LISTED = 300  # changes listed per kind on the preview; the counts above the list say how many there are


class UploadForm(forms.Form):
    file = forms.FileField(label="Tệp Excel (.xlsx) dự toán", error_messages=UPLOAD_ERRORS)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError("Tệp lớn hơn 10 MB.")
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError(_not_xlsx(upload.name))
        head = upload.read()
        upload.seek(0)
        try:
            check_file(upload.name, head, kinds=("xlsx",))
        except SpreadsheetProblem as problem:
            raise forms.ValidationError(str(problem)) from None
        return upload


OTHER_FORMATS = {
    ".xls": "dạng Excel 97–2003 (.xls)",
    ".ods": "bảng tính LibreOffice (.ods)",
    ".csv": "tệp văn bản CSV (.csv)",
    ".xlsm": "sổ Excel có macro (.xlsm)",
}


def _not_xlsx(name: str) -> str:
    """Why a file that is no .xlsx is refused, and how to make one of it."""
    kind = next((label for ending, label in OTHER_FORMATS.items() if name.lower().endswith(ending)), None)
    said = f"Tệp «{name}» là {kind}" if kind else f"Tệp «{name}» không phải tệp .xlsx"
    return (f"{said}: chỉ nhận tệp Excel .xlsx. Hãy mở tệp bằng Excel hoặc LibreOffice, chọn «Lưu thành» "
            "(Save As) kiểu «Sổ làm việc Excel (.xlsx)» rồi tải tệp đó lên.")


def _editable(request, pk):
    estimate = visible_estimate(request, pk)
    if not perms.can_edit_estimate(request.user, estimate):
        raise PermissionDenied
    return estimate


def _own_import(request, estimate, import_pk) -> EstimateImport:
    """An import is seen by the user who uploaded it, on its own estimate only."""
    staged = get_object_or_404(EstimateImport.objects.defer("content"), pk=import_pk, estimate=estimate,
                               created_by=request.user)
    return importing.check_alive(staged)


def _salt(estimate, user) -> str:
    """The confirmation is signed for one estimate and one user: it is no use anywhere else."""
    return f"{SALT}:{estimate.pk}:{user.pk}"


def estimate_import(request, pk):
    estimate = _editable(request, pk)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        staged = importing.start_import(estimate, upload.read(), filename=upload.name, by=request.user)
        return redirect("budgets:estimate-import-detail", pk=estimate.pk, import_pk=staged.pk)
    return render(request, "budgets/estimate_import.html", {"estimate": estimate, "form": form,
                                                            "undoable": importing.undoable_import(estimate)})


def _sheet_choices(data, staged: EstimateImport) -> dict[str, str | None]:
    """The sub-project chosen for each sheet (fields sheet-0, sheet-1, … ; «-» for none)."""
    codes = set(SubProject.objects.values_list("code", flat=True))
    choices = {}
    for index, sheet in enumerate(staged.sheets):
        value = data.get(f"sheet-{index}")
        if value == "-":
            choices[sheet["name"]] = None
        elif value in codes:
            choices[sheet["name"]] = value
    return choices


def estimate_import_detail(request, pk, import_pk):
    estimate = _editable(request, pk)
    staged = _own_import(request, estimate, import_pk)
    context = {"estimate": estimate, "staged": staged, "undoable": importing.undoable_import(estimate)}
    if staged.status == ImportStatus.PREVIEW:
        choices = _sheet_choices(request.GET, staged)
        groups = importing.with_sheet_choices(staged.groups, choices)
        diff = importing.import_diff(importing.snapshot(estimate), groups)
        lowered = {c.before["pk"]: (c.content, c.after["amount"]) for c in diff.changed
                   if c.after["amount"] < c.before["amount"]}
        context |= {
            "diff": diff, "below_paid": below_paid(lowered),
            "listed": {kind: getattr(diff, kind)[:LISTED] for kind in ("added", "changed", "removed")},
            "listed_per_kind": LISTED,
            "unlisted": sum(max(0, len(getattr(diff, kind)) - LISTED) for kind in ("added", "changed", "removed")),
            "sheets": [s | {"chosen": choices.get(s["name"], s["sub"])} for s in staged.sheets],
            "sub_projects": SubProject.objects.order_by("order", "code"),
            "token": signing.dumps(staged.pk, salt=_salt(estimate, request.user)),
            "modes": ImportMode.choices, "groups": groups,
        }
    return render(request, "budgets/estimate_import_detail.html", context)


def estimate_import_progress(request, pk, import_pk):
    estimate = _editable(request, pk)
    staged = _own_import(request, estimate, import_pk)
    response = render(request, "budgets/_import_progress.html", {"estimate": estimate, "staged": staged})
    if not staged.is_running and request.htmx:
        response["HX-Redirect"] = reverse("budgets:estimate-import-detail", args=[estimate.pk, staged.pk])
    return response


@require_POST
def estimate_import_confirm(request, pk):
    estimate = _editable(request, pk)
    max_age = importing.PREVIEW_LIFETIME.total_seconds()
    try:
        staged_id = int(signing.loads(request.POST.get("token", ""), salt=_salt(estimate, request.user),
                                      max_age=max_age))
        staged = EstimateImport.objects.defer("content").filter(pk=staged_id).first()
        choices = _sheet_choices(request.POST, staged) if staged else {}
        diff = importing.confirm_import(estimate, staged_id, by=request.user, request=request,
                                        mode=request.POST.get("mode", ImportMode.REPLACE), sheet_choices=choices)
    except signing.SignatureExpired:
        messages.error(request, "Phiên xem trước đã hết hạn (quá 1 giờ); hãy tải tệp lên lại.")
        return redirect("budgets:estimate-import", pk=estimate.pk)
    except (signing.BadSignature, TypeError, ValueError):
        messages.error(request, "Phiên xem trước không hợp lệ hoặc không thuộc dự toán này; hãy tải tệp lên lại.")
        return redirect("budgets:estimate-import", pk=estimate.pk)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(estimate)
    moved = f", xếp lại {diff.moved} dòng theo thứ tự trong tệp" if diff.moved else ""
    if diff.empty and not diff.moved:
        messages.info(request, "Không có thay đổi: các dòng trong tệp giống hệt dự toán.")
    elif diff.empty:
        messages.success(request, f"Đã nhập: các dòng giữ nguyên, chỉ xếp lại {diff.moved} dòng theo thứ tự "
                                  "trong tệp. Có thể hoàn tác lần nhập này.")
    else:
        messages.success(request, f"Đã nhập: thêm {len(diff.added)} dòng, sửa {len(diff.changed)} dòng, "
                                  f"bỏ {len(diff.removed)} dòng{moved}. Có thể hoàn tác lần nhập này.")
    return redirect(estimate)


@require_POST
def estimate_import_undo(request, pk, import_pk):
    estimate = _editable(request, pk)
    try:
        diff = importing.undo_import(estimate, import_pk, by=request.user, request=request)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Đã hoàn tác lần nhập: dự toán trở lại {diff.total_after:,} đồng."
                         .replace(",", "."))
    return redirect(estimate)
