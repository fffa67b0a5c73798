"""An estimate import from upload to undo: read in the worker, compared, replacing by default, undoable.

The lines are matched by sub-project, group, content and unit (a group renamed in the file: by
sub-project, content and unit): a line found in the file and in the estimate is the same line (its
payments stay with it), so importing the file the app exported changes nothing (the comparing:
``budgets.import_diff``). The lines an import replaced are kept on its record; undo puts them back.
"""

import datetime
from collections import defaultdict

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from audit.models import Action
from audit.services import record
from budgets import permissions as perms
from budgets.checks import below_paid
from budgets.import_diff import (
    ImportDiff,
    import_diff,
    line_values,
    pair,
    snapshot,
    with_sheet_choices,
)
from budgets.imports import read_workbook
from budgets.models import (
    Estimate,
    EstimateGroup,
    EstimateImport,
    EstimateLine,
    FundingSource,
    ImportMode,
    ImportStatus,
    SubProject,
)
from budgets.models.estimates import line_amount
from config.queue import UNQUEUED, enqueue_on_commit
from vntext import nfc, search_key

PREVIEW_LIFETIME = datetime.timedelta(hours=1)


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


# -- upload and reading (the worker) ---------------------------------------------------------------

def start_import(estimate: Estimate, data: bytes, *, filename: str, by) -> EstimateImport:
    """Keep the uploaded file and queue its reading; nothing is written to the estimate."""
    from budgets import tasks

    _require(perms.can_edit_estimate(by, estimate))
    with transaction.atomic(durable=True):
        EstimateImport.objects.filter(status__in=[ImportStatus.PREVIEW, ImportStatus.FAILED],
                                      created_at__lt=timezone.now() - PREVIEW_LIFETIME).delete()
        staged = EstimateImport.objects.create(estimate=estimate, created_by=by, status=ImportStatus.QUEUED,
                                               filename=filename[:255], content=data)
        enqueue_on_commit(tasks.read_estimate_import, staged.pk, if_refused=EstimateImport.objects.filter(
            pk=staged.pk, status=ImportStatus.QUEUED), status=ImportStatus.FAILED, progress=100, content=b"",
            problems=[UNQUEUED])
    return staged


def read_import(staged_id: int) -> None:
    """Read a queued file once (claimed by a conditional update), storing progress, preview or problems."""
    if not EstimateImport.objects.filter(pk=staged_id, status=ImportStatus.QUEUED).update(
            status=ImportStatus.READING, progress=1):
        return
    staged = EstimateImport.objects.select_related("estimate").get(pk=staged_id)
    try:
        result = read_workbook(bytes(staged.content), filename=staged.filename or "dự toán.xlsx",
                               preferred=_preferred_codes(staged.estimate),
                               progress=_progress(staged_id))
    except Exception:  # noqa: BLE001 - a file the reader did not foresee is a failed import, never a stuck one
        _settle(staged_id, status=ImportStatus.FAILED,
                problems=["Không đọc được tệp (tệp hỏng hoặc định dạng lạ); hãy lưu lại bằng Excel rồi tải lên."])
        raise
    groups = [{"title": g.title, "sub": g.sub_project, "sheet": g.sheet, "lines": g.lines} for g in result.groups]
    sheets = [{"name": s.name, "sub": s.sub_project, "how": s.how, "lines": s.lines} for s in result.sheets]
    _settle(staged_id, status=ImportStatus.FAILED if result.problems else ImportStatus.PREVIEW,
            problems=[str(p) for p in result.problems[:500]], notices=result.notices, sheets=sheets,
            groups=[] if result.problems else groups, line_count=result.line_count)


def _settle(staged_id: int, **fields) -> None:
    EstimateImport.objects.filter(pk=staged_id, status=ImportStatus.READING).update(
        progress=100, content=b"", **fields)


def _progress(staged_id: int):
    last = 0

    def report(fraction: float) -> None:
        nonlocal last
        value = 1 + int(98 * fraction)
        if value > last:
            EstimateImport.objects.filter(pk=staged_id, status=ImportStatus.READING).update(progress=value)
            last = value

    return report


STALLED = ("Tệp chưa đọc xong sau thời gian cho phép (bộ xử lý nền có thể đã dừng); chưa nhập dòng nào. "
           "Hãy tải tệp lên lại.")


def check_alive(staged: EstimateImport) -> EstimateImport:
    """Mark a reading that outlived the job lease as failed, so its page never waits forever."""
    from django.conf import settings

    deadline = timezone.now() - datetime.timedelta(seconds=settings.JOB_LEASE_SECONDS)
    if staged.is_running and staged.created_at < deadline:
        EstimateImport.objects.filter(pk=staged.pk, status__in=[ImportStatus.QUEUED, ImportStatus.READING],
                                      created_at__lt=deadline).update(
            status=ImportStatus.FAILED, progress=100, content=b"", problems=[STALLED])
        staged.refresh_from_db(fields=["status", "progress", "problems"])
    return staged


def _preferred_codes(estimate: Estimate) -> set[str]:
    """Sub-projects the estimate already uses: a bare «TDA2» means the one of them."""
    codes = set(estimate.groups.exclude(sub_project=None).values_list("sub_project__code", flat=True))
    return codes | ({estimate.sub_project.code} if estimate.sub_project_id else set())


# -- writing ----------------------------------------------------------------------------------------

class _Writer:
    """Makes the estimate's lines those of ``groups``: matched lines updated in place, others added or removed."""

    def __init__(self, estimate: Estimate):
        self.estimate = estimate
        self.subs = dict(SubProject.objects.values_list("code", "pk"))
        self.sources = dict(FundingSource.objects.values_list("code", "pk"))
        self.groups: dict[tuple, EstimateGroup] = {}
        for group in estimate.groups.all():
            self.groups.setdefault(self._group_key(group.sub_project_id or estimate.sub_project_id, group.title),
                                   group)

    @staticmethod
    def _group_key(sub_id, title: str) -> tuple:
        return sub_id, search_key(title).strip()

    def _group(self, spec: dict) -> EstimateGroup:
        sub_id = self.subs.get(spec["sub"])
        key = self._group_key(sub_id, spec["title"])
        if key not in self.groups:
            explicit = None if sub_id == self.estimate.sub_project_id else sub_id
            self.groups[key] = EstimateGroup.objects.create(estimate=self.estimate, title=nfc(spec["title"])[:500],
                                                            sub_project_id=explicit)
        return self.groups[key]

    def _fill(self, line: EstimateLine, values: dict) -> EstimateLine:
        quantity, days, price, note, source = line_values(values)
        line.quantity, line.days, line.unit_price, line.note = quantity, days, price, note
        line.funding_source_id = self.sources.get(source)
        line.content, line.unit_of_measure = nfc(values["content"])[:500], nfc(values["unit_of_measure"])[:40]
        line.amount = line_amount(quantity, days, price)
        return line

    def _new_line(self, spec: dict, sub: str | None, values: dict) -> EstimateLine:
        group = self._group(spec)
        line = self._fill(EstimateLine(estimate=self.estimate, group=group), values)
        line.norm_id = values.get("norm")
        sub_id = self.subs.get(sub)
        if sub_id != (group.sub_project_id or self.estimate.sub_project_id):
            line.sub_project_id = sub_id
        return line

    def replace(self, groups: list[dict]) -> None:
        pairs, _leftovers = pair(snapshot(self.estimate), groups)
        lines = {line.pk: line for line in self.estimate.lines.all()}
        position = {id(spec): index for index, spec in enumerate(groups, start=1)}
        orders: dict[int, int] = {}
        numbers: dict[int, int] = defaultdict(int)
        updated, created, lowered = [], [], {}
        for (_key, spec, sub, values), match in pairs:
            if match is not None:
                pk = match[2]["pk"]
                before = lines[pk].amount
                line = self._fill(lines.pop(pk), values)
                if search_key(match[0]["title"]).strip() != search_key(spec["title"]).strip():
                    line.group = self._group(spec)  # its group renamed or moved in the file
                updated.append(line)
                if line.amount < before:
                    lowered[pk] = (line.content, line.amount)
            else:
                line = self._new_line(spec, sub, values)
                created.append(line)
            orders.setdefault(line.group_id, position[id(spec)])
            numbers[line.group_id] += 1
            line.order = numbers[line.group_id]
        for spec in groups:
            if not spec["lines"]:  # an empty group of the file is kept
                orders.setdefault(self._group(spec).pk, position[id(spec)])
        if problems := below_paid(lowered):  # as a line's own edit: never under what was paid on it
            raise ValidationError(problems)
        self._remove(lines.values())
        EstimateLine.objects.bulk_update(updated, ["group", "quantity", "days", "unit_price", "amount", "note",
                                                   "funding_source", "content", "unit_of_measure", "order"],
                                         batch_size=500)
        EstimateLine.objects.bulk_create(created, batch_size=500)
        self.estimate.groups.exclude(pk__in=list(orders)).delete()
        for group in self.estimate.groups.all():
            if group.order != orders[group.pk]:
                EstimateGroup.objects.filter(pk=group.pk).update(order=orders[group.pk])

    def _remove(self, leftovers) -> None:
        leftovers = list(leftovers)
        paid = [line for line in leftovers if line.disbursements.exists()]
        if paid:
            names = ", ".join(f"«{line.content}»" for line in paid[:5])
            raise ValidationError(f"Không thể bỏ {len(paid)} dòng đã có giải ngân ({names}); hãy giữ các dòng này "
                                  "trong tệp hoặc chọn «Thêm các dòng trong tệp».")
        EstimateLine.objects.filter(pk__in=[line.pk for line in leftovers]).delete()

    def append(self, groups: list[dict]) -> None:
        start = (self.estimate.groups.aggregate(m=Max("order"))["m"] or 0) + 1
        created = []
        for offset, spec in enumerate(groups):
            group = EstimateGroup.objects.create(estimate=self.estimate, title=nfc(spec["title"])[:500],
                                                 sub_project_id=self.subs.get(spec["sub"]), order=start + offset)
            created += [self._fill(EstimateLine(estimate=self.estimate, group=group, order=number), values)
                        for number, values in enumerate(spec["lines"], start=1)]
        EstimateLine.objects.bulk_create(created, batch_size=500)


@transaction.atomic
def confirm_import(estimate: Estimate, staged_id: int, *, by, mode: str = ImportMode.REPLACE,
                   sheet_choices: dict[str, str | None] | None = None, request=None) -> ImportDiff:
    """Apply a previewed workbook once (claimed by a conditional update); the replaced lines are kept for undo."""
    _require(perms.can_edit_estimate(by, estimate))
    Estimate.objects.select_for_update().filter(pk=estimate.pk).first()
    staged = EstimateImport.objects.filter(pk=staged_id, estimate=estimate, created_by=by).first()
    if staged is None:
        raise ValidationError("Phiên xem trước không thuộc dự toán này; hãy tải tệp lên lại.")
    if mode not in ImportMode.values:
        raise ValidationError("Cách nhập không hợp lệ.")
    groups = with_sheet_choices(staged.groups, sheet_choices or {})
    before = snapshot(estimate)
    now = timezone.now()
    claimed = EstimateImport.objects.filter(
        pk=staged.pk, status=ImportStatus.PREVIEW, created_at__gte=now - PREVIEW_LIFETIME,
    ).update(status=ImportStatus.IMPORTED, imported_at=now, groups=[], mode=mode, replaced=before)
    if not claimed:
        staged.refresh_from_db()
        if staged.status in (ImportStatus.IMPORTED, ImportStatus.UNDONE):
            raise ValidationError(f"Tệp này đã được nhập vào dự toán lúc "
                                  f"{timezone.localtime(staged.imported_at):%H:%M ngày %d/%m/%Y}; không nhập lại.")
        raise ValidationError("Phiên xem trước đã hết hạn (quá 1 giờ); hãy tải tệp lên lại.")
    diff = import_diff(before, groups, mode=mode)
    writer = _Writer(estimate)
    writer.append(groups) if mode == ImportMode.APPEND else writer.replace(groups)
    record(by, Action.IMPORT, estimate, request=request, changes={
        "import": staged.pk, "mode": mode, "added": len(diff.added), "changed": len(diff.changed),
        "removed": len(diff.removed), "total": [diff.total_before, diff.total_after]})
    return diff


def undoable_import(estimate: Estimate) -> EstimateImport | None:
    """The estimate's latest import, if it is the last one applied and not undone yet."""
    latest = estimate.imports.filter(status__in=[ImportStatus.IMPORTED, ImportStatus.UNDONE]) \
        .order_by("-imported_at", "-pk").first()
    return latest if latest and latest.status == ImportStatus.IMPORTED else None


@transaction.atomic
def undo_import(estimate: Estimate, staged_id: int, *, by, request=None) -> ImportDiff:
    """Put back the lines the estimate had before its latest import, once (audited)."""
    _require(perms.can_edit_estimate(by, estimate))
    Estimate.objects.select_for_update().filter(pk=estimate.pk).first()
    latest = undoable_import(estimate)
    if latest is None or latest.pk != staged_id:
        raise ValidationError("Chỉ hoàn tác được lần nhập gần nhất chưa hoàn tác của dự toán này.")
    if not EstimateImport.objects.filter(pk=latest.pk, status=ImportStatus.IMPORTED).update(
            status=ImportStatus.UNDONE, undone_at=timezone.now()):
        raise ValidationError("Lần nhập này đã được hoàn tác.")
    before = snapshot(estimate)
    diff = import_diff(before, latest.replaced)
    _Writer(estimate).replace(latest.replaced)
    record(by, Action.CHANGE, estimate, request=request, changes={
        "undo_import": latest.pk, "added": len(diff.added), "changed": len(diff.changed),
        "removed": len(diff.removed), "total": [diff.total_before, diff.total_after]})
    return diff


def import_from_workbook(estimate: Estimate, data: bytes, *, by, mode: str = ImportMode.REPLACE) -> ImportDiff:
    """Read and apply a workbook at once (the demo data and the benchmark; the pages go through the worker)."""
    result = read_workbook(data, preferred=_preferred_codes(estimate))
    if result.problems:
        raise ValidationError([str(p) for p in result.problems])
    groups = [{"title": g.title, "sub": g.sub_project, "sheet": g.sheet, "lines": g.lines} for g in result.groups]
    staged = EstimateImport.objects.create(estimate=estimate, created_by=by, groups=groups,
                                           line_count=result.line_count)
    return confirm_import(estimate, staged.pk, by=by, mode=mode)
