"""The roll-up page and its downloads: the same figures, computed once per request."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import render
from django.utils import timezone

from audit.models import Action
from audit.services import record
from config.jinja2 import jinja2_fragment
from dialogues.charts import bar_chart
from rollup import scope
from rollup.charts import column_chart
from rollup.figures import roll_up
from rollup.tables import all_tables

QUARTERS = ["Quý I", "Quý II", "Quý III", "Quý IV"]
FIRST_YEAR, LAST_YEAR = 2021, 2035


def _year(request) -> int:
    text, this_year = request.GET.get("nam", ""), timezone.localdate().year
    return int(text) if text.isdigit() and FIRST_YEAR <= int(text) <= LAST_YEAR else this_year


def figures_for(request):
    """(rollup, units, year) for the request's year and units; refusals raise as scope says."""
    if not scope.can_roll_up(request.user):
        raise PermissionDenied("Chỉ lãnh đạo đơn vị xem được báo cáo tổng hợp.")
    year = _year(request)
    units = scope.selected_units(request.user, request.GET.getlist("don-vi"))
    return roll_up(units, scope.reach([u.pk for u in units]), year, timezone.localdate()), units, year


def charts(r) -> list[str]:
    gender = [(label, n) for label, n in (("Nữ", r.women), ("Nam", r.men), ("Chưa ghi", r.gender_unknown)) if n]
    return [column_chart("Hội nghị theo quý: kế hoạch và đã tổ chức", QUARTERS,
                         [("Kế hoạch", r.planned_by_quarter), ("Đã tổ chức", r.held_by_quarter)], width=360),
            bar_chart("Người dân có mặt theo giới tính", gender),
            bar_chart("Theo dân tộc", r.by_ethnicity[:8]),
            bar_chart("Theo loại hộ", r.by_class),
            bar_chart("Ý kiến theo lĩnh vực", r.by_field),
            bar_chart("Ý kiến theo tình trạng", r.by_status)]


def rollup_page(request):
    year, refused = _year(request), ""
    try:
        rollup, units, year = figures_for(request)
    except ValidationError as error:
        rollup, units, refused = None, [], " ".join(error.messages)
        messages.error(request, refused)
    choices, chosen = scope.choices(request.user, year), {u.pk for u in units}
    context = {"r": rollup, "year": year, "years": range(LAST_YEAR, FIRST_YEAR - 1, -1), "refused": refused,
               "choices": choices, "options": jinja2_fragment("rollup/_options.html", choices=choices, chosen=chosen),
               "query": request.GET.urlencode()}
    if rollup is not None:  # the hundred-row parts in Jinja2 (config/jinja2.py says why)
        context |= {"charts": charts(rollup), "tables": jinja2_fragment("rollup/_tables.html", tables=all_tables(rollup))}
    return render(request, "rollup/page.html", context, status=403 if refused else 200)


def rollup_download(request, fmt):
    from rollup.outputs import download

    try:
        rollup, units, year = figures_for(request)
    except ValidationError as error:
        raise PermissionDenied(" ".join(error.messages)) from error
    file = download(rollup, request.user, fmt)
    record(request.user, Action.EXPORT, object_type="rollup", request=request,
           description=f"Tổng hợp đối thoại năm {year}: {rollup.unit_names}"[:300],
           changes={"format": fmt, "units": [u.pk for u in units], "year": year})
    return file.as_response()
