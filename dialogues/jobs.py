"""Documents expected to take over a second are produced by the task worker, with progress.

Measured on this machine: WeasyPrint lays out about ten invitation letters a second and the
direct sheet path draws about 1,500 table rows a second, so a batch of more than
``INVITATION_LIMIT`` letters, or plan-wide sheets of more than ``SHEET_ROW_LIMIT`` rows, goes
to the worker (``manage.py db_worker``); smaller ones are answered in the request.
A job is kept (and served again) while its list is unchanged. A job whose worker died (no
heartbeat for ``settings.JOB_LEASE_SECONDS``) is marked failed when looked at, and its file is
deleted ``settings.FILE_RETENTION_DAYS`` after it ends (``manage.py purge_expired_files``).
"""

import logging

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from config.queue import UNQUEUED, enqueue_on_commit
from dialogues.models import DialogueSession, DocumentJob, JobKind, JobStatus
from dialogues.permissions import can_see_ethnicity
from dialogues.sheets import in_calling_order
from households.leases import fail_silent, retention_cutoff

logger = logging.getLogger(__name__)
INVITATION_LIMIT = 8
SHEET_ROW_LIMIT = 1500
FAILED = "Gặp lỗi không mong đợi khi tạo tệp. Hãy thử lại hoặc báo quản trị hệ thống."
STALLED = "Tiến trình tạo tệp đã dừng giữa chừng; chưa có tệp nào được tạo. Có thể thử lại."


def plan_sessions(plan, user) -> list[DialogueSession]:
    """The plan's sessions the user sees, in the order the plan-wide files list them."""
    return list(DialogueSession.objects.visible_to(user).filter(plan=plan)
                .select_related("commune__parent", "plan", "budget_line__norm")
                .order_by("starts_at", "commune__name", "pk"))


def invitation_people(session: DialogueSession):
    """Those registered, in the order of the sign-in sheet printed before the meeting."""
    return in_calling_order(session.attendees.filter(is_walk_in=False))


def request_document(kind: str, *, by, filename: str, fingerprint: str, session=None, plan=None) -> DocumentJob:
    """The user's job for this document and list: the one already made or under way, else a new queued one."""
    from dialogues.tasks import produce_document

    if kind == JobKind.INVITATIONS and not can_see_ethnicity(by, session):
        raise PermissionDenied
    subject = {"kind": kind, "session": session, "plan": plan, "requested_by": by}
    fail_stalled_jobs(DocumentJob.objects.filter(**subject))
    with transaction.atomic(durable=True):
        # Requests for the same document at once (a double click, two tabs) wait here for each
        # other: the later one finds the earlier one's job instead of queuing a second one.
        type(session or plan).objects.select_for_update().filter(pk=(session or plan).pk).first()
        kept = DocumentJob.objects.filter(**subject, fingerprint=fingerprint).exclude(status=JobStatus.FAILED).first()
        if kept is not None:
            return kept
        for old in DocumentJob.objects.filter(**subject):
            discard(old)
        job = DocumentJob.objects.create(**subject, fingerprint=fingerprint, filename=filename[:200])
        enqueue_on_commit(produce_document, job.pk, if_refused=DocumentJob.objects.filter(
            pk=job.pk, status=JobStatus.QUEUED), status=JobStatus.FAILED, progress=100, message=UNQUEUED,
            finished_at=timezone.now())
    job.refresh_from_db()
    return job


def discard(job: DocumentJob) -> None:
    """Remove a job and its stored file (a newer list replaces it)."""
    if job.file:
        job.file.delete(save=False)
    job.delete()


def fail_stalled_jobs(jobs=None) -> int:
    """Mark failed every running job, of ``jobs`` or all, whose worker stopped beating; returns how
    many were found dead."""
    from dialogues.tasks import produce_document

    return fail_silent(DocumentJob.objects.all() if jobs is None else jobs, working=[JobStatus.RUNNING],
                       task_for=lambda status: produce_document, status=JobStatus.FAILED, progress=100,
                       message=STALLED, finished_at=timezone.now())


def check_alive(job: DocumentJob) -> DocumentJob:
    """The job as it is, after marking it failed if its worker died (its page calls this)."""
    if job.status == JobStatus.RUNNING and fail_stalled_jobs(DocumentJob.objects.filter(pk=job.pk)):
        job.refresh_from_db(fields=["status", "progress", "message", "finished_at"])
    return job


def purge_expired_jobs() -> int:
    """Delete the jobs, and their files of personal data, that ended longer ago than the retention."""
    expired = DocumentJob.objects.filter(status__in=[JobStatus.DONE, JobStatus.FAILED],
                                         finished_at__lt=retention_cutoff())
    count = 0
    for job in expired:
        discard(job)
        count += 1
    return count


def _progress(job_id: int):
    def report(share: float) -> None:
        DocumentJob.objects.filter(pk=job_id, status=JobStatus.RUNNING).update(
            progress=min(99, max(1, int(share * 100))), heartbeat_at=timezone.now())

    return report


def _content(job: DocumentJob, report) -> bytes:
    from dialogues import documents
    from dialogues.files import sheets_pdf

    user = job.requested_by
    if job.kind == JobKind.INVITATIONS:
        return documents.invitations_pdf(job.session, invitation_people(job.session), progress=report).content
    return sheets_pdf(plan_sessions(job.plan, user), job.kind, user=user, progress=report)


def produce(job_id: int) -> None:
    """Render the job's document and store it (the worker's work), once however often the task runs;
    a failure is recorded, never raised; a job declared dead meanwhile keeps no file."""
    running = DocumentJob.objects.filter(pk=job_id, status=JobStatus.RUNNING)
    if not DocumentJob.objects.filter(pk=job_id, status=JobStatus.QUEUED).update(
            status=JobStatus.RUNNING, progress=1, heartbeat_at=timezone.now()):
        return  # a task run twice, or a job replaced meanwhile
    job = DocumentJob.objects.select_related("requested_by", "session__commune__parent", "plan").get(pk=job_id)
    try:
        content = _content(job, _progress(job_id))
    except Exception:
        logger.exception("Dialogue document job %s failed", job_id)
        running.update(status=JobStatus.FAILED, progress=100, message=FAILED, finished_at=timezone.now())
        return
    job.file.save(f"{job.pk}-{job.fingerprint[:16]}.pdf", ContentFile(content), save=False)
    if not running.update(file=job.file.name, status=JobStatus.DONE, progress=100, finished_at=timezone.now(),
                          heartbeat_at=timezone.now()):
        job.file.delete(save=False)  # declared dead while rendering: its page already offers a retry
