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


def _load() -> str:
    if not hasattr(os, "getloadavg"):
        return "unknown"
    return " / ".join(f"{load:.2f}" for load in os.getloadavg())


def _lines(path: str) -> list[str]:
    try:
        return Path(path).read_text().splitlines()
    except OSError:
        return []
