"""Two servers, one truth: two separate `manage.py runserver` processes share the PostgreSQL test
database and Redis (CACHE_URL), as a province's gunicorn workers do. A change made through one
is seen through the other on the very next request: an ethnic group renamed in the admin (a
cached list) and a user moved to another commune (a scope).

Runs on PostgreSQL (the servers need the test database committed and reachable from outside this
process) with Redis at 127.0.0.1:6379; skipped cleanly without either.
"""

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from html.parser import HTMLParser
from http.cookiejar import Cookie, CookieJar
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client

from areas.models import Assignment, Role
from households.models import EthnicGroup
from tests.factories import AdminUnitFactory, AssignmentFactory, ProvinceFactory, UserFactory
from tests.households.factories import HouseholdFactory

ROOT = Path(__file__).resolve().parents[2]
CACHE_URL = os.environ.get("TWO_SERVERS_CACHE_URL", "redis://127.0.0.1:6379/3")


def _redis_answers() -> bool:
    try:
        import redis

        return bool(redis.Redis.from_url(CACHE_URL, socket_connect_timeout=1).ping())
    except Exception:  # noqa: BLE001 - any failure means: no Redis here
        return False


pytestmark = [
    # Committed data (the servers read it from their own connections), the reference data
    # loaded again after an earlier test's flush (tests/reference.py).
    pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("reference_data"),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the servers need a database shared between processes"),
    pytest.mark.skipif(not _redis_answers(), reason=f"Redis does not answer at {CACHE_URL}"),
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """A `manage.py runserver --noreload` process with its own port, cache client and connections."""

    def __init__(self, log: Path):
        db = connection.settings_dict
        url = (f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST'] or '127.0.0.1'}:"
               f"{db['PORT'] or 5432}/{db['NAME']}")
        self.port = _free_port()
        env = {**os.environ, "DATABASE_URL": url, "CACHE_URL": CACHE_URL, "SECRET_KEY": settings.SECRET_KEY,
               "DEBUG": "0", "AXES_ENABLED": "0", "DJANGO_ENV": "development"}
        self.log = log.open("w")
        self.process = subprocess.Popen([sys.executable, "manage.py", "runserver", "--noreload", "--skip-checks",
                                         f"127.0.0.1:{self.port}"], cwd=ROOT, env=env,
                                        stdout=self.log, stderr=subprocess.STDOUT)

    def wait(self) -> None:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"server on port {self.port} stopped: {Path(self.log.name).read_text()}")
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{self.port}/dang-nhap/", timeout=2)  # noqa: S310
                return
            except urllib.error.HTTPError:
                return  # it answers
            except OSError:
                time.sleep(0.3)
        raise AssertionError(f"server on port {self.port} did not start")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


class Browser:
    """A cookie jar holding a session made by ``Client.force_login``, talking to any server."""

    def __init__(self, user):
        client = Client()
        client.force_login(user)
        self.jar = CookieJar()
        self._cookie(settings.SESSION_COOKIE_NAME, client.cookies[settings.SESSION_COOKIE_NAME].value)
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def _cookie(self, name: str, value: str) -> None:
        self.jar.set_cookie(Cookie(0, name, value, None, False, "127.0.0.1", False, False, "/", True, False,
                                   None, False, None, None, {}))

    def get(self, server: Server, path: str) -> str:
        with self.opener.open(f"http://127.0.0.1:{server.port}{path}", timeout=30) as response:
            return response.read().decode()

    def submit(self, server: Server, path: str, changes: dict) -> str:
        """Post the form of the page at ``path`` as it is, with ``changes`` made (the admin's change form)."""
        form = FormReader()
        form.feed(self.get(server, path))
        data = [(k, v) for k, v in form.fields if k not in changes] + list(changes.items())
        request = urllib.request.Request(f"http://127.0.0.1:{server.port}{path}",
                                         data=urllib.parse.urlencode(data).encode(),
                                         headers={"Referer": f"http://127.0.0.1:{server.port}{path}"})
        with self.opener.open(request, timeout=30) as response:
            return response.read().decode()


class FormReader(HTMLParser):
    """The named fields of the page's main form with their current values."""

    def __init__(self):
        super().__init__()
        self.fields: list[tuple[str, str]] = []
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        name = a.get("name")
        if tag == "input" and name and a.get("type") not in ("submit", "button", "file", "image"):
            if a.get("type") in ("checkbox", "radio") and "checked" not in a:
                return
            self.fields.append((name, a.get("value") or ("on" if a.get("type") == "checkbox" else "")))
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in a:
            self.fields.append((self._select, a.get("value", "")))
        elif tag == "textarea" and name:
            self._textarea = name
            self.fields.append((name, ""))

    def handle_data(self, data):
        if self._textarea:
            name, value = self.fields[-1]
            self.fields[-1] = (name, value + data)

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


@pytest.fixture
def servers(tmp_path):
    import redis

    redis.Redis.from_url(CACHE_URL).flushdb()  # this test's own Redis database: nothing from a run before
    pair = [Server(tmp_path / "one.log"), Server(tmp_path / "two.log")]
    try:
        for server in pair:
            server.wait()
        yield pair
    finally:
        for server in pair:
            server.stop()


def _names_in_filter(page: str) -> list[str]:
    select = re.search(r'<select[^>]*name="ethnic_group".*?</select>', page, re.S)
    return re.findall(r"<option[^>]*>([^<]*)</option>", select.group(0)) if select else []


def test_a_change_through_one_server_is_seen_through_the_other_at_once(servers):
    from tests.dialogues.conftest import ensure_ethnic_groups

    ensure_ethnic_groups()
    one, two = servers
    province = ProvinceFactory(short_name="Hai Máy")
    first, second = AdminUnitFactory(parent=province), AdminUnitFactory(parent=province)
    HouseholdFactory(commune=first, head_name="Hộ Ở Xã Đầu")
    HouseholdFactory(commune=second, head_name="Hộ Ở Xã Sau")
    staff = AssignmentFactory(role=Role.COMMUNE_STAFF, unit=first).user
    admin = UserFactory(is_staff=True, is_superuser=True)
    officer, administrator = Browser(staff), Browser(admin)

    for server in (one, two):  # both servers have read (and cached) the list and its options
        page = officer.get(server, "/ho-gia-dinh/")
        assert "Hộ Ở Xã Đầu" in page and "Hộ Ở Xã Sau" not in page
        assert "Tày" in _names_in_filter(page)

    group = EthnicGroup.objects.get(code="02")
    administrator.submit(one, f"/admin/households/ethnicgroup/{group.pk}/change/", {"name": "Tày Hai Máy"})
    assert EthnicGroup.objects.get(pk=group.pk).name == "Tày Hai Máy"
    names = _names_in_filter(officer.get(two, "/ho-gia-dinh/"))
    assert "Tày Hai Máy" in names and "Tày" not in names

    assignment = Assignment.objects.get(user=staff)
    administrator.submit(one, f"/admin/auth/user/{staff.pk}/change/", {"assignments-0-unit": str(second.pk)})
    assert Assignment.objects.get(pk=assignment.pk).unit_id == second.pk
    page = officer.get(two, "/ho-gia-dinh/")
    assert "Hộ Ở Xã Sau" in page and "Hộ Ở Xã Đầu" not in page


def test_a_sign_out_through_one_server_ends_the_session_on_the_other(servers):
    """Sessions are read from the shared cache (cached_db): signing out through one server must
    remove the copy every server reads, not only the database row."""
    one, two = servers
    staff = AssignmentFactory(role=Role.COMMUNE_STAFF, unit=AdminUnitFactory(parent=ProvinceFactory())).user
    officer = Browser(staff)
    for server in (one, two):  # both servers have read the session (and cached it)
        assert 'action="/dang-xuat/"' in officer.get(server, "/")

    home = officer.get(one, "/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', home).group(1)
    request = urllib.request.Request(f"http://127.0.0.1:{one.port}/dang-xuat/",
                                     data=urllib.parse.urlencode({"csrfmiddlewaretoken": token}).encode(),
                                     headers={"Referer": f"http://127.0.0.1:{one.port}/"})
    officer.opener.open(request, timeout=30).read()

    page = officer.get(two, "/")
    assert 'action="/dang-xuat/"' not in page and 'name="password"' in page
