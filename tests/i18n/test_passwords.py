"""Passwords: an administrator sets a user's new password (no e-mail), a user changes their own;
both in Vietnamese, both in the audit log, neither ever writing the password there."""

import pytest
from django.urls import reverse

from audit.models import AuditEntry
from tests.factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

NEW = "Ruộng-bậc-thang-2027"


@pytest.fixture
def superuser():
    return UserFactory(is_staff=True, is_superuser=True, username="quantri")


def test_an_administrator_sets_a_new_password_for_a_user_and_it_is_logged(client_as, superuser):
    user = UserFactory(username="canbo.xa")
    url = reverse("admin:auth_user_password_change", args=[user.pk])
    page = client_as(superuser).get(url).content.decode()
    assert "Đặt mật khẩu" in page or "Đổi mật khẩu" in page
    response = client_as(superuser).post(url, {"password1": NEW, "password2": NEW, "usable_password": "true"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(NEW)
    entry = AuditEntry.objects.get(object_id=str(user.pk), object_type="auth.User")
    assert entry.user == superuser and entry.changes == {"password": [None, "đã đặt mật khẩu mới"]}
    assert NEW not in str(entry.changes)


@pytest.mark.parametrize("first, second, message", [
    ("123456789012", "123456789012", "mật khẩu không được hoàn toàn là số."),
    ("ngan", "ngan", "quá ngắn"),
    (NEW, NEW + "x", "không giống nhau"),
])
def test_a_refused_new_password_says_why_in_vietnamese_and_logs_nothing(client_as, superuser, first, second,
                                                                         message):
    user = UserFactory()
    url = reverse("admin:auth_user_password_change", args=[user.pk])
    response = client_as(superuser).post(url, {"password1": first, "password2": second, "usable_password": "true"})
    assert response.status_code == 200
    errors = " ".join(e for field in response.context["form"].errors.values() for e in field).lower()
    assert message in errors
    assert not AuditEntry.objects.filter(object_id=str(user.pk)).exists()


def test_a_user_changes_their_own_password_and_it_is_logged(client_as):
    user = UserFactory()
    client = client_as(user)
    page = client.get(reverse("password_change")).content.decode()
    assert "Mật khẩu cũ" in page and "Mật khẩu mới" in page
    response = client.post(reverse("password_change"), {"old_password": TEST_PASSWORD, "new_password1": NEW,
                                                         "new_password2": NEW})
    assert response.status_code == 302 and response.url == reverse("password_change_done")
    user.refresh_from_db()
    assert user.check_password(NEW)
    entry = AuditEntry.objects.get(object_id=str(user.pk))
    assert entry.user == user and entry.changes == {"password": [None, "người dùng tự đổi mật khẩu"]}
    assert client.get(reverse("home")).status_code == 200  # still signed in after the change


@pytest.mark.parametrize("old, first, second", [
    ("sai-mat-khau-cu", NEW, NEW), (TEST_PASSWORD, NEW, "khác hẳn"), (TEST_PASSWORD, "", ""),
])
def test_a_refused_change_of_ones_own_password_changes_and_logs_nothing(client_as, old, first, second):
    user = UserFactory()
    response = client_as(user).post(reverse("password_change"), {"old_password": old, "new_password1": first,
                                                                 "new_password2": second})
    assert response.status_code == 200
    user.refresh_from_db()
    assert user.check_password(TEST_PASSWORD)
    assert not AuditEntry.objects.exists()
