"""Scopes: the closure table (a subquery) against the per-process cache it replaced, and a recursive CTE.

A merged province as the 2025 reform made them: a new province of NEW_COMMUNES communes that
succeeded OLD_PROVINCES former provinces (their districts and communes, each new commune the
successor of three old ones), about 500 units in the reach of the province's planner, with
households in every commune. Timed side by side, in one run:

- ``cached``: the scope as it was before issue 16, a closure computed once per process and kept
  warm (the ids passed to every query as a literal list) — the old code, kept here as the baseline;
- ``table``: the scope today, ``UnitReach`` read with the user's assignments on every request,
  nothing cached, its ids given to the queries as a list;
- ``subquery``: the same table as a subquery in every filter (PostgreSQL misjudges it, see
  areas/scope.py);
- ``cte``: the scope as a recursive query over the unit tree and the succession links.

PostgreSQL only (the target is for the database production runs).
"""

from __future__ import annotations

import datetime
from contextlib import contextmanager, nullcontext
from unittest import mock

from django.db import connection
from django.db.models.expressions import RawSQL

from bench.households import _officer
from bench.runner import benchmark, fact, overhead_target

OLD_PROVINCES, DISTRICTS, OLD_COMMUNES, NEW_COMMUNES = 3, 10, 12, 120
HOUSEHOLDS_PER_COMMUNE = 40
OLD_END, NEW_START = datetime.date(2025, 6, 30), datetime.date(2025, 7, 1)
CTE = """
WITH RECURSIVE reach(id) AS (
    SELECT unnest(%s::bigint[])
    UNION
    SELECT step.dst FROM reach JOIN (
        SELECT parent_id AS src, id AS dst FROM areas_adminunit WHERE parent_id IS NOT NULL
        UNION ALL
        SELECT to_adminunit_id, from_adminunit_id FROM areas_adminunit_successors
    ) AS step ON step.src = reach.id
) SELECT id FROM reach
"""

_SHARED: dict = {}


def _old_closure(roots: set[int]) -> set[int]:
    """The closure as areas/scope.py computed it before issue 16 (then kept in each process)."""
    from areas.models import AdminUnit

    seen: set[int] = set()
    frontier = set(roots)
    through = AdminUnit.successors.through
    while frontier:
        units = AdminUnit.objects.order_by()
        children = units.filter(parent_id__in=frontier).values_list("pk", flat=True)
        grandchildren = units.filter(parent__parent_id__in=frontier).values_list("pk", flat=True)
        below = frontier | set(children.union(grandchildren, all=True))
        new = below - seen
        seen |= new
        frontier = set(through.objects.filter(to_adminunit__in=new).values_list("from_adminunit", flat=True)) - seen
    return seen


class _CachedScope(frozenset):
    """A warm entry of the old process cache (a frozenset), with the key commune_options reads."""

    @property
    def key(self) -> str:
        return ",".join(str(pk) for pk in sorted(self))


def _cached_patches():
    """The old scope functions, answering from a warm per-process dictionary."""
    from areas import scope

    warm: dict[frozenset, _CachedScope] = {}

    def closure(roots) -> _CachedScope:
        key = frozenset(roots)
        if key not in warm:
            warm[key] = _CachedScope(_old_closure(set(key)))
        return warm[key]

    def visible(user):
        if not user.is_authenticated:
            return _CachedScope()
        if scope.is_administrator(user):
            return None
        if not hasattr(user, "_visible_unit_ids"):
            user._visible_unit_ids = closure({unit for _, unit in scope._assignments(user)})
        return user._visible_unit_ids

    def in_role(user, *roles):
        return closure(unit for role, unit in scope._assignments(user) if role in roles)

    current: dict = {}

    def has_current(ids) -> bool:
        if ids not in current:
            current[ids] = scope.has_current_commune(scope.Scope(ids))  # cached by the old code too
        return current[ids]

    return [mock.patch(target, function) for target, function in (
        ("areas.scope.visible_unit_ids", visible), ("households.views.registry.visible_unit_ids", visible),
        ("households.permissions.units_in_role", in_role), ("households.permissions.has_current_commune", has_current),
    )]


class _CteScope:
    """The scope as a recursive query (no table of its own)."""

    def __init__(self, roots):
        from areas.scope import Scope

        self.scope = Scope(roots)

    def __getattr__(self, name):
        return getattr(self.scope, name)

    def __contains__(self, pk):
        return pk in self.scope

    def __iter__(self):
        return iter(self.scope)

    def __len__(self):
        return len(self.scope)

    def __bool__(self):
        return bool(self.scope)

    def resolve_expression(self, *args, **kwargs):
        return RawSQL(CTE, [sorted(self.scope.roots)]).resolve_expression(*args, **kwargs)


def _cte_patches():
    from areas import scope

    def visible(user):
        if scope.is_administrator(user):
            return None
        return _CteScope(unit for _, unit in scope._assignments(user))

    def in_role(user, *roles):
        return _CteScope(unit for role, unit in scope._assignments(user) if role in roles)

    return [mock.patch(target, function) for target, function in (
        ("areas.scope.visible_unit_ids", visible), ("households.views.registry.visible_unit_ids", visible),
        ("households.permissions.units_in_role", in_role))]


def _build() -> dict:
    from areas.models import AdminUnit, Assignment, Role, UnitLevel
    from areas.reach import refresh_reach
    from households.models import Household

    def units(rows):  # coded with letters: no official code (digits only) is ever taken
        return AdminUnit.objects.bulk_create(AdminUnit(search_key="", **row) for row in rows)

    old = units(dict(code=f"B{p}", name=f"Tỉnh Cũ {p}", short_name=f"Cũ {p}", kind="Tỉnh",
                     level=UnitLevel.PROVINCE, valid_to=OLD_END) for p in range(OLD_PROVINCES))
    districts = units(dict(code=f"B{n:03d}", name=f"Huyện Cũ {n}", short_name=f"Cũ {n}", kind="Huyện",
                           level=UnitLevel.DISTRICT, parent=old[n // DISTRICTS], valid_to=OLD_END)
                      for n in range(OLD_PROVINCES * DISTRICTS))
    old_communes = units(dict(code=f"B{n:04d}", name=f"Xã Cũ {n}", short_name=f"Cũ {n}", kind="Xã",
                              level=UnitLevel.COMMUNE, parent=districts[n // OLD_COMMUNES], valid_to=OLD_END)
                         for n in range(len(districts) * OLD_COMMUNES))
    province = units([dict(code="BN", name="Tỉnh Hợp Nhất", short_name="Hợp Nhất", kind="Tỉnh",
                           level=UnitLevel.PROVINCE, valid_from=NEW_START)])[0]
    communes = units(dict(code=f"N{n:04d}", name=f"Xã Mới {n}", short_name=f"Mới {n}", kind="Xã",
                          level=UnitLevel.COMMUNE, parent=province, valid_from=NEW_START) for n in range(NEW_COMMUNES))
    through = AdminUnit.successors.through
    links = [(p.pk, province.pk) for p in old]
    links += [(c.pk, communes[n // 3 % NEW_COMMUNES].pk) for n, c in enumerate(old_communes)]
    through.objects.bulk_create(through(from_adminunit_id=a, to_adminunit_id=b) for a, b in links)
    every = [*old, *districts, *old_communes, province, *communes]
    refresh_reach([u.pk for u in every])  # written in bulk: no signal
    Household.objects.bulk_create(
        (Household(commune=commune, head_name=f"Nguyễn Văn {n}", search_name=f"nguyen van {n}")
         for commune in [*communes, *old_communes] for n in range(HOUSEHOLDS_PER_COMMUNE // (1 if commune in communes else 4))),
        batch_size=2000)
    users = {}
    for label, unit in (("province", province), ("commune", communes[5])):
        users[label] = _officer(f"bench-scope-{label}")
        Assignment.objects.create(user=users[label], unit=unit, role=Role.PLANNER)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE areas_adminunit, areas_unitreach, areas_adminunit_successors, households_household")
    fact("merged province: units in the planner's reach", f"{len(_old_closure({province.pk})):,}")
    return {"units": [u.pk for u in every], "users": users}


def _drop(shared: dict) -> None:
    ids = shared["units"]
    users = [u.pk for u in shared["users"].values()]
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM households_household WHERE commune_id = ANY(%s)", [ids])
        cursor.execute("DELETE FROM areas_assignment WHERE user_id = ANY(%s)", [users])
        cursor.execute("DELETE FROM areas_unitreach WHERE unit_id = ANY(%s) OR target_id = ANY(%s)", [ids, ids])
        cursor.execute("DELETE FROM areas_adminunit_successors WHERE from_adminunit_id = ANY(%s)", [ids])
        for level in ("commune", "district", "province"):
            cursor.execute("DELETE FROM areas_adminunit WHERE id = ANY(%s) AND level = %s", [ids, level])
    for user in shared["users"].values():
        user.delete()


@contextmanager
def _data():
    if not _SHARED:
        _SHARED.update(_build(), refs=0)
    _SHARED["refs"] += 1
    try:
        yield _SHARED
    finally:
        _SHARED["refs"] -= 1
        if not _SHARED["refs"]:
            _drop(_SHARED)
            _SHARED.clear()


def _list_page(user, patches):
    """The household list page (household_list view, no HTTP), a fresh user object per request."""
    from django.contrib.auth import get_user_model
    from django.contrib.messages.storage.cookie import CookieStorage
    from django.test import RequestFactory

    from households.views.registry import household_list

    def run():
        request = RequestFactory().get("/ho-gia-dinh/")
        request.user, request.htmx = get_user_model().objects.get(pk=user.pk), False
        request._messages = CookieStorage(request)
        with _entered(patches) if patches else nullcontext():
            response = household_list(request)
        assert response.status_code == 200
        return response

    return run


@contextmanager
def _entered(patches):
    for patch in patches:
        patch.start()
    try:
        yield
    finally:
        for patch in reversed(patches):
            patch.stop()


def _scoped_rows(user, patches):
    """``Household.objects.visible_to(user)``: the first 50 by name and the count."""
    from django.contrib.auth import get_user_model

    from households.models import Household

    def run():
        fresh = get_user_model().objects.get(pk=user.pk)
        with _entered(patches) if patches else nullcontext():
            qs = Household.objects.visible_to(fresh).order_by("search_name", "id")
            return list(qs[:50]), qs.count()

    return run


def _subquery_patches():
    """The table read as a subquery in every filter (the scope knows nothing in advance)."""
    from areas import scope

    def visible(user):
        if scope.is_administrator(user):
            return None
        return scope.Scope(unit for _, unit in scope._assignments(user))

    def in_role(user, *roles):
        return scope.Scope(unit for role, unit in scope._assignments(user) if role in roles)

    return [mock.patch(target, function) for target, function in (
        ("areas.scope.visible_unit_ids", visible), ("households.views.registry.visible_unit_ids", visible),
        ("households.permissions.units_in_role", in_role))]


VARIANTS = {"cached": _cached_patches, "table": lambda: [], "subquery": _subquery_patches, "cte": _cte_patches}


def _variant(page: str, who: str, variant: str):
    with _data() as shared:
        user, patches = shared["users"][who], VARIANTS[variant]()
        run = (_list_page if page == "list" else _scoped_rows)(user, patches)
        run()
        yield run


def _register() -> None:
    for page, what in (("list", "household_list view"), ("rows", "visible_to(user): first 50 rows and the count")):
        for who in ("province", "commune"):
            for variant in VARIANTS:
                if variant in ("cte", "subquery") and who == "commune":
                    continue
                name = f"scope.{page}_{who}_{variant}"
                benchmark(name, f"{what}, planner of the merged {who}, scope {variant}")(
                    lambda page=page, who=who, variant=variant: _variant(page, who, variant))
            overhead_target(f"Phạm vi {who} ({page}): bảng bao đóng ≤ bộ nhớ đệm + 2 ms",
                            subject=f"scope.{page}_{who}_table", baseline=f"scope.{page}_{who}_cached",
                            limit=0.0, allowance=0.002)


if connection.vendor == "postgresql":
    _register()
