"""``transaction.on_commit`` in tests that run inside a transaction, as it behaves in production.

pytest-django wraps each test in a transaction that is rolled back, so nothing ever commits
and on_commit callbacks (the tasks our services queue, the files an issue writes) would never
run. Here they run where production commits: when the outermost atomic block the code opened
ends without error, or at once when the code registers one outside any block of its own. A
block that rolls back drops its callbacks first (Django does that on a savepoint rollback), so
a test sees that a failed action queued nothing. Tests that really commit
(``django_db(transaction=True)``) are left to Django.
"""

import logging

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.transaction import Atomic

logger = logging.getLogger(__name__)


def _committed(connection) -> bool:
    """Only the test's own blocks are open: production would have committed by now."""
    return connection.in_atomic_block and all(block._from_testcase for block in connection.atomic_blocks)


def _run_pending(connection) -> None:
    """Run the callbacks of what production would have committed, in order, each once."""
    while connection.run_on_commit and _committed(connection):
        _, callback, robust = connection.run_on_commit.pop(0)
        if not robust:
            callback()
            continue
        try:
            callback()
        except Exception:
            logger.exception("on_commit callback %s failed", getattr(callback, "__qualname__", callback))


def run_commit_callbacks_as_in_production(monkeypatch) -> None:
    real_exit, real_on_commit = Atomic.__exit__, BaseDatabaseWrapper.on_commit

    def exit_block(self, exc_type, exc_value, traceback):
        suppressed = real_exit(self, exc_type, exc_value, traceback)
        if exc_type is None:
            _run_pending(connections[self.using or DEFAULT_DB_ALIAS])
        return suppressed

    def on_commit(self, func, robust=False):
        real_on_commit(self, func, robust=robust)
        _run_pending(self)

    monkeypatch.setattr(Atomic, "__exit__", exit_block)
    monkeypatch.setattr(BaseDatabaseWrapper, "on_commit", on_commit)
