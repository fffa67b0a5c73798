"""Import of estimate lines: upload, preview with per-row problems, then confirm."""

from django import forms
from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from budgets import permissions as perms
from budgets import services
from budgets.imports import ImportGroup, read_workbook
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


def estimate_import(request, pk):
    estimate = _editable(request, pk)
    form = UploadForm(request.POST or None, request.FILES or None)
    context = {"estimate": estimate, "form": form}
    if request.method == "POST" and form.is_valid():
        result = read_workbook(form.cleaned_data["file"].read())
        context["result"] = result
        if not result.problems:
            payload = [{"title": g.title, "sub": g.sub_project, "lines": g.lines} for g in result.groups]
            context["token"] = signing.dumps(payload, salt=SALT, compress=True)
    return render(request, "budgets/estimate_import.html", context)


@require_POST
def estimate_import_confirm(request, pk):
    estimate = _editable(request, pk)
    try:
        payload = signing.loads(request.POST.get("token", ""), salt=SALT, max_age=3600)
    except signing.BadSignature:
        messages.error(request, "Phiên xem trước đã hết hạn hoặc không hợp lệ; hãy tải tệp lên lại.")
        return redirect("budgets:estimate-import", pk=estimate.pk)
    groups = [ImportGroup(g["title"], g["sub"], g["lines"]) for g in payload]
    count = services.import_groups(estimate, groups, by=request.user, request=request)
    messages.success(request, f"Đã nhập {count} dòng dự toán.")
    return redirect(estimate)
