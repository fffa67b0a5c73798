"""`manage.py worker`: the configured backend's worker, warmed up first like a web worker."""

import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV

import documents.pdf
from config.management.commands import worker

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def calls(monkeypatch):
    made = []
    monkeypatch.setattr(documents.pdf, "warm_up", lambda: made.append(("warm_up",)))
    monkeypatch.setattr(worker, "call_command", lambda *args, **options: made.append((*args, options)))
    monkeypatch.delenv(DJANGO_AUTORELOAD_ENV, raising=False)
    return made


def test_the_database_worker_warms_up_before_taking_tasks(calls, settings):
    settings.TASKS_BACKEND, settings.DEBUG = "database", False
    call_command("worker")
    assert calls == [("warm_up",), ("db_worker", {"batch": False, "verbosity": 1})]


def test_the_rq_worker_warms_up_and_runs_with_the_tasks_job_class(calls, settings):
    settings.TASKS_BACKEND = "rq"
    call_command("worker", burst=True)
    assert calls == [("warm_up",), ("rqworker", "default",
                                    {"job_class": "django_tasks_rq.Job", "burst": True, "verbosity": 1})]


def test_in_development_only_the_reloaded_worker_warms_up_not_the_file_watcher(calls, settings, monkeypatch):
    settings.TASKS_BACKEND, settings.DEBUG = "database", True
    call_command("worker")
    assert calls == [("db_worker", {"batch": False, "verbosity": 1})], "the watcher runs no task"
    calls.clear()
    monkeypatch.setenv(DJANGO_AUTORELOAD_ENV, "true")  # the reloaded child that runs the tasks
    call_command("worker")
    assert calls[0] == ("warm_up",)
    calls.clear()
    monkeypatch.delenv(DJANGO_AUTORELOAD_ENV)
    call_command("worker", burst=True)  # no reloader with --burst
    assert calls[0] == ("warm_up",)


def test_make_worker_runs_the_worker_command():
    recipe = subprocess.run(["make", "-n", "worker", "STAMP=Makefile"], cwd=ROOT, capture_output=True, text=True,
                            check=True).stdout
    assert ".venv/bin/python manage.py worker" in recipe
