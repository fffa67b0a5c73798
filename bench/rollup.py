"""The roll-up over one province of the new era: about a hundred communes, 10 sessions × 50
attendees each, 1,000 petitions, a budget line per commune. The page (server time, test client)
and the report's PDF against bare WeasyPrint on the same HTML. Written in a transaction that
is rolled back afterwards."""

from __future__ import annotations

import datetime
import tempfile
from contextlib import contextmanager
from pathlib import Path

from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from bench.desk import vacuum
from bench.documents import bare_pdf
from bench.fairness import check_same_document, render_checked
from bench.runner import benchmark, fact, overhead_target, threshold_target
from bench.static_mirror import mirror_static

COMMUNES, SESSIONS, ATTENDEES, PETITIONS = 100, 10, 50, 1000
YEAR = 2027


def _province(prefix: str):
    from areas.models import AdminUnit, UnitLevel

    province = AdminUnit.objects.create(code=f"{prefix}9", name="Tỉnh Thử Tải", short_name="Thử Tải", kind="Tỉnh",
                                        level=UnitLevel.PROVINCE, valid_from=datetime.date(2025, 7, 1))
    communes = [AdminUnit.objects.create(code=f"{prefix}{n:03d}", name=f"Xã Thử Tải {n}", short_name=f"Thử Tải {n}",
                                         kind="Xã", level=UnitLevel.COMMUNE, parent=province,
                                         valid_from=datetime.date(2025, 7, 1)) for n in range(COMMUNES)]
    return province, communes


def _work(communes) -> None:
    from dialogues.models import (
        Attendee,
        DialogueSession,
        Petition,
        PetitionStatus,
        PolicyField,
        SessionStatus,
    )
    from households.models import EthnicGroup

    groups = list(EthnicGroup.objects.order_by("code")[:6]) or [None]
    sessions = DialogueSession.objects.bulk_create(
        DialogueSession(commune=c, year=YEAR, quarter=1 + s % 4, theme="Đối thoại chính sách", target=ATTENDEES,
                        status=SessionStatus.HELD if s < 8 else SessionStatus.PLANNED,
                        starts_at=timezone.make_aware(datetime.datetime(YEAR, 1 + s, 10, 8)) if s < 8 else None)
        for c in communes for s in range(SESSIONS))
    classes = ["poor", "near_poor", "newly_escaped", "middle", ""]
    Attendee.objects.bulk_create(
        (Attendee(session=s, full_name=f"Người dân {i}", gender="FM"[i % 2], ethnic_group=groups[i % len(groups)],
                  household_class=classes[i % 5], first_time=i % 3 == 0, present=i % 10 != 0)
         for s in sessions for i in range(ATTENDEES)), batch_size=5000)
    fields, statuses = PolicyField.values, PetitionStatus.values
    Petition.objects.bulk_create(
        Petition(session=sessions[(i * 7) % len(sessions)], raised_by="Người dân", content=f"Kiến nghị {i}",
                 policy_field=fields[i % len(fields)], status=statuses[i % len(statuses)],
                 due_date=datetime.date(YEAR, 6, 30), closed_on=datetime.date(YEAR, 6, 1 + i % 29))
        for i in range(PETITIONS))


def _money(communes) -> None:
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

    sub, source = SubProject.objects.order_by("pk").first(), FundingSource.objects.order_by("pk").first()
    if sub is None or source is None:
        return
    for n, commune in enumerate(communes):
        decision = AllocationDecision.objects.create(unit=commune, number=f"{n + 1}/QĐ-UBND",
                                                     date=datetime.date(YEAR, 1, 5), issuer="UBND tỉnh")
        Allocation.objects.create(decision=decision, unit=commune, year=YEAR, sub_project=sub,
                                  funding_source=source, amount=200_000_000)
        estimate = Estimate.objects.create(unit=commune, year=YEAR, title="Dự toán đối thoại", sub_project=sub)
        group = EstimateGroup.objects.create(estimate=estimate, title="Hội nghị", order=1)
        line = EstimateLine.objects.create(estimate=estimate, group=group, content="Tiền ăn", unit_of_measure="người",
                                           quantity=500, days=1, unit_price=100_000, amount=50_000_000,
                                           funding_source=source)
        Disbursement.objects.create(line=line, date=datetime.date(YEAR, 3, 1), voucher_number=f"PC-{n}",
                                    amount=20_000_000)


@contextmanager
def _world(prefix: str):
    """The province, its work and its leader, inside a transaction rolled back afterwards."""
    from django.contrib.auth import get_user_model

    from areas.models import Assignment, Role

    vacuum()
    with transaction.atomic():
        province, communes = _province(prefix)
        _work(communes)
        _money(communes)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                for table in ("dialogues_dialoguesession", "dialogues_attendee", "dialogues_petition"):
                    cursor.execute(f"ANALYZE {table}")
        leader = get_user_model().objects.create_user(f"bench-rollup-{prefix}", password="x" * 12)
        Assignment.objects.create(user=leader, unit=province, role=Role.LEADER)
        yield province, leader
        transaction.set_rollback(True)


def _report(province):
    from rollup.figures import roll_up
    from rollup.outputs import report
    from rollup.scope import reach

    return report(roll_up([province], reach([province.pk]), YEAR, timezone.localdate()))


@benchmark("rollup.page_100_communes", f"the roll-up page of a province: {COMMUNES} communes × {SESSIONS} sessions "
           f"× {ATTENDEES} attendees, {PETITIONS:,} petitions (leader, test client), server time")
def rollup_page():
    with _world("R1") as (province, leader):
        client = Client()
        client.force_login(leader)
        url = f"/tong-hop/?nam={YEAR}"
        assert client.get(url).status_code == 200
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        fact("rollup.page_100_communes queries", f"{len(queries)} queries for {COMMUNES} communes")
        yield lambda: client.get(url)


@benchmark("rollup.near_empty_page", "the leader's unit list (a near-empty page) with the same client and data, "
           "server time: the machine's floor beside the roll-up page")
def near_empty_page():
    with _world("R4") as (_province, leader):
        client = Client()
        client.force_login(leader)
        assert client.get("/don-vi/").status_code == 200
        yield lambda: client.get("/don-vi/")


@benchmark("rollup.pdf", f"the roll-up's Báo cáo with its four appendices ({COMMUNES} communes): official_pdf(doc)")
def rollup_pdf():
    from documents.pdf import official_pdf

    with _world("R2") as (province, _leader):
        doc = _report(province)
        yield lambda: official_pdf(doc)


@benchmark("rollup.pdf_bare_weasyprint", "WeasyPrint alone on the same pre-rendered HTML of the roll-up's Báo cáo")
def rollup_pdf_bare():
    from documents.pdf import appendix_html, document_html, official_pdf

    with _world("R3") as (province, _leader), tempfile.TemporaryDirectory(prefix="bench-static-") as root:
        doc = _report(province)
        parts = mirror_static([document_html(doc), *appendix_html(doc)], Path(root))
        base_url = Path(root).as_uri() + "/"
        check_same_document(render_checked(lambda: official_pdf(doc), "rollup.pdf"),
                            render_checked(lambda: bare_pdf(parts, base_url), "rollup.pdf_bare_weasyprint"))
        yield lambda: bare_pdf(parts, base_url)


threshold_target("Roll-up page of 100 communes under 150 ms", subject="rollup.page_100_communes", seconds=0.150)
overhead_target("Roll-up report (PDF) within 1.15× bare WeasyPrint on the same HTML", subject="rollup.pdf",
                baseline="rollup.pdf_bare_weasyprint", limit=0.15)
