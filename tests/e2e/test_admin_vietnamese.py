"""The administrator signs in to /admin/ through its form and reads no English word on the index,
a list, a change form and the form that sets a user's new password (what the browser shows)."""

import re

import pytest
from django.urls import reverse

from areas.models import Role
from tests.e2e.test_every_page import _english_words
from tests.factories import TEST_PASSWORD, AssignmentFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

URL_PATH = re.compile(r"(?<![\w/])/[\w\-./]+/")


def test_the_administrator_reads_the_admin_in_vietnamese(page, live_server, own_unit):
    # A superuser: the third-party lists (sign-in log, background tasks) open only to superusers.
    admin_user = AssignmentFactory(role=Role.ADMIN, unit=own_unit, user__is_staff=True,
                                   user__is_superuser=True).user
    someone = UserFactory(username="can.bo.xa")
    page.goto(f"{live_server.url}/admin/")
    page.get_by_label("Tên đăng nhập").fill(admin_user.username)
    page.get_by_label("Mật khẩu").fill(TEST_PASSWORD)
    page.locator("input[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/admin/")
    problems = []
    for url in (reverse("admin:index"), reverse("admin:auth_user_changelist"),
                reverse("admin:auth_user_change", args=[someone.pk]),
                reverse("admin:auth_user_password_change", args=[someone.pk]),
                reverse("admin:axes_accesslog_changelist"), reverse("admin:django_tasks_database_dbtaskresult_changelist")):
        page.goto(live_server.url + url)
        text = URL_PATH.sub("", page.locator("body").inner_text())  # a logged path is data, not words
        problems += [f"{url}: {p}" for p in _english_words(text)]
    assert not problems, "\n".join(problems)
