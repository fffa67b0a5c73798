"""Allocation decisions stay correctable after saving: number, date, issuer, title, each change audited."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from audit.models import Action, AuditEntry
from budgets.services import update_decision
from tests.budgets.factories import AllocationDecisionFactory, AllocationFactory


@pytest.fixture
def decision(own_unit):
    decision = AllocationDecisionFactory(unit=own_unit, number="1096/QĐ-UBND", title="Giao vốn năm 2023")
    AllocationFactory(decision=decision)
    return decision


def _form(**over):
    return {"number": "1097/QĐ-UBND", "date": "2023-05-15", "issuer": "UBND huyện Hạ Hòa",
            "title": "Giao vốn sự nghiệp năm 2023"} | over


def test_the_finance_officer_corrects_a_decision_and_the_log_keeps_old_and_new(client_as, finance, decision):
    client = client_as(finance)
    response = client.post(reverse("budgets:decision-edit", args=[decision.pk]), _form())
    assert response.status_code == 302
    decision.refresh_from_db()
    assert (decision.number, decision.date) == ("1097/QĐ-UBND", datetime.date(2023, 5, 15))
    assert decision.allocations.count() == 1
    entry = AuditEntry.objects.get(action=Action.CHANGE, object_id=str(decision.pk))
    assert entry.changes == {"date": ["2023-05-12", "2023-05-15"],
                             "issuer": ["UBND huyện Hạ Hoà", "UBND huyện Hạ Hòa"],
                             "number": ["1096/QĐ-UBND", "1097/QĐ-UBND"],
                             "title": ["Giao vốn năm 2023", "Giao vốn sự nghiệp năm 2023"]}
    page = client.get(decision.get_absolute_url()).content.decode()
    assert "Số, ký hiệu: 1096/QĐ-UBND → 1097/QĐ-UBND" in page
    assert "Ngày ban hành: 12/05/2023 → 15/05/2023" in page


def test_the_edit_form_shows_the_saved_values(client_as, finance, decision):
    text = client_as(finance).get(reverse("budgets:decision-edit", args=[decision.pk])).content.decode()
    assert 'value="1096/QĐ-UBND"' in text and 'value="2023-05-12"' in text


def test_an_unchanged_save_writes_no_log_entry(finance, decision):
    update_decision(decision, by=finance, number=decision.number, date=decision.date)
    assert not AuditEntry.objects.filter(action=Action.CHANGE).exists()


def test_a_malformed_number_is_refused_with_a_message_and_nothing_changes(client_as, finance, decision):
    response = client_as(finance).post(reverse("budgets:decision-edit", args=[decision.pk]),
                                       _form(number="1097 QĐ UBND", date="15/13/2023"))
    text = response.content.decode()
    assert response.status_code == 200 and "không đúng mẫu" in text
    decision.refresh_from_db()
    assert decision.number == "1096/QĐ-UBND"


def test_a_number_and_date_already_recorded_for_the_unit_is_refused(client_as, finance, decision, own_unit):
    AllocationDecisionFactory(unit=own_unit, number="1097/QĐ-UBND", date=datetime.date(2023, 5, 15))
    response = client_as(finance).post(reverse("budgets:decision-edit", args=[decision.pk]), _form())
    assert response.status_code == 200 and "đã tồn tại" in response.content.decode()
    decision.refresh_from_db()
    assert decision.number == "1096/QĐ-UBND"


def test_only_the_units_finance_office_may_edit(officer, decision):
    with pytest.raises(PermissionDenied):
        update_decision(decision, by=officer, title="Khác")


def test_the_unit_is_not_editable(finance, decision, other_unit):
    with pytest.raises(TypeError):
        update_decision(decision, by=finance, unit=other_unit)


def test_a_blank_number_is_a_field_error(finance, decision):
    with pytest.raises(ValidationError):
        update_decision(decision, by=finance, number="")
