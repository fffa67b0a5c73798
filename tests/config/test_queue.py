"""The task queue from the environment: the database by default, RQ with Redis when chosen."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from config import queue

ROOT = Path(__file__).resolve().parents[2]
SHOW = ("from django.conf import settings as s; "
        "print(s.TASKS['default']['BACKEND']); print('django_rq' in s.INSTALLED_APPS); "
        "print(getattr(s, 'RQ_QUEUES', {}).get('default', {}).get('URL')); print(getattr(s, 'RQ', {}).get('JOB_CLASS'))")


def _settings(**env) -> list[str]:
    clean = {k: v for k, v in os.environ.items()
             if k not in ("TASKS_BACKEND", "REDIS_URL", "DATABASE_URL") and not k.startswith("DJANGO_")}
    result = subprocess.run([sys.executable, "manage.py", "shell", "-c", SHOW], cwd=ROOT, env={**clean, **env},
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout.split()[-4:]


@pytest.mark.parametrize("value", [None, "", "  ", "database", "django_tasks_db.DatabaseBackend"])
def test_nothing_or_database_is_the_database_backend(value):
    assert queue.backend_name(value) == "database"
    assert queue.tasks("database") == {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.mark.parametrize("value", ["rq", " rq\n", "RQ", "django_tasks_rq.RQBackend"])
def test_rq_by_its_short_name_or_class_path(value):
    assert queue.backend_name(value) == "rq"
    assert queue.tasks("rq") == {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}


@pytest.mark.parametrize("value", ["redis", "django_tasks.backends.immediate.ImmediateBackend", "rq,database",
                                   "celery"])
def test_an_unknown_backend_stops_the_start_with_a_message_naming_the_choices(value):
    with pytest.raises(ImproperlyConfigured) as refused:
        queue.backend_name(value)
    assert "«database» hoặc «rq»" in str(refused.value)


def test_the_queue_waits_longer_than_rq_default_for_a_large_import():
    assert queue.rq_queues("redis://10.0.0.5:6379/2") == {
        "default": {"URL": "redis://10.0.0.5:6379/2", "DEFAULT_TIMEOUT": 3600}}


def test_the_database_backend_needs_no_redis_and_installs_no_rq_app():
    backend, rq_app, url, job_class = _settings()
    assert backend == "django_tasks_db.DatabaseBackend"
    assert (rq_app, url, job_class) == ("False", "None", "None")


def test_rq_gets_its_app_queue_redis_and_job_class_from_the_environment():
    backend, rq_app, url, job_class = _settings(TASKS_BACKEND="rq", REDIS_URL="redis://127.0.0.1:6379/4")
    assert (backend, rq_app, url) == ("django_tasks_rq.RQBackend", "True", "redis://127.0.0.1:6379/4")
    assert job_class == "django_tasks_rq.Job", "`manage.py rqworker` run by hand must use the tasks' job class"


def test_production_with_rq_requires_redis_url():
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_") and k != "REDIS_URL"}
    env.update(DJANGO_ENV="production", SECRET_KEY="x" * 60, DATABASE_URL="postgres://u@127.0.0.1/x",
               ALLOWED_HOSTS="example.org", CACHE_URL="locmem://", TASKS_BACKEND="rq")
    result = subprocess.run([sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode != 0
    assert "DJANGO_ENV=production cần biến môi trường REDIS_URL" in result.stderr


def test_django_checks_pass_with_the_rq_backend():
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(TASKS_BACKEND="rq", REDIS_URL="redis://127.0.0.1:6379/4")
    result = subprocess.run([sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout
