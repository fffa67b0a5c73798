"""Households: the import end to end vs calamine + COPY, and its peak memory.

The size comes from the environment so a quick run stays quick: ``BENCH_HOUSEHOLD_ROWS`` (rows
in the generated commune file, default 100,000). Each timed import run is rolled back, so
every run does the same work. The search and list benchmarks are in bench/registry.py.
"""

from __future__ import annotations

import io
import os
from contextlib import contextmanager

from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction

from bench.runner import benchmark, fact, overhead_target, threshold_target
from households import sample_file as sample

ROWS = int(os.environ.get("BENCH_HOUSEHOLD_ROWS", "100000"))
COMMUNE_CODE = "99990"


def _commune(code: str = COMMUNE_CODE):
    from areas.models import AdminUnit, UnitLevel

    return AdminUnit.objects.create(code=code, name="Xã Thử Tải", short_name="Thử Tải", kind="Xã",
                                    level=UnitLevel.COMMUNE)


def _officer(name: str = "bench-households"):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create(username=name)


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
                                           content=data, created_by=officer, status=BatchStatus.COMMIT_QUEUED)
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
    memory_fact()  # before this process holds any lock
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


def memory_fact() -> None:
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
    name = f"household import peak memory, {ROWS:,} rows ({connection.vendor})"
    if done.returncode:
        fact(name, f"not measured ({done.stderr.strip().splitlines()[-1:]})")
        return
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    fact(name, f"{figures['peak_mb']} MB for the process, {figures['import_mb']} MB of it for the import",
         passed=figures["peak_mb"] < 300, target="under 300 MB")


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


# --- The import preview of a large list, filtered to the rows to look at -------------------------

PREVIEW_ROWS, PREVIEW_PROBLEMS = 5000, 200


@benchmark("households.import_preview_problems", f"import_detail view, no HTTP: the preview of a "
           f"{PREVIEW_ROWS:,}-row commune list in the real layout with {PREVIEW_PROBLEMS} problem rows, "
           "filtered to «Cần xem lại», page 2 of 50 rows (the commune's officer, audit entry included)")
def import_preview_problems():

    from areas.models import Assignment, Role
    from households.imports.batches import read_batch
    from households.views.imports import import_detail

    # The test suite's builder of real-layout lists (title block, merged header, village rows, footer).
    from tests.households.real_lists import KEPT, NOT_IMPORTED, households, real_list, spread

    data = real_list(households(PREVIEW_ROWS, problems=spread(PREVIEW_ROWS, KEPT + NOT_IMPORTED,
                                                              PREVIEW_ROWS // PREVIEW_PROBLEMS)))
    with _import_batch("99992", data) as (batch, _data):
        assignment = Assignment.objects.create(user=batch.created_by, unit=batch.commune, role=Role.COMMUNE_STAFF)
        try:
            yield from _preview_runs(batch, import_detail, read_batch)
        finally:
            assignment.delete()


def _preview_runs(batch, import_detail, read_batch):
    from django.contrib.messages.storage.cookie import CookieStorage
    from django.test import RequestFactory

    from households.models import BatchStatus, ImportBatch

    ImportBatch.objects.filter(pk=batch.pk).update(status=BatchStatus.QUEUED)
    read_batch(batch.pk)
    if not ImportBatch.objects.filter(pk=batch.pk, status=BatchStatus.PREVIEW).exists():
        raise RuntimeError("the preview was not built")

    def run():
        request = RequestFactory().get(f"/ho-gia-dinh/nhap-excel/{batch.pk}/", {"outcome": "problems", "page": 2})
        request.user, request.htmx = batch.created_by, False
        request._messages = CookieStorage(request)
        response = import_detail(request, batch.pk)
        assert response.status_code == 200 and b'id="row-' in response.content
        return response

    run()
    yield run


threshold_target("Trang xem trước 5.000 dòng, lọc dòng cần xem lại, dưới 200 ms",
                 subject="households.import_preview_problems", seconds=0.2)
