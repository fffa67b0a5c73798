"""A total stated in the plan or the allocation is shown beside the parts wherever a total is shown."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from audit.models import AuditEntry
from budgets.checks import estimate_problems, stated_total_conflicts
from budgets.documents import estimate_appendix
from budgets.services import keep_stated_difference, set_stated_total
from tests.budgets.factories import EstimateLineFactory, sub_project


@pytest.fixture
def stated(estimate, finance):
    """The plan states 15.000.000 đồng; the lines add to 17.400.000 đồng."""
    return set_stated_total(estimate, by=finance, amount=15_000_000, source="Kế hoạch số 05/KH-UBND")


def test_a_differing_stated_total_is_a_blocking_problem_with_both_figures(estimate, stated):
    [conflict] = stated_total_conflicts(estimate)
    assert (conflict.parts, conflict.difference, conflict.kept) == (17_400_000, -2_400_000, False)
    problem = estimate_problems(estimate)[0]
    assert problem.blocking and problem.message.startswith(
        "Cả dự toán: tổng ghi (Kế hoạch số 05/KH-UBND) 15.000.000 đồng, tổng các khoản 17.400.000 đồng, "
        "chênh lệch −2.400.000 đồng")


def test_a_sub_project_total_is_compared_with_its_own_lines(estimate, finance):
    set_stated_total(estimate, by=finance, sub_project=sub_project("DA6-TDA2"), amount=17_400_000)
    assert stated_total_conflicts(estimate) == []
    EstimateLineFactory(group=estimate.groups.first(), content="Hoa", unit_price=1_000, quantity=3)
    [conflict] = stated_total_conflicts(estimate)
    assert conflict.label.startswith("DA6-TDA2") and conflict.difference == -3_000


def test_a_kept_difference_is_a_warning_until_either_figure_changes(estimate, stated, finance):
    keep_stated_difference(stated, by=finance, reason="Kế hoạch làm tròn; chênh lệch do điều chỉnh đơn giá nước")
    [conflict] = stated_total_conflicts(estimate)
    assert conflict.kept and not estimate_problems(estimate)[0].blocking
    assert stated_total_conflicts(estimate, include_kept=False) == []
    entry = AuditEntry.objects.filter(object_type="budgets.StatedTotal").order_by("-pk").first()
    assert entry.changes["kept_difference"] == -2_400_000
    EstimateLineFactory(group=estimate.groups.first(), content="Hoa", unit_price=1_000, quantity=3)
    assert not stated_total_conflicts(estimate)[0].kept  # the parts moved: looked at again


def test_keeping_needs_a_reason_and_a_difference(estimate, stated, finance):
    with pytest.raises(ValidationError):
        keep_stated_difference(stated, by=finance, reason="  ")
    set_stated_total(estimate, by=finance, amount=17_400_000)
    stated.refresh_from_db()
    with pytest.raises(ValidationError):
        keep_stated_difference(stated, by=finance, reason="x")


def test_the_budget_screen_shows_both_figures_and_the_keep_form(client_as, finance, estimate, stated):
    page = client_as(finance).get(estimate.get_absolute_url()).content.decode()
    assert 'data-testid="stated-total"' in page and "15.000.000" in page and "−2.400.000" in page
    assert reverse("budgets:stated-total-keep", args=[stated.pk]) in page
    client_as(finance).post(reverse("budgets:stated-total-keep", args=[stated.pk]), {"reason": "Đã báo cáo UBND"})
    page = client_as(finance).get(estimate.get_absolute_url()).content.decode()
    assert "Giữ chênh lệch: Đã báo cáo UBND" in page


def test_the_stated_total_form_records_and_replaces(client_as, finance, estimate):
    url = reverse("budgets:stated-total-edit", args=[estimate.pk])
    client = client_as(finance)
    assert client.post(url, {"amount": "250.000.000", "source": "QĐ 45/QĐ-UBND"}).status_code == 302
    assert client.post(url, {"amount": "275.000.000", "source": "QĐ 45/QĐ-UBND"}).status_code == 302
    assert list(estimate.stated_totals.values_list("amount", flat=True)) == [275_000_000]
    assert client.post(url, {"amount": "-5"}).status_code == 200


def test_the_pdf_appendix_shows_both_figures(estimate, stated):
    appendix = estimate_appendix(estimate, reference="(Kèm theo Kế hoạch số 05/KH-UBND)")
    texts = [block.text for block in appendix.after_table]
    assert texts[1] == ("Ghi chú: Cả dự toán: tổng ghi trong Kế hoạch số 05/KH-UBND 15.000.000 đồng; tổng các "
                        "khoản 17.400.000 đồng; chênh lệch −2.400.000 đồng (chưa xử lý).")


def test_another_units_user_cannot_touch_a_stated_total(client_as, estimate, stated, other_unit):
    from areas.models import Role
    from tests.factories import AssignmentFactory

    stranger = AssignmentFactory(role=Role.FINANCE, unit=other_unit).user
    response = client_as(stranger).post(reverse("budgets:stated-total-delete", args=[stated.pk]))
    assert response.status_code == 404 and estimate.stated_totals.exists()


def test_the_plan_checks_show_the_conflict_blocking_until_kept(attached_plan, stated, finance):
    from plans.checks import money_problems

    [problem] = [p for p in money_problems(attached_plan) if p.where == "budget"]
    assert problem.blocking and "chênh lệch −2.400.000 đồng" in problem.message
    keep_stated_difference(stated, by=finance, reason="Đã báo cáo")
    [problem] = [p for p in money_problems(attached_plan) if p.where == "budget"]
    assert not problem.blocking and "giữ chênh lệch: Đã báo cáo" in problem.message


def test_the_estimate_list_shows_each_differing_stated_total_beside_the_total(client_as, finance, estimate, stated):
    """The list is a place a total is shown too: the stated figure and the signed difference stand
    under it, kept ones marked, in a constant number of queries."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.budgets.factories import EstimateFactory

    set_stated_total(estimate, by=finance, sub_project=sub_project("DA6-TDA2"), amount=18_000_000)
    keep_stated_difference(stated, by=finance, reason="Đã báo cáo")
    other = EstimateFactory(unit=estimate.unit)
    set_stated_total(other, by=finance, amount=0)  # agrees with its (no) lines: nothing shown
    client = client_as(finance)
    url = reverse("budgets:estimate-list")
    page = client.get(url).content.decode()
    assert page.count('data-testid="stated-total"') == 2
    assert "Cả dự toán: tổng ghi 15.000.000, chênh −2.400.000 (giữ)" in page
    assert "DA6-TDA2: tổng ghi 18.000.000, chênh +600.000" in page
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(3):
        set_stated_total(EstimateFactory(unit=estimate.unit), by=finance, amount=1)
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


def test_the_budget_screen_signs_the_difference_as_the_messages_do(client_as, finance, estimate, stated):
    page = client_as(finance).get(estimate.get_absolute_url()).content.decode()
    assert '<td class="text-end">−2.400.000</td>' in page and ">-2.400.000<" not in page


def test_wrong_input_on_the_stated_total_forms_is_named_for_what_it_is(client_as, finance, estimate, stated):
    client = client_as(finance)
    page = client.post(reverse("budgets:stated-total-edit", args=[estimate.pk]), {"amount": "-5"}).content.decode()
    assert "Số tiền không được âm." in page  # 0 is allowed: «phải lớn hơn 0» would be wrong
    keep = reverse("budgets:stated-total-keep", args=[stated.pk])
    page = client.post(keep, {"reason": "x" * 501}, follow=True).content.decode()
    assert "Lý do giữ chênh lệch dài quá 500 ký tự" in page
    assert "Hãy ghi lý do giữ chênh lệch." in client.post(keep, {"reason": " "}, follow=True).content.decode()
    stated.refresh_from_db()
    assert stated.kept_difference is None


def test_the_plans_own_stated_total_is_signed_as_the_estimates_are(attached_plan):
    from plans.checks import money_problems

    attached_plan.stated_total = 15_000_000
    [problem] = [p for p in money_problems(attached_plan) if p.where == "header"]
    assert problem.message.endswith("chênh −2.400.000 đồng.")


def test_the_overview_says_how_many_estimates_state_another_total_and_links_to_them(client_as, finance, estimate,
                                                                                    stated):
    url = reverse("budgets:overview") + f"?year={estimate.year}"
    page = client_as(finance).get(url).content.decode()
    assert f"1 dự toán năm {estimate.year} có tổng kinh phí ghi trong kế hoạch hoặc quyết định giao vốn khác" in page
    assert f"?year={estimate.year}&amp;chenh-lech=1" in page
    keep_stated_difference(stated, by=finance, reason="Đã báo cáo")
    assert 'data-testid="stated-open"' not in client_as(finance).get(url).content.decode()
