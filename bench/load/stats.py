"""Reading locust's CSV statistics back into plain figures."""

from __future__ import annotations

import csv
from pathlib import Path


def _row(row: dict) -> dict:
    def number(key):
        value = row.get(key) or "0"
        return float(value) if value not in ("N/A", "") else 0.0

    return {"name": row["Name"], "requests": int(number("Request Count")),
            "failures": int(number("Failure Count")), "rps": number("Requests/s"),
            "p50": number("50%"), "p95": number("95%"), "p99": number("99%"),
            "max": number("Max Response Time")}


def read(prefix: Path) -> dict:
    """The aggregate and the per-request rows of ``<prefix>_stats.csv``, and the failures seen."""
    with open(f"{prefix}_stats.csv", newline="") as handle:
        rows = [_row(row) for row in csv.DictReader(handle)]
    failures_file = Path(f"{prefix}_failures.csv")
    failures = []
    if failures_file.exists():
        with open(failures_file, newline="") as handle:
            failures = [f"{r['Method']} {r['Name']}: {r['Error']} ×{r['Occurrences']}"
                        for r in csv.DictReader(handle)]
    total = next(r for r in rows if r["name"] == "Aggregated")
    return {"total": total, "rows": [r for r in rows if r["name"] != "Aggregated"],
            "failure_list": failures}
