"""Adding, editing and deleting estimate lines with htmx (and without it), and their disbursements."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Sum
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from budgets import permissions as perms
from budgets import services
from budgets.forms import DisbursementForm, LineForm
from budgets.models import EstimateLine
from budgets.views.estimates import render_body, visible_estimate, visible_group


def visible_line(request, pk) -> EstimateLine:
    line = get_object_or_404(EstimateLine.objects.select_related("estimate__unit", "group"), pk=pk)
    visible_estimate(request, line.estimate_id)
    return line


def _form_response(request, context, *, status=200):
    """The line form: into the page's editor slot with htmx, else as a page of its own."""
    if request.htmx:
        response = render(request, "budgets/_line_form.html", context, status=status)
        response["HX-Retarget"] = "#editor"
        response["HX-Reswap"] = "innerHTML"
        return response
    return render(request, "budgets/line_form.html", context, status=status)


def line_add(request, group_pk):
    group = visible_group(request, group_pk)
    estimate = group.estimate
    if not perms.can_edit_estimate(request.user, estimate):
        raise PermissionDenied
    form = LineForm(request.POST or None, estimate=estimate,
                    initial={"funding_source": _default_source()})
    if request.method == "POST" and form.is_valid():
        try:
            services.add_line(group, by=request.user, request=request, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return render_body(request, estimate) if request.htmx else redirect(estimate)
    context = {"form": form, "group": group, "estimate": estimate,
               "action": request.path, "heading": f"Thêm dòng vào nhóm «{group.title}»"}
    return _form_response(request, context)


def line_edit(request, pk):
    line = visible_line(request, pk)
    estimate = line.estimate
    if not perms.can_edit_estimate(request.user, estimate):
        raise PermissionDenied
    form = LineForm(request.POST or None, instance=line, estimate=estimate)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_line(line, by=request.user, request=request, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return render_body(request, estimate) if request.htmx else redirect(estimate)
    context = {"form": form, "group": line.group, "estimate": estimate, "line": line,
               "action": request.path, "heading": f"Sửa dòng «{line.content}»"}
    return _form_response(request, context)


@require_POST
def line_delete(request, pk):
    line = visible_line(request, pk)
    estimate = line.estimate
    try:
        services.delete_line(line, by=request.user, request=request)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return render_body(request, estimate) if request.htmx else redirect(estimate)


def _default_source():
    from budgets.models import FundingSource

    return FundingSource.objects.filter(code="NSTW_SN").first()


def line_disbursements(request, pk):
    line = visible_line(request, pk)
    can_pay = perms.can_record_disbursement(request.user, line.estimate)
    form = DisbursementForm(request.POST or None)
    if request.method == "POST":
        if not can_pay:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.record_disbursement(line, by=request.user, request=request, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, "Đã ghi nhận khoản giải ngân.")
                return redirect("budgets:line-disbursements", pk=line.pk)
    payments = line.disbursements.order_by("date", "pk")
    paid = payments.aggregate(s=Sum("amount"))["s"] or 0
    context = {"line": line, "estimate": line.estimate, "payments": payments, "paid": paid,
               "over": paid > line.amount, "over_by": paid - line.amount, "remaining": line.amount - paid, "form": form, "can_pay": can_pay}
    return render(request, "budgets/line_disbursements.html", context)
