"""Downloads of a session or a plan: invitations, sign-in and payment sheets (PDF, XLSX), minutes, report.

Each export of personal data is logged in the audit trail (domain.md §7.4). Large batches go to
the task worker (dialogues.jobs) and the user is sent to the job's progress page.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from audit.models import Action
from audit.services import record
from dialogues import documents, jobs
from dialogues.files import (
    cached_session_pdf,
    plan_fingerprint,
    session_fingerprint,
    sheet_rows,
    sheets_pdf,
    sheets_xlsx,
)
from dialogues.models import JobKind
from dialogues.permissions import can_see_ethnicity
from dialogues.rates import missing_rates
from dialogues.sheets import stamp
from dialogues.views.common import visible_session
from plans.models import Plan
from web.downloads import PDF, XLSX, Download

KINDS = {"danh-sach-ky": "sign_in", "chi-tra": "payment", "dai-bieu": "officials"}
LETTER_FORMATS = ("pdf", "docx")


def _options(request, kind: str) -> dict:
    """«?so-le=1»: odd rows sign on the left, even on the right; «?de-trong=1» (payment): amounts left blank."""
    options = {"stagger": request.GET.get("so-le") == "1"}
    if kind == "payment":
        options["blank_amounts"] = request.GET.get("de-trong") == "1"
    return options


def _unavailable(request, sessions, kind: str, options: dict, *, back):
    """The page that says which rate each session lacks, where to set it, and offers blank amounts."""
    if kind != "payment" or options["blank_amounts"]:
        return None
    lacking = [(s, missing) for s in sessions if (missing := missing_rates(s))]
    if not lacking:
        return None
    query = request.GET.copy()
    query["de-trong"] = "1"
    return render(request, "dialogues/payment_unavailable.html",
                  {"lacking": lacking, "blank_url": f"{request.path}?{query.urlencode()}", "back": back})


def session_sheet(request, pk, kind, fmt):
    session = visible_session(request, pk)
    sheet_kind = KINDS.get(kind)
    if sheet_kind is None or fmt not in ("pdf", "xlsx"):
        return redirect(session)
    options = _options(request, sheet_kind)
    if page := _unavailable(request, [session], sheet_kind, options, back=session.get_absolute_url()):
        return page
    name = f"{kind}-{session.commune.short_name}-{session.year}-{stamp()}.{fmt}"
    if fmt == "pdf":
        download = Download(name, PDF, cached_session_pdf(session, sheet_kind, user=request.user, **options))
    else:
        download = Download(name, XLSX, sheets_xlsx([session], sheet_kind, user=request.user, **options))
    record(request.user, Action.EXPORT, session, request=request, description=f"Tải {name}")
    return download.as_response()


def plan_sheet(request, plan_pk, kind, fmt):
    plan = get_object_or_404(Plan.objects.visible_to(request.user), pk=plan_pk)
    sheet_kind = KINDS.get(kind)
    sessions = jobs.plan_sessions(plan, request.user)
    if sheet_kind is None or fmt not in ("pdf", "xlsx") or not sessions:
        messages.warning(request, "Kế hoạch chưa có hội nghị đối thoại nào để in danh sách.")
        return redirect("dialogues:plan-sessions", plan_pk=plan.pk)
    options = _options(request, sheet_kind)
    back = reverse("dialogues:plan-sessions", args=[plan.pk])
    if page := _unavailable(request, sessions, sheet_kind, options, back=back):
        return page
    name = f"{kind}-ke-hoach-{plan.year}-{stamp()}.{fmt}"
    big = sheet_kind != "officials" and sheet_rows(sessions) > jobs.SHEET_ROW_LIMIT
    if fmt == "pdf" and big and not any(options.values()):  # the worker draws the usual layout
        job = jobs.request_document(sheet_kind, by=request.user, plan=plan, filename=name,
                                    fingerprint=plan_fingerprint(sessions))
        return redirect(job)
    if fmt == "pdf":
        download = Download(name, PDF, sheets_pdf(sessions, sheet_kind, user=request.user, **options))
    else:
        download = Download(name, XLSX, sheets_xlsx(sessions, sheet_kind, user=request.user, **options))
    record(request.user, Action.EXPORT, plan, request=request, description=f"Tải {name}")
    return download.as_response()


def invitations(request, pk, attendee_pk=None):
    session = visible_session(request, pk)
    if not can_see_ethnicity(request.user, session):
        raise PermissionDenied
    people = jobs.invitation_people(session)
    if attendee_pk is not None:
        people = [p for p in people if p.pk == attendee_pk]
    if not people:
        messages.warning(request, "Chưa có người nào trong danh sách để in giấy mời.")
        return redirect(session)
    if len(people) > jobs.INVITATION_LIMIT:
        job = jobs.request_document(JobKind.INVITATIONS, by=request.user, session=session,
                                    filename=documents.invitations_name(session, people),
                                    fingerprint=session_fingerprint(session))
        return redirect(job)
    download = documents.invitations_pdf(session, people)
    record(request.user, Action.EXPORT, session, request=request, description=f"Giấy mời ({len(people)} người)")
    return download.as_response()


def minutes(request, pk, fmt):
    session = visible_session(request, pk)
    if fmt not in LETTER_FORMATS:
        raise Http404
    if not session.was_held or not session.proceedings:
        messages.warning(request, "Biên bản chỉ có khi hội nghị đã tổ chức và đã ghi diễn biến.")
        return redirect(session)
    download = documents.minutes_download(session, "pdf" if fmt == "pdf" else "docx")
    record(request.user, Action.EXPORT, session, request=request,
           changes={"document": "minutes", "format": fmt})
    return download.as_response()


def report_file(request, plan_pk, fmt):
    plan = get_object_or_404(Plan.objects.visible_to(request.user), pk=plan_pk)
    if fmt not in LETTER_FORMATS:  # «bao-cao.xlsx» is no report: never a Word file under that name
        raise Http404
    if not plan.dialogue_sessions.exists():  # a report of «0/0 hội nghị» is nothing to sign
        messages.warning(request, "Kế hoạch chưa có hội nghị đối thoại nào nên chưa có báo cáo kết quả.")
        return redirect("dialogues:plan-report", plan_pk=plan.pk)
    download = documents.report_download(plan, "pdf" if fmt == "pdf" else "docx")
    record(request.user, Action.EXPORT, plan, request=request,
           changes={"document": "dialogue result report", "format": fmt})
    return download.as_response()
