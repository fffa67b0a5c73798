"""The plan's result report page (figures and charts) and the priority weights pages."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render

from areas.models import AdminUnit, Assignment, Role
from dialogues import priority_settings
from dialogues.charts import bar_chart
from dialogues.forms import PriorityForm
from dialogues.models import PriorityRule
from dialogues.permissions import can_edit_priorities, can_manage_priorities
from dialogues.priority import weights_for
from dialogues.report import percent, plan_figures
from plans.models import Plan


def plan_report(request, plan_pk):
    plan = get_object_or_404(Plan.objects.visible_to(request.user), pk=plan_pk)
    figures = plan_figures(plan)
    gender = [("Nữ", figures.women), ("Nam", figures.men)]
    charts = [bar_chart("Người dân tham dự theo giới tính", [g for g in gender if g[1]]),
              bar_chart("Theo dân tộc", figures.by_ethnicity[:8]),
              bar_chart("Theo loại hộ", figures.by_class),
              bar_chart("Ý kiến theo lĩnh vực", figures.by_field),
              bar_chart("Ý kiến theo tình trạng", figures.by_status)]
    shares = {"women": percent(figures.women, figures.present), "minority": percent(figures.minority, figures.present),
              "first_time": percent(figures.first_time, figures.present)}
    return render(request, "dialogues/plan_report.html", {"plan": plan, "f": figures, "charts": charts,
                                                          "shares": shares})


def priorities(request, unit_pk):
    unit = get_object_or_404(AdminUnit.objects.visible_to(request.user), pk=unit_pk)
    if not can_edit_priorities(request.user, unit):
        raise PermissionDenied
    form = PriorityForm(request.POST or None, weights=weights_for(unit))
    if request.method == "POST" and form.is_valid():
        priority_settings.save_weights(unit, form.cleaned_data, by=request.user, request=request)
        messages.success(request, f"Đã lưu điểm ưu tiên của {unit.name}.")
        return redirect("dialogues:priorities", unit_pk=unit.pk)
    return render(request, "dialogues/priorities.html", {"unit": unit, "form": form})


def priorities_index(request):
    """The units whose weights the planner sets: where they are assigned and the units right below."""
    if not can_manage_priorities(request.user):
        raise PermissionDenied
    roots = AdminUnit.objects.filter(pk__in=Assignment.objects.filter(user=request.user, role=Role.PLANNER)
                                     .values("unit")).current().order_by("name")
    below = AdminUnit.objects.filter(parent__in=roots).current().order_by("name")
    if len(roots) == 1 and not below.exists():
        return redirect("dialogues:priorities", unit_pk=roots[0].pk)
    own = set(PriorityRule.objects.filter(unit__in=[*roots, *below]).values_list("unit_id", flat=True))
    return render(request, "dialogues/priorities_index.html", {"roots": roots, "below": below, "own": own})
