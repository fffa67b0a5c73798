"""The venue race: many phones register households at once for the last seats of a session.

``prepare`` runs inside the load database (through ``manage.py shell``); ``run`` fires the
attempts over HTTP from threads released together, each thread with its own signed-in
session of one of the commune's staff.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # installed with locust (requirements-load.txt), only for `make load`
    import requests

STAFF_PASSWORD = "dua-cho-ngoi-2026"
PREPARE = """
import datetime, json
from django.contrib.auth import get_user_model
from django.utils import timezone
from areas.models import Assignment, Role
from dialogues.models import DialogueSession, SessionStatus
from dialogues.registration import register_household
from households.models import EthnicGroup, Household

ATTEMPTS, SEATS, TAKEN = {attempts}, {seats}, {taken}
staff = get_user_model().objects.get(username="canboxa")
commune = Assignment.objects.filter(user=staff, role=Role.COMMUNE_STAFF).first().unit
users = []
for n in range(10):
    user, _ = get_user_model().objects.get_or_create(username=f"dua{{n}}", defaults={{"first_name": "Cán bộ", "last_name": f"xã {{n}}"}})
    user.set_password("{password}"); user.save()
    Assignment.objects.get_or_create(user=user, unit=commune, role=Role.COMMUNE_STAFF)
    users.append(user.username)
kinh = EthnicGroup.objects.get(code="01")
stamp = timezone.now().strftime("%H%M%S")
people = [Household.objects.create(commune=commune, code=f"DUA-{{stamp}}-{{n:04d}}", head_name=f"Hộ đua chỗ {{n}}",
                                   gender="M", birth_year=1970 + n % 30, village="Thôn Hội trường", ethnic_group=kinh)
          for n in range(ATTEMPTS + TAKEN)]
session = DialogueSession.objects.create(commune=commune, year=2026, quarter=4, target=SEATS + TAKEN,
    theme="Đối thoại: đua chỗ cuối", venue="Hội trường UBND xã", chair="Ông Chủ tọa",
    status=SessionStatus.SCHEDULED, starts_at=timezone.now() + datetime.timedelta(days=3))
for household in people[:TAKEN]:
    register_household(session, household, by=staff, consent=True)
print("RACE" + json.dumps({{"session": session.pk, "households": [h.pk for h in people[TAKEN:]], "names": [h.head_name for h in people[TAKEN:]], "users": users}}, ensure_ascii=False))
"""
COUNT = """
from dialogues.models import Attendee
print("COUNT", Attendee.objects.filter(session_id={session}, is_walk_in=False).count())
"""


@dataclass
class RaceResult:
    attempts: int
    seats: int
    taken_before: int
    registered: int
    refused_full: int
    other: dict
    seconds: float
    final_count: int


def prepare(python: str, env: dict, *, attempts: int, seats: int, taken: int) -> dict:
    code = PREPARE.format(attempts=attempts, seats=seats, taken=taken, password=STAFF_PASSWORD)
    out = subprocess.run([python, "manage.py", "shell", "-c", code], env=env, check=True,
                         capture_output=True, text=True, timeout=300).stdout
    return json.loads(next(line for line in out.splitlines() if line.startswith("RACE"))[4:])


def _signed_in(base: str, username: str) -> requests.Session:
    import requests

    client = requests.Session()
    client.get(f"{base}/dang-nhap/", timeout=30)
    response = client.post(f"{base}/dang-nhap/", allow_redirects=False, timeout=30, data={
        "username": username, "password": STAFF_PASSWORD,
        "csrfmiddlewaretoken": client.cookies["csrftoken"]})
    if response.status_code != 302:
        raise RuntimeError(f"login of {username} answered {response.status_code}")
    return client


def run(base: str, python: str, env: dict, *, attempts=200, seats=50, taken=30) -> RaceResult:
    """``attempts`` different households try the last ``seats`` seats at the same moment."""
    import requests

    setup = prepare(python, env, attempts=attempts, seats=seats, taken=taken)
    logins = [_signed_in(base, name) for name in setup["users"]]
    clients = []
    for n in range(attempts):  # one connection per phone, sharing a staff member's sign-in
        client = requests.Session()
        client.cookies.update(logins[n % len(logins)].cookies)
        clients.append(client)
    url = f"{base}/doi-thoai/{setup['session']}/dang-ky/them/"
    barrier = threading.Barrier(attempts)
    answers: list[str] = [""] * attempts

    def attempt(n: int) -> None:
        client = clients[n]
        token = client.cookies["csrftoken"]
        barrier.wait()
        try:
            response = client.post(url, timeout=120, headers={"X-CSRFToken": token, "HX-Request": "true"},
                                   data={"household": setup["households"][n], "consent": "on"})
            text = response.text
            answers[n] = ("registered" if f"Đã đăng ký {setup['names'][n]}." in text
                          else "full" if "không thể đăng ký thêm" in text
                          else f"HTTP {response.status_code}")
        except requests.RequestException as error:
            answers[n] = type(error).__name__

    threads = [threading.Thread(target=attempt, args=(n,)) for n in range(attempts)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=180)
    seconds = time.perf_counter() - started
    count = subprocess.run([python, "manage.py", "shell", "-c", COUNT.format(session=setup["session"])],
                           env=env, check=True, capture_output=True, text=True, timeout=120).stdout
    final = int(next(line for line in count.splitlines() if line.startswith("COUNT")).split()[1])
    other = {}
    for answer in answers:
        if answer not in ("registered", "full"):
            other[answer] = other.get(answer, 0) + 1
    return RaceResult(attempts, seats, taken, answers.count("registered"), answers.count("full"),
                      other, seconds, final)


if __name__ == "__main__":
    sys.exit("run through python -m bench.load")
