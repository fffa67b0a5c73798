"""The "(Kèm theo Kế hoạch số …)" line of the spreadsheet and the page, read from the estimate's plan."""

import io

from django.urls import reverse
from openpyxl import load_workbook

from budgets.references import estimate_reference
from documents.dates import NBSP
from tests.budgets.conftest import issue

ISSUED = "(Kèm theo Kế hoạch số 05/KH-UBND ngày 05 tháng 3 năm 2023 của UBND huyện Hạ Hòa)"


def _sheet_reference(client, estimate):
    response = client.get(reverse("budgets:estimate-xlsx", args=[estimate.pk]))
    book = load_workbook(io.BytesIO(response.content))
    return book["DA6-TDA2"]["A5"].value, book["DA6-TDA2"]["A1"].value


def test_an_estimate_without_a_plan_keeps_number_and_date_blank(estimate):
    text = estimate_reference(estimate)
    assert text.startswith("(Kèm theo Kế hoạch số" + NBSP) and text.endswith("năm 2023)")
    assert "/KH-UBND ngày" in text and "của" not in text


def test_a_draft_plan_keeps_the_blanks_but_names_its_issuer(estimate, attached_plan):
    text = estimate_reference(estimate)
    assert text == (f"(Kèm theo Kế hoạch số{NBSP * 6}/KH-UBND ngày{NBSP * 6}tháng{NBSP * 6}năm 2023 "
                    "của UBND huyện Hạ Hòa)")


def test_an_issued_plan_fills_number_date_and_issuer_in_the_spreadsheet(client_as, finance, estimate,
                                                                        attached_plan):
    issue(attached_plan)
    reference, agency = _sheet_reference(client_as(finance), estimate)
    assert reference == ISSUED
    assert agency == "\n".join(attached_plan.name_lines)


def test_the_issued_plan_wins_over_a_later_draft(officer, estimate, attached_plan):
    from plans.services import create_plan

    issue(attached_plan)
    draft = create_plan(kind=attached_plan.kind, issuing_body=attached_plan.issuing_body, year=2023, by=officer)
    draft.estimate = estimate
    draft.save()
    assert estimate_reference(estimate) == ISSUED


def test_the_estimate_page_shows_the_reference_and_links_back_to_the_plan(client_as, finance, estimate,
                                                                          attached_plan):
    issue(attached_plan)
    text = client_as(finance).get(estimate.get_absolute_url()).content.decode()
    assert ISSUED in text
    assert f'href="{attached_plan.get_absolute_url()}"' in text
    assert "Kế hoạch số 05/KH-UBND" in text and "Đã ban hành" in text


def test_the_page_without_a_plan_says_so(client_as, finance, estimate):
    text = client_as(finance).get(estimate.get_absolute_url()).content.decode()
    assert "Chưa có kế hoạch nào dùng dự toán này" in text


def test_the_estimate_list_names_the_plan_of_each_estimate(client_as, finance, estimate, attached_plan):
    issue(attached_plan)
    text = client_as(finance).get(reverse("budgets:estimate-list")).content.decode()
    assert "Kế hoạch số 05/KH-UBND" in text and attached_plan.get_absolute_url() in text


def test_another_units_plan_is_not_named_on_the_page(client_as, finance, estimate, attached_plan, other_unit):
    from plans.models import Plan

    Plan.objects.filter(pk=attached_plan.pk).update(unit=other_unit)
    text = client_as(finance).get(estimate.get_absolute_url()).content.decode()
    assert attached_plan.get_absolute_url() not in text
