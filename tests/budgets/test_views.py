"""The estimate page: lines through htmx, totals, words, checks, display unit, disbursements."""

import pytest
from django.urls import reverse

from budgets.models import Disbursement
from tests.budgets.factories import AllocationFactory

HTMX = {"HTTP_HX_REQUEST": "true"}


def _line(**over):
    return {"content": "Hoa tươi", "unit_of_measure": "lẵng", "quantity": "2", "days": "",
            "unit_price": "300.000", "funding_source": over.pop("source"), "note": ""} | over


def test_adding_a_line_with_htmx_returns_the_updated_totals_and_words(client_as, finance, estimate):
    group = estimate.groups.first()
    source = group.lines.first().funding_source_id
    response = client_as(finance).post(reverse("budgets:line-add", args=[group.pk]), _line(source=source), **HTMX)
    text = response.content.decode()
    assert response.status_code == 200 and 'id="estimate-body"' in text
    assert "8.000.000" in text and "18.000.000" in text  # subtotal I and total
    assert "Mười tám triệu đồng chẵn" in text
    assert estimate.lines.get(content="Hoa tươi").amount == 600_000


def test_bad_line_input_comes_back_into_the_editor_with_vietnamese_messages(client_as, finance, estimate):
    group = estimate.groups.first()
    data = _line(source="", quantity="2,5", unit_of_measure="người", unit_price="abc")
    response = client_as(finance).post(reverse("budgets:line-add", args=[group.pk]), data, **HTMX)
    text = response.content.decode()
    assert response["HX-Retarget"] == "#editor"
    assert "Số lượng tính theo «người» phải là số nguyên." in text
    assert "«abc» không phải số tiền nguyên (đồng)" in text
    assert estimate.lines.count() == 3


@pytest.mark.parametrize("figures,field,message", [
    ({"quantity": "9999999999", "days": "99999999", "unit_price": "999.999.999.999.999"}, "unit_price",
     "Thành tiền (Số lượng × Số ngày × Đơn giá) quá lớn; hãy kiểm tra lại các số."),
    ({"quantity": "5", "days": "5000000000", "unit_price": "1.000"}, "days",
     "Tối đa hai chữ số thập phân và nhỏ hơn 100 triệu."),
])
def test_figures_too_large_for_the_line_are_refused_by_the_form_not_the_database(client_as, finance, estimate,
                                                                                 figures, field, message):
    group = estimate.groups.first()
    data = _line(source=group.lines.first().funding_source_id) | figures
    response = client_as(finance).post(reverse("budgets:line-add", args=[group.pk]), data, **HTMX)
    assert response.status_code == 200 and response["HX-Retarget"] == "#editor"
    assert message in response.content.decode()
    assert estimate.lines.count() == 3


def test_the_page_shows_the_over_allocation_check(client_as, finance, estimate):
    AllocationFactory(decision__unit=estimate.unit, amount=10_000_000)
    text = client_as(finance).get(estimate.get_absolute_url()).content.decode()
    assert "vượt 7.400.000 đồng so với vốn được giao 10.000.000 đồng." in text


def test_the_display_unit_is_chosen_explicitly_and_captioned(client_as, finance, estimate):
    client = client_as(finance)
    response = client.post(reverse("budgets:estimate-display-unit", args=[estimate.pk]),
                           {"display_unit": "1000000"}, **HTMX)
    text = response.content.decode()
    assert "Đơn vị tính: triệu đồng" in text and "17,4" in text


def test_a_disbursement_beyond_the_line_is_recorded_with_its_reason_and_warned_about(client_as, finance, estimate):
    line = estimate.lines.first()
    url = reverse("budgets:line-disbursements", args=[line.pk])
    client = client_as(finance)
    client.post(url, {"date": "2023-06-20", "voucher_number": "PC-01", "amount": "6.000.000"})
    assert not Disbursement.objects.exists()
    client.post(url, {"date": "2023-06-20", "voucher_number": "PC-01", "amount": "6.000.000",
                      "overrun_reason": "Quyết định điều chỉnh số 7/QĐ-UBND"})
    assert Disbursement.objects.get().amount == 6_000_000
    assert "vượt dự toán của dòng này 1.000.000 đồng" in client.get(url).content.decode()
    overview = client.get(reverse("budgets:overview") + "?year=2023").content.decode()
    assert "<svg" in overview and "Đã giải ngân: 6.000.000" in overview


def test_negative_or_decimal_disbursements_are_refused(client_as, finance, estimate):
    url = reverse("budgets:line-disbursements", args=[estimate.lines.first().pk])
    for amount in ("-5", "1,5", "abc"):
        response = client_as(finance).post(url, {"date": "2023-06-20", "voucher_number": "1", "amount": amount})
        assert response.status_code == 200
    assert not Disbursement.objects.exists()


def test_a_malformed_decision_number_is_refused(client_as, finance, own_unit):
    response = client_as(finance).post(reverse("budgets:decision-create"), {
        "unit": own_unit.pk, "number": "1096 QĐ UBND", "date": "2023-05-12", "issuer": "UBND huyện"})
    assert "không đúng mẫu" in response.content.decode()


def test_the_estimate_workbook_downloads(client_as, finance, estimate):
    response = client_as(finance).get(reverse("budgets:estimate-xlsx", args=[estimate.pk]))
    assert response["Content-Disposition"].endswith('.xlsx"') and response.content[:2] == b"PK"
