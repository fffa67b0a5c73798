"""Households: name search vs the raw trigram query, and the filtered list, over a large registry.

PostgreSQL only (the trigram index and the vi-x-icu collation). ``BENCH_HOUSEHOLD_REGISTRY``
sets the households in the table (default 1,000,000); the registry is built by the first
benchmark that needs it, committed, and deleted by the last, unless ``BENCH_KEEP_REGISTRY=1``:
then it stays for the next run, which finds it (same communes, same number of households) and
does not build it again (building 1,000,000 households with their trigram index takes minutes).
The list page's benchmarks over this registry are in bench/household_list.py.
"""

from __future__ import annotations

import os
import time
from contextlib import contextmanager

from django.db import connection

from bench.households import _commune, _officer
from households import sample_file as sample

REGISTRY = int(os.environ.get("BENCH_HOUSEHOLD_REGISTRY", "1000000"))
COMMUNES = 3000  # about 330 households a commune, as 1,000,000 poor and near-poor households over Vietnam's communes
KEEP = os.environ.get("BENCH_KEEP_REGISTRY") == "1"
COMMON, RARE = "nguyen van an", "quach my yen"
REGISTRY_SQL = """
INSERT INTO households_household (commune_id, recorded_on, code, head_name, gender, birth_year, id_number,
    village, members, phone, meritorious, social_protection, no_labour_capacity, search_name, created_at,
    updated_at)
SELECT c[1 + (i - 1) * cardinality(c) / %(rows)s], current_date, 'R' || i,
       s[1 + (i * 7919) %% cardinality(s)] || ' ' || m[1 + (i * 104729) %% cardinality(m)] || ' '
           || g[1 + (i * 1299709) %% cardinality(g)],
       CASE WHEN (i * 104729) %% cardinality(m) < %(male)s THEN 'M' ELSE 'F' END,
       1935 + i %% 70, lpad((i %% 1000000000000)::text, 12, '0'), 'Thôn ' || (1 + i %% 17), 1 + i %% 9, '',
       false, false, false,
       sk[1 + (i * 7919) %% cardinality(s)] || ' ' || mk[1 + (i * 104729) %% cardinality(m)] || ' '
           || gk[1 + (i * 1299709) %% cardinality(g)],
       now(), now()
FROM generate_series(1::bigint, %(rows)s) AS i,
     (SELECT %(communes)s::bigint[] AS c, %(s)s::text[] AS s, %(sk)s::text[] AS sk, %(m)s::text[] AS m,
             %(mk)s::text[] AS mk, %(g)s::text[] AS g, %(gk)s::text[] AS gk) AS parts
"""
CLASSES_SQL = """
INSERT INTO households_classification (household_id, year, household_class, deprivations, computed_class,
    disagrees)
SELECT id, 2024, (ARRAY['poor', 'near_poor', 'newly_escaped', 'middle'])[1 + id %% 4], '[]', '', false
FROM households_household WHERE commune_id = ANY(%(communes)s)
"""


_SHARED: dict = {}


@contextmanager
def _registry():
    """REGISTRY households in COMMUNES throw-away communes, each with a 2024 class; shared, deleted afterwards.

    Committed rather than held in a transaction, so the import runs stay transactions of their own;
    the first benchmark that needs it builds it, the last one to finish deletes it.
    """
    if not _SHARED:
        _SHARED["communes"], _SHARED["users"] = _kept_registry() or _build_registry(), 0
    _SHARED["users"] += 1
    try:
        yield _SHARED["communes"]
    finally:
        _SHARED["users"] -= 1
        if not _SHARED["users"] and KEEP:
            _SHARED.clear()
        elif not _SHARED["users"]:
            _drop_registry(_SHARED.pop("communes"))
            _SHARED.clear()


def _kept_registry() -> list | None:
    """The registry a run with ``BENCH_KEEP_REGISTRY=1`` left, if it is whole; else None (and it is dropped)."""
    from areas.models import AdminUnit
    from households.models import Household

    communes = list(AdminUnit.objects.filter(code__regex=r"^8[0-9]{4}$", name__startswith="Xã Tải ").order_by("code"))
    if not communes:
        return None
    if len(communes) == COMMUNES and Household.objects.filter(commune__in=communes).count() == REGISTRY:
        from areas.reach import refresh_reach

        refresh_reach([c.pk for c in communes])  # kept by a run from before the closure table, perhaps
        print(f"households registry: {REGISTRY:,} households kept from an earlier run")
        return communes
    _drop_registry(communes)
    return None


def _build_registry() -> list:
    from areas.models import AdminUnit, UnitLevel
    from areas.reach import refresh_reach
    from vntext import search_key

    communes = AdminUnit.objects.bulk_create(
        AdminUnit(code=f"8{n:04d}", name=f"Xã Tải {n}", short_name=f"Tải {n}", kind="Xã", level=UnitLevel.COMMUNE)
        for n in range(COMMUNES))
    ids = [c.pk for c in communes]
    refresh_reach(ids)  # written in bulk, without signals: each commune reaches itself
    given, middle = sample.GIVEN_M + sample.GIVEN_F, sample.MIDDLE_M + sample.MIDDLE_F
    started = time.perf_counter()
    try:
        with connection.cursor() as cursor:
            cursor.execute(REGISTRY_SQL, {
                "communes": ids, "rows": REGISTRY, "male": len(sample.MIDDLE_M),
                "s": sample.WEIGHTED_SURNAMES, "sk": [search_key(v) for v in sample.WEIGHTED_SURNAMES],
                "m": middle, "mk": [search_key(v) for v in middle], "g": given, "gk": [search_key(v) for v in given]})
            cursor.execute(CLASSES_SQL, {"communes": ids})
        with connection.cursor() as cursor:
            # As a registry in service is: vacuumed (visibility map and hint bits set), so the first
            # readers do not pay for writing them and index-only scans are possible.
            vacuum = "ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE"
            cursor.execute(f"{vacuum} households_household, households_classification")
    except BaseException:
        _drop_registry(communes)
        raise
    print(f"households registry: {REGISTRY:,} households loaded in {time.perf_counter() - started:.0f} s")
    return communes


def _drop_registry(communes: list) -> None:
    ids = [c.pk for c in communes]
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM households_classification WHERE household_id IN "
                       "(SELECT id FROM households_household WHERE commune_id = ANY(%s))", [ids])
        cursor.execute("DELETE FROM households_household WHERE commune_id = ANY(%s)", [ids])
        cursor.execute("DELETE FROM areas_unitreach WHERE unit_id = ANY(%s) OR target_id = ANY(%s)", [ids, ids])
        cursor.execute("DELETE FROM areas_adminunit WHERE id = ANY(%s)", [ids])
        if not connection.in_atomic_block:
            # Dead index entries left by the delete make the planner's range probes slow until vacuumed.
            cursor.execute("VACUUM ANALYZE households_household, households_classification")


@contextmanager
def _user_in(code: str, role: str, unit=None):
    """A throw-away user with one role (in a throw-away commune unless given), deleted afterwards."""
    from areas.models import Assignment

    own = unit is None
    unit = _commune(code) if own else unit
    user = _officer(f"bench-households-{code}")
    assignment = Assignment.objects.create(user=user, unit=unit, role=role)
    try:
        yield user
    finally:
        assignment.delete()
        user.delete()
        if own:
            unit.delete()


if connection.vendor == "postgresql":
    from bench import household_list  # noqa: E402, F401 - registers the list page's benchmarks
else:
    print("households list benchmarks: skipped, DATABASE_URL is not PostgreSQL "
          "(they measure the trigram index and the vi-x-icu collation)")
