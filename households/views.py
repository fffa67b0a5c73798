"""The registry pages: list with search and filters, household page, ID reveal, export."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import OuterRef, Subquery
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from households import exports, services
from households.filters import apply_filters, choices, read_filters
from households.models import Classification, Household, HouseholdClass
from households.participation import dialogue_participation
from households.permissions import (
    can_edit_household,
    can_import,
    can_reveal_id,
    can_see_any_sensitive,
    can_see_sensitive,
    id_unit_ids,
)

PAGE_SIZE = 50
CLASS_LABELS = dict(HouseholdClass.choices)


def household_list(request):
    visible = Household.objects.visible_to(request.user)
    filters = read_filters(request.GET, request.user)
    page = Paginator(list_rows(apply_filters(visible, filters), filters.year), PAGE_SIZE).get_page(
        request.GET.get("page"))
    page.object_list = with_links(page.object_list)
    context = {
        "page": page, "filters": filters,
        "show_sensitive": can_see_any_sensitive(request.user),
        "can_import": can_import(request.user),
        **choices(visible, request.user),
    }
    template = "households/_results.html" if request.htmx else "households/household_list.html"
    return render(request, template, context)


def list_rows(households, year: int):
    """The columns the list shows, with the class in ``year`` read in the same query."""
    year_class = Classification.objects.filter(household=OuterRef("pk"), year=year).values("household_class")[:1]
    return (households.select_related("ethnic_group")
            .only("code", "head_name", "gender", "birth_year", "id_number", "village", "commune_id",
                  "ethnic_group__name")
            .annotate(year_class=Subquery(year_class)))


def with_links(rows) -> list[Household]:
    """Each row's link and class label, worked out once per page rather than per template lookup."""
    prefix = reverse("households:household-detail", args=[0]).removesuffix("0/")
    rows = list(rows)
    for household in rows:
        household.url = f"{prefix}{household.pk}/"
        household.class_label = CLASS_LABELS.get(household.year_class, "")
    return rows


def household_detail(request, pk):
    household = get_object_or_404(
        Household.objects.visible_to(request.user).select_related("commune__parent", "ethnic_group"), pk=pk)
    context = {
        "household": household,
        "classifications": household.classifications.select_related("standard").order_by("-year"),
        "can_reveal": can_reveal_id(request.user, household),
        "show_sensitive": can_see_sensitive(request.user, household),
        "can_edit": can_edit_household(request.user, household),
        "participation": dialogue_participation(household, request.user),
    }
    return render(request, "households/household_detail.html", context)


@require_POST
def household_reveal_id(request, pk):
    household = get_object_or_404(Household.objects.visible_to(request.user), pk=pk)
    full = services.reveal_id(household, by=request.user, request=request)
    return render(request, "households/_id_revealed.html", {"household": household, "full_id": full})


def household_export(request):
    visible = Household.objects.visible_to(request.user)
    filters = read_filters(request.GET, request.user)
    households = apply_filters(visible, filters).select_related("commune", "ethnic_group")
    download = exports.household_list_xlsx(households, filters=filters, user=request.user, request=request,
                                           full_ids=id_unit_ids(request.user))
    if download is None:
        messages.warning(request, "Không có hộ nào khớp bộ lọc để xuất.")
        return household_list(request)
    return download.as_response()
