"""Keeping the closure table of who reaches which unit (``UnitReach``) in step with the unit tree.

A unit reaches itself, its children and the units it succeeded, and whatever those reach in turn
(after the 2025 reform the new Xã Hạ Hòa reaches the former huyện Hạ Hòa and its communes). A
change to one unit can only alter the reach of the units that reach it, so saves, deletes and
succession links recompute those rows alone; ``load_areas`` and other bulk writers, which send no
signals, call ``refresh_reach()`` over the whole table.

Every change also bumps the "units" cache version (areas.versioned), so cached data derived from
scopes (the household filter's commune options) is recomputed by every server on its next read.
"""

from collections import defaultdict
from collections.abc import Iterable

from django.apps import apps as global_apps

from areas import versioned

UNITS = "units"  # the cache namespace of data derived from the unit tree


def _models(apps=None):
    apps = apps or global_apps
    unit = apps.get_model("areas", "AdminUnit")
    return unit, apps.get_model("areas", "UnitReach"), unit.successors.through


def _edges(apps=None) -> tuple[set[int], dict[int, list[int]]]:
    """Every unit id, and for each unit the units it reaches in one step (children, predecessors)."""
    unit, _reach, through = _models(apps)
    ids, step = set(), defaultdict(list)
    for pk, parent in unit.objects.order_by().values_list("pk", "parent_id"):
        ids.add(pk)
        if parent is not None:
            step[parent].append(pk)
    for old, new in through.objects.order_by().values_list("from_adminunit_id", "to_adminunit_id"):
        step[new].append(old)
    return ids, step


def _walk(start: int, step: dict[int, list[int]]) -> set[int]:
    """Everything ``start`` reaches (cycles in bad data end the walk, they do not loop)."""
    seen, frontier = {start}, [start]
    while frontier:
        for nxt in step.get(frontier.pop(), ()):
            if nxt not in seen:
                seen.add(nxt)
                frontier.append(nxt)
    return seen


def reaching(unit_ids: Iterable[int], apps=None) -> set[int]:
    """The units whose reach holds any of ``unit_ids``, with those units themselves."""
    ids = {pk for pk in unit_ids if pk is not None}
    if not ids:
        return set()
    _unit, reach, _through = _models(apps)
    return ids | set(reach.objects.filter(target__in=ids).values_list("unit_id", flat=True))


def refresh_reach(unit_ids: Iterable[int] | None = None, *, apps=None) -> tuple[int, int]:
    """Rewrite the rows of ``unit_ids`` (every unit when None) to what the tree says now.

    Returns (rows added, rows removed). Run it inside the writer's transaction.
    """
    _unit, reach, _through = _models(apps)
    ids, step = _edges(apps)
    chosen = None if unit_ids is None else set(unit_ids)
    wanted = ids if chosen is None else chosen & ids
    rows = reach.objects.order_by()
    if chosen is not None:
        rows = rows.filter(unit__in=chosen)
    have = set(rows.values_list("unit_id", "target_id"))
    want = {(pk, target) for pk in wanted for target in _walk(pk, step)}
    stale = have - want
    by_unit = defaultdict(list)
    for pk, target in stale:
        by_unit[pk].append(target)
    for pk, targets in by_unit.items():
        reach.objects.filter(unit_id=pk, target_id__in=targets).delete()
    missing = want - have
    reach.objects.bulk_create([reach(unit_id=pk, target_id=target) for pk, target in sorted(missing)],
                              batch_size=1000)
    if apps is None:
        versioned.bump(UNITS)
    return len(missing), len(stale)


# --- signals (areas.apps) ------------------------------------------------------------------------


def unit_saved(sender, instance, created, raw=False, **_kwargs) -> None:
    """A new unit reaches itself and is reached by what reaches its parent; any other save may
    have moved the unit under another parent: recompute what reaches it or its new parent."""
    if raw:  # loaddata: the fixture's rows come in any order; refresh_reach() after it
        return
    _unit, reach, _through = _models()
    if created:
        above = reaching([instance.parent_id]) if instance.parent_id else set()
        reach.objects.bulk_create([reach(unit_id=pk, target_id=instance.pk) for pk in above | {instance.pk}],
                                  ignore_conflicts=True)
        versioned.bump(UNITS)
    else:
        refresh_reach(reaching([instance.pk, instance.parent_id]))


def unit_deleting(sender, instance, **_kwargs) -> None:
    """Remember who reached the unit: their rows went through it (its predecessors, for one)."""
    instance._reached_by = reaching([instance.pk]) - {instance.pk}


def unit_deleted(sender, instance, **_kwargs) -> None:
    refresh_reach(getattr(instance, "_reached_by", None))


def successions_changed(sender, instance, action, reverse, pk_set, **_kwargs) -> None:
    """A succession link added or removed changes the reach of whatever reaches the successor."""
    if action == "pre_clear":
        linked = instance.predecessors if reverse else instance.successors
        instance._cleared_links = set(linked.values_list("pk", flat=True))
        return
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    linked = getattr(instance, "_cleared_links", set()) if action == "post_clear" else pk_set or set()
    refresh_reach(reaching({instance.pk, *linked}))
