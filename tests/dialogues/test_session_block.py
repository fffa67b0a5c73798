"""The session block: programme by name, the plan cited with number and date (blanks in a draft),
the hour and the duration, the venue, the rates; nothing printed blank or as a code."""

import datetime

import pytest

from dialogues.session_block import SessionBlock, session_block
from documents.symbols import NUMBER_BLANK
from tests.budgets.factories import EstimateLineFactory, NormFactory, ensure_catalog, sub_project
from tests.dialogues.factories import ScheduledSessionFactory, SessionFactory
from tests.factories import IssuingBodyFactory


@pytest.fixture
def plan(officer, own_unit):
    from plans.models import PlanKind
    from plans.services import create_plan

    ensure_catalog()
    return create_plan(kind=PlanKind.DIALOGUE_CONFERENCES, issuing_body=IssuingBodyFactory(unit=own_unit),
                       year=2026, by=officer)


def test_issued_plan_is_cited_by_number_and_date(plan, own_unit):
    plan.number, plan.issue_date = 5, datetime.date(2026, 3, 2)
    plan.save()
    block = session_block(ScheduledSessionFactory(commune=own_unit, plan=plan))
    assert block.basis.startswith(f"Căn cứ Kế hoạch số 05/KH-{plan.issuer_abbr} ngày 02/03/2026")
    assert plan.issuer_name in block.basis


@pytest.mark.parametrize("number, day", [(None, None), (None, datetime.date(2026, 3, 2)), (7, None)])
def test_a_draft_plan_keeps_blanks_for_number_and_date(plan, own_unit, number, day):
    plan.number, plan.issue_date = number, day
    plan.save()
    basis = session_block(ScheduledSessionFactory(commune=own_unit, plan=plan)).basis
    assert f"Kế hoạch số {NUMBER_BLANK}/KH-{plan.issuer_abbr}" in basis
    assert "tháng" in basis and "năm 2026" in basis and "None" not in basis


def test_without_a_plan_there_is_no_basis_line(own_unit):
    block = session_block(ScheduledSessionFactory(commune=own_unit))
    assert block.basis == "" and not any(line.startswith("Căn cứ") for line in block.lines())


def test_time_has_hour_and_duration(own_unit):
    session = ScheduledSessionFactory(commune=own_unit, half_days=2)
    assert session_block(session).time == "08 giờ 00 ngày 12/05/2026 (02 buổi)"
    assert "Thời gian: 08 giờ 00 ngày 12/05/2026 (02 buổi)" in session_block(session).lines()


def test_undated_session_leaves_blanks_and_says_the_planned_quarter(own_unit):
    time = session_block(SessionFactory(commune=own_unit, quarter=3)).time
    assert time.endswith("(01 buổi; dự kiến Quý III/2026)") and "/2026" in time and "None" not in time


def test_programme_names_component_and_sub_project_never_codes(plan, own_unit):
    line = EstimateLineFactory(group__estimate__sub_project=sub_project("DA6-TDA2"))
    block = session_block(ScheduledSessionFactory(commune=own_unit, plan=plan, budget_line=line))
    assert block.programme == ("Chương trình mục tiêu quốc gia giảm nghèo bền vững giai đoạn 2021 - 2025 – "
                               "Dự án 6, Tiểu dự án 2: Truyền thông về giảm nghèo đa chiều")
    assert "DA6" not in block.programme and "TDA2" not in block.programme


def test_programme_from_the_plans_sub_projects_or_the_programme_of_the_year(plan, own_unit):
    plan.subprojects.set([sub_project("DA7-TDA1")])
    assert "Dự án 7, Tiểu dự án 1: Nâng cao năng lực" in session_block(
        ScheduledSessionFactory(commune=own_unit, plan=plan)).programme
    bare = session_block(ScheduledSessionFactory(commune=own_unit))
    assert bare.programme.startswith("Chương trình mục tiêu quốc gia xây dựng nông thôn mới")  # 2026 programme


def test_rates_list_meal_and_travel_with_their_basis(own_unit):
    meal = EstimateLineFactory(unit_price=150_000, note="Nghị quyết 12/2023/NQ-HĐND")
    travel = EstimateLineFactory(content="Hỗ trợ tiền đi lại", unit_price=50_000, note="")
    block = session_block(ScheduledSessionFactory(commune=own_unit, budget_line=meal, travel_line=travel))
    assert block.rates == ["Tiền ăn: 150.000 đồng/người (Nghị quyết 12/2023/NQ-HĐND)",
                           "Tiền đi lại: 50.000 đồng/người"]
    assert block.lines()[-1].startswith("Mức hỗ trợ: Tiền ăn: 150.000")


def test_meal_rate_falls_back_to_the_province_norm(province, own_unit):
    NormFactory(province=province, code="AN_XA", amount=100_000, legal_basis="Thông tư 40/2017/TT-BTC")
    assert session_block(ScheduledSessionFactory(commune=own_unit)).rates == [
        "Tiền ăn: 100.000 đồng/người (Thông tư 40/2017/TT-BTC)"]


def test_no_rate_means_no_rate_line_never_zero(own_unit):
    block = session_block(ScheduledSessionFactory(commune=own_unit, venue="  "))
    assert block.rates == [] and not any("0 đồng" in line or "Địa điểm" in line for line in block.lines())


def test_lines_leave_out_empty_parts():
    assert SessionBlock("", "", "", "", []).lines() == []
    assert SessionBlock("P", "", "T", "Nhà văn hóa", ["Tiền ăn: 1 đồng/người"]).lines() == [
        "P", "Thời gian: T", "Địa điểm: Nhà văn hóa", "Mức hỗ trợ: Tiền ăn: 1 đồng/người"]


@pytest.mark.parametrize("sent, saved", [(None, 1), ("", 1), ("2", 2)])
def test_the_session_form_takes_the_duration_or_one_half_day(client_as, commune_staff, own_unit, sent, saved):
    from django.urls import reverse

    form = {"commune": own_unit.pk, "year": "2026", "quarter": "3", "theme": "Tín dụng chính sách", "target": "40"}
    if sent is not None:
        form["half_days"] = sent
    assert client_as(commune_staff).post(reverse("dialogues:session-create"), form).status_code == 302
    assert own_unit.dialogue_sessions.get().half_days == saved


@pytest.mark.parametrize("sent", ["0", "-1", "ba"])
def test_a_wrong_duration_is_refused_with_a_message(client_as, commune_staff, own_unit, sent):
    from django.urls import reverse

    form = {"commune": own_unit.pk, "year": "2026", "quarter": "3", "theme": "Tín dụng", "target": "40",
            "half_days": sent}
    page = client_as(commune_staff).post(reverse("dialogues:session-create"), form)
    assert page.status_code == 200 and not own_unit.dialogue_sessions.exists()
    text = page.content.decode()
    assert "Số buổi ít nhất là 1." in text or "Hãy nhập một số nguyên" in text


def test_a_2026_content_is_named_under_its_component_never_by_a_bare_code(plan, own_unit):
    plan.subprojects.set([sub_project("HP1-TT")])
    programme = session_block(ScheduledSessionFactory(commune=own_unit, plan=plan)).programme
    assert programme.endswith("giai đoạn 2026 - 2035 – Hợp phần 1, nội dung: "
                              "Thông tin, truyền thông về giảm nghèo bền vững")
    assert "Dự án" not in programme and "TT:" not in programme

