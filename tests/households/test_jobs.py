"""Import jobs that recover: a dead worker is detected, a commit runs once, files have a retention."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from audit.models import Action, AuditEntry
from households.imports import batches
from households.leases import LeaseExpired
from households.models import BatchStatus, Household, ImportBatch
from households.tasks import write_import
from tests.households.workbooks import realistic_list

pytestmark = pytest.mark.django_db
STALLED = "Tiến trình xử lý đã dừng giữa chừng; dữ liệu chưa được ghi. Có thể thử lại."


class WorkerKilled(BaseException):
    """What a SIGKILL looks like from inside: no ``except Exception`` runs, the transaction is lost."""


def _previewed(client, own_unit, upload, name="DS hộ nghèo Hạ Hòa 2024 (bản cuối).xlsx"):
    client.post(reverse("households:import-start"),
                {"commune": own_unit.pk, "year": 2024, "file": upload(realistic_list(), name)})
    batch = ImportBatch.objects.latest("id")
    assert batch.status == BatchStatus.PREVIEW and batch.totals["rejected"] == 0
    return batch


def _kill_during_write(monkeypatch):
    real = batches.apply_plan

    def killed(*args, **kwargs):
        real(*args, **kwargs)  # the households are written in the open transaction, then the worker dies
        raise WorkerKilled

    monkeypatch.setattr(batches, "apply_plan", killed)


def _clean_up():
    call_command("purge_expired_files", stdout=io.StringIO())


def _silent_for(batch, minutes):
    ImportBatch.objects.filter(pk=batch.pk).update(heartbeat_at=timezone.now() - datetime.timedelta(minutes=minutes))


def _commit_entries() -> list[str]:
    """The audit entries of confirming and of writing a commit, oldest first."""
    return list(AuditEntry.objects.filter(action=Action.IMPORT).exclude(object_repr__startswith="Tải lên")
                .order_by("id").values_list("object_repr", flat=True))


def _commit(client, batch):
    return client.post(reverse("households:import-commit", args=[batch.pk]), follow=True).content.decode()


def test_a_worker_killed_mid_commit_is_detected_on_the_batch_page_and_the_batch_can_be_retried(
        client_as, commune_staff, own_unit, upload, monkeypatch):
    client = client_as(commune_staff)
    batch = _previewed(client, own_unit, upload)
    with monkeypatch.context() as patch:
        _kill_during_write(patch)
        _commit(client, batch)
    batch.refresh_from_db()
    assert (batch.status, batch.progress) == (BatchStatus.COMMITTING, 70), "the state M4 found: stuck at 70%"
    assert Household.objects.count() == 0

    _silent_for(batch, 6)
    page = client.get(batch.get_absolute_url()).content.decode()
    batch.refresh_from_db()
    assert batch.status == BatchStatus.FAILED and batch.message == STALLED and batch.retryable
    assert STALLED in page and "Thử lại" in page and "Hủy lần nhập này" in page
    assert "hx-trigger" not in page, "no progress bar polling for ever"

    page = client.post(reverse("households:import-retry", args=[batch.pk]), follow=True).content.decode()
    batch.refresh_from_db()
    assert batch.status == BatchStatus.PREVIEW and batch.totals["new"] == 5 and not batch.retryable
    assert "Xác nhận ghi vào sổ hộ" in page
    _commit(client, batch)
    batch.refresh_from_db()
    assert batch.status == BatchStatus.DONE and Household.objects.count() == 5


def test_a_batch_stopped_mid_reading_can_be_cancelled_and_its_file_is_dropped(client_as, commune_staff, own_unit,
                                                                              upload):
    client = client_as(commune_staff)
    batch = _previewed(client, own_unit, upload)
    ImportBatch.objects.filter(pk=batch.pk).update(status=BatchStatus.READING, progress=40)
    _silent_for(batch, 30)
    response = client.get(reverse("households:import-progress", args=[batch.pk]), HTTP_HX_REQUEST="true")
    assert response["HX-Refresh"] == "true", "the page reloads to show the failure and its buttons"
    page = client.post(reverse("households:import-cancel", args=[batch.pk]), follow=True).content.decode()
    assert "Đã hủy lần nhập tệp" in page
    batch.refresh_from_db()
    assert batch.status == BatchStatus.CANCELLED and bytes(batch.content) == b"" and not batch.retryable


def test_a_batch_whose_worker_still_reports_is_left_running(client_as, commune_staff, own_unit, upload, settings):
    settings.JOB_LEASE_SECONDS = 600
    client = client_as(commune_staff)
    batch = _previewed(client, own_unit, upload)
    ImportBatch.objects.filter(pk=batch.pk).update(status=BatchStatus.COMMITTING, progress=70)
    _silent_for(batch, 9)
    page = client.get(batch.get_absolute_url()).content.decode()
    batch.refresh_from_db()
    assert batch.status == BatchStatus.COMMITTING and "hx-trigger" in page and "Thử lại" not in page
    _clean_up()
    batch.refresh_from_db()
    assert batch.status == BatchStatus.COMMITTING


def test_a_second_ghi_on_the_same_preview_is_refused_and_the_batch_stays_done(client_as, commune_staff, own_unit,
                                                                              upload):
    client = client_as(commune_staff)
    batch = _previewed(client, own_unit, upload)
    stale = ImportBatch.objects.select_related("commune").get(pk=batch.pk)  # what a second request read
    _commit(client, batch)
    with pytest.raises(batches.ValidationError) as refused:
        batches.commit_import(stale, by=commune_staff)
    assert refused.value.messages == ["Tệp này đang được ghi hoặc đã ghi xong."]
    assert "Tệp này đang được ghi hoặc đã ghi xong." in _commit(client, batch)
    batch.refresh_from_db()
    assert batch.status == BatchStatus.DONE and "rỗng" not in batch.message
    assert Household.objects.count() == 5
    assert _commit_entries() == [f"Xác nhận nhập tệp {batch.filename}", f"Đã nhập tệp {batch.filename}"]


def test_a_commit_task_delivered_twice_writes_once(client_as, commune_staff, own_unit, upload):
    client = client_as(commune_staff)
    batch = _previewed(client, own_unit, upload)
    _commit(client, batch)
    write_import.enqueue(batch.pk)
    batch.refresh_from_db()
    assert batch.status == BatchStatus.DONE and batch.message == ""
    assert len(_commit_entries()) == 2


def test_the_clean_up_marks_dead_batches_failed_and_their_queue_rows_too(client_as, commune_staff, own_unit, upload):
    client = client_as(commune_staff)
    batch = _previewed(client, own_unit, upload)
    ImportBatch.objects.filter(pk=batch.pk).update(status=BatchStatus.COMMITTING, progress=70)
    _silent_for(batch, 6)
    an_hour_ago = timezone.now() - datetime.timedelta(hours=1)
    stuck = DBTaskResult.objects.create(
        status=TaskResultStatus.RUNNING, task_path=write_import.module_path, backend_name="default",
        args_kwargs={"args": [batch.pk], "kwargs": {}}, run_after=an_hour_ago, started_at=an_hour_ago,
        exception_class_path="", traceback="")
    other = DBTaskResult.objects.create(
        status=TaskResultStatus.RUNNING, task_path=write_import.module_path, backend_name="default",
        args_kwargs={"args": [batch.pk + 1], "kwargs": {}}, run_after=an_hour_ago, started_at=an_hour_ago,
        exception_class_path="", traceback="")
    _clean_up()
    batch.refresh_from_db()
    stuck.refresh_from_db()
    other.refresh_from_db()
    assert batch.status == BatchStatus.FAILED and batch.message == STALLED
    assert stuck.status == TaskResultStatus.FAILED and stuck.finished_at is not None
    assert import_string(stuck.exception_class_path) is LeaseExpired, "the queue's admin can name the error"
    assert other.status == TaskResultStatus.RUNNING, "another batch's task is not touched"


def _ended(batch, days, **fields):
    ImportBatch.objects.filter(pk=batch.pk).update(ended_at=timezone.now() - datetime.timedelta(days=days), **fields)


def test_files_and_reports_are_deleted_after_the_retention_and_the_page_says_when(client_as, commune_staff, own_unit,
                                                                                 upload):
    client = client_as(commune_staff)
    done = _previewed(client, own_unit, upload, name="đã ghi.xlsx")
    _commit(client, done)
    abandoned = _previewed(client, own_unit, upload, name="bỏ dở.xlsx")
    recent = _previewed(client, own_unit, upload, name="mới.xlsx")
    stalled = _previewed(client, own_unit, upload, name="dừng.xlsx")
    _ended(done, 31)
    _ended(abandoned, 40)
    _ended(recent, 3)
    _ended(stalled, 31, status=BatchStatus.FAILED, retryable=True, message=STALLED)
    due = (timezone.localtime(ImportBatch.objects.get(pk=recent.pk).ended_at) + datetime.timedelta(days=30))
    assert f"sẽ được xóa ngày {due:%d/%m/%Y}" in client.get(recent.get_absolute_url()).content.decode()

    _clean_up()
    for batch in (done, abandoned, recent, stalled):
        batch.refresh_from_db()
    assert done.status == BatchStatus.DONE and done.rows == [] and done.purged_at and done.totals["new"] == 5
    assert abandoned.status == BatchStatus.CANCELLED and bytes(abandoned.content) == b"" and abandoned.rows == []
    assert stalled.status == BatchStatus.FAILED and bytes(stalled.content) == b"" and not stalled.retryable
    assert recent.status == BatchStatus.PREVIEW and bytes(recent.content) and recent.purged_at is None
    assert Household.objects.count() == 5, "the registry itself is never purged"
    page = client.get(done.get_absolute_url()).content.decode()
    assert "đã được xóa lúc" in page and "theo thời hạn lưu giữ" in page and "Tải báo cáo từng dòng" not in page
    assert "Thử lại" not in client.get(stalled.get_absolute_url()).content.decode()
    assert client.get(reverse("households:import-report", args=[done.pk])).status_code == 404


def test_the_retention_period_is_a_setting(client_as, commune_staff, own_unit, upload, settings):
    settings.FILE_RETENTION_DAYS = 7
    client = client_as(commune_staff)
    batch = _previewed(client, own_unit, upload)
    _ended(batch, 8)
    _clean_up()
    batch.refresh_from_db()
    assert batch.status == BatchStatus.CANCELLED and batch.purged_at is not None
