"""``python -m bench.load``: the app under gunicorn on loopback, driven by locust; the venue race.

Creates a throw-away PostgreSQL database on 127.0.0.1, migrates it, loads the administrative
units and the demo data, starts gunicorn on a free loopback port, runs locust headless for a
bounded time and request count, runs the venue race, prints the figures, writes them into
docs/load.md, and removes everything it started or created.
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

from bench.load import race, report, stats

PROJECT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
BIN = Path(PYTHON).parent


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="python -m bench.load", description=__doc__)
    parser.add_argument("--users", type=int, default=50, help="concurrent simulated users")
    parser.add_argument("--spawn-rate", type=int, default=2,
                        help="users started per second (sign-ins hash passwords: no storm)")
    parser.add_argument("--seconds", type=int, default=150, help="length of the locust run")
    parser.add_argument("--max-requests", type=int, default=20_000,
                        help="stop the locust run after this many requests")
    parser.add_argument("--workers", type=int, default=max(2, min(8, (os.cpu_count() or 2) * 2)),
                        help="gunicorn workers")
    parser.add_argument("--race-attempts", type=int, default=200)
    parser.add_argument("--race-seats", type=int, default=50)
    parser.add_argument("--pg", default="postgres://postgres@127.0.0.1:5432",
                        help="PostgreSQL server (loopback) where the throw-away database is made")
    parser.add_argument("--no-write", action="store_true", help="do not rewrite docs/load.md")
    return parser.parse_args(argv)


def _psql(server: str, sql: str) -> None:
    subprocess.run(["psql", f"{server}/postgres", "-qc", sql], check=True, timeout=120)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _env(database_url: str) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update({"DATABASE_URL": database_url, "DEBUG": "0",
                "ALLOWED_HOSTS": "127.0.0.1,localhost", "LOG_LEVEL": "WARNING",
                "MEDIA_ROOT": str(Path("/tmp") / f"giamngheo-load-media-{os.getpid()}")})
    return env


def _manage(env, *args):
    print("  manage.py", *args, flush=True)
    subprocess.run([PYTHON, "manage.py", *args], cwd=PROJECT, env=env, check=True, timeout=1800,
                   stdout=subprocess.DEVNULL)


def _wait_for(url: str, seconds: float = 60) -> None:
    import requests

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if requests.get(url, timeout=2, allow_redirects=False).status_code < 500:
                return
        except requests.RequestException:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"gunicorn did not answer at {url}")


def _stop(process: subprocess.Popen | None) -> None:
    if process is not None and process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()


def start_gunicorn(env: dict, port: int, workers: int) -> subprocess.Popen:
    """gunicorn (sync workers, as docs/deploy.md runs it) on a loopback port, once it answers."""
    print(f"gunicorn: {workers} workers on 127.0.0.1:{port}", flush=True)
    server = subprocess.Popen(
        [str(BIN / "gunicorn"), "config.wsgi", "--bind", f"127.0.0.1:{port}",
         "--workers", str(workers), "--timeout", "120", "--log-level", "warning"],
        cwd=PROJECT, env=env)
    try:
        _wait_for(f"http://127.0.0.1:{port}/dang-nhap/")
    except RuntimeError:
        _stop(server)
        raise
    return server


def run(args) -> dict:
    name = f"giamngheo_load_{uuid.uuid4().hex[:8]}"
    database_url = f"{args.pg}/{name}"
    env = _env(database_url)
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = None
    load_before = os.getloadavg()[0]
    _psql(args.pg, f"CREATE DATABASE {name}")
    try:
        print(f"Database {name}: migrate, load areas and demo data", flush=True)
        for command in (["migrate", "--noinput"], ["load_areas"], ["load_demo"]):
            _manage(env, *command)
        _manage(env, "collectstatic", "--noinput")
        server = start_gunicorn(env, port, args.workers)
        csv = Path("/tmp") / f"giamngheo-load-{os.getpid()}"
        print(f"locust: {args.users} users, {args.seconds} s, at most {args.max_requests} requests",
              flush=True)
        locust_env = {**env, "LOCUST_MAX_REQUESTS": str(args.max_requests)}
        subprocess.run(
            [str(BIN / "locust"), "-f", str(Path(__file__).parent / "locustfile.py"), "--headless",
             "--users", str(args.users), "--spawn-rate", str(args.spawn_rate),
             "--run-time", f"{args.seconds}s", "--stop-timeout", "10", "--host", base,
             "--csv", str(csv), "--only-summary", "--loglevel", "WARNING",
             # Figures of the steady state: the sign-in of all users at once is not counted.
             "--reset-stats"],
            cwd=PROJECT, env=locust_env, timeout=args.seconds + 120, check=False)
        figures = stats.read(csv)
        print("Venue race: "
              f"{args.race_attempts} attempts for the last {args.race_seats} seats", flush=True)
        figures["race"] = race.run(base, PYTHON, env, attempts=args.race_attempts,
                                   seats=args.race_seats)
        figures.update(users=args.users, seconds=args.seconds, workers=args.workers,
                       load_before=load_before)
        return figures
    finally:
        _stop(server)
        _psql(args.pg, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def main(argv=None) -> int:
    args = parse_args(argv)
    figures = run(args)
    print(report.text(figures))
    if not args.no_write:
        report.write(PROJECT / "docs" / "load.md", figures)
        print("docs/load.md written")
    race_result = figures["race"]
    ok = figures["total"]["failures"] == 0 and race_result.final_count == race_result.taken_before + race_result.seats
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
