"""A document made in the background: its progress page (htmx polls it), then the file."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from audit.models import Action
from audit.services import record
from dialogues.files import plan_fingerprint, session_fingerprint
from dialogues.jobs import check_alive, plan_sessions
from dialogues.models import DialogueSession, DocumentJob, JobKind, JobStatus
from plans.models import Plan
from web.downloads import PDF, Download

SLUGS = {JobKind.SIGN_IN: "danh-sach-ky", JobKind.PAYMENT: "chi-tra"}


def _visible_job(request, pk) -> DocumentJob:
    job = get_object_or_404(DocumentJob.objects.visible_to(request.user).select_related("session__commune", "plan"),
                            pk=pk)
    # The user may have lost access to the session or plan since asking for the file.
    if job.session_id and not DialogueSession.objects.visible_to(request.user).filter(pk=job.session_id).exists():
        raise Http404
    if job.plan_id and not Plan.objects.visible_to(request.user).filter(pk=job.plan_id).exists():
        raise Http404
    return check_alive(job)


def _context(request, job: DocumentJob) -> dict:
    if job.kind == JobKind.INVITATIONS:
        again, back = reverse("dialogues:invitations", args=[job.session_id]), job.session.get_absolute_url()
        current = session_fingerprint(job.session)
    else:
        again = reverse("dialogues:plan-sheet", args=[job.plan_id, SLUGS[job.kind], "pdf"])
        back = reverse("dialogues:plan-sessions", args=[job.plan_id])
        current = plan_fingerprint(plan_sessions(job.plan, request.user))
    return {"job": job, "again": again, "back": back, "stale": current != job.fingerprint}


def job_detail(request, pk):
    job = _visible_job(request, pk)
    return render(request, "dialogues/job_detail.html", _context(request, job))


def job_progress(request, pk):
    job = _visible_job(request, pk)
    return render(request, "dialogues/_job_progress.html", _context(request, job))


def job_file(request, pk):
    job = _visible_job(request, pk)
    if job.status != JobStatus.DONE or not job.file:
        raise Http404
    with job.file.open("rb") as stored:
        content = stored.read()
    record(request.user, Action.EXPORT, job.session or job.plan, request=request, description=f"Tải {job.filename}")
    return Download(job.filename, PDF, content).as_response()
