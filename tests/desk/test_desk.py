"""Each role's desk: numbers that match the lists they open, in a fixed number of queries."""

import re

import pytest
from django.urls import reverse

from desk.figures import FIGURES
from desk.verdicts import check_and_remember
from dialogues.models import DialogueSession
from tests.desk.conftest import TODAY, fill, paid

pytestmark = pytest.mark.django_db

DESK_QUERIES = 22  # the whole home page of a user with four desks, whatever the data


def figures(user):
    return {f.label: f for role in FIGURES for f in FIGURES[role](user, TODAY)}


def listed(client, url) -> int:
    """The number of rows the list opened by a desk number shows."""
    context = client.get(url).context
    page = context.get("page")
    return page.paginator.count if page is not None else len(context["recent"])


def queries(client, django_assert_max_num_queries) -> int:
    client.get("/")  # the unit closures and the drafts' verdicts are read once
    with django_assert_max_num_queries(DESK_QUERIES) as captured:
        assert client.get("/").status_code == 200
    return len(captured)


def test_the_home_page_costs_the_same_queries_with_one_or_fifty_of_everything(
        client_as, everyone, own_unit, today, other_world, django_assert_max_num_queries):
    client = client_as(everyone)
    fill(own_unit, 1, by=everyone)
    with_one = queries(client, django_assert_max_num_queries)
    fill(own_unit, 49, by=everyone)
    assert queries(client, django_assert_max_num_queries) == with_one


def test_every_number_is_the_count_of_the_list_it_opens(client_as, everyone, own_unit, today, other_world,
                                                       django_capture_on_commit_callbacks):
    fill(own_unit, 3, by=everyone)
    client = client_as(everyone)
    with django_capture_on_commit_callbacks(execute=True):
        shown = figures(everyone)
    shown = figures(everyone)  # the drafts' checks ran in the background task
    expected = {"Kế hoạch chờ phê duyệt": 3, "Kế hoạch đã phê duyệt, chờ ban hành": 3, "Dự thảo đang soạn": 3,
                "Bị trả lại để sửa": 3, "Hội nghị tuần này và tuần sau": 3, "Hội nghị chưa đủ người đăng ký": 3,
                "Ý kiến quá hạn trả lời": 3, "Lần nhập danh sách hộ còn dở": 3,
                "Dự toán có tổng ghi khác tổng các khoản": 3, "Hội nghị đã tổ chức chờ chi trả": 3}
    for label, count in expected.items():
        assert shown[label].count == count, label
        assert listed(client, shown[label].url) == count, (label, shown[label].url)
    blocking = shown["Dự thảo còn lỗi chặn trình"]
    assert blocking.count == 6  # blank drafts have no signer: every draft and returned plan is blocked
    assert listed(client, blocking.url) == 6


@pytest.fixture
def enqueued():
    """The paths of the tasks queued during the test (whenever the queue runs them)."""
    from django_tasks.signals import task_enqueued

    seen = []

    def remember(sender, task_result, **kwargs):
        seen.append(task_result.task.module_path)

    task_enqueued.connect(remember, weak=False, dispatch_uid="tests.desk.enqueued")
    yield seen
    task_enqueued.disconnect(dispatch_uid="tests.desk.enqueued")


def test_drafts_not_yet_checked_are_queued_and_said_to_be_checked(everyone, own_unit, today, enqueued,
                                                                  django_capture_on_commit_callbacks):
    fill(own_unit, 1, by=everyone)
    with django_capture_on_commit_callbacks(execute=True):
        first = figures(everyone)["Dự thảo còn lỗi chặn trình"]
    assert first.count == 0 and "đang được kiểm tra" in first.hint
    assert enqueued == ["desk.tasks.check_drafts"]
    with django_capture_on_commit_callbacks(execute=True):
        again = figures(everyone)["Dự thảo còn lỗi chặn trình"]
    assert enqueued == ["desk.tasks.check_drafts"]  # checked by now: nothing queued again
    assert again.count == 2 and "đang được kiểm tra" not in again.hint


def test_an_edit_makes_the_old_verdict_unread(everyone, own_unit, today):
    from plans.models import Plan, Status

    fill(own_unit, 1, by=everyone)
    draft = Plan.objects.get(status=Status.DRAFT)
    check_and_remember([draft.pk])
    draft.signer_name = "Hà Văn Sơn"
    draft.save()
    assert figures(everyone)["Dự thảo còn lỗi chặn trình"].hint.startswith("Còn 1 bản")


def test_paid_sessions_and_kept_differences_leave_the_finance_desk(everyone, own_unit, today):
    from budgets.models import StatedTotal

    fill(own_unit, 2, by=everyone)
    held = DialogueSession.objects.filter(commune=own_unit, status="held").first()
    paid(held)
    stated = StatedTotal.objects.first()
    stated.kept_difference, stated.kept_reason = 1_000, "Làm tròn theo quyết định giao vốn"
    stated.save()
    shown = figures(everyone)
    assert shown["Hội nghị đã tổ chức chờ chi trả"].count == 1
    assert shown["Dự toán có tổng ghi khác tổng các khoản"].count == 1


def test_a_new_user_sees_an_empty_desk_not_zeros_in_a_row(client_as, everyone):
    page = client_as(everyone).get("/").content.decode()
    assert page.count("Không có việc nào đang chờ bạn") == 4
    assert "chưa có số liệu" in page


def test_a_user_without_assignment_sees_whom_to_ask(client_as):
    from tests.factories import UserFactory

    page = client_as(UserFactory()).get("/").content.decode()
    assert "chưa được giao vai trò" in page and "Việc đang chờ" not in page


def test_the_desk_draws_its_trends_as_svg_without_scripts(client_as, everyone, own_unit, today):
    fill(own_unit, 2, by=everyone)
    page = client_as(everyone).get("/").content.decode()
    assert page.count("<svg") >= 3  # leader, planner (sessions), commune staff (petitions on time)
    assert "Hội nghị đối thoại năm 2026" in page and "Ý kiến được trả lời đúng hạn năm 2026" in page
    assert not re.search(r"<script[^>]*src=\"https?://", page)


@pytest.mark.parametrize("query", ["tu=hôm-nay&den=2026-12-20", "tu=2026-12-20&den=2026-12-07", "tu=2026-02-30&den=x",
                                   "thieu-dang-ky=có", "chua-chi=2", "tu=&den="])
def test_broken_desk_filters_on_the_session_list_are_ignored(client_as, everyone, own_unit, today, query):
    fill(own_unit, 2, by=everyone)
    response = client_as(everyone).get(reverse("dialogues:session-list") + "?" + query)
    assert response.status_code == 200
    assert response.context["page"].paginator.count == DialogueSession.objects.count()
    assert "Đang xem" not in response.content.decode()


@pytest.mark.parametrize("url", ["/ke-hoach/?loi=abc", "/kinh-phi/du-toan/?chenh-lech=yes",
                                 "/ho-gia-dinh/nhap-excel/?con-do=0"])
def test_broken_desk_filters_elsewhere_are_ignored(client_as, everyone, own_unit, today, url):
    fill(own_unit, 1, by=everyone)
    response = client_as(everyone).get(url)
    assert response.status_code == 200 and "Đang xem" not in response.content.decode()


def test_the_desk_filter_is_named_above_the_list_with_a_way_back(client_as, everyone, own_unit, today):
    fill(own_unit, 1, by=everyone)
    page = client_as(everyone).get(reverse("dialogues:session-list") + "?thieu-dang-ky=1").content.decode()
    assert "Đang xem: chưa đủ số người đăng ký so với dự kiến" in page and "Bỏ lọc này" in page
