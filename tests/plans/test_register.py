"""The document register: one register per body, type and issue year; bounded issue dates;
issuing once, even when two leaders (or two tabs) press «Cấp số và ban hành» together."""

import datetime
import importlib
import io

import pytest
from django.apps import apps as django_apps
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse
from pypdf import PdfReader

from plans import services
from plans.issuing import issue_review
from plans.models import Plan, RegisterCounter, Status
from plans.register import ISSUE_DAYS_AHEAD
from tests.plans.conftest import issue
from tests.threads import at_once

DEC_20, DEC_21, JAN_5 = datetime.date(2026, 12, 20), datetime.date(2026, 12, 21), datetime.date(
    2027, 1, 5)


def _issue(plan, leader, day):
    return issue(plan, by=leader, issue_date=day)


def test_a_next_year_plan_issued_in_december_takes_decembers_number_and_january_starts_at_1(
        approved, leader, today):
    today(DEC_20)
    early_2027 = _issue(approved(year=2027), leader, DEC_20)
    late_2026 = _issue(approved(year=2026), leader, DEC_21)
    assert (early_2027.number, early_2027.register_year) == (1, 2026)
    assert (late_2026.number, late_2026.register_year) == (2, 2026)
    today(JAN_5)
    first_of_2027 = _issue(approved(year=2027), leader, JAN_5)
    second_of_2027 = _issue(approved(year=2027), leader, JAN_5)
    assert (first_of_2027.number, first_of_2027.register_year) == (1, 2027)
    assert second_of_2027.number == 2
    # Two plans of year 2027 now carry number 1, each in its own register.
    assert Plan.objects.filter(year=2027, number=1).count() == 2
    counters = dict(RegisterCounter.objects.values_list("year", "last_number"))
    assert counters == {2026: 2, 2027: 2}


def test_the_register_skips_a_number_already_carried_by_a_plan(approved, leader, today, body):
    today(DEC_20)
    typed = approved(year=2026)
    Plan.objects.filter(pk=typed.pk).update(number=1, register_year=2026, issue_date=DEC_20,
                                            status=Status.ISSUED)
    assert _issue(approved(year=2026), leader, DEC_20).number == 2


@pytest.mark.parametrize("day,reason", [
    (datetime.date(2026, 12, 19), r"trước ngày kế hoạch được phê duyệt \(20/12/2026\)"),
    (DEC_20 + datetime.timedelta(days=ISSUE_DAYS_AHEAD + 1), "quá xa"),
    (datetime.date(2099, 12, 31), "chỉ được ghi trước tối đa 7 ngày"),
    (datetime.date(1, 1, 1), "trước ngày kế hoạch được phê duyệt"),
])
def test_an_issue_date_out_of_bounds_is_refused_with_the_reason(approved, leader, today, day,
                                                                 reason):
    today(DEC_20)
    plan = approved()
    with pytest.raises(ValidationError, match=reason):
        _issue(plan, leader, day)
    plan.refresh_from_db()
    assert (plan.status, plan.number) == (Status.APPROVED, None)
    assert not RegisterCounter.objects.exists()


def test_the_last_allowed_day_ahead_and_the_approval_day_itself_are_accepted(approved, leader,
                                                                             today):
    today(DEC_20)
    ahead = DEC_20 + datetime.timedelta(days=ISSUE_DAYS_AHEAD)
    assert _issue(approved(), leader, ahead).issue_date == ahead
    assert _issue(approved(), leader, DEC_20).issue_date == DEC_20


def test_an_issue_date_outside_the_bodys_validity_is_refused(approved, leader, today, body):
    today(DEC_20)
    plan = approved(year=2027)
    body.valid_to = DEC_21
    body.save()
    with pytest.raises(ValidationError, match="không còn hiệu lực vào ngày 22/12/2026"):
        _issue(plan, leader, datetime.date(2026, 12, 22))


@pytest.mark.parametrize("posted,reason", [
    ("2099-12-31", "Ngày ban hành 31/12/2099 quá xa"),
    ("31/12/2099", "Ngày ban hành 31/12/2099 quá xa"),
    ("0001-01-01", "trước ngày kế hoạch được phê duyệt"),
    ("99999-01-01", "Ngày ban hành không hợp lệ"),
    ("2026-02-30", "Ngày ban hành không hợp lệ"),
    ("hôm nay", "Ngày ban hành không hợp lệ"),
    ("2026-12-2\u0000", "Ngày ban hành 02/12/2026 trước ngày kế hoạch được phê duyệt"),
])
def test_the_issue_form_answers_a_message_for_any_date_never_500(client, approved, leader, today,
                                                                   posted, reason):
    today(DEC_20)
    plan = approved()
    client.force_login(leader)
    response = client.post(reverse("plans:plan-issue", args=[plan.pk]), {"issue_date": posted},
                           follow=True)
    assert response.status_code == 422  # the confirmation page again, with the reason
    assert reason in response.content.decode()
    assert Plan.objects.get(pk=plan.pk).status == Status.APPROVED


def test_the_issue_form_shows_the_allowed_range(client, approved, leader, today):
    today(DEC_20)
    plan = approved()
    client.force_login(leader)
    page = client.get(reverse("plans:plan-issue", args=[plan.pk])).content.decode()
    assert 'min="2026-12-20" max="2026-12-27"' in page
    assert "Từ ngày phê duyệt (20/12/2026) đến tối đa 7 ngày sau hôm nay (27/12/2026)" in page


def test_issuing_twice_keeps_the_first_number_and_tells_the_leader(client, approved, leader,
                                                                    today):
    today(DEC_20)
    plan = approved()
    client.force_login(leader)
    url = reverse("plans:plan-issue", args=[plan.pk])
    acknowledged = [w.key for w in issue_review(plan)[1]]
    client.post(url, {"issue_date": "2026-12-20", "acknowledged": acknowledged})
    second = client.post(url, {"issue_date": "2026-12-21", "acknowledged": acknowledged},
                         follow=True)
    assert second.status_code == 200
    assert "đã được ban hành với số 01/KH-UBND, ngày 20/12/2026" in second.content.decode()
    plan.refresh_from_db()
    assert (plan.number, plan.issue_date) == (1, DEC_20)
    assert RegisterCounter.objects.get().last_number == 1
    assert plan.revisions.filter(action__startswith="Ban hành").count() == 1


def test_approving_twice_tells_the_leader_instead_of_403(client, plan, officer, leader):
    services.submit_plan(plan, by=officer)
    client.force_login(leader)
    url = reverse("plans:plan-approve", args=[plan.pk])
    client.post(url)
    again = client.post(url, follow=True)
    assert again.status_code == 200
    assert "đã ở trạng thái «Đã phê duyệt»" in again.content.decode()
    assert plan.revisions.filter(action="Phê duyệt").count() == 1


def test_a_transition_from_a_stale_copy_is_refused(plan, officer, leader):
    stale = Plan.objects.get(pk=plan.pk)
    services.submit_plan(plan, by=officer)
    services.return_plan(Plan.objects.get(pk=plan.pk), by=leader, comment="Sửa thành phần.")
    with pytest.raises(services.RepeatedAction):
        services.submit_plan(stale, by=officer)  # the other tab still shows the draft
    assert Plan.objects.get(pk=plan.pk).status == Status.RETURNED


# Stored files: written once the issue commits, never for a number that was rolled back.

def _stored(media):
    return sorted(p.name for p in media.rglob("*") if p.is_file())


def test_an_issue_that_fails_before_commit_leaves_no_file(approved, leader, today, media,
                                                          monkeypatch,
                                                          django_capture_on_commit_callbacks):
    today(DEC_20)
    plan = approved()

    def worker_dies(*args, **kwargs):
        raise SystemExit("worker killed")

    monkeypatch.setattr(services, "record", worker_dies)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(SystemExit):
        _issue(plan, leader, DEC_20)
    assert _stored(media) == []
    plan.refresh_from_db()
    assert (plan.status, plan.number, plan.issued_pdf.name) == (Status.APPROVED, None, "")


def test_a_committed_issue_stores_the_pdf_and_docx_under_the_names_on_the_row(
        approved, leader, today, media, django_capture_on_commit_callbacks):
    today(DEC_20)
    with django_capture_on_commit_callbacks(execute=True):
        plan = _issue(approved(year=2027), leader, DEC_20)
    plan.refresh_from_db()
    assert (media / plan.issued_pdf.name).is_file() and (media / plan.issued_docx.name).is_file()
    text = PdfReader(io.BytesIO(plan.issued_pdf.read())).pages[0].extract_text()
    assert "Số: 01/KH-UBND" in text and "ngày 20 tháng 12 năm 2026" in text


def test_a_stray_file_under_the_same_name_is_left_alone_and_the_row_names_ours(
        approved, leader, today, media, django_capture_on_commit_callbacks):
    today(DEC_20)
    plan = approved()
    stray = media / "plans" / "issued" / "2026" / f"KH-01-2026-{plan.pk}.pdf"
    stray.parent.mkdir(parents=True)
    stray.write_bytes(b"left by a worker killed before this fix")
    with django_capture_on_commit_callbacks(execute=True):
        _issue(plan, leader, DEC_20)
    plan.refresh_from_db()
    assert stray.read_bytes() == b"left by a worker killed before this fix"
    assert plan.issued_pdf.name != f"plans/issued/2026/{stray.name}"
    assert PdfReader(io.BytesIO(plan.issued_pdf.read())).pages[0].extract_text()


def test_a_file_lost_between_commit_and_write_is_stored_again_on_download(
        client, approved, leader, today, media, process_dies_after_commit):
    today(DEC_20)
    plan = _issue(approved(), leader, DEC_20)  # on-commit writes never run: the worker died
    assert _stored(media) == []
    client.force_login(leader)
    response = client.get(reverse("plans:plan-pdf", args=[plan.pk]))
    assert response.status_code == 200
    assert "Số: 01/KH-UBND" in PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert _stored(media) == [plan.issued_pdf.name.rsplit("/", 1)[-1]]


# The migration that files existing numbers in their register.

def _migration():
    return importlib.import_module("plans.migrations.0004_plan_register_year")


def _legacy(plan, number, day):
    Plan.objects.filter(pk=plan.pk).update(number=number, issue_date=day, status=Status.ISSUED,
                                           register_year=None)


def test_the_migration_files_each_number_in_its_issue_years_register(approved, today, body):
    today(DEC_20)
    december_2027, january_2027 = approved(year=2027), approved(year=2027)
    _legacy(december_2027, 4, DEC_20)
    _legacy(january_2027, 4, JAN_5)  # allowed now, refused by the old constraint
    _migration().file_numbers_in_their_register(django_apps, None)
    years = dict(Plan.objects.filter(number=4).values_list("issue_date", "register_year"))
    assert years == {DEC_20: 2026, JAN_5: 2027}
    counters = dict(RegisterCounter.objects.values_list("year", "last_number"))
    assert counters == {2026: 4, 2027: 4}


def test_the_migration_renumbers_nothing_and_lists_a_clash(approved, today, body):
    today(DEC_20)
    first, second = approved(year=2026), approved(year=2027)
    _legacy(first, 3, datetime.date(2026, 3, 5))
    _legacy(second, 3, DEC_20)  # typed by hand: the same register, the same number
    with pytest.raises(RuntimeError, match=rf"số 03: kế hoạch #{first.pk} .*#{second.pk} "):
        _migration().file_numbers_in_their_register(django_apps, None)
    assert set(Plan.objects.filter(number=3).values_list("pk", flat=True)) == {first.pk, second.pk}


# Two leaders at once (PostgreSQL: real row locks, one connection per thread).

def _postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("row locks are tested on PostgreSQL (SQLite serialises every write)")


@pytest.mark.django_db(transaction=True)
def test_leaders_issuing_at_once_across_the_year_boundary_get_consecutive_numbers(
        approved, leader, today, media):
    _postgresql_only()
    today(DEC_20)
    plans = [approved(year=2027) for _ in range(3)] + [approved(year=2026) for _ in range(2)]
    outcomes = at_once([lambda p=p: _issue(p, leader, DEC_21) for p in plans])
    assert all(isinstance(o, Plan) for o in outcomes), outcomes
    assert sorted(o.number for o in outcomes) == [1, 2, 3, 4, 5]
    assert RegisterCounter.objects.get(year=2026).last_number == 5
    stored = {p.issued_pdf.name for p in Plan.objects.filter(status=Status.ISSUED)}
    assert all((media / name).is_file() for name in stored) and len(stored) == 5


@pytest.mark.django_db(transaction=True)
def test_one_plan_issued_from_three_tabs_at_once_is_issued_once(approved, leader, today, media):
    _postgresql_only()
    today(DEC_20)
    plan = approved()
    outcomes = at_once([lambda: _issue(plan, leader, DEC_20)] * 3)
    issued = [o for o in outcomes if isinstance(o, Plan)]
    refused = [o for o in outcomes if isinstance(o, services.AlreadyIssued)]
    assert (len(issued), len(refused)) == (1, 2), outcomes
    assert "đã được ban hành với số 01/KH-UBND" in refused[0].messages[0]
    assert RegisterCounter.objects.get().last_number == 1
    assert Plan.objects.get(pk=plan.pk).revisions.filter(action__startswith="Ban hành").count() == 1
