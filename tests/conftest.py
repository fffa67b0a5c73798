import pytest
from django.conf import settings

from areas.models import Role
from tests.commits import run_commit_callbacks_as_in_production
from tests.factories import AdminUnitFactory, AssignmentFactory, ProvinceFactory
from tests.reference import load_reference_data
from tests.rq_worker import rq_chosen, work_off_every_enqueue


def pytest_configure():
    # Hashing passwords at full strength would dominate the suite's time.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Background tasks run at once, in the test's transaction; with TASKS_BACKEND=rq (the second
    # pass of .ci/run) they go through Redis to an RQ worker instead (tests/rq_worker.py).
    if not rq_chosen():
        settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def _commits(request, monkeypatch):
    """``transaction.on_commit`` callbacks (queued tasks, files) run where a real commit would."""
    if "process_dies_after_commit" not in request.fixturenames:
        run_commit_callbacks_as_in_production(monkeypatch)


@pytest.fixture
def process_dies_after_commit():
    """The process is killed right after its transaction commits: no on_commit callback runs."""


@pytest.fixture
def queued_tasks():
    """Each task queued during the test: (task path, its arguments, whether the transaction of the
    action that queued it had ended, as it must have: a worker could not see its rows before)."""
    from django.db import connection
    from django_tasks.signals import task_enqueued

    seen = []

    def remember(sender, task_result, **kwargs):
        ended = all(block._from_testcase for block in connection.atomic_blocks)
        seen.append((task_result.task.module_path, list(task_result.args), ended))

    task_enqueued.connect(remember, weak=False, dispatch_uid="tests.queued_tasks")
    yield seen
    task_enqueued.disconnect(dispatch_uid="tests.queued_tasks")


@pytest.fixture
def queue_refusing(monkeypatch):
    """``with queue_refusing():`` the queue refuses every task, as when Redis does not answer."""
    from contextlib import contextmanager

    from django_tasks import task_backends

    def refuse(self, *args, **kwargs):
        raise ConnectionError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    @contextmanager
    def refusing():
        with monkeypatch.context() as patch:
            patch.setattr(type(task_backends["default"]), "enqueue", refuse)
            yield

    return refusing


@pytest.fixture(autouse=True)
def _rq_worker():
    """With the RQ backend, an RQ worker takes each task the test queues, as the worker would."""
    if not rq_chosen():
        yield
        return
    with work_off_every_enqueue():
        yield


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test rolls its data back (ids come again on SQLite): nothing cached by one is seen by the next."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def reference_data(transactional_db):
    """The data migrations' rows again, for a transactional test run after a flush (tests/reference.py)."""
    load_reference_data()


@pytest.fixture
def province(db):
    return ProvinceFactory(short_name="Phú Thọ", code="25")


@pytest.fixture
def own_unit(province):
    return AdminUnitFactory(short_name="Hạ Hòa", parent=province)


@pytest.fixture
def other_unit(db):
    return AdminUnitFactory(short_name="Sa Loong", parent=ProvinceFactory(short_name="Quảng Ngãi"))


def _user_with(role, unit):
    return AssignmentFactory(role=role, unit=unit).user


@pytest.fixture
def officer(own_unit):
    return _user_with(Role.PLANNER, own_unit)


@pytest.fixture
def commune_staff(own_unit):
    return _user_with(Role.COMMUNE_STAFF, own_unit)


@pytest.fixture
def finance(own_unit):
    return _user_with(Role.FINANCE, own_unit)


@pytest.fixture
def leader(own_unit):
    return _user_with(Role.LEADER, own_unit)


@pytest.fixture
def administrator(own_unit):
    return _user_with(Role.ADMIN, own_unit)


@pytest.fixture
def client_as(client):
    def login(user):
        client.force_login(user)
        return client

    return login


def pytest_collection_modifyitems(config, items):
    # Browser tests run in transactions that end by emptying every table, including the
    # reference data that migrations load (catalog, ethnic groups, poverty standards): run
    # them last so the other tests still find that data.
    items.sort(key=lambda item: "e2e" in item.keywords)
