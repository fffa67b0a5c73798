"""Choices valid for a period: issuing bodies and cited documents are offered for the plan's
year, the abolished ones stay visible marked with their end date, and a choice outside its
period is refused with the valid ones named. The 2027 review plan follows the review steps."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from areas.models import UnitLevel
from areas.validity import day_text, marked_label, validity_mark
from plans import services
from plans.forms import BasesForm, PlanCopyForm, PlanCreateForm
from plans.models import CitedDocument, PlanKind
from plans.services import create_plan
from tests.factories import AdminUnitFactory, IssuingBodyFactory

pytestmark = pytest.mark.django_db
REFORM = datetime.date(2025, 7, 1)
ENDED = datetime.date(2025, 6, 30)


@pytest.fixture
def bodies(province, own_unit):
    district = AdminUnitFactory(short_name="Hạ Hoà", kind="Huyện", level=UnitLevel.DISTRICT,
                                parent=province, valid_to=ENDED)
    old = IssuingBodyFactory(unit=district, valid_from=None, valid_to=ENDED,
                             display_name="UBND huyện Hạ Hoà")
    new = IssuingBodyFactory(unit=own_unit, valid_from=REFORM, display_name="UBND xã Hạ Hòa")
    return old, new


def _all_bodies():
    from areas.models import IssuingBody

    return IssuingBody.objects.all()


def test_dates_are_written_as_decree_30_writes_them():
    assert day_text(datetime.date(2025, 7, 1)) == "01/7/2025"
    assert day_text(datetime.date(2026, 1, 1)) == "01/01/2026"
    assert day_text(datetime.date(2026, 12, 15)) == "15/12/2026"


def test_an_abolished_body_stays_visible_marked_with_the_day_it_ended(bodies):
    old, new = bodies
    assert validity_mark(old) == "(hết hiệu lực từ 01/7/2025)"
    assert marked_label(new) == "UBND xã Hạ Hòa"
    html = str(PlanCreateForm(bodies=_all_bodies())["issuing_body"])
    assert "UBND huyện Hạ Hoà (hết hiệu lực từ 01/7/2025)" in html
    assert 'data-valid-to="2025-06-30"' in html and 'data-valid-from="2025-07-01"' in html
    assert 'data-validity-year="id_year"' in html


@pytest.mark.parametrize("year,chosen,named", [(2027, 0, "UBND xã Hạ Hòa"), (2024, 1, "UBND huyện Hạ Hoà"),
                                               (2026, 0, "UBND xã Hạ Hòa")])
def test_a_body_outside_the_year_is_refused_naming_the_valid_ones(bodies, year, chosen, named):
    form = PlanCreateForm(data={"kind": PlanKind.COMMUNE_DIALOGUE, "issuing_body": bodies[chosen].pk,
                                "year": year}, bodies=_all_bodies())
    assert not form.is_valid()
    message = form.errors["issuing_body"][0]
    assert f"không có hiệu lực trong năm {year}" in message and f"«{named}»" in message


def test_the_year_of_the_reform_offers_both_the_district_and_the_commune(bodies):
    for body in bodies:
        form = PlanCreateForm(data={"kind": PlanKind.BLANK, "issuing_body": body.pk, "year": 2025},
                              bodies=_all_bodies())
        assert form.is_valid(), form.errors


def test_the_copy_form_checks_the_new_year_too(bodies):
    form = PlanCopyForm(data={"year": 2027, "issuing_body": bodies[0].pk}, bodies=_all_bodies())
    assert not form.is_valid() and "«UBND xã Hạ Hòa»" in form.errors["issuing_body"][0]


def test_a_2027_plan_is_offered_only_the_bases_in_force_and_keeps_an_ended_one_it_cites(
        officer, bodies):
    ended = CitedDocument.objects.create(kind="state", doc_type="Quyết định", number="90/QĐ-TTg",
                                         date=datetime.date(2022, 1, 18), title="phê duyệt",
                                         valid_to=datetime.date(2025, 12, 31))
    plan = create_plan(kind=PlanKind.COMMUNE_DIALOGUE, issuing_body=bodies[1], year=2027, by=officer)
    offered = set(BasesForm(plan=plan).fields["documents"].queryset)
    assert ended not in offered
    assert CitedDocument.objects.get(number="417/QĐ-BNNMT") in offered
    with pytest.raises(ValidationError) as error:
        services.set_bases(plan, by=officer, documents=[ended])
    assert "không có hiệu lực trong năm 2027" in " ".join(error.value.messages)
    assert plan.basis_links.filter(document=ended).count() == 0
    plan.basis_links.create(document=ended, position=9)  # cited before it ended (old record)
    form = BasesForm(plan=plan)
    assert ended in set(form.fields["documents"].queryset)
    assert "(hết hiệu lực từ 01/01/2026)" in str(form["documents"])


def test_the_bases_form_refuses_an_ended_document_with_a_vietnamese_message(officer, bodies):
    ended = CitedDocument.objects.create(kind="state", doc_type="Quyết định", number="91/QĐ-TTg",
                                         title="x", valid_to=datetime.date(2025, 12, 31))
    plan = create_plan(kind=PlanKind.BLANK, issuing_body=bodies[1], year=2027, by=officer)
    form = BasesForm(data={"documents": [ended.pk]}, plan=plan)
    assert not form.is_valid() and "năm 2027" in form.errors["documents"][0]


@pytest.mark.parametrize("year,lines,urban", [(2027, ("2.200.000", "2.800.000"), "khu vực đô thị"),
                                              (2026, ("1.500.000", "2.000.000"), "khu vực thành thị")])
def test_the_review_plan_uses_the_standard_of_its_year_and_the_review_steps(officer, bodies, year,
                                                                             lines, urban):
    plan = create_plan(kind=PlanKind.HOUSEHOLD_REVIEW, issuing_body=bodies[1], year=year, by=officer)
    text = "\n".join(plan.blocks.values_list("text", flat=True))
    assert plan.title == f"Rà soát hộ nghèo, hộ cận nghèo năm {year} trên địa bàn xã Hạ Hòa"
    assert all(f"{line} đồng/người/tháng" in text for line in lines) and urban in text
    steps = [t for t in plan.blocks.values_list("text", flat=True) if t.startswith("Bước")]
    assert [s.split(":")[0] for s in steps] == [f"Bước {n}" for n in range(1, 7)]
    assert f"từ ngày 01/9/{year}" in text and f"trước ngày 14/12/{year}" in text
    assert "ít nhất 50% người tham dự đồng ý" in text and "huyện" not in text
    numbers = set(plan.basis_links.values_list("document__number", flat=True))
    assert {"351/2025/NĐ-CP", "13/2025/TT-BNNMT"} <= numbers


def test_a_2027_plan_refers_to_the_merged_programmes_contents_only(officer, bodies):
    from budgets.models import SubProject
    from plans.forms import PlanHeaderForm

    plan = create_plan(kind=PlanKind.DA6_COMMUNICATION, issuing_body=bodies[1], year=2027, by=officer)
    offered = {s.code for s in PlanHeaderForm(instance=plan, user=officer).fields["subprojects"].queryset}
    assert offered == {"HP1-TT", "HP1-NL", "HP1-GS"}
    with pytest.raises(ValidationError) as error:
        services.update_header(plan, by=officer, subprojects=[SubProject.objects.get(code="DA6-TDA2")])
    assert "HP1-TT" in " ".join(error.value.messages) and not plan.subprojects.exists()
    services.update_header(plan, by=officer, subprojects=[SubProject.objects.get(code="HP1-TT")])
    assert list(plan.subprojects.values_list("code", flat=True)) == ["HP1-TT"]


def test_a_copy_into_the_new_era_leaves_the_ended_bases_and_contents_behind(officer, bodies,
                                                                            province):
    from budgets.models import SubProject
    from plans.checks import plan_problems
    from tests.factories import AssignmentFactory

    ended = CitedDocument.objects.create(kind="state", doc_type="Quyết định", number="90/QĐ-TTg",
                                         title="phê duyệt", valid_to=datetime.date(2025, 12, 31))
    lasting = CitedDocument.objects.get(number="358/2025/NĐ-CP")
    province_planner = AssignmentFactory(role="planner", unit=province).user
    source = create_plan(kind=PlanKind.DIALOGUE_CONFERENCES, issuing_body=bodies[0], year=2024,
                         by=province_planner)
    source.basis_links.create(document=ended, position=0)
    source.basis_links.create(document=lasting, position=1)
    source.subprojects.set([SubProject.objects.get(code="DA6-TDA2")])
    assert any("90/QĐ-TTg" in p.message and "năm 2024" not in p.message
               for p in plan_problems(source)) is False  # in force in 2024: no warning
    copy = services.copy_plan(source, year=2027, by=province_planner, issuing_body=bodies[1])
    assert list(copy.basis_links.values_list("document__number", flat=True)) == ["358/2025/NĐ-CP"]
    assert not copy.subprojects.exists()
    assert "90/QĐ-TTg" in copy.revisions.first().comment
    copy.basis_links.create(document=ended, position=5)  # put back by hand: the checks say so
    warning = [p for p in plan_problems(copy) if "không có hiệu lực trong năm 2027" in p.message]
    assert warning and not warning[0].blocking and "đến 31/12/2025" in warning[0].message
