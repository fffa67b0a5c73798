"""Results kept between runs, so a run of one module does not erase the others' figures.

`docs/bench-results.json` holds the latest summary of every benchmark and every recorded
figure, each with the run it came from; the docs page is rendered from all of it.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from bench.runner import Fact
from bench.stats import Summary


def load(path: Path) -> dict:
    if path.exists():
        return json.loads(path.read_text(encoding="utf-8"))
    return {"runs": {}, "benchmarks": {}, "facts": {}}


def merge(store: dict, *, run: str, command: str, summaries: dict[str, Summary],
          facts: list[Fact], info: dict | None = None) -> dict:
    """The store with this run's summaries and facts replacing older ones of the same name;
    ``info`` (machine, database, commit) is kept with the run."""
    store["runs"][run] = {"command": command, **(info or {})}
    for name, summary in summaries.items():
        store["benchmarks"][name] = {"run": run, **dataclasses.asdict(summary)}
    for fact in facts:
        store["facts"][fact.name] = {"run": run, **dataclasses.asdict(fact)}
    used = {entry["run"] for entry in [*store["benchmarks"].values(), *store["facts"].values()]}
    store["runs"] = {run_id: info for run_id, info in store["runs"].items() if run_id in used}
    return store


def save(path: Path, store: dict) -> None:
    path.write_text(json.dumps(store, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
                    encoding="utf-8")


def summaries(store: dict) -> dict[str, Summary]:
    fields = {f.name for f in dataclasses.fields(Summary)}
    return {name: Summary(**{k: v for k, v in entry.items() if k in fields})
            for name, entry in store["benchmarks"].items()}


def facts(store: dict) -> list[Fact]:
    fields = {f.name for f in dataclasses.fields(Fact)}
    return [Fact(**{k: v for k, v in entry.items() if k in fields})
            for entry in store["facts"].values()]


def run_of(store: dict, name: str) -> str:
    return store["benchmarks"].get(name, store["facts"].get(name, {})).get("run", "")
