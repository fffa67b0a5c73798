"""Registering and editing a household by hand, and recording its yearly class: rules, messages, audit."""

import datetime

import pytest
from django.urls import reverse

from audit.models import Action, AuditEntry
from households.models import Classification, EthnicGroup, Household
from tests.households.factories import HouseholdFactory

pytestmark = pytest.mark.django_db


def _form(unit, **changes):
    data = {"commune": unit.pk, "code": "M-01", "head_name": "Hoàng Thị Mai", "gender": "F", "birth_year": 1985,
            "ethnic_group": EthnicGroup.objects.get(name="Tày").pk, "id_number": "025185004567",
            "village": "Thôn Đồng Xuân", "members": 4, "phone": "0912 345 678", "meritorious": "on",
            "notice_given": "on"}
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_commune_staff_register_a_household_and_the_audit_log_lists_every_field(client_as, commune_staff,
                                                                                own_unit):
    response = client_as(commune_staff).post(reverse("households:household-create"), _form(own_unit))
    household = Household.objects.get()
    assert response.status_code == 302 and response["Location"] == household.get_absolute_url()
    assert household.is_woman_head and household.is_ethnic_minority and household.phone == "0912345678"
    assert household.search_name == "hoang thi mai" and household.recorded_on == datetime.date.today()
    entry = AuditEntry.objects.get(action=Action.CREATE, object_type="households.Household")
    assert entry.user == commune_staff and entry.ip_address
    assert entry.changes["head_name"] == [None, "Hoàng Thị Mai"] and entry.changes["ethnic_group"] == [None, "Tày"]
    assert entry.changes["id_number"] == [None, "0251******67"], "the log holds the masked number only"


def test_the_personal_data_notice_is_shown_and_must_be_acknowledged_explicitly(client_as, commune_staff, own_unit):
    client = client_as(commune_staff)
    page = client.get(reverse("households:household-create")).content.decode()
    assert 'data-testid="privacy-notice"' in page and "91/2025/QH15" in page
    box = page[page.index('name="notice_given"') - 200:page.index('name="notice_given"') + 200]
    assert "checked" not in box, "never pre-ticked"
    response = client.post(reverse("households:household-create"), _form(own_unit, notice_given=None))
    assert response.status_code == 200 and "Cần xác nhận đã thông báo cho chủ hộ" in response.content.decode()
    assert not Household.objects.exists()


@pytest.mark.parametrize("changes,words", [
    ({"birth_year": datetime.date.today().year + 1}, "ở tương lai"),
    ({"birth_year": 1850}, "trước 1900"),
    ({"head_name": "Trần Văn 2"}, "ký tự không hợp lệ"),
    ({"head_name": ""}, "Cần nhập họ và tên chủ hộ"),
    ({"gender": ""}, "Cần chọn giới tính"),
    ({"id_number": "999185004567"}, "không phải mã tỉnh"),
    ({"id_number": "025085004567"}, "ứng với giới tính nam, không khớp"),
    ({"id_number": "025190004567"}, "ứng với năm sinh 1990, không khớp năm sinh 1985"),
    ({"id_number": "0251850045"}, "có 10 chữ số; cần 12"),
    ({"id_number": "02518500456A"}, "chỉ gồm chữ số"),
    ({"members": 0}, "Số nhân khẩu phải từ 1 đến 50"),
    ({"phone": "12345"}, "Số điện thoại không hợp lệ"),
    ({"birth_year": "một chín tám lăm"}, "Năm sinh phải là số"),
])
def test_bad_input_gets_a_vietnamese_message_on_its_field_and_saves_nothing(client_as, commune_staff, own_unit,
                                                                           changes, words):
    response = client_as(commune_staff).post(reverse("households:household-create"), _form(own_unit, **changes))
    assert response.status_code == 200 and words in response.content.decode()
    assert not Household.objects.exists() and not AuditEntry.objects.exists()


def test_code_and_id_number_must_be_unique(client_as, commune_staff, own_unit, other_unit):
    HouseholdFactory(commune=own_unit, code="M-01")
    HouseholdFactory(commune=other_unit, id_number="025185004567")
    response = client_as(commune_staff).post(reverse("households:household-create"), _form(own_unit))
    page = response.content.decode()
    assert "Mã hộ «M-01» đã có trong sổ hộ" in page and "cần được quản trị viên kiểm tra" in page
    assert "Sa Loong" not in page and page.count("025185004567") == 1, "only in the field as typed"
    assert Household.objects.count() == 2


def test_a_legacy_nine_digit_number_is_accepted_and_flagged(client_as, commune_staff, own_unit):
    response = client_as(commune_staff).post(reverse("households:household-create"),
                                             _form(own_unit, id_number="131 234 567"), follow=True)
    household = Household.objects.get()
    assert household.id_number == "131234567" and household.id_is_legacy
    assert "CMND cũ 9 chữ số" in response.content.decode()


def test_an_edit_logs_exactly_the_changed_fields_and_keeps_the_commune(client_as, officer, own_household,
                                                                      other_unit):
    client = client_as(officer)
    url = reverse("households:household-edit", args=[own_household.pk])
    page = client.get(url).content.decode()
    assert 'value="Nguyễn Văn An"' in page and 'name="notice_given"' not in page
    data = _form(own_household.commune, code=own_household.code, head_name="Nguyễn Văn An", gender="M",
                 birth_year=1975, id_number="025075001234", village="Thôn Cả", members=6, phone="",
                 ethnic_group=own_household.ethnic_group_id, meritorious=None, commune=other_unit.pk)
    response = client.post(url, data)
    assert response.status_code == 302
    own_household.refresh_from_db()
    assert own_household.village == "Thôn Cả" and own_household.commune != other_unit
    entry = AuditEntry.objects.get(action=Action.CHANGE)
    assert entry.changes == {"village": ["Thôn Đồng Xuân", "Thôn Cả"], "members": [None, 6]}


def test_changing_the_middle_digits_of_an_id_number_is_still_logged(client_as, officer, own_household):
    data = _form(own_household.commune, code=own_household.code, head_name="Nguyễn Văn An", gender="M",
                 birth_year=1975, id_number="025075009934", village="Thôn Đồng Xuân", members=None, phone="",
                 ethnic_group=own_household.ethnic_group_id, meritorious=None)
    client_as(officer).post(reverse("households:household-edit", args=[own_household.pk]), data)
    entry = AuditEntry.objects.get(action=Action.CHANGE)
    assert list(entry.changes) == ["id_number"] and "025075009934" not in str(entry.changes)


def test_the_yearly_class_is_recorded_with_the_class_the_standard_gives(client_as, commune_staff, own_household):
    client = client_as(commune_staff)
    url = reverse("households:household-classify", args=[own_household.pk])
    page = client.get(url, {"year": 2024}).content.decode()
    assert "Nghị định 07/2021" in page or "07/2021" in page
    response = client.post(url, {"year": 2024, "household_class": "near_poor", "income_per_person": 1_200_000,
                                 "deprivations": [1, 4, 7]}, follow=True)
    classification = Classification.objects.get(household=own_household, year=2024)
    assert classification.computed_class == "poor" and classification.disagrees
    assert classification.deprivations == [1, 4, 7]
    page = response.content.decode()
    assert "Đã ghi phân loại năm 2024" in page and "khác với phân loại theo chuẩn nghèo" in page
    assert AuditEntry.objects.filter(action=Action.CREATE, object_type="households.Classification").exists()
    client.post(url, {"year": 2024, "household_class": "poor", "income_per_person": 1_200_000,
                      "deprivations": [1, 4, 7]})
    change = AuditEntry.objects.get(action=Action.CHANGE, object_type="households.Classification")
    assert change.changes == {"household_class": ["near_poor", "poor"]}


@pytest.mark.parametrize("data,words", [
    ({"household_class": "newly_escaped"}, "cần ngày công nhận thoát nghèo"),
    ({"household_class": "poor", "escaped_on": "2023-05-01"}, "Chỉ ghi ngày thoát nghèo cho hộ mới thoát nghèo"),
    ({"household_class": "newly_escaped", "escaped_on": "2099-01-01"}, "ở tương lai"),
    ({"household_class": "poor", "income_per_person": "nhiều"}, "số nguyên"),
    ({"household_class": "poor", "deprivations": [99]}, "không nằm trong"),
])
def test_bad_classification_input_is_refused_with_a_message(client_as, commune_staff, own_household, data, words):
    url = reverse("households:household-classify", args=[own_household.pk])
    response = client_as(commune_staff).post(url, {"year": 2024, **data})
    assert response.status_code == 200 and words in response.content.decode()
    assert not Classification.objects.exists()


def test_the_household_page_offers_editing_only_to_those_who_may(client_as, officer, leader, own_household):
    assert "Sửa thông tin" in client_as(officer).get(own_household.get_absolute_url()).content.decode()
    assert "Sửa thông tin" not in client_as(leader).get(own_household.get_absolute_url()).content.decode()
