"""Registration by commune staff: search as you type, suggestions with reasons, fill to target, the live mix."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from dialogues import mixfill, registration
from dialogues.forms import CONSENT_LABEL, CitizenForm
from dialogues.mix import session_mix
from dialogues.permissions import can_register, can_run_session
from dialogues.priority import candidates, related_commune_ids, suggest
from dialogues.views.common import error_text, visible_session
from households.models import Household

SEARCH_LIMIT = 20


def _context(request, session, **extra) -> dict:
    attendees = session.attendees.filter(is_walk_in=False).order_by("-registered_at", "-pk")
    return {"session": session, "attendees": attendees, "count": attendees.count(), "mix": session_mix(session),
            "suggestions": suggest(session), "consent_label": CONSENT_LABEL,
            "citizen_form": extra.pop("citizen_form", None) or CitizenForm(), **extra}


def _require(request, session):
    if not can_register(request.user, session):
        if session.accepts_registration:
            raise PermissionDenied
        messages.error(request, f"Hội nghị đang ở trạng thái «{session.get_status_display()}», "
                                "không nhận đăng ký.")
        return False
    return True


def register_page(request, pk):
    session = visible_session(request, pk)
    if not _require(request, session):
        return redirect(session)
    return render(request, "dialogues/register.html", _context(request, session))


def register_search(request, pk):
    session = visible_session(request, pk)
    if not can_register(request.user, session):
        raise PermissionDenied
    query = request.GET.get("q", "").strip()[:100]
    results = []
    if query:
        households = (Household.objects.visible_to(request.user)
                      .filter(commune__in=related_commune_ids(session.commune)).search(query))
        results = candidates(session, households, limit=SEARCH_LIMIT)
    return render(request, "dialogues/_search_results.html", {"session": session, "results": results, "q": query})


def _respond(request, session, *, message=None, level="success", error=None, **extra):
    context = _context(request, session, **extra)
    context.update(flash=message, flash_level=level, error=error)
    return render(request, "dialogues/_register_panel.html", context)


@require_POST
def register_add(request, pk):
    session = visible_session(request, pk)
    household = get_object_or_404(Household.objects.visible_to(request.user), pk=request.POST.get("household"))
    try:
        result = registration.register_household(session, household, by=request.user, request=request,
                                                 consent=request.POST.get("consent") == "on")
    except ValidationError as error:
        return _respond(request, session, error=error_text(error))
    text = f"Đã đăng ký {household.head_name}."
    return _respond(request, session, message=" ".join([text, *result.warnings]),
                    level="warning" if result.warnings else "success")


@require_POST
def register_new(request, pk):
    session = visible_session(request, pk)
    form = CitizenForm(request.POST)
    if not form.is_valid():
        return _respond(request, session, citizen_form=form, error="Kiểm tra lại thông tin người được mời.")
    data = {k: v for k, v in form.cleaned_data.items() if k not in ("consent", "full_name")}
    try:
        result = registration.register_citizen(session, by=request.user, request=request, consent=form.cleaned_data["consent"],
                                               full_name=form.cleaned_data["full_name"], **data)
    except ValidationError as error:
        return _respond(request, session, citizen_form=form, error=error_text(error))
    return _respond(request, session, message=f"Đã đăng ký {result.attendee.full_name} (ngoài sổ hộ).")


@require_POST
def register_fill(request, pk):
    session = visible_session(request, pk)
    try:
        done = registration.fill_to_target(session, by=request.user, request=request,
                                           consent=request.POST.get("consent") == "on")
    except ValidationError as error:
        return _respond(request, session, error=error_text(error))
    warnings = [w for r in done for w in r.warnings]
    aims = [f"{n.trait.lower()} {n.aim} %" for n in mixfill.needs(session, 0)]
    text = f"Đã đăng ký thêm {len(done)} người theo thứ tự ưu tiên."
    if aims:
        text = (f"Đã đăng ký thêm {len(done)} người theo thứ tự ưu tiên, giữ tỷ lệ dự kiến "
                f"({', '.join(aims)}).")
    if len(done) == 0:
        text = "Không còn hộ nào trong xã để gợi ý."
    warnings = mixfill.shortfalls(session) + warnings
    return _respond(request, session, message=" ".join([text, *warnings[:5]]),
                    level="warning" if warnings or not done else "success")


@require_POST
def register_remove(request, pk, attendee_pk):
    session = visible_session(request, pk)
    if not can_run_session(request.user, session):
        raise PermissionDenied
    attendee = session.attendees.filter(pk=attendee_pk).first()
    if attendee is None:  # a second click on «Bỏ», or a colleague removed them first
        return _respond(request, session, message="Người này đã không còn trong danh sách.", level="info")
    try:
        registration.unregister(attendee, by=request.user, request=request)
    except ValidationError as error:
        return _respond(request, session, error=error_text(error))
    return _respond(request, session, message=f"Đã bỏ {attendee.full_name} khỏi danh sách.")
