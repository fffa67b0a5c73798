"""Caching through Django's cache framework only: CACHE_URL, versions bumped on write, and pages
that follow a change on the very next request (a scope, a group's name, a new household)."""

import os
import subprocess
import sys

import pytest
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured

from areas import versioned
from areas.models import Assignment, Role
from config.cache_url import parse
from households.filters import commune_options
from households.models import EthnicGroup
from tests.factories import AdminUnitFactory, AssignmentFactory
from tests.households.factories import HouseholdFactory


@pytest.mark.parametrize(("url", "backend"), [
    ("", "django.core.cache.backends.locmem.LocMemCache"),
    ("  ", "django.core.cache.backends.locmem.LocMemCache"),
    ("locmem://", "django.core.cache.backends.locmem.LocMemCache"),
    ("redis://127.0.0.1:6379/3", "django_redis.cache.RedisCache"),
    ("rediss://cache.example:6380/0", "django_redis.cache.RedisCache"),
    ("unix:///run/redis.sock?db=2", "django_redis.cache.RedisCache"),
    ("REDIS://127.0.0.1:6379/1", "django_redis.cache.RedisCache"),
    ("dummy://", "django.core.cache.backends.dummy.DummyCache"),
])
def test_cache_url_chooses_the_backend(url, backend):
    config = parse(url)
    assert config["BACKEND"] == backend
    if "redis" in backend:
        assert config["LOCATION"] == url.strip()


@pytest.mark.parametrize("url", ["memcached://127.0.0.1:11211", "127.0.0.1:6379", "redis:/broken", "file:///tmp"])
def test_a_cache_url_of_no_known_kind_is_refused_with_a_vietnamese_message(url):
    with pytest.raises(ImproperlyConfigured, match="CACHE_URL không hợp lệ"):
        parse(url)


def _settings_in(env: dict) -> subprocess.CompletedProcess:
    code = "import django; django.setup(); from django.conf import settings; print(settings.CACHES['default']['BACKEND'])"
    base = {k: v for k, v in os.environ.items() if k not in ("CACHE_URL", "DJANGO_ENV")}
    return subprocess.run([sys.executable, "-c", code], env={**base, "DJANGO_SETTINGS_MODULE": "config.settings",
                                                               **env}, capture_output=True, text=True, timeout=60)


def test_production_requires_cache_url():
    production = {"DJANGO_ENV": "production", "SECRET_KEY": "x" * 50, "DATABASE_URL": "sqlite:////tmp/none.db",
                  "ALLOWED_HOSTS": "example.org"}
    refused = _settings_in(production)
    assert refused.returncode != 0 and "CACHE_URL" in refused.stderr
    accepted = _settings_in({**production, "CACHE_URL": "redis://127.0.0.1:6379/3"})
    assert accepted.stdout.strip() == "django_redis.cache.RedisCache", accepted.stderr


def test_development_defaults_to_this_process_memory():
    assert _settings_in({}).stdout.strip() == "django.core.cache.backends.locmem.LocMemCache"


def test_a_bump_makes_every_cached_value_of_the_namespace_stale(db):
    calls = []
    read = lambda: calls.append(1) or len(calls)  # noqa: E731
    assert versioned.cached("test-ns", "k", read) == 1
    assert versioned.cached("test-ns", "k", read) == 1  # cached
    versioned.bump("test-ns")
    assert versioned.cached("test-ns", "k", read) == 2
    versioned.bump("other-ns")
    assert versioned.cached("test-ns", "k", read) == 2


def test_an_evicted_version_never_brings_back_old_values(db):
    versioned.cached("test-ns", "k", lambda: "old")
    cache.delete("version:test-ns")  # evicted (Redis under memory pressure, a restart)
    assert versioned.cached("test-ns", "k", lambda: "new") == "new"


def test_none_and_empty_values_are_cached_too(db):
    calls = []
    assert versioned.cached("test-ns", "empty", lambda: calls.append(1)) is None
    assert versioned.cached("test-ns", "empty", lambda: calls.append(1)) is None
    assert len(calls) == 1


def test_odd_keys_are_made_safe(db):
    key = "communes:" + ",".join(str(n) for n in range(500)) + " với dấu"
    assert versioned.cached("test-ns", key, lambda: 7) == 7
    assert len(versioned.short(key)) == 40 and versioned.short("communes:1,2") == "communes:1,2"


def test_a_renamed_ethnic_group_shows_at_once(db):
    from tests.dialogues.conftest import ensure_ethnic_groups

    ensure_ethnic_groups()
    group = EthnicGroup.objects.get(code="02")
    assert (group.pk, group.name) in EthnicGroup.choices()
    group.name = "Tày (đã sửa)"
    group.save()
    assert (group.pk, "Tày (đã sửa)") in EthnicGroup.choices()
    group.delete()
    assert group.pk not in dict(EthnicGroup.choices())


def test_commune_options_follow_a_first_household_and_a_new_assignment(db, province, own_unit):
    user = AssignmentFactory(role=Role.PLANNER, unit=province).user
    assert commune_options(user) == []
    HouseholdFactory(commune=own_unit)
    fresh = type(user).objects.get(pk=user.pk)
    assert commune_options(fresh) == [(own_unit.pk, own_unit.name)]
    elsewhere = AdminUnitFactory()
    HouseholdFactory(commune=elsewhere)
    Assignment.objects.filter(user=user).update(unit=elsewhere)  # moved in bulk: no signal
    assert commune_options(type(user).objects.get(pk=user.pk)) == [(elsewhere.pk, elsewhere.name)]


def test_commune_options_follow_a_unit_moved_into_the_scope(db, province, own_unit, other_unit):
    user = AssignmentFactory(role=Role.PLANNER, unit=province).user
    HouseholdFactory(commune=other_unit)
    assert commune_options(user) == []
    other_unit.parent = province
    other_unit.save()
    assert commune_options(type(user).objects.get(pk=user.pk)) == [(other_unit.pk, other_unit.name)]


def test_a_user_moved_to_another_commune_mid_session_sees_the_new_one_next_request(client_as, commune_staff,
                                                                                    own_unit, other_unit):
    HouseholdFactory(commune=own_unit, head_name="Hộ Xã Cũ")
    HouseholdFactory(commune=other_unit, head_name="Hộ Xã Mới")
    client = client_as(commune_staff)
    page = client.get("/ho-gia-dinh/").content.decode()
    assert "Hộ Xã Cũ" in page and "Hộ Xã Mới" not in page
    Assignment.objects.filter(user=commune_staff).update(unit=other_unit)
    page = client.get("/ho-gia-dinh/").content.decode()
    assert "Hộ Xã Mới" in page and "Hộ Xã Cũ" not in page
    Assignment.objects.filter(user=commune_staff).delete()  # no unit at all: an empty list, not an error
    response = client.get("/ho-gia-dinh/")
    assert response.status_code == 200 and "Hộ Xã" not in response.content.decode()


def test_no_cache_of_a_process_is_left():
    import importlib.util

    assert importlib.util.find_spec("areas.memo") is None  # the per-process cache, replaced by the above
