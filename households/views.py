"""The registry pages: list with search and filters, household page, ID reveal, export."""

from html import escape

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_POST

from areas.scope import visible_unit_ids
from households import exports, services
from households.filters import apply_filters, choices, read_filters
from households.listing import HouseholdList, ListRow, ethnic_names, village_names, village_options
from households.models import Household, HouseholdClass
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
    filters = read_filters(request.GET, request.user)
    scope = visible_unit_ids(request.user)
    page = Paginator(HouseholdList(scope, filters), PAGE_SIZE).get_page(request.GET.get("page"))
    show_sensitive = can_see_any_sensitive(request.user)
    context = {
        "page": page, "filters": filters, "rows": table_rows(page.object_list, show_sensitive=show_sensitive),
        "show_sensitive": show_sensitive,
        "can_import": can_import(request.user),
    }
    if request.htmx:  # the results only, as the officer types: the filter form stays as it is
        return render(request, "households/_results.html", context)
    return render(request, "households/household_list.html",
                  {**context, **choices(village_options(scope), request.user)})


# The list's rows are the hot path of the registry (50 per page, a dozen values each): written
# here with one escape per value instead of some 500 template lookups, which halves the page's
# server time. The markup matches the header in households/_results.html.
ROW = ('<tr><td class="text-nowrap">{code}</td><td><a href="{url}">{name}</a>{woman}</td>'
       '<td class="d-none d-md-table-cell">{birth}</td>{ethnic}'
       '<td class="d-none d-md-table-cell font-monospace">{masked}</td><td>{village}</td><td>{label}</td></tr>\n')
WOMAN = ' <span class="badge text-bg-light border" title="Chủ hộ nữ">nữ</span>'
ETHNIC = '<td class="d-none d-lg-table-cell">{}</td>'


def table_rows(households: list[ListRow], *, show_sensitive: bool) -> SafeString:
    """The <tr> of each household of a page, every value escaped."""
    prefix = reverse("households:household-detail", args=[0]).removesuffix("0/")
    names = ethnic_names(households) if show_sensitive else {}
    villages = village_names(households)
    html = []
    for h in households:
        ethnic = ETHNIC.format(escape(names.get(h.ethnic_group_id, ""))) if show_sensitive else ""
        html.append(ROW.format(
            code=escape(h.code or "–"), url=f"{prefix}{h.pk}/", name=escape(h.head_name),
            woman=WOMAN if h.is_woman_head else "", birth=h.birth_year or "", ethnic=ethnic,
            masked=escape(h.masked_id), village=escape(villages.get(h.village_unit_id, h.village)), label=CLASS_LABELS.get(h.year_class, "")))
    return mark_safe("".join(html))  # noqa: S308 - every value above is escaped


def household_detail(request, pk):
    household = get_object_or_404(
        Household.objects.visible_to(request.user).select_related("commune__parent", "ethnic_group",
                                                                  "village_unit"), pk=pk)
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


def _export(request, writer):
    visible = Household.objects.visible_to(request.user)
    filters = read_filters(request.GET, request.user)
    households = apply_filters(visible, filters).select_related("commune", "ethnic_group", "village_unit")
    download = writer(households, filters=filters, user=request.user, request=request,
                      full_ids=id_unit_ids(request.user))
    if download is None:
        messages.warning(request, "Không có hộ nào khớp bộ lọc để xuất.")
        return household_list(request)
    return download.as_response()


def household_export(request):
    return _export(request, exports.household_list_xlsx)


def household_export_csv(request):
    return _export(request, exports.household_list_csv)
