"""Session pages: list, create one or a series from a plan, detail, edit, officials, statuses, minutes."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from areas.models import AdminUnit, UnitLevel
from budgets.models import EstimateLine
from desk.filters import session_filter
from dialogues import services
from dialogues.forms import MinutesForm, OfficialFormSet, SeriesForm, SessionForm, plan_communes
from dialogues.mix import session_mix
from dialogues.models import DialogueSession, SessionStatus
from dialogues.permissions import (
    RUN_ROLES,
    _units,
    can_check_in,
    can_create_series,
    can_use_dialogues,
    flags,
)
from dialogues.views.common import add_form_errors, flash_error, visible_session
from plans.models import Plan

PAGE_SIZE = 30


def session_list(request):
    sessions = DialogueSession.objects.visible_to(request.user).select_related("commune", "plan").with_counts()
    status, year = request.GET.get("status", ""), request.GET.get("year", "")
    if status in SessionStatus.values:
        sessions = sessions.filter(status=status)
    if year.isdigit():
        sessions = sessions.filter(year=int(year))
    sessions, desk_filter = session_filter(request.GET, sessions, timezone.localdate())
    page = Paginator(sessions.order_by("-year", "starts_at", "commune__name", "pk"), PAGE_SIZE).get_page(
        request.GET.get("page"))
    years = DialogueSession.objects.visible_to(request.user).values_list("year", flat=True).distinct().order_by("-year")
    # Today's sessions of the officer's communes, one tap from their check-in.
    today = [s for s in DialogueSession.objects.visible_to(request.user)
             .filter(starts_at__date=timezone.localdate()).select_related("commune").with_counts()
             .order_by("starts_at", "commune__name", "pk") if can_check_in(request.user, s)]
    return render(request, "dialogues/session_list.html", {
        "page": page, "statuses": SessionStatus.choices, "status": status, "year": year, "years": years,
        "can_create": can_use_dialogues(request.user), "today": today, "desk_filter": desk_filter})


def _form_querysets(user, session=None) -> dict:
    units = _units(user, RUN_ROLES)
    lines = EstimateLine.objects.filter(estimate__unit__in=units).select_related("estimate")
    if session is not None and session.plan_id and session.plan.estimate_id:
        lines = EstimateLine.objects.filter(estimate=session.plan.estimate_id).select_related("estimate")
    if session is not None:
        return {"lines": lines}
    return {"communes": AdminUnit.objects.filter(pk__in=units, level=UnitLevel.COMMUNE).current().order_by("name"),
            "plans": Plan.objects.visible_to(user).order_by("-year", "title"), "lines": lines}


def session_create(request):
    if not can_use_dialogues(request.user):
        raise PermissionDenied
    form = SessionForm(request.POST or None, **_form_querysets(request.user))
    if request.method == "POST" and form.is_valid():
        values = {k: v for k, v in form.cleaned_data.items() if k != "commune"}
        try:
            session = services.create_session(commune=form.cleaned_data["commune"], by=request.user,
                                              request=request, **values)
        except ValidationError as error:
            add_form_errors(form, error)
        else:
            messages.success(request, "Đã tạo hội nghị đối thoại.")
            return redirect(session)
    return render(request, "dialogues/session_form.html", {"form": form, "creating": True})


def series_create(request, plan_pk):
    plan = get_object_or_404(Plan.objects.visible_to(request.user), pk=plan_pk)
    if not can_create_series(request.user, plan):
        raise PermissionDenied
    form = SeriesForm(request.POST or None, communes=plan_communes(plan))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            sessions = services.create_series(plan, communes=list(data["communes"]), quarter=data["quarter"],
                                              target=data["target"], theme=data["theme"], by=request.user,
                                              policy_fields=data["policy_fields"], request=request)
        except ValidationError as error:
            add_form_errors(form, error)
        else:
            messages.success(request, f"Đã tạo {len(sessions)} hội nghị đối thoại theo kế hoạch.")
            return redirect("dialogues:plan-sessions", plan_pk=plan.pk)
    existing = plan.dialogue_sessions.select_related("commune")
    return render(request, "dialogues/series_form.html", {"form": form, "plan": plan, "existing": existing})


def plan_sessions(request, plan_pk):
    plan = get_object_or_404(Plan.objects.visible_to(request.user), pk=plan_pk)
    sessions = DialogueSession.objects.visible_to(request.user).filter(plan=plan).select_related(
        "commune").with_counts().order_by("starts_at", "commune__name", "pk")
    return render(request, "dialogues/plan_sessions.html", {
        "plan": plan, "sessions": sessions, "can_series": can_create_series(request.user, plan)})


def session_detail(request, pk):
    session = visible_session(request, pk)
    attendees = session.attendees.select_related("ethnic_group").order_by("is_walk_in", "village", "full_name")
    return render(request, "dialogues/session_detail.html", {
        "session": session, "attendees": attendees, "officials": session.officials.all(),
        "petitions": session.petitions.order_by("-created_at")[:50], "mix": session_mix(session),
        "registered": attendees.filter(is_walk_in=False).count(),
        "present": attendees.filter(present=True).count(), "notes": services.session_notes(session),
        **flags(request.user, session)})


def session_edit(request, pk):
    session = visible_session(request, pk)
    if not flags(request.user, session)["can_run"]:
        raise PermissionDenied
    form = SessionForm(request.POST or None, instance=session, **_form_querysets(request.user, session))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_session(session, by=request.user, request=request, **form.cleaned_data)
        except ValidationError as error:
            add_form_errors(form, error)
        else:
            messages.success(request, "Đã lưu thông tin hội nghị.")
            return redirect(session)
    return render(request, "dialogues/session_form.html", {"form": form, "session": session})


def session_officials(request, pk):
    session = visible_session(request, pk)
    if not flags(request.user, session)["can_run"]:
        raise PermissionDenied
    initial = [{"level": o.level, "position": o.position, "name": o.name} for o in session.officials.all()]
    formset = OfficialFormSet(request.POST or None, initial=initial)
    if request.method == "POST" and formset.is_valid():
        rows = formset.officials()
        services.set_officials(session, rows, by=request.user, request=request)
        messages.success(request, f"Đã lưu {len(rows)} đại biểu.")
        return redirect(session)
    return render(request, "dialogues/officials_form.html", {"session": session, "formset": formset})


@require_POST
def session_transition(request, pk, to):
    session = visible_session(request, pk)
    actions = {"held": services.mark_held, "reported": services.mark_reported}
    if to not in actions:
        return redirect(session)
    try:
        actions[to](session, by=request.user, request=request)
    except ValidationError as error:
        flash_error(request, error)
    else:
        messages.success(request, f"Hội nghị chuyển sang «{session.get_status_display()}».")
    return redirect(session)


def session_minutes(request, pk):
    session = visible_session(request, pk)
    if not flags(request.user, session)["can_run"]:
        raise PermissionDenied
    form = MinutesForm(request.POST or None, instance=DialogueSession.objects.get(pk=pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.save_minutes(session, by=request.user, request=request, **form.cleaned_data)
        except ValidationError as error:
            add_form_errors(form, error)
        else:
            messages.success(request, "Đã lưu biên bản.")
            return redirect(session)
    return render(request, "dialogues/minutes_form.html", {"session": session, "form": form})
