"""What the figures were measured on: CPU, cores, RAM and the versions that matter."""

from __future__ import annotations

import os
import platform
from importlib.metadata import version
from pathlib import Path


def cpu_model() -> str:
    for line in _lines("/proc/cpuinfo"):
        key, _, value = line.partition(":")
        if key.strip() in ("model name", "Model", "Hardware"):
            return value.strip()
    return platform.processor() or platform.machine()


def ram_gib() -> float | None:
    for line in _lines("/proc/meminfo"):
        if line.startswith("MemTotal:"):
            return int(line.split()[1]) / 1024**2
    return None


def machine_facts() -> dict[str, str]:
    ram = ram_gib()
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None
    return {
        "CPU": cpu_model(),
        "Cores": f"{os.cpu_count()}" + (f" ({usable} usable by this process)" if usable else ""),
        "RAM": f"{ram:.1f} GiB" if ram else "unknown",
        "OS": platform.platform(),
        "Python": platform.python_version(),
        "Django": version("django"),
        "WeasyPrint": version("weasyprint"),
        "python-docx": version("python-docx"),
        "Load average (1/5/15 min) after the run": _load(),
    }


def run_facts() -> dict[str, str]:
    """What a run is kept with: the machine and its load, the database, the commit (and whether
    the checkout had uncommitted changes), so that figures are read with what they were measured on."""
    import subprocess

    from django.db import connection

    def git(*words: str) -> str:
        done = subprocess.run(["git", *words], capture_output=True, text=True, check=False)
        return done.stdout.strip() if done.returncode == 0 else ""

    with connection.cursor() as cursor:
        version = ""
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
            version = " " + cursor.fetchone()[0].split()[0]
    commit = git("rev-parse", "--short", "HEAD") or "unknown"
    dirty = git("status", "--porcelain", "--untracked-files=no")
    return {
        "machine": f"{cpu_model()}, {os.cpu_count()} cores, load {_load()}",
        "database": f"{connection.vendor}{version}",
        "commit": commit + (" with uncommitted changes in the checkout" if dirty else ""),
    }


def _load() -> str:
    if not hasattr(os, "getloadavg"):
        return "unknown"
    return " / ".join(f"{load:.2f}" for load in os.getloadavg())


def _lines(path: str) -> list[str]:
    try:
        return Path(path).read_text().splitlines()
    except OSError:
        return []
