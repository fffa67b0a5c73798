"""The import services: upload, read in the background, preview, commit in one transaction, cancel.

Every status change is a conditional update (``filter(status=…).update(…)``): a double click, a
task run twice or a worker declared dead can never act on a batch another one holds. A
background step claims the batch first and, before its result is stored, checks that it still
holds it (``_hold``); a step that lost its lease (``leases``) has its work rolled back.
"""

import logging
import math
import time

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from areas import versioned
from audit.models import Action
from audit.services import diff, record
from config.queue import UNQUEUED, enqueue_on_commit
from households.filters import HOUSEHOLD_COMMUNES
from households.imports.apply import apply_plan
from households.imports.bulk import store_json
from households.imports.mapping import (
    FIELD_LABELS,
    MAX_HEIGHT,
    MappingProblem,
    check_fields,
    column_labels,
    fingerprint,
    header_texts,
)
from households.imports.plan import CORRECTION_FIELDS, build_plan
from households.imports.report import pending_extract, pending_xlsx
from households.imports.workbook import HeaderNotFound, column_letter, read_sheets
from households.leases import fail_silent, retention_cutoff
from households.models import BatchStatus, ColumnMapping, ImportBatch
from households.models.batch import MAX_UPLOAD_BYTES
from households.permissions import can_import_into
from spreadsheets import SpreadsheetProblem, check_file, check_size

logger = logging.getLogger(__name__)
UNEXPECTED = "Gặp lỗi không mong đợi khi xử lý tệp; không có dữ liệu nào được ghi. Hãy thử lại hoặc báo quản trị."
STALLED = "Tiến trình xử lý đã dừng giữa chừng; dữ liệu chưa được ghi. Có thể thử lại."
BUSY = "Tệp này đang được ghi hoặc đã ghi xong."
PROGRESS_SECONDS = 0.5
WORKING = (BatchStatus.READING, BatchStatus.COMMITTING)
# A batch waiting for the officer holds the file until then; it is dropped after the retention too.
IDLE = (BatchStatus.PREVIEW, BatchStatus.MAPPING, BatchStatus.FAILED, BatchStatus.DONE, BatchStatus.CANCELLED)


class LeaseLost(Exception):
    """The batch left the status this step holds (declared dead, cancelled): its work is dropped."""


def start_import(upload, *, commune, year: int, by, request=None) -> ImportBatch:
    """Check the file as a whole, keep it, and queue its reading; nothing is written to the registry."""
    if not can_import_into(by, commune):
        raise PermissionDenied
    try:
        check_size(upload.name, upload.size, MAX_UPLOAD_BYTES)
        data = upload.read()
        check_file(upload.name, data, max_bytes=MAX_UPLOAD_BYTES)
    except SpreadsheetProblem as problem:
        raise ValidationError(str(problem)) from None
    with transaction.atomic(durable=True):
        batch = ImportBatch.objects.create(commune=commune, year=year, filename=upload.name[:255],
                                           size=len(data), content=data, created_by=by)
        _enqueue("read_import", batch.pk)
    return batch


def _enqueue(name: str, batch_id: int) -> None:
    """Queue a task when the caller's transaction commits; an action rolled back queues nothing, and
    a batch whose task the queue refused is failed, to be retried."""
    from households import tasks

    enqueue_on_commit(getattr(tasks, name), batch_id, if_refused=ImportBatch.objects.filter(
        pk=batch_id, status__in=(BatchStatus.QUEUED, BatchStatus.COMMIT_QUEUED)), status=BatchStatus.FAILED,
        progress=100, message=UNQUEUED, retryable=True, ended_at=timezone.now())


def _claim(batch_id: int, *, source: str, target: str, **fields) -> bool:
    """Move a batch from ``source`` to ``target`` if nobody moved it first."""
    return bool(ImportBatch.objects.filter(pk=batch_id, status=source).update(
        status=target, heartbeat_at=timezone.now(), **fields))


def _hold(batch_id: int, status: str, **fields) -> None:
    """Beat the batch's heartbeat if it is still in ``status``; inside a transaction the row stays
    locked until it ends, so nobody declares it dead meanwhile."""
    if not ImportBatch.objects.filter(pk=batch_id, status=status).update(heartbeat_at=timezone.now(), **fields):
        raise LeaseLost(batch_id)


def _progress(batch_id: int, start: int, span: int, status: str):
    """A callback storing the batch's progress and heartbeat, a new value at most every
    PROGRESS_SECONDS: each is a commit of its own, and the progress bar asks once a second."""
    last, written_at = None, -math.inf

    def report(fraction: float) -> None:
        nonlocal last, written_at
        value = start + int(span * fraction)
        if value != last and (now := time.monotonic()) - written_at >= PROGRESS_SECONDS:
            _hold(batch_id, status, progress=value)
            last, written_at = value, now

    return report


def read_batch(batch_id: int) -> None:
    """Build the preview: every row's outcome and the totals (the background task's work)."""
    if not _claim(batch_id, source=BatchStatus.QUEUED, target=BatchStatus.READING, progress=1):
        return  # a task run twice, or the batch was cancelled while queued
    batch = ImportBatch.objects.select_related("commune").defer("rows").get(pk=batch_id)
    try:
        plan = build_plan(batch.filename, bytes(batch.content), commune=batch.commune, year=batch.year,
                          progress=_progress(batch_id, 1, 98, BatchStatus.READING), sheet_index=batch.sheet_index,
                          batch=batch, corrections=batch.corrections)  # ID look-ups: households.id_lookups
        pending = pending_extract(batch.filename, bytes(batch.content), plan)
    except HeaderNotFound as problem:
        _settle(batch_id, BatchStatus.READING, status=BatchStatus.MAPPING, progress=100, message=str(problem),
                mapping=None)
        return
    except SpreadsheetProblem as problem:
        _fail(batch_id, BatchStatus.READING, str(problem))
        return
    except LeaseLost:
        return
    except Exception:
        logger.exception("Reading import batch %s failed", batch_id)
        _fail(batch_id, BatchStatus.READING, UNEXPECTED)
        return
    _store(batch_id, plan.stored_report(), held=BatchStatus.READING,
           status=BatchStatus.PREVIEW, progress=100, sheet=plan.sheet[:100], columns=plan.columns,
           sheet_index=plan.sheet_index, header_first=plan.header_rows[0], header_last=plan.header_rows[1],
           mapping_id=plan.mapping_id, totals=plan.totals, class_counts=plan.classes, pending=pending, message="")


def _store(batch_id: int, report: dict, *, held: str, **fields) -> bool:
    """Save the row-by-row report (``Plan.stored_report``) and ``fields`` of a batch still in
    ``held``, together; False (nothing saved) if the batch left it.

    The report of a large file (100,000 rows, about 10 MB of JSON) is streamed to PostgreSQL
    rather than built into one statement, which was the import's memory peak.
    """
    try:
        with transaction.atomic():
            _hold(batch_id, held)
            store_json(ImportBatch, batch_id, "rows", report)
            ImportBatch.objects.filter(pk=batch_id).update(ended_at=timezone.now(), **fields)
    except LeaseLost:
        logger.warning("Import batch %s left status %s before its result was stored", batch_id, held)
        return False
    return True


def _settle(batch_id: int, held: str, **fields) -> None:
    """End a background step of a batch still in ``held``."""
    ImportBatch.objects.filter(pk=batch_id, status=held).update(ended_at=timezone.now(), **fields)


def _fail(batch_id: int, held: str, message: str) -> None:
    _settle(batch_id, held, status=BatchStatus.FAILED, progress=100, message=message, content=b"")


def commit_import(batch: ImportBatch, *, by, request=None) -> ImportBatch:
    """Queue the commit of a previewed batch's good rows, once however often it is asked; the rows not
    imported stay with the batch to be finished later. Logged in the audit log."""
    if not is_owner(by, batch):
        raise PermissionDenied
    if batch.status in (BatchStatus.COMMIT_QUEUED, BatchStatus.COMMITTING, BatchStatus.DONE):
        raise ValidationError(BUSY)
    if batch.status != BatchStatus.PREVIEW:
        raise ValidationError("Lần nhập này không ở bước xem trước nên không thể ghi.")
    if not batch.imported_count:
        raise ValidationError("Không có dòng nào nhập được. Hãy sửa các dòng theo báo cáo (trên trang này hoặc "
                              "trong tệp) rồi thử lại.")
    with transaction.atomic(durable=True):
        if not _claim(batch.pk, source=BatchStatus.PREVIEW, target=BatchStatus.COMMIT_QUEUED, progress=0,
                      ended_at=None):
            raise ValidationError(BUSY)  # another request took it between our read and our update
        record(by, Action.IMPORT, batch, request=request, description=f"Xác nhận nhập tệp {batch.filename}",
               changes={"commune": batch.commune.name, "year": batch.year, "totals": batch.totals})
        _enqueue("write_import", batch.pk)
    batch.refresh_from_db(fields=["status", "progress", "message", "heartbeat_at", "ended_at", "committed_at"])
    return batch


def write_batch(batch_id: int) -> None:
    """Re-read the file against the registry as it is now and write it all, or nothing."""
    if not _claim(batch_id, source=BatchStatus.COMMIT_QUEUED, target=BatchStatus.COMMITTING):
        return  # a task run twice: the first one writes
    batch = ImportBatch.objects.select_related("commune", "created_by").defer("rows").get(pk=batch_id)
    try:
        plan = build_plan(batch.filename, bytes(batch.content), commune=batch.commune, year=batch.year,
                          progress=_progress(batch_id, 0, 60, BatchStatus.COMMITTING), sheet_index=batch.sheet_index,
                          corrections=batch.corrections)
        previewed = batch.totals.get("rejected", 0)
        pending = pending_extract(batch.filename, bytes(batch.content), plan)
        _hold(batch_id, BatchStatus.COMMITTING, progress=70)
        with transaction.atomic():  # the households, the batch marked done and its audit entry: all or nothing
            written = apply_plan(plan, commune=batch.commune, year=batch.year, by=batch.created_by, batch=batch)
            versioned.bump(HOUSEHOLD_COMMUNES)  # written in bulk, without signals: the commune filter's options
            plan.steps.clear()  # the parsed rows are written: let them go before the report is stored
            message = "" if plan.totals["rejected"] <= previewed else (
                "Danh sách trong hệ thống đã thay đổi từ lúc xem trước: thêm "
                f"{plan.totals['rejected'] - previewed} dòng chưa nhập được; xem lý do trong báo cáo.")
            if not _store(batch_id, plan.stored_report(), held=BatchStatus.COMMITTING, status=BatchStatus.DONE,
                          progress=100, totals=plan.totals, class_counts=plan.classes, pending=pending,
                          content=b"", committed_at=timezone.now(), message=message):
                raise LeaseLost(batch_id)
            record(batch.created_by, Action.IMPORT, batch, description=f"Đã nhập tệp {batch.filename}",
                   changes={"commune": batch.commune.name, "year": batch.year, **written,
                            "not_imported": plan.totals["rejected"]})
    except LeaseLost:
        return  # declared dead meanwhile: the households written above are rolled back
    except SpreadsheetProblem as problem:
        _fail(batch_id, BatchStatus.COMMITTING, str(problem))
    except Exception:
        logger.exception("Writing import batch %s failed", batch_id)
        _fail(batch_id, BatchStatus.COMMITTING, UNEXPECTED)


def fail_stalled_batches(batches=None) -> int:
    """Mark failed (keeping the file, so it can be retried) every reading or committing batch, of
    ``batches`` or all, whose worker stopped beating. Returns how many were found dead."""
    from households.tasks import read_import, write_import

    return fail_silent(ImportBatch.objects.all() if batches is None else batches, working=WORKING,
                       task_for=lambda status: read_import if status == BatchStatus.READING else write_import,
                       status=BatchStatus.FAILED, progress=100, message=STALLED, retryable=True,
                       ended_at=timezone.now())


def check_alive(batch: ImportBatch) -> ImportBatch:
    """The batch as it is, after marking it failed if its worker died (the batch page calls this)."""
    if batch.status in WORKING and fail_stalled_batches(ImportBatch.objects.filter(pk=batch.pk)):
        batch.refresh_from_db(fields=["status", "progress", "message", "retryable", "ended_at"])
    return batch


def retry_import(batch: ImportBatch, *, by, request=None) -> ImportBatch:
    """Read again the kept file of a batch whose worker died: a fresh preview, then a new «Ghi»."""
    if not is_owner(by, batch):
        raise PermissionDenied
    with transaction.atomic(durable=True):
        if not ImportBatch.objects.filter(pk=batch.pk, status=BatchStatus.FAILED, retryable=True).update(
                status=BatchStatus.QUEUED, progress=0, message="", retryable=False, rows=[], totals={},
                ended_at=None, heartbeat_at=None):
            raise ValidationError("Lần nhập này không thử lại được; hãy tải tệp lên lại.")
        record(by, Action.IMPORT, batch, request=request, description=f"Thử lại lần nhập tệp {batch.filename}",
               changes={"commune": batch.commune.name, "year": batch.year})
        _enqueue("read_import", batch.pk)
    batch.refresh_from_db(fields=["status", "progress", "message", "retryable", "ended_at", "totals"])
    return batch


CANCELLABLE = (BatchStatus.PREVIEW, BatchStatus.FAILED, BatchStatus.MAPPING)


@transaction.atomic
def cancel_import(batch: ImportBatch, *, by) -> ImportBatch:
    """Drop a batch that was not committed, and the personal data in its file."""
    if batch.created_by_id != by.pk:
        raise PermissionDenied
    if not ImportBatch.objects.filter(pk=batch.pk, status__in=CANCELLABLE).update(
            status=BatchStatus.CANCELLED, content=b"", retryable=False, ended_at=timezone.now()):
        raise ValidationError("Chỉ hủy được lần nhập đang chờ xác nhận.")
    batch.status, batch.retryable = BatchStatus.CANCELLED, False
    return batch


def purge_expired_batches() -> int:
    """Delete the uploaded file and the row-by-row report (names, ID numbers) of every batch idle for
    longer than the retention period; a preview never confirmed is cancelled. Returns how many."""
    expired = ImportBatch.objects.filter(status__in=IDLE, purged_at__isnull=True,
                                         ended_at__lt=retention_cutoff())
    now = timezone.now()
    with transaction.atomic():
        expired.filter(status__in=CANCELLABLE).exclude(status=BatchStatus.FAILED).update(
            status=BatchStatus.CANCELLED, message="Quá thời hạn lưu giữ mà chưa xác nhận ghi nên lần nhập đã "
                                                  "được hủy; chưa có dữ liệu nào được ghi.")
        return expired.update(content=b"", rows=[], pending={}, corrections={}, retryable=False, purged_at=now)


def correct_row(batch: ImportBatch, *, row: int, values: dict[str, str], by, request=None,
                past: bool | None = None) -> ImportBatch:
    """Keep the officer's correction of one row of a previewed batch (and, unless ``past`` is None,
    whether its note of past participation is accepted) and read the file again, so the row is
    checked by the import's own rules (and against the other rows); audited."""
    if not is_owner(by, batch):
        raise PermissionDenied
    if batch.status != BatchStatus.PREVIEW:
        raise ValidationError("Chỉ sửa được dòng khi tệp đang chờ xác nhận.")
    report = {item["row"]: item for item in batch.rows if item["outcome"] != "skipped"}
    if row not in report:
        raise ValidationError(f"Tệp không có dòng dữ liệu số {row}.")
    values = {name: str(values.get(name, "")).strip()[:200] for name in CORRECTION_FIELDS}
    corrections = {**batch.corrections, str(row): values}
    accepted = set(batch.past_accepted) if past is None else set(batch.past_accepted) - {row} | ({row} if past else set())
    with transaction.atomic(durable=True):
        if not ImportBatch.objects.filter(pk=batch.pk, status=BatchStatus.PREVIEW).update(
                status=BatchStatus.QUEUED, progress=0, corrections=corrections, message="", ended_at=None,
                heartbeat_at=None, past_accepted=sorted(accepted)):
            raise ValidationError(BUSY)
        before = report[row]
        record(by, Action.CHANGE, batch, request=request, description=f"Sửa dòng {row} của tệp {batch.filename}",
               changes={"row": row, "before": {k: before.get(k) for k in ("code", "name", "village", "outcome")},
                        "after": {k: v for k, v in values.items() if k != "id_number"},
                        "id_number_changed": values["id_number"] != (before.get("id") or "")})
        _enqueue("read_import", batch.pk)
    batch.refresh_from_db()
    return batch


def continue_pending(batch: ImportBatch, *, by, request=None) -> ImportBatch:
    """A new batch holding just the rows a written batch could not import (its «còn N dòng chưa nhập»),
    to correct in the browser and write; the rows already written are matched, never duplicated."""
    if not is_owner(by, batch):
        raise PermissionDenied
    if batch.status != BatchStatus.DONE or not batch.pending:
        raise ValidationError("Lần nhập này không còn dòng nào chưa nhập.")
    download = pending_xlsx(batch)
    with transaction.atomic(durable=True):
        follow = ImportBatch.objects.create(commune=batch.commune, year=batch.year, filename=download.filename,
                                            size=len(download.content), content=download.content,
                                            created_by=by, continues=batch)
        record(by, Action.IMPORT, follow, request=request,
               description=f"Nhập tiếp {len(batch.pending['rows'])} dòng chưa nhập của tệp {batch.filename}",
               changes={"commune": batch.commune.name, "year": batch.year, "from_batch": batch.pk})
        _enqueue("read_import", follow.pk)
    return follow


def is_owner(user, batch: ImportBatch) -> bool:
    """Only the officer who uploaded a batch, still working for its commune, may map, commit or cancel it."""
    return batch.created_by_id == user.pk and can_import_into(user, batch.commune)


def map_columns(batch: ImportBatch, *, sheet_index: int, first: int, last: int, columns: dict[int, str], by,
                request=None) -> ImportBatch:
    """Remember the officer's mapping for this header layout (per commune) and read the file again with it."""
    if not is_owner(by, batch):
        raise PermissionDenied
    if batch.status not in (BatchStatus.MAPPING, BatchStatus.PREVIEW):
        raise ValidationError("Chỉ ghép cột được khi tệp đang chờ ghép cột hoặc chờ xác nhận.")
    sheets = list(read_sheets(batch.filename, bytes(batch.content), only=sheet_index))
    if not sheets:
        raise ValidationError("Tệp không có trang tính đã chọn.")
    rows, merges = sheets[0][2], sheets[0][3]
    fields = _fields(columns, rows, merges, first, last)
    with transaction.atomic(durable=True):
        mapping, created = ColumnMapping.objects.get_or_create(
            commune=batch.commune, fingerprint=fingerprint(rows, merges, first, last),
            defaults={"height": last - first + 1, "fields": fields, "created_by": by})
        before = {} if created else dict(mapping.fields)
        mapping.height, mapping.fields, mapping.created_by = last - first + 1, fields, by
        mapping.labels = column_labels(rows, merges, first, last)
        mapping.save()
        if not ImportBatch.objects.filter(pk=batch.pk, status__in=(BatchStatus.MAPPING, BatchStatus.PREVIEW)).update(
                status=BatchStatus.QUEUED, progress=0, rows=[], totals={}, columns=fields, message="",
                mapping=mapping, sheet_index=sheet_index, header_first=first + 1, header_last=last + 1,
                ended_at=None, heartbeat_at=None):
            raise ValidationError("Chỉ ghép cột được khi tệp đang chờ ghép cột hoặc chờ xác nhận.")
        record(by, Action.CREATE if created else Action.CHANGE, mapping, request=request,
               changes=diff(before, fields), description=f"Ghép cột cho tệp {batch.filename} ({batch.commune.name})")
        _enqueue("read_import", batch.pk)
    batch.refresh_from_db()
    return batch


def _fields(columns: dict[int, str], rows, merges, first: int, last: int) -> dict[str, int]:
    if not 0 <= first <= last < len(rows) or last - first >= MAX_HEIGHT:
        raise ValidationError(f"Dòng tiêu đề phải nằm trong trang tính và gồm tối đa {MAX_HEIGHT} dòng.")
    if not any(label for labels in header_texts(rows, merges, first, last) for label in labels):
        raise ValidationError(f"Dòng {first + 1} không có chữ nào nên không dùng làm dòng tiêu đề được.")
    fields: dict[str, int] = {}
    for col, name in sorted(columns.items()):
        if name in fields:
            raise ValidationError(f"Trường «{FIELD_LABELS.get(name, name)}» được chọn cho cả cột "
                                  f"{column_letter(fields[name])} và cột {column_letter(col)}; mỗi trường chỉ một cột.")
        fields[name] = col
    try:
        check_fields(fields, max(len(r) for r in rows))
    except MappingProblem as problem:
        raise ValidationError(str(problem)) from None
    return fields
