"""Import tasks are queued when the officer's action commits, once, and never for an action rolled back."""

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from config.queue import UNQUEUED
from households.imports import batches
from households.models import BatchStatus, Household, ImportBatch
from tests.households.workbooks import realistic_list
from tests.threads import post_at_once

BUSY = "Tệp này đang được ghi hoặc đã ghi xong."
READ, WRITE = "households.tasks.read_import", "households.tasks.write_import"


def _upload(client, own_unit, upload, name="DS hộ nghèo Hạ Hòa 2024.xlsx"):
    return client.post(reverse("households:import-start"),
                       {"commune": own_unit.pk, "year": 2024, "file": upload(realistic_list(), name)})


def _previewed(client, own_unit, upload):
    _upload(client, own_unit, upload)
    batch = ImportBatch.objects.latest("id")
    assert batch.status == BatchStatus.PREVIEW
    return batch


def _failing_audit(monkeypatch, description_start: str):
    real = batches.record

    def record(*args, description="", **kwargs):
        if description.startswith(description_start):
            raise RuntimeError("audit log unavailable")
        return real(*args, description=description, **kwargs)

    monkeypatch.setattr(batches, "record", record)


@pytest.mark.django_db
def test_an_upload_queues_its_reading_once_after_its_transaction_ends(client_as, commune_staff, own_unit, upload,
                                                                     queued_tasks):
    _upload(client_as(commune_staff), own_unit, upload)
    batch = ImportBatch.objects.get()
    assert queued_tasks == [(READ, [batch.pk], True)]


@pytest.mark.django_db
def test_a_double_click_on_commit_queues_one_write(client_as, commune_staff, own_unit, upload, queued_tasks):
    client = client_as(commune_staff)
    batch = _previewed(client, own_unit, upload)
    url = reverse("households:import-commit", args=[batch.pk])
    first, second = (client.post(url, follow=True).content.decode() for _ in range(2))
    assert BUSY not in first and BUSY in second
    assert [task for task in queued_tasks if task[0] == WRITE] == [(WRITE, [batch.pk], True)]
    batch.refresh_from_db()
    assert batch.status == BatchStatus.DONE and Household.objects.count() == 5


@pytest.mark.django_db
def test_a_commit_rolled_back_queues_nothing_and_can_be_confirmed_again(client_as, commune_staff, own_unit, upload,
                                                                        queued_tasks, monkeypatch):
    batch = _previewed(client_as(commune_staff), own_unit, upload)
    with monkeypatch.context() as patch:
        _failing_audit(patch, "Xác nhận nhập tệp")
        with pytest.raises(RuntimeError):
            batches.commit_import(batch, by=commune_staff)
    batch.refresh_from_db()
    assert batch.status == BatchStatus.PREVIEW, "the claim is rolled back with the audit entry"
    assert [task for task in queued_tasks if task[0] == WRITE] == []
    batches.commit_import(batch, by=commune_staff)
    batch.refresh_from_db()
    assert batch.status == BatchStatus.DONE and [t[0] for t in queued_tasks].count(WRITE) == 1


@pytest.mark.django_db
def test_a_retry_rolled_back_queues_nothing(client_as, commune_staff, own_unit, upload, queued_tasks, monkeypatch):
    batch = _previewed(client_as(commune_staff), own_unit, upload)
    ImportBatch.objects.filter(pk=batch.pk).update(status=BatchStatus.FAILED, retryable=True)
    batch.refresh_from_db()
    queued_tasks.clear()
    _failing_audit(monkeypatch, "Thử lại")
    with pytest.raises(RuntimeError):
        batches.retry_import(batch, by=commune_staff)
    batch.refresh_from_db()
    assert (batch.status, batch.retryable, queued_tasks) == (BatchStatus.FAILED, True, [])


@pytest.mark.django_db
def test_a_row_correction_rolled_back_queues_nothing_and_keeps_the_preview(client_as, commune_staff, own_unit, upload,
                                                                           queued_tasks, monkeypatch):
    batch = _previewed(client_as(commune_staff), own_unit, upload)
    row = next(item["row"] for item in batch.rows if item["outcome"] != "skipped")
    queued_tasks.clear()
    _failing_audit(monkeypatch, "Sửa dòng")
    with pytest.raises(RuntimeError):
        batches.correct_row(batch, row=row, values={"name": "Lò Văn Sửa"}, by=commune_staff)
    batch.refresh_from_db()
    assert (batch.status, batch.corrections, queued_tasks) == (BatchStatus.PREVIEW, {}, [])


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent transactions need PostgreSQL")
def test_two_simultaneous_commits_from_two_servers_queue_one_write(commune_staff, own_unit, upload, queued_tasks):
    client = Client()
    client.force_login(commune_staff)
    batch = _previewed(client, own_unit, upload)
    responses = post_at_once(commune_staff, reverse("households:import-commit", args=[batch.pk]), [{}, {}],
                             follow=True)
    assert sum(BUSY in response.content.decode() for response in responses) == 1
    assert [task for task in queued_tasks if task[0] == WRITE] == [(WRITE, [batch.pk], True)]
    batch.refresh_from_db()
    assert batch.status == BatchStatus.DONE and Household.objects.count() == 5


@pytest.mark.django_db
def test_an_upload_the_queue_refuses_is_failed_with_a_retry_not_an_error_page(client_as, commune_staff, own_unit,
                                                                              upload, queue_refusing):
    client = client_as(commune_staff)
    with queue_refusing():
        response = _upload(client, own_unit, upload)
    batch = ImportBatch.objects.get()
    assert response.status_code == 302
    assert (batch.status, batch.retryable, batch.message) == (BatchStatus.FAILED, True, UNQUEUED)
    page = client.get(batch.get_absolute_url()).content.decode()
    assert UNQUEUED in page and "Thử lại" in page

    client.post(reverse("households:import-retry", args=[batch.pk]))  # Redis answers again
    batch.refresh_from_db()
    assert batch.status == BatchStatus.PREVIEW and batch.totals["new"] == 5


@pytest.mark.django_db
def test_a_commit_the_queue_refuses_writes_nothing_and_can_be_retried(client_as, commune_staff, own_unit, upload,
                                                                      queue_refusing):
    client = client_as(commune_staff)
    batch = _previewed(client, own_unit, upload)
    with queue_refusing():
        page = client.post(reverse("households:import-commit", args=[batch.pk]), follow=True).content.decode()
    batch.refresh_from_db()
    assert (batch.status, batch.retryable, Household.objects.count()) == (BatchStatus.FAILED, True, 0)
    assert UNQUEUED in page
    client.post(reverse("households:import-retry", args=[batch.pk]))
    client.post(reverse("households:import-commit", args=[batch.pk]))
    batch.refresh_from_db()
    assert batch.status == BatchStatus.DONE and Household.objects.count() == 5
