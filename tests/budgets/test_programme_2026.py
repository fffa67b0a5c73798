"""The merged programme 2026–2035 as data: estimates and allocations of 2026+ refer to it, the
2021–2025 programme stays for old records, components in use are ended rather than deleted,
funding sources are named in full."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from budgets import services
from budgets.catalog import refuse_deletion
from budgets.forms import AllocationForm, EstimateForm, LineForm
from budgets.models import Component, Estimate, FundingSource, SubProject
from tests.budgets.factories import AllocationDecisionFactory, EstimateFactory, EstimateLineFactory

pytestmark = pytest.mark.django_db


def test_phase_one_components_and_contents_are_valid_2026_to_2030_and_the_old_ones_end_in_2025():
    hp1 = Component.objects.get(program__code="MTQG-2026-2035", code="HP1")
    assert (hp1.valid_from, hp1.valid_to) == (datetime.date(2026, 1, 1), datetime.date(2030, 12, 31))
    assert "chưa đối chiếu" in hp1.note
    assert Component.objects.get(code="HP2").name == (
        "Phát triển kinh tế - xã hội vùng đồng bào dân tộc thiểu số và miền núi")
    assert Component.objects.get(code="DA6").valid_to == datetime.date(2025, 12, 31)
    assert set(SubProject.objects.active_on(datetime.date(2027, 6, 1)).values_list("code", flat=True)) == {
        "HP1-TT", "HP1-NL", "HP1-GS"}


def test_funding_sources_are_named_in_full():
    assert str(FundingSource.objects.get(code="HUY_DONG")) == (
        "Vốn huy động hợp pháp khác (doanh nghiệp, cộng đồng, nhà tài trợ)")
    assert "Ngân hàng Chính sách xã hội" in str(FundingSource.objects.get(code="TIN_DUNG"))


@pytest.mark.parametrize("code", ["DA6-TDA2", "DA7-TDA2", "DA3-TDA1"])
def test_a_2027_estimate_on_a_2021_2025_sub_project_is_refused_naming_the_valid_ones(own_unit, code):
    form = EstimateForm(data={"unit": own_unit.pk, "year": 2027, "title": "Dự toán đối thoại",
                              "sub_project": SubProject.objects.get(code=code).pk, "display_unit": 1},
                        unit_ids=[own_unit.pk])
    assert not form.is_valid()
    message = form.errors["sub_project"][0]
    assert "không có hiệu lực trong năm 2027" in message and "HP1-TT" in message


def test_the_service_refuses_it_too_and_creates_nothing(own_unit, officer):
    from areas.models import Role
    from tests.factories import AssignmentFactory

    finance = AssignmentFactory(role=Role.FINANCE, unit=own_unit).user
    with pytest.raises(ValidationError, match="HP1-TT"):
        services.create_estimate(own_unit, by=finance, year=2027, title="Dự toán",
                                 sub_project=SubProject.objects.get(code="DA6-TDA2"))
    assert not Estimate.objects.filter(year=2027).exists()
    estimate = services.create_estimate(own_unit, by=finance, year=2027, title="Dự toán",
                                        sub_project=SubProject.objects.get(code="HP1-TT"))
    assert estimate.sub_project.component.program.code == "MTQG-2026-2035"


def test_an_allocation_of_2027_must_refer_to_the_merged_programme(own_unit):
    decision = AllocationDecisionFactory(unit=own_unit)
    form = AllocationForm(data={"unit": own_unit.pk, "year": 2027, "amount": "1.000.000",
                                "sub_project": SubProject.objects.get(code="DA6-TDA2").pk,
                                "funding_source": FundingSource.objects.get(code="NSDP").pk},
                          unit_ids=[own_unit.pk])
    assert not form.is_valid() and "HP1-GS" in form.errors["sub_project"][0]
    assert decision.allocations.count() == 0


def test_the_options_carry_their_dates_and_old_ones_are_marked():
    html = str(EstimateForm(unit_ids=[])["sub_project"])
    assert 'data-validity-year="id_year"' in html
    assert "DA6-TDA2 – Truyền thông về giảm nghèo đa chiều (hết hiệu lực từ 01/01/2026)" in html
    assert 'data-valid-to="2025-12-31"' in html and 'data-valid-from="2026-01-01"' in html


def test_a_lines_choices_follow_the_estimates_year_and_keep_what_an_old_line_refers_to(own_unit):
    new = EstimateFactory(unit=own_unit, year=2027, sub_project=None)
    codes = {s.code for s in LineForm(estimate=new).fields["sub_project"].queryset}
    assert codes == {"HP1-TT", "HP1-NL", "HP1-GS"}
    old_line = EstimateLineFactory(group__estimate__unit=own_unit, group__estimate__year=2023,
                                   sub_project=SubProject.objects.get(code="DA6-TDA2"))
    form = LineForm(instance=old_line, estimate=old_line.group.estimate)
    assert "DA6-TDA2" in {s.code for s in form.fields["sub_project"].queryset}


def test_a_component_in_use_is_not_deleted_and_the_message_says_to_end_it(own_unit):
    EstimateFactory(unit=own_unit, year=2027, sub_project=SubProject.objects.get(code="HP1-TT"))
    hp1 = Component.objects.get(code="HP1")
    with pytest.raises(ValidationError) as error:
        refuse_deletion(hp1)
    message = " ".join(error.value.messages)
    assert "Không xóa được «HP1" in message and "1 dự toán" in message
    assert "Hiệu lực đến ngày" in message
    refuse_deletion(Component.objects.get(code="HP2"))  # nothing refers to it: may go


def test_the_admin_refuses_the_deletion_and_keeps_a_change_history(own_unit, administrator, client_as):
    from audit.models import AuditEntry

    administrator.is_staff = True
    administrator.save()
    EstimateFactory(unit=own_unit, year=2027, sub_project=SubProject.objects.get(code="HP1-TT"))
    hp1 = Component.objects.get(code="HP1")
    client = client_as(administrator)
    response = client.post(f"/admin/budgets/component/{hp1.pk}/delete/", {"post": "yes"}, follow=True)
    assert Component.objects.filter(pk=hp1.pk).exists()
    assert "Không xóa được" in response.content.decode()
    sub = SubProject.objects.get(code="HP1-NL")
    data = {"component": sub.component_id, "code": sub.code, "short_code": sub.short_code,
            "name": "Đào tạo, bồi dưỡng cán bộ giảm nghèo", "order": 2,
            "valid_from": "2026-01-01", "valid_to": "2030-12-31"}
    client.post(f"/admin/budgets/subproject/{sub.pk}/change/", data)
    sub.refresh_from_db()
    assert sub.name == "Đào tạo, bồi dưỡng cán bộ giảm nghèo"
    entry = AuditEntry.objects.filter(object_id=str(sub.pk)).latest("pk")
    assert entry.changes["name"] == ["Đào tạo, bồi dưỡng, nâng cao năng lực thực hiện Chương trình",
                                     "Đào tạo, bồi dưỡng cán bộ giảm nghèo"]


@pytest.fixture
def old_district(province):
    from areas.models import UnitLevel
    from tests.factories import AdminUnitFactory

    return AdminUnitFactory(short_name="Hạ Hoà", kind="Huyện", level=UnitLevel.DISTRICT, parent=province,
                            valid_to=datetime.date(2025, 6, 30))


@pytest.mark.parametrize("year,ok", [(2027, False), (2026, False), (2023, True), (2025, True)])
def test_an_estimates_unit_must_exist_in_its_year(own_unit, old_district, year, ok):
    code = "HP1-TT" if year >= 2026 else "DA6-TDA2"
    form = EstimateForm(data={"unit": old_district.pk, "year": year, "title": "Dự toán",
                              "sub_project": SubProject.objects.get(code=code).pk, "display_unit": 1},
                        unit_ids=[own_unit.pk, old_district.pk])
    assert form.is_valid() is ok
    if not ok:
        message = form.errors["unit"][0]
        assert f"«{old_district.name}» không có hiệu lực trong năm {year}" in message
        assert f"«{own_unit.name}»" in message
    html = str(form["unit"])
    assert "Huyện Hạ Hoà (hết hiệu lực từ 01/7/2025)" in html and 'data-validity-year="id_year"' in html


def test_a_decision_dated_after_the_reform_cannot_be_for_an_abolished_district(own_unit, old_district):
    from budgets.forms import DecisionForm

    data = {"unit": old_district.pk, "number": "12/QĐ-UBND", "date": "2026-03-02",
            "issuer": "UBND tỉnh", "title": "giao vốn"}
    form = DecisionForm(data=data, unit_ids=[own_unit.pk, old_district.pk])
    assert not form.is_valid()
    assert "không có hiệu lực vào ngày 02/3/2026" in form.errors["unit"][0]
    assert 'data-validity-date="id_date"' in str(form["unit"])
    assert DecisionForm(data={**data, "date": "2025-03-02"}, unit_ids=[old_district.pk]).is_valid()
