"""The home page: each role sees what it can do, and where it works."""

from django.shortcuts import render
from django.utils import timezone

from areas.menu import tasks_for
from areas.models import Assignment, Role
from areas.scope import is_administrator


def home(request):
    """Each role the user holds: its units, what waits (the desk's numbers and chart), its cards."""
    from desk.figures import FIGURES
    from desk.trends import chart_for

    assignments = (
        Assignment.objects.filter(user=request.user).select_related("unit__parent").order_by("role")
    )
    roles, today = [], timezone.localdate()
    for role in Role:
        units = [a.unit for a in assignments if a.role == role]
        if units:
            figures = FIGURES[role](request.user, today) if role in FIGURES else []
            roles.append({"label": role.label, "units": units, "tasks": tasks_for(role), "figures": figures,
                          "waiting": any(f.count for f in figures),
                          "chart": chart_for(role, request.user, today)})
    if is_administrator(request.user) and not roles:
        roles.append({"label": Role.ADMIN.label, "units": [], "tasks": tasks_for(Role.ADMIN)})
    return render(request, "home.html", {"roles": roles})
