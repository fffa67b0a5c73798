"""``python -m bench``: run the registered benchmarks, print the figures, write the docs page."""

from __future__ import annotations

import argparse
import datetime
import importlib
import os
import shlex
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
DOCS_PAGE, DOCS_CHART = PROJECT / "docs" / "performance.md", PROJECT / "docs" / "performance.svg"
DOCS_STORE = PROJECT / "docs" / "bench-results.json"
MODULES = ["bench.documents", "bench.plans", "bench.checks", "bench.budgets", "bench.households", "bench.registry", "bench.dialogues", "bench.scope", "bench.desk", "bench.rollup"]


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--repeat", type=int, default=15, help="timed runs per benchmark")
    parser.add_argument("--warmup", type=int, default=2, help="untimed runs first")
    parser.add_argument("--only", action="append", metavar="NAME",
                        help="a benchmark name or prefix (pdf, pdf.bare_weasyprint); repeatable")
    parser.add_argument("--no-write", action="store_true", help="do not rewrite docs/")
    args = parser.parse_args(argv)
    if args.repeat < 1 or args.warmup < 0:
        parser.error("--repeat must be at least 1 and --warmup at least 0")
    return args


def load_benchmarks() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    # Server times as production has them: no debug cursor keeping every query's SQL, no
    # template debug information (DEBUG=1 in the environment measures the development mode).
    os.environ.setdefault("DEBUG", "0")
    import django

    django.setup()
    from django.core.management import call_command

    # Benchmarks write their data inside rolled-back transactions of the configured database,
    # which must have every table: bring it up to date first.
    call_command("migrate", verbosity=0, interactive=False)
    for module in MODULES:
        importlib.import_module(module)


def selected(only: list[str] | None) -> list:
    from bench.runner import BENCHMARKS

    if not only:
        return list(BENCHMARKS.values())
    from bench.runner import PROBES

    chosen = [b for b in BENCHMARKS.values()
              if any(b.name == name or b.name.startswith(name + ".") for name in only)]
    probes = [p for p in PROBES if any(p == name or p.startswith(name + ".") for name in only)]
    if not chosen and not probes:
        sys.exit(f"no benchmark matches {only}; known: {', '.join(BENCHMARKS)}")
    return chosen


def command(args: argparse.Namespace) -> str:
    python = Path(sys.executable)
    if python.is_relative_to(Path.cwd()):
        python = python.relative_to(Path.cwd())
    words = [str(python), "-m", "bench", "--repeat", str(args.repeat), "--warmup", str(args.warmup)]
    for name in args.only or []:
        words += ["--only", name]
    return shlex.join(words)


def method(args: argparse.Namespace) -> list[str]:
    return [
        f"{_runs(args.warmup, 'untimed warm-up')}, then {_runs(args.repeat, 'timed')} of each "
        "benchmark, "
        "interleaved round-robin so drift and background load hit every benchmark alike.",
        "Each run is timed with `time.perf_counter()` after `gc.collect()`; set-up (building "
        "the sample document, pre-rendering HTML, copying static files) is not timed.",
        "The timed runs happen in a process whose heap is frozen out of the cycle collector after "
        "the warm-up, as a started worker's is (config/wsgi.py, `documents.pdf.warm_up`), so the "
        "collection before each run clears the last run's garbage only (since 2026-12-06 13:50 UTC; "
        "earlier figures walked the whole benchmark process's heap first, which made a small page "
        "about 3 ms slower).",
        "Median, min and max over the timed runs; spread as interquartile range (IQR) and "
        "standard deviation. Overhead targets compare medians.",
        "Django runs with `DEBUG` off, as in production (the suite sets `DEBUG=0` unless the "
        "environment says otherwise), on the database `DATABASE_URL` names.",
        "Data: `documents.sample.sample_document` for «UBND huyện Hạ Hoà», Kế hoạch số 5, "
        "12/05/2023 (a SimpleNamespace issuing body: no database).",
        "`pdf.bare_weasyprint` renders the HTML strings `document_html`/`appendix_html` produce, "
        "with WeasyPrint's default fetcher and a `file://` base URL of a temporary directory "
        "laid out as `static/…`. Because an absolute `/static/…` URL would resolve to the "
        "filesystem root under `file://`, only that prefix is made relative in the HTML and "
        "in the copied `decree30.css`. Before timing, both PDFs are checked to have the same "
        "page count and embedded fonts (Liberation Serif) and no load failure.",
    ]


def _runs(count: int, kind: str) -> str:
    return f"{count} {kind} run" + ("" if count == 1 else "s")


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    load_benchmarks()
    from bench import chart, machine, report, runner, stats

    for name, run_probe in runner.PROBES.items():
        if not args.only or any(name == o or name.startswith(o + ".") for o in args.only):
            run_probe()
    timings = runner.time_all(selected(args.only), repeat=args.repeat, warmup=args.warmup)
    summaries = {name: stats.Summary.of(seconds) for name, seconds in timings.items()}
    verdicts = [report.verdict(target, summaries) for target in runner.TARGETS]
    print(report.console_table(summaries), "", *(f"{s}: {t}" for s, t in verdicts),
          *report.fact_lines(), sep="\n")
    if args.no_write:
        return
    from bench import store as results

    now = datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    kept = results.merge(results.load(DOCS_STORE), run=now, command=command(args),
                         summaries=summaries, facts=runner.FACTS, info=machine.run_facts())
    results.save(DOCS_STORE, kept)
    every = results.summaries(kept)
    runner.FACTS[:] = results.facts(kept)
    DOCS_CHART.write_text(chart.svg_chart(every, title="Median time per run (latest of each)"))
    kept_by_hand = report.dated_sections(DOCS_PAGE)
    DOCS_PAGE.write_text(report.markdown(
        date=now, machine=machine.machine_facts(), command=command(args), method=method(args),
        summaries=every, verdicts=[report.verdict(t, every, lambda name: results.run_of(kept, name))
                                   for t in runner.TARGETS],
        chart=DOCS_CHART.name, runs=kept, load=report.load_blocks(PROJECT / "docs" / "load.md"),
    ) + kept_by_hand)
    print(f"\nWrote {DOCS_PAGE.relative_to(PROJECT)} and {DOCS_CHART.relative_to(PROJECT)}")


if __name__ == "__main__":
    main()
