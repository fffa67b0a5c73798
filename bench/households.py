"""Households: import end to end vs calamine + COPY, name search vs the raw trigram query, the list.

Sizes come from the environment so a quick run stays quick: ``BENCH_HOUSEHOLD_ROWS`` (rows in
the generated commune file, default 100,000) and ``BENCH_HOUSEHOLD_REGISTRY`` (households in
the search table, default 1,000,000; PostgreSQL only). Every set-up writes inside a
transaction that is rolled back afterwards; each timed import run is rolled back too, so every
run does the same work.
"""

from __future__ import annotations

import dataclasses
import io
import os
import time
from contextlib import contextmanager

from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction

from bench.runner import BENCHMARKS, benchmark, overhead_target
from households import sample_file as sample

ROWS = int(os.environ.get("BENCH_HOUSEHOLD_ROWS", "100000"))
REGISTRY = int(os.environ.get("BENCH_HOUSEHOLD_REGISTRY", "1000000"))
COMMUNE_CODE = "99990"


def _commune(code: str = COMMUNE_CODE):
    from areas.models import AdminUnit, UnitLevel

    return AdminUnit.objects.create(code=code, name="Xã Thử Tải", short_name="Thử Tải", kind="Xã",
                                    level=UnitLevel.COMMUNE)


def _officer(name: str = "bench-households"):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create(username=name)


def note(name: str, text: str) -> None:
    """Add a measured fact (peak memory, row count) to a benchmark's description in the report."""
    BENCHMARKS[name] = dataclasses.replace(BENCHMARKS[name], description=f"{BENCHMARKS[name].description}; {text}")


# --- Import: the real commit service against calamine + COPY of the same file -------------------

@contextmanager
def _import_batch(code: str, data: bytes | None = None):
    """A throw-away commune, officer and uploaded batch of the generated file, deleted afterwards.

    They are committed (not held in an open transaction) so that each timed run is a transaction
    of its own, rolled back completely, as a real commit is.
    """
    from households.models import BatchStatus, Household, ImportBatch

    data = sample.generated_list(ROWS) if data is None else data
    commune, officer = _commune(code), _officer(f"bench-households-{code}")
    try:
        batch = ImportBatch.objects.create(commune=commune, year=2024, filename="bench.xlsx", size=len(data),
                                           content=data, created_by=officer, status=BatchStatus.COMMITTING)
        yield batch, data
    finally:
        Household.objects.filter(commune=commune).delete()
        ImportBatch.objects.filter(commune=commune).delete()
        commune.delete()
        officer.delete()


def _run_commit(batch_id: int) -> None:
    from households.imports.batches import write_batch
    from households.models import BatchStatus, ImportBatch

    with transaction.atomic():
        write_batch(batch_id)
        status, message = ImportBatch.objects.filter(pk=batch_id).values_list("status", "message").get()
        if status != BatchStatus.DONE:
            raise RuntimeError(f"the import did not finish: {status} {message}")
        transaction.set_rollback(True)


@benchmark("households.import_end_to_end", f"write_batch(): read, validate, match, write and store the report "
           f"of a {ROWS:,}-row commune file (the commit service, PostgreSQL COPY / SQLite bulk_create)")
def import_end_to_end():
    note("households.import_end_to_end", peak_memory_line())  # before this process holds any lock
    with _import_batch("99990") as (batch, _data):
        _run_commit(batch.pk)  # fairness: the file imports cleanly before it is timed
        yield _vacuumed_after(lambda: _run_commit(batch.pk))


@benchmark("households.import_calamine_copy", f"python-calamine reads the same {ROWS:,}-row file, rows are "
           "picked by their number column and written with COPY (households and classifications), no checks "
           "(SQLite: executemany INSERT)")
def import_calamine_copy():
    with _import_batch("99991") as (batch, data):
        run = lambda: _raw_import(data, batch.commune_id, batch.created_by_id)  # noqa: E731
        run_rolled_back(run)
        yield _vacuumed_after(lambda: run_rolled_back(run))


def _vacuumed_after(run):
    """Each rolled-back import leaves 100,000 dead rows and their entries in the trigram index's
    pending list, which every search would then wade through: vacuum them away, untimed, as
    autovacuum would between an office's imports."""
    def vacuum():
        if connection.vendor != "postgresql":
            return
        # On a connection of its own: other set-ups may hold this one's transaction open, and rows
        # of an aborted transaction are dead to every snapshot.
        own = connections.create_connection(DEFAULT_DB_ALIAS)
        try:
            with own.cursor() as cursor:
                cursor.execute("VACUUM households_household, households_classification")
        finally:
            own.close()

    run.after = vacuum
    return run


def run_rolled_back(run) -> None:
    with transaction.atomic():
        run()
        transaction.set_rollback(True)


def _raw_rows(data: bytes):
    """Data rows (those with a number in the first column), each with the village of its section row."""
    from python_calamine import CalamineWorkbook

    sheet = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python(skip_empty_area=False)
    village = ""
    for row in sheet:
        if isinstance(row[0], float) and row[2]:
            yield row, village
        elif isinstance(row[1], str) and row[1].startswith("Thôn"):
            village = row[1]


def _raw_import(data: bytes, commune_id: int, user_id: int) -> None:
    """calamine + COPY: the floor any import of this file can reach (lower-cased name as search column)."""
    import datetime

    from django.utils import timezone

    now, today = timezone.now().isoformat(), datetime.date.today().isoformat()
    households, classes = [], []
    for row, village in _raw_rows(data):
        year = row[3] or row[4]
        ticked = "poor" if row[8] else "near_poor" if row[9] else "newly_escaped"
        households.append([row[1], row[2], "M" if row[3] else "F", str(int(year)), str(row[6]).removesuffix(".0"),
                           village, str(int(row[7])), row[2].lower()])
        classes.append(ticked)
    if connection.vendor == "postgresql":
        _raw_copy(households, classes, commune_id, user_id, now, today)
    else:
        _raw_executemany(households, classes, commune_id, user_id, now, today)


def _raw_copy(households, classes, commune_id, user_id, now, today) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval(pg_get_serial_sequence('households_household', 'id')) "
                       "FROM generate_series(1, %s)", [len(households)])
        ids = [pk for (pk,) in cursor.fetchall()]
        lines = io.StringIO()
        for pk, (code, name, gender, year, id_number, village, members, key) in zip(ids, households, strict=True):
            lines.write(f"{pk}\t{commune_id}\t{today}\t{code}\t{name}\t{gender}\t{year}\t{id_number}\t{village}"
                        f"\t{members}\t\tf\tf\tf\t{key}\t{now}\t{now}\n")
        lines.seek(0)
        cursor.copy_expert(
            "COPY households_household (id, commune_id, recorded_on, code, head_name, gender, birth_year, "
            "id_number, village, members, phone, meritorious, social_protection, no_labour_capacity, "
            "search_name, created_at, updated_at) FROM STDIN", lines)
        lines = io.StringIO("".join(f"{pk}\t2024\t{klass}\t[]\t\tf\t{user_id}\n" for pk, klass in zip(ids, classes,
                                                                                                   strict=True)))
        cursor.copy_expert("COPY households_classification (household_id, year, household_class, deprivations, "
                           "computed_class, disagrees, recorded_by_id) FROM STDIN", lines)


def _raw_executemany(households, classes, commune_id, user_id, now, today) -> None:
    with connection.cursor() as cursor:
        cursor.executemany(
            "INSERT INTO households_household (commune_id, recorded_on, code, head_name, gender, birth_year, "
            "id_number, village, members, phone, meritorious, social_protection, no_labour_capacity, search_name, "
            "created_at, updated_at) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, '', false, false, false, %s, %s, %s)",
            [(commune_id, today, *h, now, now) for h in households])
        cursor.execute("SELECT id FROM households_household WHERE commune_id = %s ORDER BY id", [commune_id])
        ids = [pk for (pk,) in cursor.fetchall()]
        cursor.executemany(
            "INSERT INTO households_classification (household_id, year, household_class, deprivations, "
            "computed_class, disagrees, recorded_by_id) VALUES (%s, 2024, %s, '[]', '', false, %s)",
            [(pk, klass, user_id) for pk, klass in zip(ids, classes, strict=True)])


overhead_target(f"Nhập {ROWS:,} dòng ≤ 1,5 × calamine + COPY", subject="households.import_end_to_end",
                baseline="households.import_calamine_copy", limit=0.50)


def peak_memory_line() -> str:
    """Peak memory of one import, measured in a fresh process that is handed the file ready-made.

    Generating the 100,000-row file (xlsxwriter) leaves freed memory in the process's resident
    size; done here, in this process, it stays out of the import's figure.
    """
    import json
    import subprocess
    import sys
    import tempfile

    with tempfile.NamedTemporaryFile(suffix=".xlsx") as file:
        file.write(sample.generated_list(ROWS))
        file.flush()
        script = ("import json, os, django; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'config.settings'); "
                  "django.setup(); from bench.households import measure_memory; "
                  f"print(json.dumps(measure_memory({file.name!r})))")
        done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False,
                              env={**os.environ, "BENCH_HOUSEHOLD_ROWS": str(ROWS)})
    if done.returncode:
        return f"peak memory not measured ({done.stderr.strip().splitlines()[-1:]})"
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    verdict = "within" if figures["peak_mb"] < 300 else "OVER"
    return (f"peak memory {figures['peak_mb']} MB for the process ({verdict} the 300 MB target), "
            f"{figures['import_mb']} MB of it for the import")


def _status_mb(key: str) -> int:
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith(key)) // 1024


def measure_memory(path: str) -> dict:
    """Run one import of the file at ``path`` in this process and report its peak resident memory (Linux)."""
    with open(path, "rb") as file:
        data = file.read()
    with _import_batch("99992", data) as (batch, _data):
        with open("/proc/self/clear_refs", "w") as refs:
            refs.write("5")  # resets VmHWM to the current resident size
        before = _status_mb("VmRSS")
        _run_commit(batch.pk)
        peak = _status_mb("VmHWM")
    return {"peak_mb": peak, "import_mb": peak - before}


# --- Search and list over a large registry (PostgreSQL) -------------------------------------------

COMMUNES = 3000  # about 330 households a commune, as 1,000,000 poor and near-poor households over Vietnam's communes
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
        _SHARED["communes"], _SHARED["users"] = _build_registry(), 0
    _SHARED["users"] += 1
    try:
        yield _SHARED["communes"]
    finally:
        _SHARED["users"] -= 1
        if not _SHARED["users"]:
            _drop_registry(_SHARED.pop("communes"))
            _SHARED.clear()


def _build_registry() -> list:
    from areas.models import AdminUnit, UnitLevel
    from documents.text import search_key

    communes = AdminUnit.objects.bulk_create(
        AdminUnit(code=f"8{n:04d}", name=f"Xã Tải {n}", short_name=f"Tải {n}", kind="Xã", level=UnitLevel.COMMUNE)
        for n in range(COMMUNES))
    ids = [c.pk for c in communes]
    given, middle = sample.GIVEN_M + sample.GIVEN_F, sample.MIDDLE_M + sample.MIDDLE_F
    started = time.perf_counter()
    try:
        with connection.cursor() as cursor:
            cursor.execute(REGISTRY_SQL, {
                "communes": ids, "rows": REGISTRY, "male": len(sample.MIDDLE_M),
                "s": sample.WEIGHTED_SURNAMES, "sk": [search_key(v) for v in sample.WEIGHTED_SURNAMES],
                "m": middle, "mk": [search_key(v) for v in middle], "g": given, "gk": [search_key(v) for v in given]})
            cursor.execute(CLASSES_SQL, {"communes": ids})
            cursor.execute("ANALYZE households_household")
            cursor.execute("ANALYZE households_classification")
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


def _search_run(user, text: str):
    from households.filters import name_order
    from households.models import Household

    return lambda: list(Household.objects.visible_to(user).search(text).order_by(*name_order())[:50])


def _raw_search_run(text: str):
    words = [f"%{word}%" for word in text.split()]
    where = " AND ".join(["search_name LIKE %s"] * len(words))
    sql = (f"SELECT * FROM households_household WHERE {where} "
           'ORDER BY head_name COLLATE "vi-x-icu", id LIMIT 50')

    def run():
        with connection.cursor() as cursor:
            cursor.execute(sql, words)
            return cursor.fetchall()

    return run


def _search_benchmark(text: str, raw: bool):
    from areas.models import Role

    with _registry():
        if raw:
            yield _raw_search_run(text)
            return
        with _user_in(f"9999{5 + len(text) % 3}", Role.ADMIN) as admin:
            yield _search_run(admin, text)


def _register_postgresql_benchmarks() -> None:
    """Search and list need PostgreSQL (trigram index, ICU collation): registered only there."""
    for label, text in (("common", COMMON), ("rare", RARE)):
        benchmark(f"households.search_{label}", f"Household.objects.visible_to(admin).search(«{text}»), first "
                  f"page of 50 in Vietnamese order, over {REGISTRY:,} households")(
            lambda text=text: _search_benchmark(text, raw=False))
        benchmark(f"households.search_{label}_raw", "the raw SQL: one trigram LIKE per word on search_name, "
                  'ORDER BY head_name COLLATE "vi-x-icu", LIMIT 50')(
            lambda text=text: _search_benchmark(text, raw=True))
        overhead_target(f"Tìm «{text}» ≤ 1,2 × câu truy vấn trigram thuần", subject=f"households.search_{label}",
                        baseline=f"households.search_{label}_raw", limit=0.20)
    benchmark("households.list_filtered", "household_list view, no HTTP: commune staff, one commune of about "
              f"{REGISTRY // COMMUNES:,} households, poor in 2024, page 3 of 50 in Vietnamese order")(list_filtered)


def list_filtered():
    from django.contrib.messages.storage.cookie import CookieStorage
    from django.test import RequestFactory

    from areas.models import Role
    from households.views import household_list

    with _registry() as communes, _user_in("99998", Role.COMMUNE_STAFF, communes[7]) as staff:

        def run():
            request = RequestFactory().get("/ho-gia-dinh/", {"year": 2024, "class": "poor", "page": 3})
            request.user, request.htmx = staff, False
            request._messages = CookieStorage(request)
            response = household_list(request)
            assert response.status_code == 200
            return response

        run()
        yield run


if connection.vendor == "postgresql":
    _register_postgresql_benchmarks()
else:
    print("households search and list benchmarks: skipped, DATABASE_URL is not PostgreSQL "
          "(they measure the trigram index and the vi-x-icu collation)")
