"""Guessing passwords is throttled; weak passwords are refused with Vietnamese reasons."""

import pytest
from django.test import override_settings
from django.urls import reverse

from tests.factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def _try(client, username, password, ip="192.0.2.10"):
    return client.post(reverse("login"), {"username": username, "password": password},
                       REMOTE_ADDR=ip)


@override_settings(AXES_ENABLED=True)
def test_five_wrong_passwords_lock_that_user_out_from_that_address_in_vietnamese(client):
    user = UserFactory()
    for _ in range(4):
        assert _try(client, user.username, "sai-mat-khau").status_code == 200
    locked = _try(client, user.username, "sai-mat-khau")
    assert locked.status_code == 429
    assert "Tạm khóa đăng nhập" in locked.content.decode()
    # Even the right password is refused during the lockout.
    again = _try(client, user.username, TEST_PASSWORD)
    assert again.status_code == 429 and "_auth_user_id" not in client.session


@override_settings(AXES_ENABLED=True)
def test_the_lockout_is_per_user_and_address_so_colleagues_still_sign_in(client):
    guessed, colleague = UserFactory(), UserFactory()
    for _ in range(5):
        _try(client, guessed.username, "sai-mat-khau")
    assert _try(client, colleague.username, TEST_PASSWORD).status_code == 302
    client.logout()
    assert _try(client, guessed.username, TEST_PASSWORD, ip="192.0.2.99").status_code == 302


@override_settings(AXES_ENABLED=True)
def test_a_successful_login_clears_earlier_failures(client):
    user = UserFactory()
    for _ in range(4):
        _try(client, user.username, "sai-mat-khau")
    assert _try(client, user.username, TEST_PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        assert _try(client, user.username, "sai-mat-khau").status_code == 200


def test_the_lockout_lasts_fifteen_minutes_after_five_failures(settings):
    assert settings.AXES_FAILURE_LIMIT == 5
    assert settings.AXES_COOLOFF_TIME.total_seconds() == 15 * 60
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]


@pytest.mark.parametrize("new,words", [
    ("abc12345", "quá ngắn"),
    ("1234567890123", "hoàn toàn là số"),
    ("password1234", "quá phổ biến"),
])
def test_a_weak_new_password_is_refused_with_a_vietnamese_reason(client, new, words):
    user = UserFactory()
    client.force_login(user)
    response = client.post(reverse("password_change"), {
        "old_password": TEST_PASSWORD, "new_password1": new, "new_password2": new})
    assert response.status_code == 200
    assert words in response.content.decode()
    user.refresh_from_db()
    assert user.check_password(TEST_PASSWORD)


def test_a_password_like_the_user_name_is_refused(client):
    user = UserFactory(username="nguyenvanbinh")
    client.force_login(user)
    response = client.post(reverse("password_change"), {
        "old_password": TEST_PASSWORD, "new_password1": "nguyenvanbinh1",
        "new_password2": "nguyenvanbinh1"})
    assert "quá giống" in response.content.decode()


def test_a_strong_password_is_accepted(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(reverse("password_change"), {
        "old_password": TEST_PASSWORD, "new_password1": "Ruong-bac-thang-2026!",
        "new_password2": "Ruong-bac-thang-2026!"})
    assert response.status_code == 302
