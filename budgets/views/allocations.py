"""Allocation decisions: list, record, and the amounts each one gives."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from areas.models import Role
from areas.scope import units_in_role
from budgets import permissions as perms
from budgets import services
from budgets.forms import AllocationForm, DecisionEditForm, DecisionForm
from budgets.history import decision_history
from budgets.models import Allocation, AllocationDecision


def decision_list(request):
    decisions = AllocationDecision.objects.visible_to(request.user).select_related("unit")
    page = Paginator(decisions, 25).get_page(request.GET.get("page"))
    return render(request, "budgets/decision_list.html", {
        "page": page, "can_add": perms.can_add_allocations(request.user)})


def decision_create(request):
    if not perms.can_add_allocations(request.user):
        raise PermissionDenied
    form = DecisionForm(request.POST or None, unit_ids=units_in_role(request.user, Role.FINANCE))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            decision = services.create_decision(data.pop("unit"), by=request.user, request=request, **data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Đã ghi quyết định. Hãy thêm các khoản vốn được giao.")
            return redirect(decision)
    return render(request, "budgets/decision_form.html", {"form": form})


def decision_detail(request, pk):
    decision = get_object_or_404(AllocationDecision.objects.visible_to(request.user), pk=pk)
    can_manage = perms.can_manage_allocations(request.user, decision.unit)
    form = AllocationForm(request.POST or None, unit_ids=units_in_role(request.user, Role.FINANCE),
                          initial={"unit": decision.unit, "year": decision.date.year})
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.add_allocation(decision, by=request.user, request=request, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, "Đã thêm khoản vốn được giao.")
                return redirect(decision)
    allocations = decision.allocations.select_related("unit", "sub_project", "funding_source")
    context = {"decision": decision, "allocations": allocations, "form": form,
               "can_manage": can_manage, "total": sum(a.amount for a in allocations),
               "history": decision_history(decision)}
    return render(request, "budgets/decision_detail.html", context)


def decision_edit(request, pk):
    decision = get_object_or_404(AllocationDecision.objects.visible_to(request.user), pk=pk)
    if not perms.can_manage_allocations(request.user, decision.unit):
        raise PermissionDenied
    form = DecisionEditForm(request.POST or None, instance=decision)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in services.DECISION_FIELDS}
        try:
            services.update_decision(decision, by=request.user, request=request, **fields)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Đã lưu quyết định.")
            return redirect("budgets:decision-detail", pk=decision.pk)
    return render(request, "budgets/decision_form.html", {"form": form, "decision": decision})


@require_POST
def allocation_delete(request, pk):
    allocation = get_object_or_404(Allocation.objects.visible_to(request.user).select_related(
        "decision__unit"), pk=pk)
    decision = allocation.decision
    get_object_or_404(AllocationDecision.objects.visible_to(request.user), pk=decision.pk)
    services.delete_allocation(allocation, by=request.user, request=request)
    messages.success(request, "Đã xoá khoản vốn được giao.")
    return redirect(decision)
