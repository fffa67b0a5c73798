"""Past participation a list's «Ghi chú» tells of: offered on the preview, recorded on commit if accepted.

A note saying the household already attended a dialogue («đã tham gia đối thoại năm 2024») is never
applied silently: the officer accepts it row by row or for the whole batch, and the commit records
each accepted year on the household, in the import's transaction, once per household and year.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from audit.models import Action
from audit.services import record
from households.models import BatchStatus, ImportBatch, PastParticipation, PastSource

NOTE_MAX = 200


def offered_rows(batch: ImportBatch) -> set[int]:
    """The rows of a previewed batch that will be written and whose note can be recorded as past participation."""
    return {item["row"] for item in batch.rows if item.get("past") is not None and item["action"]}


def accept_past(batch: ImportBatch, *, rows: list[int] | None, accepted: bool, by, request=None) -> list[int]:
    """Accept (or decline) the note of past participation of ``rows`` (None: every such row); safe twice.
    Returns the rows accepted afterwards."""
    from households.imports.batches import is_owner

    if not is_owner(by, batch):
        raise PermissionDenied
    offered = offered_rows(batch)
    chosen = offered if rows is None else offered & set(rows)
    if not chosen:
        raise ValidationError("Không có dòng nào có ghi chú cho biết hộ đã tham gia đối thoại.")
    with transaction.atomic(durable=True):
        locked = ImportBatch.objects.select_for_update().filter(pk=batch.pk, status=BatchStatus.PREVIEW).first()
        if locked is None:
            raise ValidationError("Chỉ ghi nhận được khi tệp đang chờ xác nhận.")
        before = set(locked.past_accepted)
        after = sorted(before | chosen if accepted else before - chosen)
        ImportBatch.objects.filter(pk=batch.pk).update(past_accepted=after)
        if set(after) != before:
            record(by, Action.CHANGE, batch, request=request,
                   description=f"{'Ghi nhận' if accepted else 'Bỏ ghi nhận'} đã tham gia đối thoại theo ghi chú, "
                               f"{len(chosen)} dòng của tệp {batch.filename}",
                   changes={"rows": sorted(chosen), "accepted": accepted})
    batch.past_accepted = after
    return after


def record_past(plan, new_ids: list[int], *, batch: ImportBatch, by) -> int:
    """Record the accepted notes of ``plan``'s written rows on their households (``new_ids``: the new
    households' keys, in the order of the plan's new rows); a household and year recorded already is
    left as it is. Call inside the import's transaction. Returns how many were recorded."""
    accepted = set(batch.past_accepted)
    wanted = []
    new_pks = iter(new_ids)
    for step in plan.steps:
        household_id = step.household.pk if step.household is not None else next(new_pks)
        hint = step.values.get("past_participation")
        if step.row in accepted and hint is not None and hint.offered:
            wanted += [(household_id, year, hint.note) for year in hint.years or (None,)]
    if not wanted:
        return 0
    known = set(PastParticipation.objects.filter(household_id__in={h for h, _y, _n in wanted})
                .values_list("household_id", "year"))
    fresh = [PastParticipation(household_id=h, year=y, note=note[:NOTE_MAX], source=PastSource.IMPORT_NOTE,
                               batch=batch, recorded_by=by)
             for h, y, note in dict.fromkeys(wanted) if (h, y) not in known]
    PastParticipation.objects.bulk_create(fresh, ignore_conflicts=True)
    return len(fresh)

