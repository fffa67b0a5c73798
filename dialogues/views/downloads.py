"""Downloads of a session or a plan: invitations, sign-in and payment sheets (PDF, XLSX), minutes, report.

Each export of personal data is logged in the audit trail (domain.md §7.4).
"""

import hashlib

from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Max
from django.shortcuts import get_object_or_404, redirect

from audit.models import Action
from audit.services import record
from dialogues import documents
from dialogues.exports import sheets_xlsx
from dialogues.models import DialogueSession, SessionStatus
from dialogues.pdfsheet import render_sheets
from dialogues.permissions import can_see_ethnicity
from dialogues.sheets import payment_sheet, sign_in_sheet, stamp
from dialogues.views.common import visible_session
from documents.downloads import PDF, XLSX, Download
from plans.models import Plan

KINDS = {"danh-sach-ky": "sign_in", "chi-tra": "payment"}


def _fingerprint(session: DialogueSession) -> str:
    """Changes whenever the session or anyone on its list changes, so a cached sheet is never stale."""
    agg = session.attendees.aggregate(n=Count("pk"), last=Max("updated_at"))
    raw = f"{session.pk}:{session.updated_at.isoformat()}:{agg['n']}:{agg['last'] and agg['last'].isoformat()}"
    return hashlib.sha256(raw.encode()).hexdigest()


def _session_sheet(session, kind: str, *, show_ethnicity: bool):
    return sign_in_sheet(session, show_ethnicity=show_ethnicity) if kind == "sign_in" else payment_sheet(session)


def session_sheets_pdf(sessions, kind: str, *, user) -> bytes:
    """One PDF of the sheets; a single session's file is cached until its list changes."""
    sheets = [_session_sheet(s, kind, show_ethnicity=can_see_ethnicity(user, s)) for s in sessions]
    return render_sheets(sheets, title="Danh sách hội nghị đối thoại")


def _cached_pdf(session, kind, user) -> bytes:
    key = f"dialogues-sheet:{kind}:{can_see_ethnicity(user, session)}:{_fingerprint(session)}"
    content = cache.get(key)
    if content is None:
        content = session_sheets_pdf([session], kind, user=user)
        cache.set(key, content, 3600)
    return content


def session_sheet(request, pk, kind, fmt):
    session = visible_session(request, pk)
    sheet_kind = KINDS.get(kind)
    if sheet_kind is None or fmt not in ("pdf", "xlsx"):
        return redirect(session)
    name = f"{kind}-{session.commune.short_name}-{session.year}-{stamp()}.{fmt}"
    if fmt == "pdf":
        download = Download(name, PDF, _cached_pdf(session, sheet_kind, request.user))
    else:
        download = Download(name, XLSX, sheets_xlsx([session], kind=sheet_kind,
                                                     show_ethnicity=can_see_ethnicity(request.user, session)))
    record(request.user, Action.EXPORT, session, request=request, description=f"Tải {name}")
    return download.as_response()


def plan_sheet(request, plan_pk, kind, fmt):
    plan = get_object_or_404(Plan.objects.visible_to(request.user), pk=plan_pk)
    sheet_kind = KINDS.get(kind)
    sessions = list(DialogueSession.objects.visible_to(request.user).filter(plan=plan)
                    .select_related("commune__parent", "plan", "budget_line__norm").order_by("starts_at", "commune__name", "pk"))
    if sheet_kind is None or fmt not in ("pdf", "xlsx") or not sessions:
        messages.warning(request, "Kế hoạch chưa có hội nghị đối thoại nào để in danh sách.")
        return redirect("dialogues:plan-sessions", plan_pk=plan.pk)
    name = f"{kind}-ke-hoach-{plan.year}-{stamp()}.{fmt}"
    if fmt == "pdf":
        content = session_sheets_pdf(sessions, sheet_kind, user=request.user)
        download = Download(name, PDF, content)
    else:
        show = all(can_see_ethnicity(request.user, s) for s in sessions)
        download = Download(name, XLSX, sheets_xlsx(sessions, kind=sheet_kind, show_ethnicity=show))
    record(request.user, Action.EXPORT, plan, request=request, description=f"Tải {name}")
    return download.as_response()


def invitations(request, pk, attendee_pk=None):
    session = visible_session(request, pk)
    if not can_see_ethnicity(request.user, session):
        raise PermissionDenied
    people = session.attendees.filter(is_walk_in=False).order_by("village", "full_name", "pk")
    if attendee_pk is not None:
        people = people.filter(pk=attendee_pk)
    people = list(people)
    if not people:
        messages.warning(request, "Chưa có người nào trong danh sách để in giấy mời.")
        return redirect(session)
    download = documents.invitations_pdf(session, people)
    record(request.user, Action.EXPORT, session, request=request, description=f"Giấy mời ({len(people)} người)")
    return download.as_response()


def minutes(request, pk, fmt):
    session = visible_session(request, pk)
    if session.status not in (SessionStatus.HELD, SessionStatus.REPORTED) or not session.proceedings:
        messages.warning(request, "Biên bản chỉ có khi hội nghị đã tổ chức và đã ghi diễn biến.")
        return redirect(session)
    return documents.minutes_download(session, "pdf" if fmt == "pdf" else "docx").as_response()


def report_file(request, plan_pk, fmt):
    plan = get_object_or_404(Plan.objects.visible_to(request.user), pk=plan_pk)
    return documents.report_download(plan, "pdf" if fmt == "pdf" else "docx").as_response()
