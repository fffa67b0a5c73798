"""The tests' RQ worker, for the pass of .ci/run with ``TASKS_BACKEND=rq``.

Each task a test queues goes through Redis (django-tasks-rq's backend, serialised as in
production) and is taken at once by RQ's own worker loop (``SimpleWorker`` in burst mode, with
django-tasks-rq's job class), in the test's process and so in its database transaction: the
tests written for the immediate backend check the same outcomes through the real queue. A test
that needs a worker in its own process starts ``manage.py worker`` (tests/queue/test_rq_worker.py).
"""

import os
import threading
from contextlib import contextmanager


def rq_chosen() -> bool:
    return os.environ.get("TASKS_BACKEND", "").strip() in ("rq", "django_tasks_rq.RQBackend")


def _worker_class():
    from rq import SimpleWorker
    from rq.timeouts import TimerDeathPenalty

    class TestWorker(SimpleWorker):
        # The double-submit tests queue from several threads: no signal handlers there.
        death_penalty_class = TimerDeathPenalty

        def _install_signal_handlers(self):
            pass

    return TestWorker


@contextmanager
def work_off_every_enqueue():
    """Empty the test queue, then run a burst of the worker after each task is queued."""
    import django_rq
    from django_tasks.signals import task_enqueued
    from django_tasks_rq import Job

    from config.queue import QUEUE

    queue = django_rq.get_queue(QUEUE, job_class=Job)
    queue.empty()
    worker_class, busy = _worker_class(), threading.local()

    def work(sender, **kwargs):
        if getattr(busy, "working", False):
            return  # a task queued by a task: this burst takes it too
        busy.working = True
        try:
            worker_class([queue], connection=queue.connection, job_class=Job).work(burst=True, logging_level="WARNING")
        finally:
            busy.working = False

    task_enqueued.connect(work, dispatch_uid="tests.rq_worker")
    try:
        yield queue
    finally:
        task_enqueued.disconnect(dispatch_uid="tests.rq_worker")
