"""Two complete worlds of data (own unit, other unit) whose objects share one id per world.

Every table's id sequence is moved to the same base before a world is built, so the first
object of every model in that world has the id ``base``: any ``<int:...>`` converter of any
route can be filled with that one number and reach a real object of the right kind, without
a hand-kept table of which route takes which model.
"""

from dataclasses import dataclass

from django.apps import apps
from django.db import connection

from areas.models import Role
from tests.factories import AdminUnitFactory, AssignmentFactory, IssuingBodyFactory, ProvinceFactory

OWN_BASE = 770_001
OTHER_BASE = 880_001
APPS = ("areas", "plans", "budgets", "households", "dialogues", "documents", "audit", "auth")


@dataclass
class World:
    base: int
    unit: object
    marker: str
    users: dict


def bump_sequences(base: int) -> None:
    """Make the next automatic id of every project table ``base``."""
    models = [m for m in apps.get_models() if m._meta.app_label in APPS and m._meta.auto_field]
    with connection.cursor() as cursor:
        for model in models:
            table = model._meta.db_table
            if connection.vendor == "postgresql":
                cursor.execute("SELECT setval(pg_get_serial_sequence(%s, 'id'), %s, false)",
                               [table, base])
            else:
                cursor.execute("DELETE FROM sqlite_sequence WHERE name = %s", [table])
                cursor.execute("INSERT INTO sqlite_sequence (name, seq) VALUES (%s, %s)",
                               [table, base - 1])


def build_world(base: int, marker: str, province_name: str) -> World:
    """One commune with an object of every kind, each model's first object having id ``base``."""
    from tests.budgets.factories import ensure_catalog
    from tests.dialogues.conftest import ensure_ethnic_groups

    ensure_catalog()
    ensure_ethnic_groups()
    province = ProvinceFactory(short_name=province_name)
    bump_sequences(base)
    unit = AdminUnitFactory(short_name=f"{marker} xã", parent=province)
    body = IssuingBodyFactory(unit=unit)
    users = {role: AssignmentFactory(role=role, unit=unit).user for role in Role}
    _plans(body, users[Role.PLANNER], marker)
    _budgets(unit, marker)
    _households(unit, users[Role.COMMUNE_STAFF], marker, base)
    _dialogues(unit, marker)
    return World(base=base, unit=unit, marker=marker, users=users)


def _plans(body, planner, marker):
    from plans.models import CitationKind, CitedDocument, PlanKind
    from plans.services import create_plan

    plan = create_plan(kind=PlanKind.DIALOGUE_CONFERENCES, issuing_body=body, year=2026, by=planner)
    plan.title = f"Kế hoạch {marker}"
    plan.signer_name = "Ngô Anh Vũ"
    plan.save()
    # The library of cited documents is shared by every unit: no marker in it.
    CitedDocument.objects.create(kind=CitationKind.STATE, doc_type="Quyết định",
                                 title="Văn bản căn cứ dùng chung")


def _budgets(unit, marker):
    from tests.budgets.factories import (
        AllocationDecisionFactory,
        AllocationFactory,
        EstimateFactory,
        EstimateGroupFactory,
        EstimateLineFactory,
    )

    estimate = EstimateFactory(unit=unit, title=f"Dự toán {marker}")
    group = EstimateGroupFactory(estimate=estimate, title=f"Nhóm {marker}")
    EstimateLineFactory(group=group, content=f"Dòng {marker}")
    AllocationFactory(decision=AllocationDecisionFactory(unit=unit, issuer=f"UBND {marker}"))


def _households(unit, staff, marker, base):
    from households.models import ColumnMapping, ImportBatch
    from tests.households.factories import ClassificationFactory, HouseholdFactory

    household = HouseholdFactory(commune=unit, head_name=f"Chủ hộ {marker}", id_number=f"0250750{base % 100000:05d}")
    ClassificationFactory(household=household, year=2025)
    ImportBatch.objects.create(commune=unit, year=2025, filename=f"{marker}.xlsx", created_by=staff)
    ColumnMapping.objects.create(commune=unit, fingerprint=marker, fields={"name": 1}, labels=["TT", f"Tên {marker}"],
                                 created_by=staff)


def _dialogues(unit, marker):
    from tests.dialogues.factories import AttendeeFactory, PetitionFactory, ScheduledSessionFactory

    session = ScheduledSessionFactory(commune=unit, theme=f"Đối thoại {marker}",
                                      plan_id=_first_plan_id(unit))
    AttendeeFactory(session=session, full_name=f"Người dự {marker}")
    PetitionFactory(session=session, content=f"Ý kiến {marker}")


def _first_plan_id(unit):
    from plans.models import Plan

    return Plan.objects.filter(issuing_body__unit=unit).values_list("pk", flat=True).first()
