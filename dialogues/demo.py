"""Demo dialogues: seed 000's three sessions in Quý II–III 2023, seed 002's commune dialogue, a
current-year session in Xã Sa Loong with registrations, check-ins and petitions, and the 2027 plan's
first session in Xã Hạ Hòa: 50 registered, its meal rate from the plan's estimate, so every paper
(sign-in, payment, officials, invitations) prints in full. Idempotent."""

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from areas.demo import UNITS
from areas.models import AdminUnit, UnitLevel
from dialogues.models import (
    Attendee,
    DialogueSession,
    Petition,
    PetitionStatus,
    PolicyField,
    ReferralLevel,
    SessionOfficial,
    SessionStatus,
)
from dialogues.priority import candidates
from plans.models import Plan, PlanKind

SEED_000 = [("Đan Thượng", 2), ("Yên Kỳ", 2), ("Xuân Áng", 3)]
THEME = "Đối thoại chính sách về thực hiện Chương trình mục tiêu quốc gia giảm nghèo bền vững"
PETITIONS = [
    (PolicyField.CREDIT, "Đề nghị tăng mức vay vốn ưu đãi cho hộ cận nghèo để chăn nuôi bò.", PetitionStatus.ANSWERED,
     "Phó Chủ tịch UBND xã", "Mức vay hiện tối đa 100 triệu đồng; Ngân hàng CSXH sẽ hướng dẫn hồ sơ tại điểm giao dịch xã."),
    (PolicyField.HOUSING, "Nhà tôi bị dột, đề nghị hỗ trợ sửa chữa nhà ở cho hộ nghèo.", PetitionStatus.IN_WRITING, "", ""),
    (PolicyField.HEALTH, "Thẻ bảo hiểm y tế của hộ mới thoát nghèo còn được hỗ trợ không?", PetitionStatus.REFERRED, "", ""),
]


def _unit(key):
    level, code, valid_to = UNITS[key]
    return AdminUnit.objects.get(level=level, code=code, valid_to=valid_to)


def _seed_000(author) -> list[str]:
    plan = Plan.objects.filter(kind=PlanKind.DIALOGUE_CONFERENCES, year=2023).order_by("pk").first()
    if plan is None:
        return []
    created = []
    line = plan.estimate.lines.filter(norm__isnull=False).first() if plan.estimate_id else None
    for name, quarter in SEED_000:
        commune = AdminUnit.objects.filter(level=UnitLevel.COMMUNE, short_name=name, parent=plan.unit).first()
        if commune is None or plan.dialogue_sessions.filter(commune=commune).exists():
            continue
        DialogueSession.objects.create(plan=plan, commune=commune, year=2023, quarter=quarter, target=50,
                                       theme=THEME, venue="trụ sở UBND xã", budget_line=line, created_by=author,
                                       policy_fields=[PolicyField.POVERTY, PolicyField.CREDIT],
                                       women_share=50, minority_share=30, first_timer_share=60)
        created.append(f"{commune.name} 2023")
    return created


def _current_session(author) -> list[str]:
    commune = _unit("sa_loong_new")
    year = timezone.localdate().year
    if DialogueSession.objects.filter(commune=commune, year=year).exists():
        return []
    plan = Plan.objects.filter(kind=PlanKind.COMMUNE_DIALOGUE).order_by("-year", "pk").first()
    day = timezone.localdate() - datetime.timedelta(days=1)
    session = DialogueSession.objects.create(
        commune=commune, year=year, quarter=(day.month - 1) // 3 + 1, target=30, theme=THEME, created_by=author,
        starts_at=timezone.make_aware(datetime.datetime(day.year, day.month, day.day, 8, 0)),
        venue="Hội trường UBND xã Sa Loong", chair="Ông A Blúp, Chủ tịch UBND xã", status=SessionStatus.SCHEDULED,
        policy_fields=[PolicyField.POVERTY, PolicyField.HOUSING, PolicyField.HEALTH],
        women_share=40, minority_share=60, first_timer_share=50, plan=plan if plan and plan.year == year else None)
    SessionOfficial.objects.create(session=session, level="commune", position="Chủ tịch UBND xã", name="A Blúp")
    SessionOfficial.objects.create(session=session, level="commune", position="Công chức LĐ-TB&XH", name="Y Hơ Niê")
    _register_and_check_in(session, author)
    return [f"{commune.name} {year}"]


def _planned_session(author) -> list[str]:
    """The 2027 plan's Quý II session, paid from its estimate's meal line; registered, not yet held."""
    commune = _unit("ha_hoa_commune")
    plan = Plan.objects.filter(kind=PlanKind.DIALOGUE_CONFERENCES, year=2027, unit=commune).order_by("pk").first()
    if plan is None or plan.dialogue_sessions.filter(commune=commune).exists():
        return []
    meal = (plan.estimate.lines.filter(group__title__contains="quý II", content__startswith="Hỗ trợ tiền ăn")
            .order_by("pk").first() if plan.estimate_id else None)
    session = DialogueSession.objects.create(
        plan=plan, commune=commune, year=2027, quarter=2, target=50, theme=THEME, created_by=author,
        starts_at=timezone.make_aware(datetime.datetime(2027, 5, 14, 7, 30)),
        venue="Hội trường UBND xã Hạ Hòa", chair="Ông Nguyễn Văn Hùng, Chủ tịch UBND xã",
        budget_line=meal, status=SessionStatus.SCHEDULED,
        policy_fields=[PolicyField.POVERTY, PolicyField.CREDIT, PolicyField.LABOUR],
        women_share=50, minority_share=20, first_timer_share=60)
    for order, (level, position, name) in enumerate([
            ("commune", "Chủ tịch UBND xã", "Nguyễn Văn Hùng"),
            ("commune", "Phó Chủ tịch UBND xã", "Hoàng Thị Mai"),
            ("commune", "Công chức Văn hóa - Xã hội", "Đỗ Thị Hạnh"),
            ("organisation", "Giám đốc Phòng giao dịch Ngân hàng Chính sách xã hội", "Phùng Văn Tuấn")], start=1):
        SessionOfficial.objects.create(session=session, level=level, position=position, name=name, order=order)
    _register(session, author, present=False)
    return [f"{commune.name} 2027"]


def _register_and_check_in(session, author) -> None:
    _register(session, author, present=True)
    first = session.attendees.filter(present=True).first()
    for field, content, status, by, answer in PETITIONS:
        due = session.day + datetime.timedelta(days=30) if status != PetitionStatus.ANSWERED else None
        Petition.objects.create(
            session=session, attendee=first, raised_by=first.full_name if first else "Người dân", policy_field=field,
            content=content, status=status, answered_by=by, answer=answer, due_date=due, created_by=author,
            referral_level=ReferralLevel.PROVINCE if status == PetitionStatus.REFERRED else "",
            responsible_body="Bảo hiểm xã hội tỉnh" if status == PetitionStatus.REFERRED else "")


def _register(session, author, *, present: bool) -> None:
    """Register the session's target in priority order; with ``present``, five in six came."""
    chosen = candidates(session, limit=session.target)
    from households.models import Household

    households = Household.objects.in_bulk([c.household_id for c in chosen])
    for i, c in enumerate(chosen):
        h = households[c.household_id]
        came = present and i % 6 != 5
        Attendee.objects.create(session=session, household=h, full_name=h.head_name, gender=h.gender,
                                birth_year=h.birth_year, ethnic_group=h.ethnic_group, village=h.village,
                                household_class=c.household_class, first_time=c.first_time,
                                reasons=c.reasons, consent=True, registered_by=author,
                                present=came, checked_in_at=session.starts_at if came else None)


@transaction.atomic
def load_demo_dialogues() -> list[str]:
    """Create the demo sessions that do not exist yet; returns the ones created."""
    author = get_user_model().objects.filter(username="kehoach").first()
    return _seed_000(author) + _current_session(author) + _planned_session(author)
