"""With TASKS_BACKEND=rq, a household list goes from upload to registry through Redis and a real
`manage.py worker` process (its own database connection), as on a province's servers.

Runs in the RQ pass of .ci/run (TASKS_BACKEND=rq, REDIS_URL), on PostgreSQL: the worker process
needs the test database committed and reachable from outside this process.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.urls import reverse
from django_tasks.signals import task_enqueued

from households.models import BatchStatus, Household, ImportBatch
from tests.households.workbooks import realistic_list
from tests.rq_worker import rq_chosen

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not rq_chosen(), reason="the RQ pass of .ci/run (TASKS_BACKEND=rq)"),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the worker process needs a shared database"),
]


@pytest.fixture
def queue():
    """The queue, left for the worker process: the tests' in-process worker is switched off."""
    import django_rq

    task_enqueued.disconnect(dispatch_uid="tests.rq_worker")
    queue = django_rq.get_queue("default")
    queue.empty()
    yield queue
    queue.empty()


def _work_off(queue) -> str:
    """Run `manage.py worker --burst` in its own process against the test database; its log."""
    db = connection.settings_dict
    url = f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    env = {**os.environ, "DATABASE_URL": url, "DEBUG": "0"}
    result = subprocess.run([sys.executable, "manage.py", "worker", "--burst"], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    assert queue.count == 0
    return result.stdout + result.stderr


def test_a_list_is_read_and_written_by_a_separate_rq_worker(queue, commune_staff, own_unit):
    client = Client()
    client.force_login(commune_staff)
    client.post(reverse("households:import-start"),
                {"commune": own_unit.pk, "year": 2024, "file": SimpleUploadedFile("DS hộ nghèo 2024.xlsx", realistic_list())})
    batch = ImportBatch.objects.get()
    assert batch.status == BatchStatus.QUEUED and queue.count == 1, "queued in Redis, not run in the request"

    log = _work_off(queue)
    batch.refresh_from_db()
    assert batch.status == BatchStatus.PREVIEW and batch.totals["new"] == 5
    assert "households.tasks.read_import" in log and "Job OK" in log

    url = reverse("households:import-commit", args=[batch.pk])
    pages = [client.post(url, follow=True).content.decode() for _ in range(2)]  # a double click
    assert queue.count == 1 and "Tệp này đang được ghi hoặc đã ghi xong." in pages[1]
    _work_off(queue)
    batch.refresh_from_db()
    assert batch.status == BatchStatus.DONE and Household.objects.filter(commune=own_unit).count() == 5
