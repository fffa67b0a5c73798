"""Actions done twice (a double click, a replayed tap, a colleague at the same moment) take effect once."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from audit.models import Action, AuditEntry
from dialogues.ledger import add_follow_up
from dialogues.models import SessionStatus
from dialogues.services import mark_held, mark_reported
from tests.dialogues.factories import AttendeeFactory, PetitionFactory


def _log(obj, action=None):
    entries = AuditEntry.objects.filter(object_type=obj._meta.label, object_id=str(obj.pk))
    return entries.filter(action=action) if action else entries


@pytest.fixture
def ready_session(session):
    AttendeeFactory(session=session, present=True)
    return session


def test_two_requests_that_read_the_session_before_either_moved_it_move_it_once(ready_session, commune_staff):
    first_read, second_read = (type(ready_session).objects.get(pk=ready_session.pk) for _ in range(2))
    mark_held(first_read, by=commune_staff)
    with pytest.raises(ValidationError, match="đã ở trạng thái «Đã tổ chức»"):
        mark_held(second_read, by=commune_staff)
    ready_session.refresh_from_db()
    assert ready_session.status == SessionStatus.HELD
    assert _log(ready_session, Action.WORKFLOW).count() == 1


def test_a_stale_request_for_the_next_step_is_refused_with_the_current_status(ready_session, commune_staff):
    stale = type(ready_session).objects.get(pk=ready_session.pk)
    mark_held(ready_session, by=commune_staff)
    ready_session.proceedings, ready_session.conclusion = "Diễn biến", "Kết luận"
    ready_session.save()
    mark_reported(ready_session, by=commune_staff)
    with pytest.raises(ValidationError, match="đang «Đã báo cáo» sang «Đã tổ chức»"):
        mark_held(stale, by=commune_staff)  # it still believes the session is scheduled
    assert _log(ready_session, Action.WORKFLOW).count() == 2


def test_a_double_clicked_held_button_gives_one_transition_and_a_message(client_as, commune_staff, ready_session):
    client, url = client_as(commune_staff), reverse("dialogues:session-transition", args=[ready_session.pk, "held"])
    assert client.post(url).status_code == 302
    second = client.post(url, follow=True)
    assert second.status_code == 200
    assert "đã ở trạng thái «Đã tổ chức»" in second.content.decode()
    assert _log(ready_session, Action.WORKFLOW).count() == 1


def test_each_check_in_tap_and_its_undo_are_logged_once_and_a_replay_not_at_all(client_as, commune_staff, session):
    client, person = client_as(commune_staff), AttendeeFactory(session=session, full_name="Lò Thị Pọm")
    url = reverse("dialogues:checkin-tap", args=[session.pk])
    for _ in range(2):
        client.post(url, {"attendee": person.pk, "present": "1"})
    assert [e.changes["present"] for e in _log(person)] == [[False, True]]
    client.post(url, {"attendee": person.pk, "present": "0"})
    entries = list(_log(person).order_by("pk"))
    assert [e.changes["present"] for e in entries] == [[False, True], [True, False]]
    assert entries[1].object_repr == "Bỏ điểm danh: Lò Thị Pọm" and entries[1].username == commune_staff.username


def test_a_walk_in_is_logged_once_even_when_the_phone_sends_it_again(client_as, commune_staff, session):
    client, url = client_as(commune_staff), reverse("dialogues:checkin-walk-in", args=[session.pk])
    walk_in = {"full_name": "  A   Blúp ", "consent": "on", "client_ref": "d6f0c1e2-walkin-7"}
    ids = {client.post(url, walk_in).json()["attendee"] for _ in range(3)}
    assert len(ids) == 1
    attendee = session.attendees.get()
    assert attendee.full_name == "A Blúp"
    assert list(_log(attendee).values_list("action", flat=True)) == [Action.CREATE]


def test_a_follow_up_that_leaves_the_petition_open_is_logged(session, commune_staff):
    petition = PetitionFactory(session=session)
    entry = add_follow_up(petition, by=commune_staff, note="Đã chuyển phòng Tài nguyên xem xét",
                          date=datetime.date(2026, 6, 1), closes=False)
    assert list(_log(entry).values_list("action", flat=True)) == [Action.CREATE]
    assert _log(entry).get().changes == {"petition": petition.pk, "date": "2026-06-01"}
    add_follow_up(petition, by=commune_staff, note="Đã trả lời bằng văn bản", date=datetime.date(2026, 6, 5),
                  closes=True)
    assert _log(petition, Action.WORKFLOW).count() == 1
    assert AuditEntry.objects.filter(object_type="dialogues.FollowUp").count() == 1


def test_a_citizen_outside_the_registry_sent_twice_is_registered_once(client_as, commune_staff, session):
    client, url = client_as(commune_staff), reverse("dialogues:register-new", args=[session.pk])
    form = {"full_name": "Lò Thị  Pọm", "gender": "F", "birth_year": "1979", "village": "Bản Nà Hì",
            "consent": "on"}
    client.post(url, form)
    again = client.post(url, form | {"full_name": "lò thị pọm ", "village": "bản nà hì"}).content.decode()
    assert "Lò Thị Pọm (Nữ / 1979, Bản Nà Hì) đã có trong danh sách hội nghị này." in again
    assert session.attendees.count() == 1
    client.post(url, form | {"birth_year": "2001"})  # a namesake of another age is another person
    assert session.attendees.count() == 2


def test_the_same_household_clicked_twice_is_registered_once(client_as, commune_staff, session, households):
    client, url = client_as(commune_staff), reverse("dialogues:register-add", args=[session.pk])
    pages = [client.post(url, {"household": households[1].pk, "consent": "on"}).content.decode() for _ in range(2)]
    assert "Đã đăng ký Y Bích." in pages[0] and "Hộ Y Bích đã có trong danh sách hội nghị này." in pages[1]
    assert session.attendees.count() == 1


def test_a_petition_sent_twice_is_recorded_once(client_as, commune_staff, session):
    client, url = client_as(commune_staff), reverse("dialogues:petition-create", args=[session.pk])
    form = {"raised_by": "Ông Đinh Văn Khoa", "policy_field": "credit", "status": "in_writing",
            "content": "Đề nghị tăng mức vay vốn\r\nưu đãi cho hộ cận nghèo.", "due_date": "2026-07-15"}
    assert client.post(url, form).status_code == 302
    again = client.post(url, form | {"content": "Đề nghị tăng mức vay vốn  ưu đãi cho hộ cận nghèo. "})
    assert again.status_code == 200
    assert "Ý kiến này của Ông Đinh Văn Khoa đã được ghi lúc" in again.content.decode()
    client.post(url, form | {"raised_by": "Bà Lò Thị Dự"})  # the same request from someone else is recorded
    assert session.petitions.count() == 2


def test_a_session_form_sent_twice_creates_one_session(client_as, commune_staff, own_unit):
    client = client_as(commune_staff)
    form = {"commune": own_unit.pk, "year": "2026", "quarter": "3", "starts_at": "2026-08-20T08:00",
            "venue": "Nhà văn hóa thôn", "theme": "Đối thoại về tín dụng chính sách", "target": "40"}
    assert client.post(reverse("dialogues:session-create"), form).status_code == 302
    again = client.post(reverse("dialogues:session-create"), form).content.decode()
    assert "Hội nghị này đã được tạo (08 giờ 00 ngày 20/08/2026, Đối thoại về tín dụng chính sách)" in again
    assert own_unit.dialogue_sessions.count() == 1


def test_a_follow_up_sent_twice_is_written_once_and_a_second_close_is_a_message(client_as, commune_staff, session):
    petition = PetitionFactory(session=session)
    client, url = client_as(commune_staff), reverse("dialogues:petition-detail", args=[petition.pk])
    note = {"date": "2026-06-01", "note": "Đã chuyển phòng Tài nguyên xem xét"}
    assert client.post(url, note).status_code == 302
    again = client.post(url, note | {"note": "Đã chuyển phòng  Tài nguyên xem xét "}, follow=True)
    assert "Nội dung theo dõi này đã được ghi; không ghi lại." in again.content.decode()
    close = {"date": "2026-06-05", "note": "Đã trả lời bằng văn bản", "closes": "on"}
    assert client.post(url, close).status_code == 302
    second = client.post(url, close, follow=True)
    assert second.status_code == 200 and "Ý kiến đã giải quyết xong ngày 05/06/2026" in second.content.decode()
    assert petition.follow_ups.count() == 2


def test_removing_someone_twice_says_they_are_gone(client_as, commune_staff, session):
    person = AttendeeFactory(session=session)
    client, url = client_as(commune_staff), reverse("dialogues:register-remove", args=[session.pk, person.pk])
    assert "Đã bỏ" in client.post(url).content.decode()
    second = client.post(url)
    assert second.status_code == 200 and "Người này đã không còn trong danh sách." in second.content.decode()


@pytest.mark.parametrize("attendee", ["99999999999999999999999", "-1", "1e3", "\x00"])
def test_a_tap_with_a_malformed_attendee_is_a_bad_request(client_as, commune_staff, session, attendee):
    response = client_as(commune_staff).post(reverse("dialogues:checkin-tap", args=[session.pk]),
                                             {"attendee": attendee, "present": "1"})
    assert response.status_code == 400 and response.json()["error"] == "Yêu cầu không hợp lệ."
