"""The import services: upload, read in the background, preview, commit in one transaction, cancel."""

import gc
import logging
from contextlib import contextmanager

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from audit.models import Action
from audit.services import diff, record
from households.imports.apply import apply_plan
from households.imports.bulk import store_json
from households.imports.files import FileProblem, check_file, check_size
from households.imports.mapping import (
    FIELD_LABELS,
    MAX_HEIGHT,
    MappingProblem,
    check_fields,
    column_labels,
    fingerprint,
    header_texts,
)
from households.imports.plan import build_plan
from households.imports.workbook import HeaderNotFound, column_letter, read_sheets
from households.models import BatchStatus, ColumnMapping, ImportBatch
from households.permissions import can_import_into

logger = logging.getLogger(__name__)
UNEXPECTED = "Gặp lỗi không mong đợi khi xử lý tệp; không có dữ liệu nào được ghi. Hãy thử lại hoặc báo quản trị."


def start_import(upload, *, commune, year: int, by, request=None) -> ImportBatch:
    """Check the file as a whole, keep it, and queue its reading; nothing is written to the registry."""
    if not can_import_into(by, commune):
        raise PermissionDenied
    try:
        check_size(upload.name, upload.size)
        data = upload.read()
        check_file(upload.name, data)
    except FileProblem as problem:
        raise ValidationError(str(problem)) from None
    with transaction.atomic():
        batch = ImportBatch.objects.create(commune=commune, year=year, filename=upload.name[:255],
                                           size=len(data), content=data, created_by=by)
    # Queued after the batch is committed, so a worker on another connection can see it.
    from households.tasks import read_import

    read_import.enqueue(batch.pk)
    return batch


def _progress(batch_id: int, start: int, span: int):
    """A callback storing the batch's progress; a value already stored is not written again."""
    last = None

    def report(fraction: float) -> None:
        nonlocal last
        value = start + int(span * fraction)
        if value != last:
            ImportBatch.objects.filter(pk=batch_id).update(progress=value)
            last = value

    return report


@contextmanager
def _collector_paused():
    """Pause Python's cycle collector while an import builds its million small objects.

    They hold no reference cycles, yet every full collection walks them all: seconds on a
    100,000-row file. Garbage left by earlier work is collected first, so its memory is reused.
    """
    enabled = gc.isenabled()
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def read_batch(batch_id: int) -> None:
    """Build the preview: every row's outcome and the totals (the background task's work)."""
    with _collector_paused():
        _read_batch(batch_id)


def _read_batch(batch_id: int) -> None:
    batch = ImportBatch.objects.select_related("commune").defer("rows").get(pk=batch_id)
    ImportBatch.objects.filter(pk=batch_id).update(status=BatchStatus.READING, progress=1)
    try:
        plan = build_plan(batch.filename, bytes(batch.content), commune=batch.commune, year=batch.year,
                          progress=_progress(batch_id, 1, 98), sheet_index=batch.sheet_index)
    except HeaderNotFound as problem:
        ImportBatch.objects.filter(pk=batch_id).update(status=BatchStatus.MAPPING, progress=100,
                                                       message=str(problem), mapping=None)
        return
    except FileProblem as problem:
        _fail(batch_id, str(problem))
        return
    except Exception:
        logger.exception("Reading import batch %s failed", batch_id)
        _fail(batch_id, UNEXPECTED)
        return
    _store(batch_id, plan.stored_report(),
           status=BatchStatus.PREVIEW, progress=100, sheet=plan.sheet[:100], columns=plan.columns,
           sheet_index=plan.sheet_index, header_first=plan.header_rows[0], header_last=plan.header_rows[1],
           mapping_id=plan.mapping_id, totals=plan.totals, message="")


def _store(batch_id: int, report: dict, **fields) -> None:
    """Save the row-by-row report (``Plan.stored_report``) and ``fields`` of a batch, together.

    The report of a large file (100,000 rows, about 10 MB of JSON) is streamed to PostgreSQL
    rather than built into one statement, which was the import's memory peak.
    """
    with transaction.atomic():
        store_json(ImportBatch, batch_id, "rows", report)
        ImportBatch.objects.filter(pk=batch_id).update(**fields)


def _fail(batch_id: int, message: str) -> None:
    ImportBatch.objects.filter(pk=batch_id).update(status=BatchStatus.FAILED, progress=100, message=message,
                                                   content=b"")


def commit_import(batch: ImportBatch, *, by, request=None) -> ImportBatch:
    """Queue the commit of a previewed batch that has no rejected row; logged in the audit log."""
    if not is_owner(by, batch):
        raise PermissionDenied
    if batch.status != BatchStatus.PREVIEW:
        raise ValidationError("Lần nhập này không ở bước xem trước nên không thể ghi.")
    if batch.rejected_count:
        raise ValidationError(f"Còn {batch.rejected_count} dòng bị từ chối. Hãy sửa tệp theo báo cáo rồi tải "
                              "lên lại; chưa có dòng nào được ghi.")
    ImportBatch.objects.filter(pk=batch.pk).update(status=BatchStatus.COMMITTING, progress=0)
    record(by, Action.IMPORT, batch, request=request, description=f"Xác nhận nhập tệp {batch.filename}",
           changes={"commune": batch.commune.name, "year": batch.year, "totals": batch.totals})
    from households.tasks import write_import

    write_import.enqueue(batch.pk)
    batch.refresh_from_db()
    return batch


def write_batch(batch_id: int) -> None:
    """Re-read the file against the registry as it is now and write it all, or nothing."""
    with _collector_paused():
        _write_batch(batch_id)


def _write_batch(batch_id: int) -> None:
    batch = ImportBatch.objects.select_related("commune", "created_by").defer("rows").get(pk=batch_id)
    try:
        plan = build_plan(batch.filename, bytes(batch.content), commune=batch.commune, year=batch.year,
                          progress=_progress(batch_id, 0, 60), sheet_index=batch.sheet_index)
        if plan.totals["rejected"]:
            _store(batch_id, plan.stored_report(), status=BatchStatus.PREVIEW, progress=100, totals=plan.totals,
                   message="Danh sách trong hệ thống đã thay đổi từ lúc xem trước; có dòng nay bị từ chối. "
                           "Không có dòng nào được ghi; hãy xem lại báo cáo.")
            return
        ImportBatch.objects.filter(pk=batch_id).update(progress=70)
        with transaction.atomic():  # the households and the batch marked done: both or neither
            written = apply_plan(plan, commune=batch.commune, year=batch.year, by=batch.created_by)
            plan.steps.clear()  # the parsed rows are written: let them go before the report is stored
            _store(batch_id, plan.stored_report(), status=BatchStatus.DONE, progress=100, totals=plan.totals,
                   content=b"", committed_at=timezone.now(), message="")
    except FileProblem as problem:
        _fail(batch_id, str(problem))
        return
    except Exception:
        logger.exception("Writing import batch %s failed", batch_id)
        _fail(batch_id, UNEXPECTED)
        return
    record(batch.created_by, Action.IMPORT, batch, description=f"Đã nhập tệp {batch.filename}",
           changes={"commune": batch.commune.name, "year": batch.year, **written})


@transaction.atomic
def cancel_import(batch: ImportBatch, *, by) -> ImportBatch:
    """Drop a batch that was not committed, and the personal data in its file."""
    if batch.created_by_id != by.pk:
        raise PermissionDenied
    if batch.status not in (BatchStatus.PREVIEW, BatchStatus.FAILED, BatchStatus.MAPPING):
        raise ValidationError("Chỉ hủy được lần nhập đang chờ xác nhận.")
    batch.status, batch.content = BatchStatus.CANCELLED, b""
    batch.save(update_fields=["status", "content"])
    return batch


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
    with transaction.atomic():
        mapping, created = ColumnMapping.objects.get_or_create(
            commune=batch.commune, fingerprint=fingerprint(rows, merges, first, last),
            defaults={"height": last - first + 1, "fields": fields, "created_by": by})
        before = {} if created else dict(mapping.fields)
        mapping.height, mapping.fields, mapping.created_by = last - first + 1, fields, by
        mapping.labels = column_labels(rows, merges, first, last)
        mapping.save()
        ImportBatch.objects.filter(pk=batch.pk).update(
            status=BatchStatus.QUEUED, progress=0, rows=[], totals={}, columns=fields, message="",
            mapping=mapping, sheet_index=sheet_index, header_first=first + 1, header_last=last + 1)
        record(by, Action.CREATE if created else Action.CHANGE, mapping, request=request,
               changes=diff(before, fields), description=f"Ghép cột cho tệp {batch.filename} ({batch.commune.name})")
    from households.tasks import read_import

    read_import.enqueue(batch.pk)
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
