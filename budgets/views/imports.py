"""Import of estimate lines: upload, preview with per-row problems, then confirm."""

from django import forms
from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from budgets import permissions as perms
from budgets import services
from budgets.imports import read_workbook
from budgets.views.estimates import visible_estimate
from documents.xlsx_guard import UnsafeSpreadsheet, check_xlsx

MAX_UPLOAD = 10 * 1024 * 1024
SALT = "budgets.import"


class UploadForm(forms.Form):
    file = forms.FileField(label="Tệp Excel (.xlsx) theo mẫu dự toán")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError("Tệp lớn hơn 10 MB.")
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError("Chỉ nhận tệp .xlsx.")
        head = upload.read()
        upload.seek(0)
        try:
            check_xlsx(upload.name, head)
        except UnsafeSpreadsheet as problem:
            raise forms.ValidationError(str(problem)) from None
        return upload


def _editable(request, pk):
    estimate = visible_estimate(request, pk)
    if not perms.can_edit_estimate(request.user, estimate):
        raise PermissionDenied
    return estimate


def _salt(estimate, user) -> str:
    """The confirmation is signed for one estimate and one user: it is no use anywhere else."""
    return f"{SALT}:{estimate.pk}:{user.pk}"


def estimate_import(request, pk):
    estimate = _editable(request, pk)
    form = UploadForm(request.POST or None, request.FILES or None)
    context = {"estimate": estimate, "form": form}
    if request.method == "POST" and form.is_valid():
        result = read_workbook(form.cleaned_data["file"].read())
        context["result"] = result
        if not result.problems:
            staged = services.stage_import(estimate, result.groups, by=request.user)
            context["token"] = signing.dumps(staged.pk, salt=_salt(estimate, request.user))
    return render(request, "budgets/estimate_import.html", context)


@require_POST
def estimate_import_confirm(request, pk):
    estimate = _editable(request, pk)
    max_age = services.PREVIEW_LIFETIME.total_seconds()
    try:
        staged_id = signing.loads(request.POST.get("token", ""), salt=_salt(estimate, request.user), max_age=max_age)
        count = services.confirm_import(estimate, int(staged_id), by=request.user, request=request)
    except signing.SignatureExpired:
        messages.error(request, "Phiên xem trước đã hết hạn (quá 1 giờ); hãy tải tệp lên lại.")
        return redirect("budgets:estimate-import", pk=estimate.pk)
    except (signing.BadSignature, TypeError, ValueError):
        messages.error(request, "Phiên xem trước không hợp lệ hoặc không thuộc dự toán này; hãy tải tệp lên lại.")
        return redirect("budgets:estimate-import", pk=estimate.pk)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(estimate)
    messages.success(request, f"Đã nhập {count} dòng dự toán.")
    return redirect(estimate)
