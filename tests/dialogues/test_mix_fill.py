"""«Đăng ký đủ» keeps the planned mix: shares of women, minorities and first-timers."""

import datetime

from django.urls import reverse
from django.utils import timezone

from dialogues.mixfill import Need, choose
from dialogues.models import SessionStatus
from dialogues.priority import Suggestion
from dialogues.registration import fill_to_target
from tests.dialogues.conftest import make_household
from tests.dialogues.factories import AttendeeFactory, ScheduledSessionFactory


def _people(spec: str) -> list[Suggestion]:
    """One suggestion per letter, best first: F woman, M man, W minority woman, E minority man."""
    return [Suggestion(i, f"{kind}{i}", "", "F" if kind in "FW" else "M", 1970, "poor",
                       minority=kind in "WE", last_attended=datetime.date(2025, 1, 1))
            for i, kind in enumerate(spec)]


def _men_first(commune, men: int, women: int):
    """Poor minority men rank above Kinh women of middle households (the office's usual case)."""
    found = [make_household(commune, name=f"Hoàng Văn Nam {i:02d}", gender="M", ethnic="27", klass="poor")
             for i in range(men)]
    return found + [make_household(commune, name=f"Nguyễn Thị Nữ {i:02d}", gender="F", ethnic="01", klass="")
                    for i in range(women)]


def test_without_aims_the_order_is_the_priority_order():
    pool = _people("MMMFFMM")
    assert [s.name for s in choose(pool, 4, [])] == ["M0", "M1", "M2", "F3"]


def test_places_follow_priority_while_there_is_room_then_only_what_the_aim_needs():
    pool = _people("MMMMMMFMFMF")
    chosen = choose(pool, 5, [Need("Nữ", 40, have=0, wanted=2)])
    # Three best-ranked men, then the two best-ranked women (not men 3 and 4).
    assert [s.name for s in chosen] == ["M0", "M1", "M2", "F6", "F8"]


def test_an_aim_already_met_by_the_list_changes_nothing():
    pool = _people("MMMFM")
    assert [s.name for s in choose(pool, 3, [Need("Nữ", 40, have=4, wanted=3)])] == ["M0", "M1", "M2"]


def test_one_person_can_meet_two_aims_and_a_short_supply_fills_with_the_rest():
    pool = _people("MMMEWMM")
    chosen = choose(pool, 4, [Need("Nữ", 50, have=0, wanted=2), Need("Dân tộc thiểu số", 25, have=0, wanted=1)])
    # Room for one by rank (M0), then the aims: a minority man (E3), the only woman (W4, also a
    # minority); no second woman exists, so the last place goes by rank again.
    assert [s.name for s in chosen] == ["M0", "E3", "W4", "M1"]


def test_fill_reaches_the_planned_share_of_women(own_unit, commune_staff):
    _men_first(own_unit, men=12, women=6)
    session = ScheduledSessionFactory(commune=own_unit, target=10, women_share=40)
    done = fill_to_target(session, by=commune_staff, consent=True)
    assert len(done) == 10
    women = [r.attendee for r in done if r.attendee.gender == "F"]
    assert len(women) == 4
    # The men taken are the best-ranked ones (priority still decides who of each kind).
    assert all(r.attendee.full_name <= "Hoàng Văn Nam 05" for r in done if r.attendee.gender == "M")


def test_fill_counts_who_is_already_on_the_list(own_unit, commune_staff):
    _men_first(own_unit, men=12, women=6)
    session = ScheduledSessionFactory(commune=own_unit, target=10, women_share=40)
    for i in range(3):
        AttendeeFactory(session=session, gender="F", full_name=f"Bà Có Sẵn {i}", is_walk_in=False)
    fill_to_target(session, by=commune_staff, consent=True)
    assert session.attendees.count() == 10
    assert session.attendees.filter(gender="F").count() == 4  # 40 % of 10: one more woman only


def test_a_first_timer_aim_prefers_people_who_never_attended(own_unit, commune_staff):
    households = _men_first(own_unit, men=6, women=0)
    earlier = ScheduledSessionFactory(commune=own_unit, status=SessionStatus.HELD,
                                      starts_at=timezone.make_aware(datetime.datetime(2024, 3, 2, 8)))
    for household in households[3:]:
        AttendeeFactory(session=earlier, household=household, present=True)
    session = ScheduledSessionFactory(commune=own_unit, target=4, first_timer_share=75)
    done = fill_to_target(session, by=commune_staff, consent=True)
    assert sum(r.attendee.first_time for r in done) == 3


def test_the_page_says_which_share_could_not_be_reached(client_as, own_unit, commune_staff):
    _men_first(own_unit, men=10, women=2)
    session = ScheduledSessionFactory(commune=own_unit, target=10, women_share=40)
    client = client_as(commune_staff)
    page = client.post(reverse("dialogues:register-fill", args=[session.pk]), {"consent": "on"},
                       follow=True).content.decode()
    assert session.attendees.filter(gender="F").count() == 2
    assert "giữ tỷ lệ dự kiến (nữ 40 %)" in page
    assert "Tỷ lệ «nữ» dự kiến 40 %, danh sách hiện có 2/10 người (20 %)" in page
