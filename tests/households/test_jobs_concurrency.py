"""Simultaneous «Ghi» and a worker declared dead by another server, with real connections.

Needs real row locks and concurrent transactions, so it runs on PostgreSQL only (CI sets DATABASE_URL).
"""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from audit.models import Action, AuditEntry
from households.imports import batches
from households.models import BatchStatus, Household, ImportBatch
from tests.households.workbooks import realistic_list
from tests.threads import at_once, post_at_once

pytestmark = [pytest.mark.django_db(transaction=True),
              pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent transactions need PostgreSQL")]
BUSY = "Tệp này đang được ghi hoặc đã ghi xong."


def _previewed(commune_staff, own_unit, upload):
    client = Client()
    client.force_login(commune_staff)
    client.post(reverse("households:import-start"),
                {"commune": own_unit.pk, "year": 2024, "file": upload(realistic_list(), "DS hộ nghèo 2024.xlsx")})
    batch = ImportBatch.objects.latest("id")
    assert batch.status == BatchStatus.PREVIEW
    return batch


def test_four_simultaneous_ghi_commit_once_and_tell_the_others(commune_staff, own_unit, upload):
    batch = _previewed(commune_staff, own_unit, upload)
    responses = post_at_once(commune_staff, reverse("households:import-commit", args=[batch.pk]), [{}] * 4,
                             follow=True)
    pages = [response.content.decode() for response in responses]
    batch.refresh_from_db()
    assert batch.status == BatchStatus.DONE and batch.message == ""
    assert Household.objects.count() == 5
    assert sum(BUSY in page for page in pages) == 3
    confirmed = AuditEntry.objects.filter(action=Action.IMPORT, object_repr__startswith="Xác nhận")
    written = AuditEntry.objects.filter(action=Action.IMPORT, object_repr__startswith="Đã nhập")
    assert (confirmed.count(), written.count()) == (1, 1)


def test_a_worker_declared_dead_by_another_server_while_writing_keeps_nothing(commune_staff, own_unit, upload,
                                                                             monkeypatch):
    batch = _previewed(commune_staff, own_unit, upload)
    real = batches.apply_plan

    def written_then_declared_dead(*args, **kwargs):
        written = real(*args, **kwargs)
        assert at_once([another_server_finds_it_silent]) == [1]
        return written

    def another_server_finds_it_silent():
        # On its own connection: the worker's transaction is still open, its heartbeat an hour old.
        ImportBatch.objects.filter(pk=batch.pk).update(heartbeat_at=timezone.now() - datetime.timedelta(hours=1))
        return batches.fail_stalled_batches()

    monkeypatch.setattr(batches, "apply_plan", written_then_declared_dead)
    client = Client()
    client.force_login(commune_staff)
    client.post(reverse("households:import-commit", args=[batch.pk]))
    batch.refresh_from_db()
    assert batch.status == BatchStatus.FAILED and batch.retryable
    assert Household.objects.count() == 0, "the late worker's households are rolled back"
    assert not AuditEntry.objects.filter(action=Action.IMPORT, object_repr__startswith="Đã nhập").exists()
