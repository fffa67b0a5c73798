"""The load figures as text and as the section of docs/load.md."""

from __future__ import annotations

import datetime
import os
import platform
from pathlib import Path

HEADER = """# Load and concurrency

Measured by `make load` (`python -m bench.load`): a throw-away PostgreSQL database on
127.0.0.1 with the administrative units and the demo data, the app under gunicorn on a
loopback port, locust driving a mix of planning officers (3), commune staff (4) and finance
officers (2) that sign in through the login form and open lists, details, searches, previews,
PDFs and workbooks with 1–3 s of thinking between clicks; then the venue race. Everything is
started and removed by the command. Latencies in milliseconds. The same command then measures
the household list's throughput at 2 connections (`python -m bench.load.throughput`).

The blocks between `<!-- … -->` markers are rewritten by each run; the rest is written by hand.

"""


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} logical CPUs, Python {platform.python_version()}"


def text(figures: dict) -> str:
    total, race = figures["total"], figures["race"]
    lines = [
        f"{figures['users']} users, {figures['seconds']} s, gunicorn {figures['workers']} workers",
        f"requests {total['requests']}, failures {total['failures']}, {total['rps']:.1f} requests/s",
        f"latency p50 {total['p50']:.0f} ms, p95 {total['p95']:.0f} ms, p99 {total['p99']:.0f} ms",
        f"venue race: {race.attempts} attempts for {race.seats} seats ({race.taken_before} taken): "
        f"{race.registered} registered, {race.refused_full} told full, other {race.other or 'none'}; "
        f"{race.final_count - race.taken_before} new attendees in the database, {race.seconds:.1f} s",
    ]
    lines += figures["failure_list"]
    return "\n".join(lines)


def section(figures: dict) -> str:
    total, race = figures["total"], figures["race"]
    rows = "\n".join(
        f"| {r['name']} | {r['requests']} | {r['failures']} | {r['p50']:.0f} | {r['p95']:.0f} | {r['p99']:.0f} |"
        for r in sorted(figures["rows"], key=lambda r: -r["requests"]))
    exact = race.final_count - race.taken_before == race.seats
    return f"""## Mixed load, {stamp()}

Machine: {machine()}; load average {figures['load_before']:.1f} when the run started (other
work on the machine shares the CPUs). Command: `make load` ({figures['users']} users,
{figures['seconds']} s after all have signed in, gunicorn {figures['workers']} workers,
PostgreSQL and locust on the same machine).

| | figure |
|---|---|
| requests | {total['requests']} |
| errors | {total['failures']} |
| requests per second | {total['rps']:.1f} |
| latency p50 / p95 / p99 | {total['p50']:.0f} / {total['p95']:.0f} / {total['p99']:.0f} ms |

| request | count | errors | p50 | p95 | p99 |
|---|---|---|---|---|---|
{rows}

**Venue race**: {race.attempts} commune-staff phones (10 staff accounts) register
{race.attempts} different households at the same instant for the last {race.seats} seats of a
session ({race.taken_before} already taken): {race.registered} were registered,
{race.refused_full} were told the session is full, other answers: {race.other or 'none'};
the database holds {race.final_count - race.taken_before} new attendees
({'exactly the free seats' if exact else 'NOT the number of free seats'}), in {race.seconds:.1f} s.
"""


def stamp() -> str:
    return f"run of {datetime.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}"


def write(path: Path, figures: dict) -> None:
    """Replace the mixed-load block of docs/load.md."""
    write_section(path, "mixed", section(figures))


def write_section(path: Path, key: str, text: str) -> None:
    """Replace the block between ``<!-- key -->`` and ``<!-- /key -->`` (appended if missing)."""
    start, end = f"<!-- {key} -->", f"<!-- /{key} -->"
    body = path.read_text() if path.exists() else HEADER
    block = f"{start}\n{text.strip()}\n{end}"
    if start in body and end in body:
        before, rest = body.split(start, 1)
        body = before + block + rest.split(end, 1)[1]
    else:
        body = body.rstrip() + "\n\n" + block + "\n"
    path.write_text(body)
