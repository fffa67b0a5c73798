"""Administrative units of both eras and issuing bodies, as lists and detail pages."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from areas.models import REFORM_DATE, AdminUnit, IssuingBody, UnitLevel
from areas.permissions import can_manage_reference_data

ERAS = {
    "current": "Hiện hành (từ 01/07/2025)",
    "before": "Trước 01/07/2025",
    "all": "Mọi thời kỳ",
}
PAGE_SIZE = 50


def _filter_era(qs, era: str):
    if era == "current":
        return qs.current()
    if era == "before":
        return qs.filter(valid_to__lt=REFORM_DATE)
    return qs


def unit_list(request):
    query = request.GET.get("q", "").strip()[:100]
    era = request.GET.get("era", "current") if request.GET.get("era") in ERAS else "current"
    level = request.GET.get("level", "")
    units = _filter_era(AdminUnit.objects.visible_to(request.user), era).search(query)
    if level in UnitLevel.values:
        units = units.filter(level=level)
    units = units.select_related("parent__parent")
    if not query:
        units = units.order_by("level", "code")
    page = Paginator(units, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"page": page, "query": query, "era": era, "eras": ERAS, "level": level,
               "levels": UnitLevel.choices}
    template = "areas/_unit_results.html" if request.htmx else "areas/unit_list.html"
    return render(request, template, context)


def unit_detail(request, pk):
    visible = AdminUnit.objects.visible_to(request.user).select_related("parent__parent")
    unit = get_object_or_404(visible, pk=pk)
    children = Paginator(unit.children.order_by("code"), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "unit": unit,
        "children": children,
        "successors": unit.successors.select_related("parent").order_by("code"),
        "predecessors": unit.predecessors.select_related("parent").order_by("level", "code"),
        "bodies": IssuingBody.objects.visible_to(request.user).filter(unit=unit),
    }
    return render(request, "areas/unit_detail.html", context)


def body_list(request):
    show_all = request.GET.get("all") == "1"
    bodies = IssuingBody.objects.visible_to(request.user).select_related("unit__parent")
    if not show_all:
        bodies = bodies.active_on(timezone.localdate())
    page = Paginator(bodies, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"page": page, "show_all": show_all,
               "can_manage": can_manage_reference_data(request.user)}
    return render(request, "areas/body_list.html", context)


def body_detail(request, pk):
    body = get_object_or_404(
        IssuingBody.objects.visible_to(request.user).select_related("unit__parent"), pk=pk
    )
    context = {"body": body, "can_manage": can_manage_reference_data(request.user)}
    return render(request, "areas/body_detail.html", context)
