"""Estimate pages: list, create, edit heading, and the estimate with its groups."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from budgets import permissions as perms
from budgets import services
from budgets.checks import estimate_problems, stated_totals
from budgets.forms import EstimateForm, GroupForm, KeepDifferenceForm, StatedTotalForm
from budgets.models import Estimate, EstimateGroup, StatedTotal
from budgets.references import attached_plans, estimate_reference
from budgets.tables import estimate_table


def visible_estimate(request, pk) -> Estimate:
    qs = Estimate.objects.visible_to(request.user).select_related("unit__parent", "sub_project")
    return get_object_or_404(qs, pk=pk)


def visible_group(request, pk) -> EstimateGroup:
    group = get_object_or_404(EstimateGroup.objects.select_related("estimate__unit"), pk=pk)
    visible_estimate(request, group.estimate_id)
    return group


def body_context(request, estimate: Estimate) -> dict:
    """What the estimate body partial shows: table, totals, problems and the user's flags."""
    problems = estimate_problems(estimate)
    return {
        "estimate": estimate, "table": estimate_table(estimate),
        "problems": problems, "blocking": any(p.blocking for p in problems),
        "can_edit": perms.can_edit_estimate(request.user, estimate),
        "can_pay": perms.can_record_disbursement(request.user, estimate),
        "stated": stated_totals(estimate),
    }


def render_body(request, estimate: Estimate, *, clear_editor=True):
    context = body_context(request, estimate) | {"clear_editor": clear_editor}
    return render(request, "budgets/_estimate_body.html", context)


def estimate_detail(request, pk):
    estimate = visible_estimate(request, pk)
    context = body_context(request, estimate) | {
        "group_form": GroupForm(estimate=estimate), "reference": estimate_reference(estimate),
        "plans": attached_plans(estimate, request.user),
    }
    return render(request, "budgets/estimate_detail.html", context)


def estimate_create(request):
    if not perms.can_create_estimate(request.user):
        raise PermissionDenied
    form = EstimateForm(request.POST or None, unit_ids=perms.editable_unit_ids(request.user))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            estimate = services.create_estimate(
                data["unit"], by=request.user, year=data["year"], title=data["title"],
                sub_project=data["sub_project"], display_unit=data["display_unit"], request=request)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Đã tạo dự toán. Hãy thêm nhóm nội dung chi và các dòng.")
            return redirect(estimate)
    return render(request, "budgets/estimate_form.html", {"form": form})


def estimate_edit(request, pk):
    estimate = visible_estimate(request, pk)
    if not perms.can_edit_estimate(request.user, estimate):
        raise PermissionDenied
    form = EstimateForm(request.POST or None, instance=estimate, unit_ids=[])
    if request.method == "POST" and form.is_valid():
        fields = {k: form.cleaned_data[k] for k in ("year", "title", "sub_project", "display_unit")}
        estimate.refresh_from_db()
        services.update_estimate(estimate, by=request.user, request=request, **fields)
        messages.success(request, "Đã lưu dự toán.")
        return redirect(estimate)
    return render(request, "budgets/estimate_form.html", {"form": form, "estimate": estimate})


@require_POST
def display_unit(request, pk):
    estimate = visible_estimate(request, pk)
    try:
        unit = int(request.POST.get("display_unit", ""))
    except ValueError:
        unit = 0
    if unit not in (1, 1000, 1_000_000):
        messages.error(request, "Đơn vị tính không hợp lệ.")
        return redirect(estimate)
    services.update_estimate(estimate, by=request.user, display_unit=unit, request=request)
    if request.htmx:
        return render_body(request, estimate)
    return redirect(estimate)


@require_POST
def group_add(request, pk):
    estimate = visible_estimate(request, pk)
    form = GroupForm(request.POST, estimate=estimate)
    added = False
    if form.is_valid():
        try:
            services.add_group(estimate, by=request.user, request=request, **form.cleaned_data)
            added = True
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    else:
        messages.error(request, "Nhóm nội dung chi: " + " ".join(
            f"{form.fields[f].label}: {' '.join(e)}" for f, e in form.errors.items()))
    if request.htmx and added:
        return render_body(request, estimate)
    return redirect(estimate)


def group_edit(request, pk):
    group = visible_group(request, pk)
    if not perms.can_edit_estimate(request.user, group.estimate):
        raise PermissionDenied
    form = GroupForm(request.POST or None, instance=group)
    if request.method == "POST" and form.is_valid():
        group.refresh_from_db()
        services.update_group(group, by=request.user, request=request, **form.cleaned_data)
        return redirect(group.estimate)
    return render(request, "budgets/group_form.html", {"form": form, "group": group})


@require_POST
def group_delete(request, pk):
    group = visible_group(request, pk)
    try:
        services.delete_group(group, by=request.user, request=request)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    if request.htmx:
        return render_body(request, group.estimate)
    return redirect(group.estimate)


def _editable_stated(request, pk) -> StatedTotal:
    stated = get_object_or_404(StatedTotal.objects.select_related("estimate__unit"), pk=pk)
    visible_estimate(request, stated.estimate_id)
    return stated


def stated_total_edit(request, pk):
    estimate = visible_estimate(request, pk)
    if not perms.can_edit_estimate(request.user, estimate):
        raise PermissionDenied
    form = StatedTotalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.set_stated_total(estimate, by=request.user, request=request, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Đã ghi tổng kinh phí ghi trong văn bản.")
            return redirect(estimate)
    return render(request, "budgets/stated_total_form.html", {"form": form, "estimate": estimate})


@require_POST
def stated_total_keep(request, pk):
    stated = _editable_stated(request, pk)
    form = KeepDifferenceForm(request.POST)
    try:
        if not form.is_valid():
            too_long = len(request.POST.get("reason", "")) > KeepDifferenceForm.base_fields["reason"].max_length
            raise ValidationError("Lý do giữ chênh lệch dài quá 500 ký tự; hãy rút gọn." if too_long
                                  else "Hãy ghi lý do giữ chênh lệch.")
        services.keep_stated_difference(stated, by=request.user, request=request, **form.cleaned_data)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Đã ghi nhận giữ chênh lệch.")
    return redirect(stated.estimate)


@require_POST
def stated_total_delete(request, pk):
    stated = _editable_stated(request, pk)
    services.delete_stated_total(stated, by=request.user, request=request)
    messages.success(request, "Đã bỏ tổng kinh phí ghi.")
    return redirect(stated.estimate)
