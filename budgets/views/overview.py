"""The budget overview: allocated vs planned vs disbursed per sub-project, with a chart."""

from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import render
from django.utils import timezone

from areas.scope import visible_unit_ids
from budgets import overview
from budgets import permissions as perms
from budgets.checks import stated_conflicts_by_estimate
from budgets.models import Estimate, Norm
from budgets.references import plans_prefetch
from desk.filters import estimates_in_conflict

PAGE_SIZE = 25


def _year(request) -> int:
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        return timezone.localdate().year
    return year if 2021 <= year <= 2035 else timezone.localdate().year


def budget_overview(request):
    year = _year(request)
    rows = overview.execution_rows(request.user, year)
    scale = overview.chart_scale(rows)
    context = {
        "year": year, "years": range(2021, 2036), "rows": rows, "scale": scale,
        "chart": [(row, row.bars(scale)) for row in rows],
        "chart_height": 30 + 62 * len(rows),
        "warnings": overview.warnings(rows),
        "stated_open": _stated_open(request.user, year),
        "totals": {k: sum(getattr(r, k) for r in rows)
                   for k in ("allocated", "planned", "disbursed", "remaining")},
    }
    return render(request, "budgets/overview.html", context)


def _stated_open(user, year: int) -> int:
    """How many of the year's estimates the user sees state a total that differs from their lines,
    not kept: the planned figures above are the lines' (one query)."""
    estimates = Estimate.objects.visible_to(user).filter(year=year)
    return estimates_in_conflict(estimates).count()


def estimate_list(request):
    year = request.GET.get("year", "")
    estimates = (Estimate.objects.visible_to(request.user).with_total()
                 .select_related("unit__parent", "sub_project").prefetch_related(*plans_prefetch(request.user)))
    if year.isdigit():
        estimates = estimates.filter(year=int(year))
    desk_filter = ""
    if request.GET.get("chenh-lech") == "1":  # the finance desk's «stated total differs from the lines»
        estimates, desk_filter = estimates_in_conflict(estimates), "tổng ghi khác tổng các khoản, chưa xử lý"
    page = Paginator(estimates.order_by("-year", "title", "pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    conflicts = stated_conflicts_by_estimate(e.pk for e in page)
    for estimate in page:  # a stated total that differs is shown beside the total, as on the estimate's page
        estimate.stated_conflicts = conflicts.get(estimate.pk, [])
    context = {"page": page, "year": year, "years": range(2021, 2036), "desk_filter": desk_filter,
               "can_create": perms.can_create_estimate(request.user)}
    return render(request, "budgets/estimate_list.html", context)


def norm_list(request):
    ids = visible_unit_ids(request.user)
    norms = Norm.objects.select_related("province")
    if ids is not None:
        norms = norms.filter(Q(province__in=ids) | Q(province__children__in=ids)
                             | Q(province__children__children__in=ids)).distinct()
    page = Paginator(norms.order_by("province__name", "code", "-valid_from"), PAGE_SIZE).get_page(
        request.GET.get("page"))
    return render(request, "budgets/norm_list.html", {"page": page})
