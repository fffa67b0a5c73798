"""``python -m bench.load.throughput``: the household list under gunicorn at 2 connections.

Target of the households issue: the household list page at least 200 requests/s with the 99th
percentile under 25 ms, at 2 connections, under gunicorn, over a registry of 1,000,000
households. Creates a throw-away PostgreSQL database on 127.0.0.1, migrates it, loads the
administrative units and the benchmark registry (the one ``python -m bench`` searches), signs
in a commune officer of one commune, starts gunicorn on a free loopback port, then keeps
exactly ``--connections`` requests in flight (one thread each, a new request as soon as the
last answer is read) for ``--seconds`` per page. Prints the figures, writes them into
docs/load.md and removes everything it started or created.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import statistics
import subprocess
import sys
import threading
import time
import uuid
from dataclasses import dataclass, field

from bench.load import report
from bench.load.__main__ import (
    PROJECT,
    PYTHON,
    _env,
    _free_port,
    _manage,
    _psql,
    _stop,
    start_gunicorn,
)

PAGES = {
    "danh sách hộ, trang đầu": "/ho-gia-dinh/",
    # The commune holds about 83 poor households in 2024: two pages. (Until 2026-12-06 this asked
    # for page 3, past the end, which measured the fallback to the last page instead.)
    "danh sách hộ nghèo 2024, trang 2": "/ho-gia-dinh/?year=2024&class=poor&page=2",
}
TARGET_RPS, TARGET_P99_MS = 200, 25

# Run inside the load database: the registry of the search benchmarks, one commune officer
# signed in (a session row, as the login form would leave), its cookie printed as JSON.
PREPARE = """
import json, os
os.environ["BENCH_HOUSEHOLD_REGISTRY"] = "{households}"
import django
django.setup()
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from areas.models import Assignment, Role
from bench import registry

communes = registry._build_registry()
user = get_user_model().objects.create_user("bench-throughput", password=None, first_name="Cán bộ",
                                            last_name="xã")
Assignment.objects.create(user=user, unit=communes[7], role=Role.COMMUNE_STAFF)
client = Client()
client.force_login(user)
print(json.dumps({{"cookie": settings.SESSION_COOKIE_NAME,
                  "session": client.cookies[settings.SESSION_COOKIE_NAME].value,
                  "households": {households}, "communes": len(communes)}}))
"""


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="python -m bench.load.throughput", description=__doc__)
    parser.add_argument("--households", type=int, default=1_000_000, help="households in the registry")
    parser.add_argument("--connections", type=int, default=2, help="requests kept in flight")
    parser.add_argument("--seconds", type=float, default=20.0, help="measured time per page")
    parser.add_argument("--warmup", type=float, default=3.0, help="unmeasured time per page first")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2, help="gunicorn workers")
    parser.add_argument("--pg", default="postgres://postgres@127.0.0.1:5432",
                        help="PostgreSQL server (loopback) where the throw-away database is made")
    parser.add_argument("--no-write", action="store_true", help="do not rewrite docs/load.md")
    return parser.parse_args(argv)


@dataclass
class PageRun:
    name: str
    path: str
    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def rps(self) -> float:
        return len(self.latencies) / self.seconds if self.seconds else 0.0

    def percentile(self, p: int) -> float:
        """Milliseconds below which ``p`` percent of the answers came."""
        if len(self.latencies) < 2:
            return self.latencies[0] * 1000 if self.latencies else 0.0
        return statistics.quantiles(self.latencies, n=100, method="inclusive")[p - 1] * 1000

    @property
    def passed(self) -> bool:
        return not self.errors and self.rps >= TARGET_RPS and self.percentile(99) < TARGET_P99_MS


def _drive(port: int, path: str, cookie: str, until: float, sink: list, errors: list) -> None:
    """One connection: request, read the whole answer, record, again, until ``until``."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Cookie": cookie, "Accept-Encoding": "identity"}
    while True:
        start = time.perf_counter()
        if start >= until:
            break
        try:
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            body = response.read()
        except (OSError, http.client.HTTPException) as error:
            errors.append(f"{type(error).__name__}: {error}")
            connection.close()
            continue
        elapsed = time.perf_counter() - start
        if response.status != 200 or b"household-results" not in body:
            errors.append(f"HTTP {response.status}")
        else:
            sink.append(elapsed)
        if response.will_close:
            connection.close()  # gunicorn's sync workers close after each answer; reopen next time
    connection.close()


def measure(port: int, cookie: str, run: PageRun, connections: int, seconds: float, warmup: float) -> None:
    for phase, length in (("warmup", warmup), ("measured", seconds)):
        sinks = [[] for _ in range(connections)]
        errors: list[str] = []
        until = time.perf_counter() + length
        threads = [threading.Thread(target=_drive, args=(port, run.path, cookie, until, sink, errors))
                   for sink in sinks]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        if phase == "measured":
            run.seconds = time.perf_counter() - started
            run.latencies = [x for sink in sinks for x in sink]
            run.errors = errors


def run(args) -> dict:
    name = f"giamngheo_rps_{uuid.uuid4().hex[:8]}"
    env = _env(f"{args.pg}/{name}")
    env["DJANGO_SETTINGS_MODULE"] = "config.settings"
    port = _free_port()
    server = None
    load_before = os.getloadavg()[0]
    _psql(args.pg, f"CREATE DATABASE {name}")
    try:
        print(f"Database {name}: migrate, load areas, {args.households:,} households", flush=True)
        for command in (["migrate", "--noinput"], ["load_areas"], ["collectstatic", "--noinput"]):
            _manage(env, *command)
        prepared = subprocess.run([PYTHON, "-c", PREPARE.format(households=args.households)], cwd=PROJECT,
                                  env=env, check=True, timeout=1800, capture_output=True, text=True)
        login = json.loads(prepared.stdout.strip().splitlines()[-1])
        cookie = f"{login['cookie']}={login['session']}"
        server = start_gunicorn(env, port, args.workers)
        runs = []
        for title, path in PAGES.items():
            print(f"{title}: {args.connections} connections, {args.seconds:.0f} s", flush=True)
            page = PageRun(title, path)
            measure(port, cookie, page, args.connections, args.seconds, args.warmup)
            runs.append(page)
        return {"runs": runs, "connections": args.connections, "workers": args.workers,
                "households": login["households"], "communes": login["communes"],
                "seconds": args.seconds, "load_before": load_before}
    finally:
        _stop(server)
        _psql(args.pg, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def text(figures: dict) -> str:
    lines = []
    for page in figures["runs"]:
        verdict = "PASS" if page.passed else "FAIL"
        lines.append(f"{verdict}: {page.name} ({page.path}): {page.rps:.0f} requests/s, p50 "
                     f"{page.percentile(50):.1f} ms, p95 {page.percentile(95):.1f} ms, p99 "
                     f"{page.percentile(99):.1f} ms, {len(page.errors)} errors "
                     f"(target at least {TARGET_RPS}/s, p99 under {TARGET_P99_MS} ms)")
        lines += page.errors[:5]
    return "\n".join(lines)


def section(figures: dict) -> str:
    rows = "\n".join(
        f"| {p.name} | `{p.path}` | {len(p.latencies)} | {len(p.errors)} | {p.rps:.0f} | "
        f"{p.percentile(50):.1f} | {p.percentile(95):.1f} | {p.percentile(99):.1f} | "
        f"{'PASS' if p.passed else 'FAIL'} |"
        for p in figures["runs"])
    return f"""## Household list at {figures['connections']} connections

Command: `make load` (or `.venv/bin/python -m bench.load.throughput`), {report.stamp()}. Machine:
{report.machine()}; load average {figures['load_before']:.1f} when the run started. A registry of
{figures['households']:,} households in {figures['communes']:,} communes; a commune officer of one
commune (about {figures['households'] // figures['communes']:,} households) signed in; gunicorn
with {figures['workers']} sync workers; exactly {figures['connections']} requests in flight for
{figures['seconds']:.0f} s per page, after a warm-up; client, gunicorn and PostgreSQL on the
same machine. Target: at least {TARGET_RPS} requests/s with the 99th percentile under
{TARGET_P99_MS} ms. Latencies in milliseconds.

| page | URL | answers | errors | requests/s | p50 | p95 | p99 | target |
|---|---|---|---|---|---|---|---|---|
{rows}
"""


def main(argv=None) -> int:
    args = parse_args(argv)
    figures = run(args)
    print(text(figures))
    if not args.no_write:
        report.write_section(PROJECT / "docs" / "load.md", "throughput", section(figures))
        print("docs/load.md written")
    return 0 if all(not p.errors for p in figures["runs"]) else 1


if __name__ == "__main__":
    sys.exit(main())
