"""Budgets: the finance-office workbook against bare xlsxwriter, its peak memory, and the overview page.

Every set-up writes its data inside a transaction that is rolled back afterwards, so the
database the suite runs on is left as it was. Memory is measured in fresh processes
(``python -m bench.budgets memory N`` and ``bare-memory N``), one per size, so one size's
garbage never hides another's peak.
"""

from __future__ import annotations

import io
import json
import os
import statistics
import subprocess
import sys
import time
from contextlib import contextmanager
from decimal import Decimal

import xlsxwriter
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bench.runner import benchmark, fact, overhead_target, probe

LINES = 10_000
MEMORY_SIZES = (10_000, 100_000)
MEMORY_LIMIT_MB = 40
ESTIMATES = 1_000
OVERVIEW_REQUESTS = 100
OVERVIEW_URL = "/kinh-phi/?year=2023"
FLOOR_URL = "/kinh-phi/dinh-muc/"  # a page of the same layout with nothing to aggregate
SUB_PROJECTS = ("DA6-TDA1", "DA6-TDA2", "DA7-TDA1", "DA7-TDA2")
BUDGET_TABLES = ("budgets_estimate", "budgets_estimategroup", "budgets_estimateline", "budgets_disbursement",
                 "budgets_allocation")


@contextmanager
def _rolled_back():
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def _unit(code: str):
    from areas.models import AdminUnit, UnitLevel

    return AdminUnit.objects.create(code=code, name="Xã Thử Tải", short_name="Thử Tải", kind="Xã",
                                    level=UnitLevel.COMMUNE)


def _estimate(lines: int, code: str):
    """An estimate of ``lines`` lines in groups of 50, in a throw-away unit."""
    from budgets.models import Estimate, EstimateGroup, EstimateLine, FundingSource, SubProject

    estimate = Estimate.objects.create(unit=_unit(code), year=2023, title="Dự toán thử tải",
                                       sub_project=SubProject.objects.get(code="DA6-TDA2"))
    groups = EstimateGroup.objects.bulk_create(
        EstimateGroup(estimate=estimate, title=f"Hội nghị số {n}", order=n) for n in range(1, (lines + 49) // 50 + 1))
    source = FundingSource.objects.get(code="NSTW_SN")
    EstimateLine.objects.bulk_create(
        (EstimateLine(estimate=estimate, group=groups[n // 50], order=n % 50 + 1, content=f"Nội dung chi {n}",
                      unit_of_measure="người", quantity=Decimal(50), days=Decimal(1), unit_price=100_000,
                      amount=5_000_000, note="TT 40/2017", funding_source=source) for n in range(lines)),
        batch_size=2000)
    return estimate


LINES_SQL = """
WITH RECURSIVE k(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM k WHERE n < 50)
INSERT INTO budgets_estimateline (estimate_id, group_id, "order", content, unit_of_measure, quantity,
                                  days, unit_price, amount, note, funding_source_id)
SELECT g.estimate_id, g.id, k.n, 'Nội dung chi ' || CAST(g."order" * 50 + k.n AS TEXT), 'người', 50, 1,
       100000, 5000000, 'TT 40/2017', %s
FROM budgets_estimategroup g CROSS JOIN k WHERE g.estimate_id = %s
"""


def _estimate_sql(lines: int, code: str):
    """The same estimate as ``_estimate``, its lines written by one SQL statement (no Python objects)."""
    from budgets.models import Estimate, EstimateGroup, FundingSource, SubProject

    estimate = Estimate.objects.create(unit=_unit(code), year=2023, title="Dự toán thử tải",
                                       sub_project=SubProject.objects.get(code="DA6-TDA2"))
    EstimateGroup.objects.bulk_create(
        EstimateGroup(estimate=estimate, title=f"Hội nghị số {n}", order=n) for n in range(1, lines // 50 + 1))
    with connection.cursor() as cursor:
        cursor.execute(LINES_SQL, [FundingSource.objects.get(code="NSTW_SN").pk, estimate.pk])
    return estimate


@benchmark("xlsx.estimate_10k", f"estimate_workbook(): {LINES:,} lines from the database, constant memory")
def xlsx_estimate():
    from budgets.workbook import estimate_workbook

    with _rolled_back():
        estimate = _estimate(LINES, "99998")
        yield lambda: estimate_workbook(estimate, reference="(Kèm theo …)", agency_lines=["UBND"])


def _bare_rows(count: int):
    return ((n % 50 + 1, f"Nội dung chi {n}", "người", 50.0, 1.0, 100_000, 5_000_000, "TT 40/2017", "NSTW_SN")
            for n in range(count))


@benchmark("xlsx.bare_xlsxwriter_10k", f"xlsxwriter constant memory alone: the same {LINES:,} rows, "
           "formats and formulas from a Python list")
def xlsx_bare():
    rows = list(_bare_rows(LINES))
    yield lambda: bare_workbook(rows)


def bare_workbook(rows) -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"constant_memory": True})
    base = {"font_name": "Times New Roman", "font_size": 12, "border": 1}
    text, num = book.add_format(base | {"text_wrap": True}), book.add_format(base | {"num_format": "#,##0"})
    sheet = book.add_worksheet("DA6-TDA2")
    for r, (stt, content, uom, qty, days, price, amount, note, source) in enumerate(rows, start=8):
        sheet.write_number(r, 0, stt, text)
        sheet.write_string(r, 1, content, text)
        sheet.write_string(r, 2, uom, text)
        sheet.write_number(r, 3, qty, num)
        sheet.write_number(r, 4, days, num)
        sheet.write_number(r, 5, price, num)
        sheet.write_formula(r, 6, f'=ROUND(D{r + 1}*IF(E{r + 1}="",1,E{r + 1})*F{r + 1},0)', num, amount)
        sheet.write_string(r, 7, note, text)
        sheet.write_string(r, 8, source, text)
    book.close()
    return buffer.getvalue()


overhead_target("Bảng tính dự toán ≤ 1,2 × xlsxwriter", subject="xlsx.estimate_10k",
                baseline="xlsx.bare_xlsxwriter_10k", limit=0.20)


# --- The estimate import against python-calamine reading the same cells -----------------------------

def _exported(lines: int) -> bytes:
    """The app's own workbook of an estimate of ``lines`` lines (written, then rolled back)."""
    from budgets.workbook import estimate_workbook

    with _rolled_back():
        return estimate_workbook(_estimate(lines, "99995"), reference="(Kèm theo …)", agency_lines=["UBND"])


@benchmark("xlsx.import_10k", f"read_workbook(): the estimate import of a {LINES:,}-line workbook (archive and "
           "extent guards, calamine, headers, sheet matching, every cell checked), as the worker runs it")
def xlsx_import():
    from budgets.imports import read_workbook

    data = _exported(LINES)
    result = read_workbook(data)
    assert not result.problems and result.line_count == LINES, result.problems[:3]
    yield lambda: read_workbook(data)


@benchmark("xlsx.import_bare_calamine_10k", f"python-calamine alone reads every cell of the same {LINES:,}-line "
           "workbook into Python lists")
def xlsx_import_bare():
    import python_calamine

    data = _exported(LINES)

    def read():
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        return [book.get_sheet_by_index(i).to_python(skip_empty_area=False) for i in range(len(book.sheet_names))]

    yield read


overhead_target("Nhập dự toán 10.000 dòng ≤ 1,5 × calamine", subject="xlsx.import_10k",
                baseline="xlsx.import_bare_calamine_10k", limit=0.50)


# --- Peak memory of the export, in fresh processes ------------------------------------------------

def _status_mb(key: str) -> float:
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith(key)) / 1024


def _reset_peak() -> None:
    with open("/proc/self/clear_refs", "w") as refs:
        refs.write("5")  # resets VmHWM (peak resident size) to the current resident size


def _measured(build) -> dict:
    """Resident peak (Linux /proc) of one call, then its Python-heap peak (tracemalloc) in a second call."""
    import tracemalloc

    _reset_peak()
    before, start = _status_mb("VmRSS"), time.perf_counter()
    size = len(build())
    seconds, peak = time.perf_counter() - start, _status_mb("VmHWM")
    tracemalloc.start()
    build()
    heap = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return {"before_mb": round(before, 1), "peak_mb": round(peak, 1), "export_mb": round(peak - before, 1),
            "heap_mb": round(heap, 1), "seconds": round(seconds, 2), "file_mb": round(size / 2**20, 1)}


def measure_export(lines: int) -> dict:
    """Export an estimate of ``lines`` lines in this process; report memory and time."""
    from budgets.workbook import estimate_workbook

    with _rolled_back():
        estimate = _estimate_sql(lines, "99996")
        return _measured(lambda: estimate_workbook(estimate, reference="(Kèm theo …)", agency_lines=["UBND"]))


def measure_bare(lines: int) -> dict:
    """Write the same rows with bare xlsxwriter, generated on the fly, in this process."""
    return _measured(lambda: bare_workbook(_bare_rows(lines)))


def _in_fresh_process(kind: str, lines: int) -> dict | str:
    done = subprocess.run([sys.executable, "-m", "bench.budgets", kind, str(lines)], capture_output=True,
                          text=True, check=False, env=dict(os.environ))
    if done.returncode:
        return (done.stderr.strip().splitlines() or ["no output"])[-1]
    return json.loads(done.stdout.strip().splitlines()[-1])


@probe("xlsx.memory")
def export_memory() -> None:
    """Peak memory and one-run time of the export at 10,000 and 100,000 lines, beside bare xlsxwriter."""
    for lines in MEMORY_SIZES:
        app, bare = _in_fresh_process("memory", lines), _in_fresh_process("bare-memory", lines)
        if isinstance(app, str) or isinstance(bare, str):
            fact(f"estimate workbook memory, {lines:,} lines", f"not measured: {app if isinstance(app, str) else bare}")
            continue
        fact(f"estimate workbook peak memory, {lines:,} lines ({connection.vendor})",
             f"+{app['export_mb']} MB resident over the {app['before_mb']} MB process "
             f"(peak {app['peak_mb']} MB; Python heap peak {app['heap_mb']} MB; file {app['file_mb']} MB); "
             f"bare xlsxwriter +{bare['export_mb']} MB over {bare['before_mb']} MB",
             passed=app["export_mb"] < MEMORY_LIMIT_MB,
             target=f"export under {MEMORY_LIMIT_MB} MB whatever the size")
        fact(f"estimate workbook one run, {lines:,} lines ({connection.vendor})",
             f"{app['seconds']:.2f} s vs bare xlsxwriter {bare['seconds']:.2f} s "
             f"({app['seconds'] / bare['seconds']:.2f}×; single runs, see the 10k medians above)")
    _vacuum(*BUDGET_TABLES)  # the rolled-back lines would otherwise slow the overview measured next


# --- The budget overview over 1,000 estimates -----------------------------------------------------

def _overview_world():
    """A finance officer's unit with 1,000 estimates over four sub-projects, allocations and payments."""
    import datetime

    from django.contrib.auth import get_user_model

    from areas.models import Assignment, Role
    from budgets.models import (
        Allocation,
        AllocationDecision,
        Disbursement,
        Estimate,
        EstimateGroup,
        EstimateLine,
        FundingSource,
        SubProject,
    )

    unit, source = _unit("99997"), FundingSource.objects.get(code="NSTW_SN")
    subs = list(SubProject.objects.filter(code__in=SUB_PROJECTS))
    estimates = Estimate.objects.bulk_create(
        Estimate(unit=unit, year=2023, title=f"Dự toán {n}", sub_project=subs[n % len(subs)])
        for n in range(ESTIMATES))
    groups = EstimateGroup.objects.bulk_create(EstimateGroup(estimate=e, title="Nhóm", order=1) for e in estimates)
    lines = EstimateLine.objects.bulk_create(
        EstimateLine(estimate=g.estimate, group=g, content=f"Tiền ăn {k}", unit_of_measure="người", order=k,
                     quantity=Decimal(50), unit_price=100_000, amount=5_000_000, funding_source=source)
        for g in groups for k in (1, 2, 3))
    Disbursement.objects.bulk_create(
        Disbursement(line=line, date=datetime.date(2023, 6, 1), voucher_number=f"PC-{n}", amount=4_000_000)
        for n, line in enumerate(lines[::3]))
    decision = AllocationDecision.objects.create(unit=unit, number="999/QĐ-UBND", date=datetime.date(2023, 1, 5),
                                                 issuer="UBND huyện Thử Tải")
    Allocation.objects.bulk_create(Allocation(decision=decision, unit=unit, year=2023, sub_project=sub,
                                              funding_source=source, amount=4_000_000_000) for sub in subs)
    _analyze(*BUDGET_TABLES)
    user = get_user_model().objects.create_user("bench-finance-overview", password="x" * 12)
    Assignment.objects.create(user=user, unit=unit, role=Role.FINANCE)
    client = Client()
    client.force_login(user)
    return client


def _vacuum(*tables: str) -> None:
    """Reclaim the dead rows that earlier rolled-back set-ups (100,000 lines) leave, as autovacuum would."""
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        with connection.cursor() as cursor:
            for table in tables:
                cursor.execute(f"VACUUM {table}")


def _analyze(*tables: str) -> None:
    """Refresh the planner's statistics after a bulk load, as autovacuum would in production."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for table in tables:
                cursor.execute(f"ANALYZE {table}")


def _p95(client, url: str) -> tuple[float, float]:
    samples = []
    for _ in range(OVERVIEW_REQUESTS):
        start = time.perf_counter()
        client.get(url)
        samples.append(time.perf_counter() - start)
    return statistics.quantiles(samples, n=20)[18], statistics.median(samples)


def _overview_facts(client) -> None:
    floor, _ = _p95(client, FLOOR_URL)
    p95, median = _p95(client, OVERVIEW_URL)
    with CaptureQueriesContext(connection) as queries:
        client.get(OVERVIEW_URL)
    fact(f"budget overview p95 over {OVERVIEW_REQUESTS} requests, {ESTIMATES:,} estimates ({connection.vendor})",
         f"{p95 * 1000:.1f} ms (median {median * 1000:.1f} ms; the same client on the near-empty "
         f"norm list: p95 {floor * 1000:.1f} ms)",
         passed=p95 < 0.020 if connection.vendor == "postgresql" else None, target="under 20 ms on PostgreSQL")
    fact("budget overview queries per request",
         f"{len(queries)} (constant: tests/budgets/test_overview_queries.py)")


@benchmark("budgets.overview_1k", f"the budget overview page over {ESTIMATES:,} estimates (finance officer, "
           "test client), server time")
def overview_page():
    _vacuum(*BUDGET_TABLES)
    with _rolled_back():
        client = _overview_world()
        _overview_facts(client)
        yield lambda: client.get(OVERVIEW_URL)


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] in ("memory", "bare-memory"):
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
        import django

        django.setup()
        measure = measure_export if sys.argv[1] == "memory" else measure_bare
        print(json.dumps(measure(int(sys.argv[2]))))
