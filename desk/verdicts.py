"""Whether a draft plan has a blocking check, remembered in Django's cache (shared by every
process), so the desk and the plan list count drafts with blocking checks without running
the checks of every draft on every page.

A verdict is keyed by the plan and the moment it was last saved: an edit makes a new key and
the old verdict is never read again. The checks also read things outside the plan (the
estimate's lines, the citations library), so a verdict lives ``VERDICT_SECONDS`` at most.
Drafts without a verdict are checked by a background task enqueued after the request's
transaction; the desk says how many are still being checked.
"""

import hashlib
from dataclasses import dataclass

from django.core.cache import cache
from django.db import transaction

from plans.models import Status

EDITABLE = (Status.DRAFT, Status.RETURNED)
VERDICT_SECONDS = 15 * 60
CHECKING_SECONDS = 5 * 60


def verdict_key(pk: int, updated_at) -> str:
    return f"desk:blocking:v1:{pk}:{updated_at.timestamp():.6f}"


@dataclass
class Verdicts:
    blocking: list[int]
    unchecked: list[int]


def read_verdicts(drafts) -> Verdicts:
    """The blocking and not yet checked among ``drafts`` (a queryset of plans): one query, one
    cache read; the unchecked ones are queued for checking."""
    return verdicts_of(drafts.values_list("pk", "updated_at"))


def verdicts_of(saved) -> Verdicts:
    """``read_verdicts`` of drafts already read, as (pk, updated_at) pairs: one cache read."""
    keys = {verdict_key(pk, updated): pk for pk, updated in saved}
    found = cache.get_many(list(keys))
    blocking = [pk for key, pk in keys.items() if found.get(key)]
    unchecked = [pk for key, pk in keys.items() if key not in found]
    if unchecked:
        queue_checks(unchecked)
    return Verdicts(blocking, unchecked)


def queue_checks(plan_ids: list[int]) -> None:
    """Ask the worker to check these drafts, once per few minutes for the same set."""
    ids = ",".join(map(str, sorted(plan_ids)))
    marker = "desk:checking:" + hashlib.sha256(ids.encode()).hexdigest()[:32]
    if cache.add(marker, True, CHECKING_SECONDS):
        from desk.tasks import check_drafts

        transaction.on_commit(lambda: check_drafts.enqueue(sorted(plan_ids)))


def check_and_remember(plan_ids) -> dict[int, bool]:
    """Run the submission checks of each draft still editable and remember the verdicts."""
    from plans.issuing import all_problems
    from plans.models import Plan

    verdicts = {}
    for plan in Plan.objects.filter(pk__in=plan_ids, status__in=EDITABLE).select_related(
            "issuing_body", "estimate"):
        verdicts[plan.pk] = any(p.blocking for p in all_problems(plan))
        cache.set(verdict_key(plan.pk, plan.updated_at), verdicts[plan.pk], VERDICT_SECONDS)
    return verdicts
