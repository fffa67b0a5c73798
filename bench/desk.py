"""Each role's desk on the home page with 50 of everything it counts (plans in each state,
sessions this week, short registrations, overdue petitions, unfinished imports, stated-total
conflicts, sessions waiting for payment), server time through the test client. Written in a
transaction that is rolled back afterwards; the drafts' check verdicts are in the cache, as
after the worker has checked them."""

from __future__ import annotations

import datetime
from contextlib import contextmanager

from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from bench.runner import benchmark, fact, threshold_target

EACH = 50
TABLES = ("plans_plan", "dialogues_dialoguesession", "dialogues_attendee", "dialogues_petition",
          "households_importbatch", "budgets_allocation", "budgets_estimate", "budgets_estimategroup",
          "budgets_estimateline", "budgets_statedtotal", "budgets_disbursement")


def vacuum(tables=TABLES) -> None:
    """Reclaim the dead rows of earlier rolled-back set-ups, as autovacuum would (and it may be off):
    else every run scans the garbage of all the runs before it (the roll-up leaves 200,000 attendees
    a run). Only outside a transaction: the first set-up of a group does it for the others."""
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        with connection.cursor() as cursor:
            for table in tables:
                cursor.execute(f"VACUUM {table}")


def _plans(unit, planner) -> None:
    from areas.models import IssuingBody
    from desk.verdicts import check_and_remember
    from plans.models import Plan, PlanKind, Status
    from plans.services import create_plan

    body = IssuingBody.objects.create(unit=unit, name="ỦY BAN NHÂN DÂN\nXÃ THỬ TẢI", display_name="UBND xã Thử Tải",
                                      abbreviation="UBND", place_name="Thử Tải", valid_from=datetime.date(2025, 7, 1))
    plan = create_plan(kind=PlanKind.BLANK, issuing_body=body, year=timezone.localdate().year, by=planner)
    for status in (Status.SUBMITTED, Status.APPROVED, Status.DRAFT, Status.RETURNED):
        for _ in range(EACH):
            plan.pk, plan.creation_token, plan.status = None, None, status
            plan.save()
    check_and_remember(Plan.objects.filter(unit=unit).values_list("pk", flat=True))


def _dialogues(unit, officer) -> None:
    from budgets.models import Estimate, EstimateGroup, EstimateLine, StatedTotal
    from dialogues.models import DialogueSession, Petition, PetitionStatus, SessionStatus
    from households.models import BatchStatus, ImportBatch

    today = timezone.localdate()
    soon = DialogueSession.objects.bulk_create(
        DialogueSession(commune=unit, year=today.year, theme="Đối thoại", target=50, status=SessionStatus.SCHEDULED,
                        starts_at=timezone.make_aware(datetime.datetime.combine(
                            today + datetime.timedelta(days=i % 10), datetime.time(8)))) for i in range(EACH))
    Petition.objects.bulk_create(
        Petition(session=s, raised_by="Người dân", content="Kiến nghị", policy_field="housing",
                 status=PetitionStatus.REFERRED, due_date=today - datetime.timedelta(days=3)) for s in soon)
    ImportBatch.objects.bulk_create(ImportBatch(commune=unit, year=today.year, filename=f"ds-{i}.xlsx",
                                                created_by=officer, status=BatchStatus.PREVIEW) for i in range(EACH))
    for i in range(EACH):
        estimate = Estimate.objects.create(unit=unit, year=today.year, title=f"Dự toán {i}")
        group = EstimateGroup.objects.create(estimate=estimate, title="Hội nghị", order=1)
        line = EstimateLine.objects.create(estimate=estimate, group=group, content="Tiền ăn", unit_of_measure="người",
                                           quantity=50, days=1, unit_price=100_000, amount=5_000_000)
        StatedTotal.objects.create(estimate=estimate, amount=5_001_000)
        DialogueSession.objects.create(commune=unit, year=today.year, theme="Đối thoại", target=50,
                                       status=SessionStatus.HELD, budget_line=line, quarter=1)


@contextmanager
def _world(code: str):
    from django.contrib.auth import get_user_model

    from areas.models import AdminUnit, Assignment, Role, UnitLevel

    vacuum()
    with transaction.atomic():
        unit = AdminUnit.objects.create(code=code, name="Xã Thử Tải", short_name="Thử Tải", kind="Xã",
                                        level=UnitLevel.COMMUNE, valid_from=datetime.date(2025, 7, 1))
        users = {}
        for role in (Role.LEADER, Role.PLANNER, Role.COMMUNE_STAFF, Role.FINANCE, Role.ADMIN):
            users[role] = get_user_model().objects.create_user(f"bench-desk-{code}-{role}", password="x" * 12)
            Assignment.objects.create(user=users[role], unit=unit, role=role)
        _plans(unit, users[Role.PLANNER])
        _dialogues(unit, users[Role.PLANNER])
        yield users
        transaction.set_rollback(True)


def _desk(role: str, code: str):
    with _world(code) as users:
        client = Client()
        client.force_login(users[role])
        assert client.get("/").status_code == 200
        with CaptureQueriesContext(connection) as queries:
            client.get("/")
        fact(f"desk.{role} queries", f"{len(queries)} queries for the whole home page ({EACH} of everything)")
        yield lambda: client.get("/")


for _n, (_role, _label) in enumerate((("leader", "leader"), ("planner", "officer"),
                                     ("commune_staff", "commune staff"), ("finance", "finance office"))):
    benchmark(f"desk.{_role}", f"the home page of the {_label} with {EACH} of everything the desk counts, "
              "server time")(lambda role=_role, code=f"D999{_n}": _desk(role, code))
    threshold_target(f"The {_label}'s desk under 30 ms", subject=f"desk.{_role}", seconds=0.030)

# The baseline measured side by side: the administrator's home page, the same cards and menus
# without a desk (what the desk adds is the difference on a loaded machine).
benchmark("desk.no_desk", "the administrator's home page: cards only, no desk, same data, server time")(
    lambda: _desk("admin", "D9998"))
