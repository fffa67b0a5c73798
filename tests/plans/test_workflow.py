"""Draft → submitted → returned / approved → issued, numbering and stored files."""

import datetime
import io
import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, connections
from pypdf import PdfReader

from plans import services
from plans.models import Plan, PlanKind, RegisterCounter, Status
from plans.revisions import compare
from tests.plans.conftest import issue, type_live_blocks


def test_full_workflow_issues_with_the_next_number_and_stores_the_pdf(
        plan, officer, leader, today, media, django_capture_on_commit_callbacks):
    today(datetime.date(2026, 3, 5))
    type_live_blocks(plan)
    services.submit_plan(plan, by=officer)
    with pytest.raises(ValidationError):
        services.return_plan(plan, by=leader, comment="  ")
    services.return_plan(plan, by=leader, comment="Bổ sung thành phần đại biểu.")
    assert plan.status == Status.RETURNED
    services.submit_plan(plan, by=officer)
    services.approve_plan(plan, by=leader)
    with django_capture_on_commit_callbacks(execute=True):
        issued = issue(plan, by=leader, issue_date=datetime.date(2026, 3, 5))
    assert (issued.number, issued.status, issued.register_year) == (1, Status.ISSUED, 2026)
    text = PdfReader(io.BytesIO(issued.issued_pdf.read())).pages[0].extract_text()
    assert "Số: 01/KH-UBND" in text and "ngày 05 tháng 3 năm 2026" in text
    actions = list(issued.revisions.values_list("action", flat=True))
    assert "Ban hành số 01/KH-UBND" in actions and "Trả lại để sửa" in actions


def test_only_the_right_roles_move_the_plan(plan, officer, leader, commune_staff, finance):
    with pytest.raises(PermissionDenied):
        services.submit_plan(plan, by=commune_staff)
    with pytest.raises(PermissionDenied):
        services.approve_plan(plan, by=leader)  # not submitted yet
    services.submit_plan(plan, by=officer)
    with pytest.raises(PermissionDenied):
        services.approve_plan(plan, by=officer)
    with pytest.raises(PermissionDenied):
        services.approve_plan(plan, by=finance)


def test_a_blocking_problem_stops_submission(plan, officer):
    services.update_header(plan, by=officer, signer_name="")
    with pytest.raises(ValidationError, match="Chưa ghi họ tên người ký"):
        services.submit_plan(plan, by=officer)
    assert Plan.objects.get(pk=plan.pk).status == Status.DRAFT


def test_issuing_is_refused_on_a_date_the_body_no_longer_exists(plan, officer, leader, today):
    today(datetime.date(2026, 6, 30))
    body = plan.issuing_body
    body.valid_to = datetime.date(2026, 6, 30)
    body.save()
    services.submit_plan(plan, by=officer)
    services.approve_plan(plan, by=leader)
    with pytest.raises(ValidationError, match="không còn hiệu lực"):
        services.issue_plan(plan, by=leader, issue_date=datetime.date(2026, 7, 1))
    assert Plan.objects.get(pk=plan.pk).number is None


def test_numbers_are_consecutive_per_body_type_and_year(body):
    numbers = [services.next_document_number(body, "KH", 2026) for _ in range(3)]
    assert numbers == [1, 2, 3]
    assert services.next_document_number(body, "KH", 2027) == 1
    assert services.next_document_number(body, "BC", 2026) == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_issuing_yields_distinct_consecutive_numbers(own_unit):
    if connection.vendor != "postgresql":
        pytest.skip("row locks are tested on PostgreSQL (SQLite serialises every write)")
    from tests.factories import IssuingBodyFactory

    body = IssuingBodyFactory(unit=own_unit)
    results, errors = [], []

    def take():
        try:
            from django.db import transaction

            with transaction.atomic():
                results.append(services.next_document_number(body, "KH", 2026))
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=take) for _ in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert sorted(results) == list(range(1, 13))
    assert RegisterCounter.objects.get(issuing_body=body).last_number == 12


def test_copy_from_last_year_moves_the_year_forward(plan, officer):
    copy = services.copy_plan(plan, year=2027, by=officer)
    assert "2027" in copy.title and "2026" not in copy.title
    assert copy.blocks.count() == plan.blocks.count()
    assert copy.status == Status.DRAFT and copy.number is None


def test_revisions_can_be_compared(plan, officer):
    services.update_header(plan, by=officer, title="Tên mới của kế hoạch")
    first, last = plan.revisions.order_by("at", "pk")[0], plan.revisions.order_by("-at", "-pk")[0]
    diff = compare(first, last)
    assert ("Trích yếu", first.snapshot["title"], "Tên mới của kế hoạch") in diff["fields"]


def test_creating_for_a_body_outside_its_validity_is_refused(officer, body):
    body.valid_to = datetime.date(2025, 6, 30)
    body.save()
    with pytest.raises(ValidationError, match="không có hiệu lực trong năm 2026"):
        services.create_plan(kind=PlanKind.BLANK, issuing_body=body, year=2026, by=officer)


def test_an_estimate_of_another_unit_cannot_be_linked(plan, officer, other_unit):
    from tests.budgets.factories import EstimateFactory

    foreign = EstimateFactory(unit=other_unit, year=2026)
    with pytest.raises(ValidationError, match="cùng đơn vị"):
        services.update_header(plan, by=officer, estimate=foreign)
