"""Settings: the embedded development default, DATABASE_URL, and the production checks."""

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]


def _manage(*args, env_extra: dict[str, str], drop=("DATABASE_URL", "SECRET_KEY")):
    env = {k: v for k, v in os.environ.items() if k not in drop and not k.startswith("DJANGO_")}
    env.update(env_extra)
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


def test_vietnamese_language_time_zone_and_number_format():
    from django.utils import formats, translation

    assert settings.LANGUAGE_CODE == "vi"
    assert settings.TIME_ZONE == "Asia/Ho_Chi_Minh"
    with translation.override("vi"):
        assert formats.number_format(132000000, force_grouping=True) == "132.000.000"


def test_nothing_set_gives_sqlite_in_the_project_with_debug_on():
    code = ("from django.conf import settings as s; "
            "print(s.DATABASES['default']['ENGINE'], s.DEBUG, s.DATABASES['default']['NAME'])")
    result = _manage("shell", "-c", code, env_extra={})
    engine, debug, name = result.stdout.split()[-3:]
    assert engine == "django.db.backends.sqlite3" and debug == "True"
    assert name == str(ROOT / "db.sqlite3")


def test_database_url_switches_to_postgresql():
    code = "from django.conf import settings as s; print(s.DATABASES['default']['ENGINE'])"
    result = _manage("shell", "-c", code,
                     env_extra={"DATABASE_URL": "postgres://u@127.0.0.1:5432/x"})
    assert result.stdout.split()[-1] == "django.db.backends.postgresql"


def test_production_refuses_to_start_without_its_variables():
    result = _manage("check", env_extra={"DJANGO_ENV": "production"})
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_check_deploy_reports_no_warnings():
    env = {
        "DJANGO_ENV": "production",
        "SECRET_KEY": "x" * 30 + "y8#kQ2!vLp0@zR5^wN1&mT7*bC3$hJ9(",
        "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/postgres",
        "ALLOWED_HOSTS": "giamngheo.example.vn",
        "CACHE_URL": "redis://127.0.0.1:6379/9",  # shared by every server (not contacted by check)
    }
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env_extra=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_number_fields_speak_correct_vietnamese():
    from django import forms

    field = forms.IntegerField()
    try:
        field.clean("mười")
    except forms.ValidationError as error:
        assert error.messages == ["Hãy nhập một số nguyên (không có chữ, dấu phẩy hay dấu chấm)."]


def test_sessions_are_read_from_the_cache_only_when_every_server_shares_it():
    code = "from django.conf import settings as s; print(s.SESSION_ENGINE)"
    engines = {url: _manage("shell", "-c", code, env_extra={"CACHE_URL": url}).stdout.split()[-1]
               for url in ("", "locmem://", "redis://127.0.0.1:6379/9", "dummy://")}
    assert engines == {"": "django.contrib.sessions.backends.db", "locmem://": "django.contrib.sessions.backends.db",
                       "redis://127.0.0.1:6379/9": "django.contrib.sessions.backends.cached_db",
                       "dummy://": "django.contrib.sessions.backends.db"}
