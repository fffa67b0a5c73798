"""Budgets: the finance-office workbook against bare xlsxwriter, and the overview page.

Every set-up writes its data inside a transaction that is rolled back afterwards, so the
database the suite runs on is left as it was.
"""

from __future__ import annotations

import io
from contextlib import contextmanager
from decimal import Decimal

import xlsxwriter
from django.db import transaction

from bench.runner import benchmark, overhead_target

LINES = 10_000
ESTIMATES = 1_000


@contextmanager
def _rolled_back():
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def _estimate(lines: int, code: str):
    """An estimate of ``lines`` lines in groups of 50, in a throw-away unit."""
    from areas.models import AdminUnit, UnitLevel
    from budgets.models import Estimate, EstimateGroup, EstimateLine, FundingSource, SubProject

    unit = AdminUnit.objects.create(code=code, name="Xã Thử Tải", short_name="Thử Tải", kind="Xã",
                                    level=UnitLevel.COMMUNE)
    estimate = Estimate.objects.create(unit=unit, year=2023, title="Dự toán thử tải",
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


@benchmark("xlsx.estimate_10k", f"estimate_workbook(): {LINES:,} lines from the database, constant memory")
def xlsx_estimate():
    from budgets.workbook import estimate_workbook

    with _rolled_back():
        estimate = _estimate(LINES, "99998")
        yield lambda: estimate_workbook(estimate, reference="(Kèm theo …)", agency_lines=["UBND"])


@benchmark("xlsx.bare_xlsxwriter_10k", f"xlsxwriter constant memory alone: the same {LINES:,} rows, "
           "formats and formulas from a Python list")
def xlsx_bare():
    rows = [(n % 50 + 1, f"Nội dung chi {n}", "người", 50.0, 1.0, 100_000, 5_000_000, "TT 40/2017", "NSTW_SN")
            for n in range(LINES)]
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


@benchmark("budgets.overview_1k", f"the budget overview view over {ESTIMATES:,} estimates (administrator)")
def overview_page():
    from django.contrib.auth import get_user_model
    from django.test import RequestFactory

    from budgets.models import Estimate, EstimateGroup, EstimateLine
    from budgets.views.overview import budget_overview

    with _rolled_back():
        template = _estimate(1, "99997")
        estimates = Estimate.objects.bulk_create(
            Estimate(unit=template.unit, year=2023, title=f"Dự toán {n}", sub_project=template.sub_project)
            for n in range(ESTIMATES))
        groups = EstimateGroup.objects.bulk_create(EstimateGroup(estimate=e, title="Nhóm", order=1)
                                                   for e in estimates)
        EstimateLine.objects.bulk_create(
            EstimateLine(estimate=g.estimate, group=g, content="Tiền ăn", unit_of_measure="người",
                         quantity=Decimal(50), unit_price=100_000, amount=5_000_000) for g in groups)
        admin = get_user_model().objects.create(username="bench-admin", is_superuser=True)
        request = RequestFactory().get("/kinh-phi/?year=2023")
        request.user = admin
        yield lambda: budget_overview(request)
