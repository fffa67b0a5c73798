"""Registration rules: priority ranking with reasons, capacity, once per session, other communes, consent."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from dialogues.models import Attendee, Criterion, PriorityRule, SessionStatus
from dialogues.priority import suggest
from dialogues.registration import check_in, fill_to_target, register_citizen, register_household
from tests.dialogues.conftest import make_household
from tests.dialogues.factories import AttendeeFactory, ScheduledSessionFactory


def test_suggestions_rank_by_weights_and_say_why(session, households):
    ranked = suggest(session)
    names = [s.name for s in ranked]
    # Y Bích: woman + minority + poor + never attended + not recent = 3+3+4+3+2 = 15
    assert names[0] == "Y Bích" and ranked[0].score == 15
    assert ranked[0].reasons == ["Chủ hộ là nữ (+3)", "Dân tộc thiểu số (+3)", "Hộ nghèo (+4)",
                                 "Chưa từng dự đối thoại (+3)", "Chưa dự đối thoại trong 12 tháng qua (+2)"]
    assert names[-1] in ("Nguyễn Văn Một", "Phạm Văn Bảy")
    poor, near, escaped = (next(s for s in ranked if s.name == n) for n in ("Trần Văn Năm", "Lò Thị Ba", "A Blúp"))
    assert "Hộ nghèo (+4)" in poor.reasons and "Hộ cận nghèo (+3)" in near.reasons
    assert "Hộ mới thoát nghèo (+2)" in escaped.reasons


def test_unit_weights_override_the_defaults(session, households, own_unit):
    for criterion in Criterion:
        PriorityRule.objects.create(unit=own_unit, criterion=criterion, weight=0)
    PriorityRule.objects.filter(unit=own_unit, criterion=Criterion.WOMAN_HEAD).update(weight=10)
    top = suggest(session)[0]
    assert top.score == 10 and top.reasons == ["Chủ hộ là nữ (+10)"]


def test_attendance_history_moves_a_household_down_and_warns(session, households, commune_staff, own_unit):
    earlier = ScheduledSessionFactory(commune=own_unit, status=SessionStatus.HELD,
                                      starts_at=timezone.make_aware(datetime.datetime(2026, 3, 2, 8)))
    AttendeeFactory(session=earlier, household=households[1], present=True)
    bich = next(s for s in suggest(session) if s.name == "Y Bích")
    assert bich.score == 10 and bich.attended_this_year
    result = register_household(session, households[1], by=commune_staff, consent=True)
    assert "đã dự một hội nghị đối thoại trong năm 2026" in result.warnings[0]
    assert result.attendee.first_time is False


def test_fill_to_target_takes_the_best_and_never_exceeds(session, households, commune_staff):
    done = fill_to_target(session, by=commune_staff, consent=True)
    assert len(done) == 5 == session.attendees.count()
    assert "Y Bích" in [r.attendee.full_name for r in done]
    with pytest.raises(ValidationError, match="đã đủ 5 người"):
        register_household(session, households[0], by=commune_staff, consent=True)


def test_a_household_is_registered_once(session, households, commune_staff):
    register_household(session, households[0], by=commune_staff, consent=True)
    with pytest.raises(ValidationError, match="đã có trong danh sách"):
        register_household(session, households[0], by=commune_staff, consent=True)
    assert session.attendees.count() == 1


def test_a_household_of_another_commune_is_refused(session, other_unit, commune_staff):
    stranger = make_household(other_unit, name="Người Xã Khác")
    with pytest.raises(ValidationError, match="không thuộc xã tổ chức"):
        register_household(session, stranger, by=commune_staff, consent=True)


def test_consent_must_be_given(session, households, commune_staff):
    with pytest.raises(ValidationError, match="đồng ý"):
        register_household(session, households[0], by=commune_staff, consent=False)


def test_staff_of_another_commune_cannot_register(other_session, households, commune_staff):
    with pytest.raises(PermissionDenied):
        register_citizen(other_session, by=commune_staff, consent=True, full_name="Ai Đó")


def test_citizen_outside_the_registry_counts_against_the_target(session, commune_staff):
    for n in range(5):
        register_citizen(session, by=commune_staff, consent=True, full_name=f"Khách mời {n}")
    with pytest.raises(ValidationError, match="đã đủ"):
        register_citizen(session, by=commune_staff, consent=True, full_name="Người thứ sáu")


def test_check_in_is_idempotent_and_refused_before_scheduling(session, planned_session, commune_staff):
    person = AttendeeFactory(session=session)
    check_in(session, person.pk, present=True, by=commune_staff)
    check_in(session, person.pk, present=True, by=commune_staff)
    assert Attendee.objects.get(pk=person.pk).present
    waiting = AttendeeFactory(session=planned_session)
    with pytest.raises(ValidationError, match="Dự kiến"):
        check_in(planned_session, waiting.pk, present=True, by=commune_staff)
