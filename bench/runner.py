"""A tiny benchmark registry and timer: register set-ups, time their runs round-robin."""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, ExitStack, contextmanager
from dataclasses import dataclass

# A set-up prepares everything a benchmark needs (untimed) and yields the callable to time (None
# when it cannot run on this machine); the callable may carry an untimed ``after`` clean-up.
SetUp = Callable[[], AbstractContextManager[Callable[[], object]]]


@dataclass(frozen=True)
class Benchmark:
    name: str
    description: str
    set_up: SetUp
    group: str = ""  # the module that registered it: set up, timed and torn down together


@dataclass(frozen=True)
class OverheadTarget:
    """``subject`` may take at most ``limit`` (0.10 = 10 %) plus ``allowance`` seconds longer than
    ``baseline`` (medians)."""

    name: str
    subject: str
    baseline: str
    limit: float
    allowance: float = 0.0


@dataclass(frozen=True)
class ThresholdTarget:
    """``subject``'s median must stay under ``seconds``."""

    name: str
    subject: str
    seconds: float


@dataclass(frozen=True)
class Fact:
    """A figure that is not a time per run (size, ratio, percentile, query count) and its verdict."""

    name: str
    value: str
    status: str = ""  # "PASS", "FAIL" or "" when there is no target
    target: str = ""


BENCHMARKS: dict[str, Benchmark] = {}
PROBES: dict[str, Callable[[], None]] = {}  # run once, record facts (no timing table row)
TARGETS: list[OverheadTarget | ThresholdTarget] = []
FACTS: list[Fact] = []


def benchmark(name: str, description: str) -> Callable[[Callable], SetUp]:
    """Register a generator function that sets up, yields the callable to time, then cleans up."""

    def register(generator: Callable[[], Iterator[Callable[[], object]]]) -> SetUp:
        set_up = contextmanager(generator)
        BENCHMARKS[name] = Benchmark(name, description, set_up, generator.__module__)
        return set_up

    return register


def probe(name: str) -> Callable[[Callable[[], None]], Callable[[], None]]:
    """Register a function measured once (a cold start, a percentile) that records facts."""

    def register(function: Callable[[], None]) -> Callable[[], None]:
        PROBES[name] = function
        return function

    return register


def overhead_target(name: str, *, subject: str, baseline: str, limit: float, allowance: float = 0.0) -> None:
    TARGETS.append(OverheadTarget(name, subject, baseline, limit, allowance))


def threshold_target(name: str, *, subject: str, seconds: float) -> None:
    TARGETS.append(ThresholdTarget(name, subject, seconds))


def fact(name: str, value: str, *, passed: bool | None = None, target: str = "") -> None:
    """Record a figure measured during a set-up; shown after the timings."""
    status = "" if passed is None else ("PASS" if passed else "FAIL")
    FACTS.append(Fact(name, value, status, target))


def time_once(run: Callable[[], object]) -> float:
    """Seconds taken by one call of ``run``, after a full garbage collection."""
    gc.collect()
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def time_all(benchmarks: list[Benchmark], *, repeat: int, warmup: int) -> dict[str, list[float]]:
    """Timings per benchmark, one module after the other.

    Within a module, whose benchmarks are compared with each other, runs are interleaved so drift
    and load hit them alike. Modules are not set up together: a set-up that holds a transaction
    open for its timing (plans, budgets) would otherwise hold its locks through another module's
    work and clean-ups (the registry's VACUUM waited for one for ever).
    """
    groups: dict[str, list[Benchmark]] = {}
    for bench in benchmarks:
        groups.setdefault(bench.group, []).append(bench)
    timings: dict[str, list[float]] = {}
    for group in groups.values():
        timings.update(_time_group(group, repeat=repeat, warmup=warmup))
    return timings


def _time_group(benchmarks: list[Benchmark], *, repeat: int, warmup: int) -> dict[str, list[float]]:
    with ExitStack() as stack:
        runs = {b.name: stack.enter_context(b.set_up()) for b in benchmarks}
        runs = {name: run for name, run in runs.items() if run is not None}  # None: cannot run here
        for _ in range(warmup):
            for run in runs.values():
                run()
                _after(run)
        timings: dict[str, list[float]] = {name: [] for name in runs}
        with _as_a_started_worker():
            for _ in range(repeat):
                for name, run in runs.items():
                    timings[name].append(time_once(run))
                    _after(run)
    return timings


@contextmanager
def _as_a_started_worker():
    """Time in a process whose heap is what a started worker's is: frozen out of the cycle
    collector after its start (config/wsgi.py, documents.pdf.warm_up). The full collection before
    each run then clears the last run's garbage only; on an unfrozen heap it walked every object
    of the benchmark process first, which no request in production waits for, and a small page
    measured some 3 ms (a third) slower right after it (docs/performance.md, Method)."""
    gc.collect()
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _after(run) -> None:
    """Untimed clean-up a run asks for (``run.after``), so one benchmark's garbage never slows the next."""
    after = getattr(run, "after", None)
    if after is not None:
        after()
