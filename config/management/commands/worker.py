"""``manage.py worker``: the task worker of the configured backend, warmed up like a web worker.

TASKS_BACKEND=database runs ``manage.py db_worker``; TASKS_BACKEND=rq runs
``manage.py rqworker default --job-class django_tasks_rq.Job`` (RQ needs that job class to run
Django tasks). Either way the process first lays out a made-up document and cuts the DOCX font
subsets (``documents.pdf.warm_up``), as config/wsgi.py does for gunicorn, so the worker's first
real document does not pay ~3 s for it. RQ forks each job from this warmed process.
"""

import os

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV

from config import queue


class Command(BaseCommand):
    help = "Chạy bộ xử lý tác vụ nền theo TASKS_BACKEND (database hoặc rq), nạp sẵn phông chữ trước."

    def add_arguments(self, parser):
        parser.add_argument("--burst", action="store_true", help="Chạy hết các tác vụ đang chờ rồi dừng.")

    def handle(self, *, burst: bool, verbosity: int, **options):
        if not self._reloader_parent(burst):
            from documents.pdf import warm_up

            warm_up()
        if settings.TASKS_BACKEND == "rq":
            call_command("rqworker", queue.QUEUE, job_class=queue.RQ_JOB_CLASS, burst=burst, verbosity=verbosity)
        else:
            call_command("db_worker", batch=burst, verbosity=verbosity)

    @staticmethod
    def _reloader_parent(burst: bool) -> bool:
        """In development db_worker reloads on code changes: the process that only watches the files
        runs no task, so it need not warm up (the child it starts does)."""
        return (settings.TASKS_BACKEND == "database" and settings.DEBUG and not burst
                and os.environ.get(DJANGO_AUTORELOAD_ENV) != "true")
