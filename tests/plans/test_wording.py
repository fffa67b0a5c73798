"""Templates per issuing level and era: a commune or province plan after 1 July 2025 speaks of
today's bodies and cites the current period's bases from the library; an earlier plan keeps
the wording of its time; nothing of the district world is left in post-reform output."""

import datetime
import io
import re

import pytest
from django.core.exceptions import ValidationError
from docx import Document
from pypdf import PdfReader

from areas.models import UnitLevel
from plans.checks import plan_problems
from plans.documents import plan_docx, plan_pdf
from plans.models import PlanKind
from plans.services import create_plan
from plans.textchecks.era import pre_reform_hits
from plans.wording import COMMUNE, PRE_REFORM, PROVINCE, wording_level
from tests.factories import IssuingBodyFactory

pytestmark = pytest.mark.django_db
REFORM = datetime.date(2025, 7, 1)
OLD_WORDS = re.compile(r"(?<!\w)(?:cấp huyện|huyện|phòng lao động)(?!\w)", re.IGNORECASE)
ALLOWED = re.compile(r"(?:Bà )?Huyện Thanh Quan", re.IGNORECASE)


@pytest.fixture
def commune_body(own_unit):
    return IssuingBodyFactory(unit=own_unit, valid_from=REFORM, place_name="Hạ Hòa",
                              display_name="UBND xã Hạ Hòa")


@pytest.fixture
def province_officer(province):
    from areas.models import Role
    from tests.factories import AssignmentFactory

    return AssignmentFactory(role=Role.PLANNER, unit=province).user


@pytest.fixture
def province_body(province):
    return IssuingBodyFactory(unit=province, valid_from=REFORM, place_name="Phú Thọ",
                              display_name="UBND tỉnh Phú Thọ")


@pytest.fixture
def district_body(province):
    from tests.factories import AdminUnitFactory

    district = AdminUnitFactory(short_name="Hạ Hoà", kind="Huyện", level=UnitLevel.DISTRICT,
                                parent=province, valid_to=datetime.date(2025, 6, 30))
    return IssuingBodyFactory(unit=district, valid_from=None, valid_to=datetime.date(2025, 6, 30),
                              display_name="UBND huyện Hạ Hoà", place_name="Hạ Hoà")


def _text(plan) -> str:
    blocks = "\n".join(plan.blocks.values_list("text", flat=True))
    return "\n".join([plan.title, plan.intro, blocks, plan.closing, plan.recipients])


def _old_words(text: str) -> list[str]:
    return OLD_WORDS.findall(ALLOWED.sub("", text))


def _ready(plan, officer):
    """Signed, and the live blocks typed (nothing linked in these tests)."""
    from plans import services
    from plans.models import LiveBlock

    services.update_header(plan, by=officer, signer_name="Hà Văn Minh")
    plan.blocks.filter(live=LiveBlock.SCHEDULE).update(
        live="", text=f"Quý III năm {plan.year}, tại hội trường Ủy ban nhân dân xã.")
    plan.blocks.filter(live=LiveBlock.BUDGET).update(
        live="", text=f"Kinh phí thực hiện từ nguồn ngân sách nhà nước năm {plan.year}.")
    return plan


def test_the_wording_follows_the_issuers_level_and_the_plans_year(commune_body, province_body,
                                                                  district_body):
    assert wording_level(commune_body, 2027) == COMMUNE
    assert wording_level(commune_body, 2025) == COMMUNE  # the commune began on 1 July 2025
    assert wording_level(province_body, 2027) == PROVINCE
    assert wording_level(district_body, 2023) == PRE_REFORM
    province_body.valid_from = None
    assert wording_level(province_body, 2024) == PRE_REFORM


def test_a_2027_commune_dialogue_plan_names_todays_bodies_and_cites_the_current_bases(
        officer, commune_body):
    plan = create_plan(kind=PlanKind.DIALOGUE_CONFERENCES, issuing_body=commune_body, year=2027,
                       by=officer)
    text = _text(plan)
    assert "Phòng Văn hóa - Xã hội" in text and "Phòng Kinh tế" in text
    assert "Ủy ban Mặt trận Tổ quốc Việt Nam xã và các tổ chức chính trị - xã hội" in text
    assert plan.title == ("Tổ chức Hội nghị đối thoại chính sách về giảm nghèo bền vững năm 2027 "
                          "trên địa bàn xã Hạ Hòa")
    assert "Chương trình mục tiêu quốc gia xây dựng nông thôn mới, giảm nghèo bền vững" in plan.intro
    assert "Dự án 6" not in text and "UBND các xã" not in plan.recipients
    assert plan.recipient_list[-1] == "Lưu: VT, VHXH"
    assert _old_words(text) == []
    numbers = [link.document.number for link in plan.basis_links.select_related("document")]
    assert numbers[:1] == [""]  # the Law on local government of 2025, cited by name
    assert {"257/2025/QH15", "424/NQ-CP", "358/2025/NĐ-CP", "417/QĐ-BNNMT"} <= set(numbers)
    assert "351/2025/NĐ-CP" not in numbers  # a default of the review plans only
    titles = [link.document.title for link in plan.basis_links.select_related("document")]
    assert "Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025" in titles


@pytest.mark.parametrize("kind", [PlanKind.DIALOGUE_CONFERENCES, PlanKind.COMMUNE_DIALOGUE])
def test_a_2027_commune_dialogue_plan_passes_every_check(officer, commune_body, kind):
    plan = _ready(create_plan(kind=kind, issuing_body=commune_body, year=2027, by=officer), officer)
    assert [p.message for p in plan_problems(plan)] == []


def test_a_2027_province_communication_plan_passes_every_check(province_officer, province_body):
    officer = province_officer
    plan = create_plan(kind=PlanKind.DA6_COMMUNICATION, issuing_body=province_body, year=2027,
                       by=officer)
    text = _text(plan)
    for body in ("Sở Nông nghiệp và Môi trường", "Sở Dân tộc và Tôn giáo", "Sở Tài chính",
                 "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "Ủy ban nhân dân các xã, phường, đặc khu"):
        assert body in text
    assert "TT Tỉnh ủy, TT HĐND tỉnh (b/c)" in plan.recipient_list
    assert _old_words(text) == []
    assert [p.message for p in plan_problems(_ready(plan, officer))] == []


def test_a_plan_of_a_district_before_the_reform_keeps_the_wording_of_its_time(province_officer,
                                                                             district_body):
    plan = create_plan(kind=PlanKind.DIALOGUE_CONFERENCES, issuing_body=district_body, year=2024,
                       by=province_officer)
    assert "Cấp huyện, cấp tỉnh:" in _text(plan)
    assert "UBND các xã" in plan.recipient_list
    assert plan.basis_links.count() == 0  # the current bases are not offered to a 2024 plan


@pytest.mark.parametrize("level", ["commune", "province"])
@pytest.mark.parametrize("kind", [k for k in PlanKind.values if k != PlanKind.BLANK])
def test_post_reform_output_has_no_district_word_in_html_pdf_or_docx(
        officer, province_officer, commune_body, province_body, kind, level):
    from django.template.loader import render_to_string

    from plans.documents import plan_document

    body, officer = ((commune_body, officer) if level == "commune"
                     else (province_body, province_officer))
    plan = _ready(create_plan(kind=kind, issuing_body=body, year=2027, by=officer), officer)
    html = render_to_string("plans/plan_preview.html", {"doc": plan_document(plan, notes=True)})
    html = re.sub(r"<[^>]+>", " ", html)
    pdf = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(plan_pdf(plan))).pages)
    docx = "\n".join(p.text for p in Document(io.BytesIO(plan_docx(plan))).paragraphs)
    for name, text in (("html", html), ("pdf", pdf), ("docx", docx)):
        assert _old_words(text) == [], name
    docx = docx.replace("\u00a0", " ")  # the dash of a name is held to its word when printed
    assert "Phòng Văn hóa - Xã hội" in docx or "Sở Nông nghiệp và Môi trường" in docx


def test_the_check_names_district_words_in_a_post_reform_plan_but_not_proper_names(
        officer, province_officer, commune_body, district_body):
    from plans import outline

    plan = create_plan(kind=PlanKind.BLANK, issuing_body=commune_body, year=2027, by=officer)
    block = plan.blocks.first()
    block.text = "Phối hợp với UBND huyện và Phòng Lao động - Thương binh và Xã hội cấp huyện."
    block.save()
    messages = [p.message for p in plan_problems(plan) if "01/7/2025" in p.message]
    assert len(messages) == 3
    assert any("«cấp huyện»" in m for m in messages) and any("«Phòng Lao động»" in m for m in messages)
    block.text = "Tổ chức tại nhà văn hóa số 5 đường Bà Huyện Thanh Quan."
    block.save()
    assert not [p for p in plan_problems(plan) if "01/7/2025" in p.message]
    old = create_plan(kind=PlanKind.BLANK, issuing_body=district_body, year=2024,
                      by=province_officer)
    old.blocks.update(text="Phối hợp với UBND huyện.")
    assert not [p for p in plan_problems(old) if "01/7/2025" in p.message]
    assert outline  # the module the editor uses is importable with the new kinds


def test_pre_reform_hits_read_case_and_phrases():
    assert pre_reform_hits("CẤP HUYỆN và Huyện ủy") == [
        ("CẤP HUYỆN", "cấp tỉnh hoặc cấp xã (từ 01/7/2025 không còn cấp huyện)"),
        ("Huyện", "xã, phường, đặc khu hoặc tỉnh (từ 01/7/2025 không còn cấp huyện)")]
    assert pre_reform_hits("khuyến nông, huyệnx") == []


def test_a_plan_dated_before_the_reform_by_a_commune_of_today_is_refused_naming_the_valid_body(
        officer, commune_body, district_body):
    from plans.models import Plan

    commune_body.unit.predecessors.set([])  # the district is found as the unit's parent
    commune_body.unit.parent = district_body.unit.parent
    with pytest.raises(ValidationError) as error:
        create_plan(kind=PlanKind.DIALOGUE_CONFERENCES, issuing_body=commune_body, year=2024,
                    by=officer)
    message = " ".join(error.value.messages)
    assert "UBND xã Hạ Hòa không có hiệu lực trong năm 2024" in message
    assert Plan.objects.count() == 0


def test_a_commune_of_today_names_its_predecessor_district_for_an_old_year(
        officer, commune_body, district_body):
    old_commune = IssuingBodyFactory(unit__parent=district_body.unit, unit__valid_to=datetime.date(
        2025, 6, 30), valid_to=datetime.date(2025, 6, 30), display_name="UBND xã Cũ")
    commune_body.unit.predecessors.add(old_commune.unit)
    with pytest.raises(ValidationError) as error:
        create_plan(kind=PlanKind.COMMUNE_DIALOGUE, issuing_body=commune_body, year=2023, by=officer)
    message = " ".join(error.value.messages)
    assert "«UBND huyện Hạ Hoà»" in message and "«UBND xã Cũ»" in message


def test_the_session_forms_hint_for_the_chair_speaks_of_today(own_unit):
    from dialogues.forms import SessionForm

    hint = SessionForm(communes=None, plans=None).fields["chair"].help_text
    assert "huyện" not in hint and "UBND xã" in hint
