"""Thu hồi: an issued plan is withdrawn only by a leader's recorded action with a reason; its
number stays taken (never given again) and the register shows it as withdrawn, gaps too."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from audit.models import AuditEntry
from plans import services
from plans.models import Plan, RegisterCounter, Status
from tests.plans.conftest import issue

DAY = datetime.date(2026, 12, 20)


@pytest.fixture
def issued(approved, leader, today, media):
    today(DAY)
    return issue(approved(), by=leader, issue_date=DAY)


def test_a_withdrawn_plan_keeps_its_number_and_the_next_issue_takes_the_next_one(
        issued, approved, leader):
    withdrawn = services.withdraw_plan(issued, by=leader, reason="  Trùng nội dung với Kế hoạch "
                                                                 "số 02/KH-UBND.  ")
    assert (withdrawn.status, withdrawn.number, withdrawn.register_year) == (
        Status.WITHDRAWN, 1, 2026)
    stored = Plan.objects.get(pk=issued.pk)
    assert stored.withdrawal_reason == "Trùng nội dung với Kế hoạch số 02/KH-UBND."
    assert stored.withdrawn_by == leader and stored.withdrawn_at is not None
    assert stored.issued_pdf.name == issued.issued_pdf.name  # the record stays
    revision = stored.revisions.first()
    assert revision.action == "Thu hồi văn bản số 01/KH-UBND"
    assert revision.comment == stored.withdrawal_reason
    entry = AuditEntry.objects.filter(action="workflow").latest("pk")
    assert entry.changes["status"] == ["issued", "withdrawn"]
    assert issue(approved(), by=leader, issue_date=DAY).number == 2
    assert RegisterCounter.objects.get().last_number == 2


@pytest.mark.parametrize("reason", ["", "   ", "\n\t"])
def test_a_withdrawal_needs_a_reason(issued, leader, reason):
    with pytest.raises(ValidationError, match="lý do thu hồi"):
        services.withdraw_plan(issued, by=leader, reason=reason)
    assert Plan.objects.get(pk=issued.pk).status == Status.ISSUED


def test_only_a_leader_withdraws_and_only_an_issued_plan(issued, approved, officer, leader,
                                                         other_unit):
    from areas.models import Role
    from tests.factories import AssignmentFactory

    stranger = AssignmentFactory(role=Role.LEADER, unit=other_unit).user
    for user in (officer, stranger):
        with pytest.raises(PermissionDenied):
            services.withdraw_plan(issued, by=user, reason="Sai thẩm quyền.")
    with pytest.raises(PermissionDenied):
        services.withdraw_plan(approved(), by=leader, reason="Chưa ban hành.")
    services.withdraw_plan(issued, by=leader, reason="Ban hành nhầm.")
    with pytest.raises(services.RepeatedAction, match="Đã thu hồi"):
        services.withdraw_plan(issued, by=leader, reason="Bấm hai lần.")
    assert Plan.objects.get(pk=issued.pk).revisions.filter(action__startswith="Thu hồi").count() == 1


def test_the_withdrawal_page_asks_the_reason_and_the_plan_shows_withdrawn_everywhere(
        client, issued, leader, body):
    client.force_login(leader)
    url = reverse("plans:plan-withdraw", args=[issued.pk])
    assert "Thu hồi kế hoạch số 01/KH-UBND" in client.get(url).content.decode()
    refused = client.post(url, {"reason": "   "})
    assert refused.status_code == 422 and "Hãy ghi lý do thu hồi" in refused.content.decode()
    done = client.post(url, {"reason": "Thay bằng kế hoạch khác."}, follow=True)
    page = done.content.decode()
    assert "Đã thu hồi" in page and "Thay bằng kế hoạch khác." in page
    assert 'href="' + url not in page  # nothing left to withdraw
    listing = client.get(reverse("plans:plan-list"), {"status": "withdrawn"}).content.decode()
    assert "text-bg-dark" in listing and "Đã thu hồi" in listing and "Số 01/KH-UBND" in listing
    pdf = client.get(reverse("plans:plan-pdf", args=[issued.pk]))
    assert pdf.status_code == 200 and pdf.getvalue().startswith(b"%PDF")


def test_the_register_lists_every_number_withdrawn_and_gaps_included(
        client, issued, approved, leader, body):
    services.withdraw_plan(issued, by=leader, reason="Ban hành nhầm.")
    RegisterCounter.objects.filter(issuing_body=body).update(last_number=2)  # a number lost
    third = issue(approved(), by=leader, issue_date=DAY)
    assert third.number == 3
    client.force_login(leader)
    page = client.get(reverse("plans:register"), {"body": body.pk, "year": 2026}).content.decode()
    rows = page.split("<tbody>")[1].split("</tbody>")[0].split("<tr")[1:]
    assert len(rows) == 3
    assert "01/KH-UBND" in rows[0] and "Đã thu hồi" in rows[0] and "Ban hành nhầm." in rows[0]
    assert "02" in rows[1] and "không có kế hoạch nào mang số này" in rows[1]
    assert "03/KH-UBND" in rows[2] and "Đã ban hành" in rows[2]


@pytest.mark.parametrize("query", [{"body": "x"}, {"body": "99999999"}, {"year": "abc"},
                                   {"year": "-5", "page": "zz"}, {"body": "1" * 40}])
def test_the_register_answers_any_query_without_500(client, leader, body, query):
    client.force_login(leader)
    assert client.get(reverse("plans:register"), query).status_code in (200, 404)
