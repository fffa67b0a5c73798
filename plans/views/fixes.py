"""The one-click fix of a text check: a POST from the checks list, back to the page it came from."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from plans.textchecks.fixes import apply_fix
from plans.views.plans import get_plan


def _back(request, plan) -> str:
    """The page the click came from (the editor, the plan, the checks), never another site."""
    referer = request.headers.get("Referer", "")
    if url_has_allowed_host_and_scheme(referer, allowed_hosts={request.get_host()},
                                       require_https=request.is_secure()):
        return referer
    return reverse("plans:plan-checks", args=[plan.pk])


@require_POST
def plan_fix(request, pk):
    """Apply one fix the checks offer; say what changed, or why nothing did."""
    plan = get_plan(request, pk)
    try:
        fix = apply_fix(plan, key=request.POST.get("key", "")[:64], by=request.user)
        messages.success(request, f"Đã sửa: {fix.label}. Thao tác được ghi vào lịch sử kế hoạch.")
    except ValidationError as error:
        messages.warning(request, " ".join(error.messages))
    return redirect(_back(request, plan))
