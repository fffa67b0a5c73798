"""Check-in at the venue: one tap per person, walk-ins; taps are queued on the phone and replayed."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from dialogues import registration
from dialogues.forms import CONSENT_LABEL, WalkInForm
from dialogues.permissions import can_check_in, can_run_session
from dialogues.views.common import error_text, visible_session


def checkin_page(request, pk):
    session = visible_session(request, pk)
    if not can_run_session(request.user, session):
        raise PermissionDenied
    if not can_check_in(request.user, session):
        from django.contrib import messages

        messages.error(request, f"Chỉ điểm danh khi hội nghị đã lên lịch hoặc đang tổ chức "
                                f"(hiện tại: «{session.get_status_display()}»).")
        return redirect(session)
    attendees = session.attendees.order_by("is_walk_in", "village", "full_name", "pk")
    return render(request, "dialogues/checkin.html", {
        "session": session, "attendees": attendees, "form": WalkInForm(), "consent_label": CONSENT_LABEL,
        "present": sum(a.present for a in attendees)})


@require_POST
def checkin_tap(request, pk):
    """JSON in and out; setting (not toggling) presence makes a replayed tap harmless."""
    session = visible_session(request, pk)
    if not can_run_session(request.user, session):
        raise PermissionDenied
    try:
        attendee_id = int(request.POST.get("attendee", "0") or 0)
        if not 0 < attendee_id < 2**63:  # beyond a database key: refused before any query
            raise ValueError(attendee_id)
        attendee = registration.check_in(session, attendee_id,
                                         present=request.POST.get("present") == "1", by=request.user,
                                         request=request)
    except ValidationError as error:
        return JsonResponse({"ok": False, "error": error_text(error)}, status=409)
    except ValueError:
        return JsonResponse({"ok": False, "error": "Yêu cầu không hợp lệ."}, status=400)
    return JsonResponse({"ok": True, "attendee": attendee.pk, "present": attendee.present,
                         "count": session.attendees.filter(present=True).count()})


@require_POST
def checkin_walk_in(request, pk):
    session = visible_session(request, pk)
    form = WalkInForm(request.POST)
    if not form.is_valid():
        problems = "; ".join(f"{form.fields[f].label if f in form.fields else ''}: {' '.join(e)}"
                             for f, e in form.errors.items())
        return JsonResponse({"ok": False, "error": problems}, status=400)
    data = {k: v for k, v in form.cleaned_data.items() if k not in ("consent", "full_name", "client_ref")}
    try:
        attendee = registration.add_walk_in(session, by=request.user, request=request,
                                            client_ref=form.cleaned_data["client_ref"],
                                            full_name=form.cleaned_data["full_name"],
                                            consent=form.cleaned_data["consent"], **data)
    except ValidationError as error:
        return JsonResponse({"ok": False, "error": error_text(error)}, status=409)
    return JsonResponse({"ok": True, "attendee": attendee.pk, "name": attendee.full_name,
                         "village": attendee.village, "client_ref": attendee.client_ref,
                         "count": session.attendees.filter(present=True).count()})
