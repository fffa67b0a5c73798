"""Allocation decisions and their amounts sent twice: recorded once, the second told why."""

import datetime

from django.urls import reverse

from budgets.services import create_decision
from tests.budgets.factories import source, sub_project

DECISION = {"number": "1096/QĐ-UBND", "date": "2023-05-12", "issuer": "UBND huyện Hạ Hòa",
            "title": "Giao vốn năm 2023"}


def test_a_decision_form_sent_twice_records_one_decision(client_as, finance, own_unit):
    client, url = client_as(finance), reverse("budgets:decision-create")
    form = {"unit": own_unit.pk, **DECISION}
    assert client.post(url, form).status_code == 302
    again = client.post(url, form)
    assert again.status_code == 200 and "đã tồn tại" in again.content.decode()
    assert own_unit.allocation_decisions.count() == 1


def test_an_allocation_form_sent_twice_adds_one_amount(client_as, finance, own_unit):
    decision = create_decision(own_unit, by=finance, number=DECISION["number"], date=datetime.date(2023, 5, 12),
                               issuer=DECISION["issuer"])
    client, url = client_as(finance), reverse("budgets:decision-detail", args=[decision.pk])
    form = {"unit": own_unit.pk, "year": "2023", "sub_project": sub_project().pk, "funding_source": source().pk,
            "amount": "150.000.000"}
    assert client.post(url, form).status_code == 302
    again = client.post(url, form)
    assert again.status_code == 200 and "Quyết định đã có khoản giao" in again.content.decode()
    assert decision.allocations.count() == 1
