"""The registry pages: list with search and filters, household page, ID reveal, export."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from areas.scope import visible_unit_ids
from config.jinja2 import jinja2_fragment
from households import exports, services
from households.filters import apply_filters, choices, read_filters
from households.listing import household_page, village_options
from households.models import Household
from households.participation import dialogue_participation, remove_past
from households.permissions import (
    can_edit_household,
    can_import,
    can_reveal_id,
    can_see_any_sensitive,
    can_see_sensitive,
    id_unit_ids,
)


def household_list(request):
    filters = read_filters(request.GET, request.user)
    scope = visible_unit_ids(request.user)
    page = household_page(scope, filters, page=request.GET.get("page"), after=request.GET.get("after", ""))
    show_sensitive = can_see_any_sensitive(request.user)
    context = {
        "page": page, "filters": filters, "show_sensitive": show_sensitive,
        "rows": jinja2_fragment("households/_rows.html", rows=page.rows, detail_prefix=page.detail_prefix,
                                show_sensitive=show_sensitive),
        "can_import": can_import(request.user),
    }
    if request.htmx:  # the results only, as the officer types: the filter form stays as it is
        return render(request, "households/_results.html", context)
    return render(request, "households/household_list.html",
                  {**context, **choices(village_options(scope, filters.commune), request.user)})


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
        "past": household.past_participations.select_related("batch"),
    }
    return render(request, "households/household_detail.html", context)


@require_POST
def household_past_remove(request, pk, past_pk):
    """Delete a past participation recorded by mistake (from an imported list's note)."""
    household = get_object_or_404(Household.objects.visible_to(request.user), pk=pk)
    item = get_object_or_404(household.past_participations, pk=past_pk)
    remove_past(item, by=request.user, request=request)
    messages.success(request, f"Đã xóa ghi nhận hộ đã tham gia đối thoại năm {item.year_text}.")
    return redirect(household)


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
