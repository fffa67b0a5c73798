"""The task queue, chosen by ``TASKS_BACKEND``: the database (default) or RQ on Redis.

The database backend needs nothing but PostgreSQL and ``manage.py db_worker``: right for one
server. RQ keeps job polling out of the database when many servers share it; it needs its
Django app, a queue with a Redis URL, and workers started with its job class. Those are set
here, and only when RQ is chosen, so a development machine needs no Redis.
``manage.py worker`` starts the right worker for either (config/management/commands/worker.py).
"""

import logging

from django.core.exceptions import ImproperlyConfigured

logger = logging.getLogger(__name__)

BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "rq": "django_tasks_rq.RQBackend",
}
QUEUE = "default"
# The job class RQ's worker must run our tasks with (django-tasks-rq's shim around Task).
RQ_JOB_CLASS = "django_tasks_rq.Job"
# RQ kills a job running longer than this. Its own default, 180 s, leaves little margin for a
# 100,000-row import (23 s on a quiet machine, several times that under load; read, then
# written) or a plan's sheets of thousands of rows. A worker that dies is found sooner, by
# the job's heartbeat lease (JOB_LEASE_SECONDS) in the database, whatever the backend.
RQ_JOB_TIMEOUT = 3600
# What a job's page says when the queue refused its task (Redis unreachable).
UNQUEUED = ("Hàng đợi xử lý nền không nhận việc này (máy chủ hàng đợi không trả lời); chưa có gì được ghi. "
            "Hãy thử lại sau ít phút.")


def backend_name(value: str | None) -> str:
    """The short name of the backend ``TASKS_BACKEND`` asks for; the full class paths of the two
    supported backends are accepted too (an older environment file may hold them)."""
    value = (value or "").strip() or "database"
    for name, path in BACKENDS.items():
        if value.lower() == name or value == path:
            return name
    raise ImproperlyConfigured(
        f"TASKS_BACKEND={value!r} không được hỗ trợ; dùng «database» hoặc «rq» "
        f"(unsupported task backend; use 'database' or 'rq')."
    )


def tasks(name: str) -> dict:
    """The ``TASKS`` setting for backend ``name``."""
    backend = {"BACKEND": BACKENDS[name]}
    if name == "rq":
        backend["QUEUES"] = [QUEUE]
    return {"default": backend}


def rq_queues(redis_url: str) -> dict:
    """django-rq's ``RQ_QUEUES``: the one queue our tasks use, in Redis at ``redis_url``."""
    return {QUEUE: {"URL": redis_url, "DEFAULT_TIMEOUT": RQ_JOB_TIMEOUT}}


def enqueue_on_commit(task, object_id: int, *, if_refused, **failed) -> None:
    """Queue ``task(object_id)`` once the caller's transaction commits (nothing if it rolls back),
    so a worker on another connection or server finds the job's row.

    The action has committed by then. If the queue refuses the task (Redis unreachable), the error
    is logged and ``if_refused.update(**failed)`` (the job's row, while still queued) marks it
    failed: its page says so and offers a retry, instead of an error page and a job queued for ever.
    """
    from django.db import transaction

    def send() -> None:
        try:
            task.enqueue(object_id)
        except Exception:
            logger.exception("The queue refused %s(%s)", task.module_path, object_id)
            if_refused.update(**failed)

    transaction.on_commit(send)
