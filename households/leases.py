"""Leases and retention of background jobs (imports here, dialogue documents too).

A running job writes a heartbeat as it progresses; one silent for longer than
``settings.JOB_LEASE_SECONDS`` lost its worker (killed, out of memory, a database outage) and
is marked failed by whoever looks first: the page showing it, or ``purge_expired_files``.
Both read the database, so it works with any number of web servers and workers. Files
holding personal data are kept ``settings.FILE_RETENTION_DAYS`` after their job ends.
"""

import datetime

from django.conf import settings
from django.db.models import Q
from django.utils import timezone


class LeaseExpired(Exception):
    """Recorded on the task-queue row of a job whose worker stopped beating."""


def silent_since(cutoff: datetime.datetime) -> Q:
    """Jobs whose last heartbeat (or, never beaten, their creation) is older than ``cutoff``."""
    return Q(heartbeat_at__lt=cutoff) | Q(heartbeat_at__isnull=True, created_at__lt=cutoff)


def lease_cutoff() -> datetime.datetime:
    return timezone.now() - datetime.timedelta(seconds=settings.JOB_LEASE_SECONDS)


def retention_cutoff() -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=settings.FILE_RETENTION_DAYS)


def purge_date(ended_at: datetime.datetime | None) -> datetime.datetime | None:
    """When the files of a job that ended at ``ended_at`` are (or were) deleted."""
    return ended_at + datetime.timedelta(days=settings.FILE_RETENTION_DAYS) if ended_at else None


def fail_silent(jobs, *, working, task_for, **fields) -> int:
    """Apply ``fields`` (a failed status, a reason) to each of ``jobs`` in a ``working`` status whose
    worker stopped beating, and fail its task-queue row; returns how many were found dead.

    Each update is conditional on the silence still holding: a worker storing its result holds
    the row locked, and once it commits the job is no longer in a working status.
    """
    model, count = jobs.model, 0
    for pk, status in jobs.filter(silent_since(lease_cutoff()), status__in=working).values_list("pk", "status"):
        if model.objects.filter(silent_since(lease_cutoff()), pk=pk, status=status).update(**fields):
            fail_task_results(task_for(status), pk)
            count += 1
    return count


def fail_task_results(task, object_id: int) -> None:
    """Mark the task-queue rows of a dead job failed too, so no task shows RUNNING for ever."""
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING, task_path=task.module_path,
                                args_kwargs__args__0=object_id, started_at__lt=lease_cutoff()).update(
        status=TaskResultStatus.FAILED, finished_at=timezone.now(), return_value=None,
        exception_class_path=f"{LeaseExpired.__module__}.{LeaseExpired.__qualname__}",
        traceback="The worker stopped reporting progress (lease expired); the job was marked failed.")
