"""``python -m bench.load.browser_signin``: the cold sign-in page, many times, side by side.

The first page of an officer's day is the sign-in page with an empty browser cache: the one page
of ``python -m bench.load.browser`` that pays for every request it makes. This opens only that
page, ``--runs`` times each in a fresh browser context with an empty cache, over the same
throttled network and production set-up as ``bench.load.browser``, and prints the median first
contentful paint and the requests the page made (size as transferred, when each started and
ended). With ``--baseline DIR`` (another checkout, e.g. a ``git worktree`` of main) a second
gunicorn serves that checkout's templates and static files from the same database, and the
runs alternate between the two, so that both meet the same machine load; the ratio is printed.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import uuid
from pathlib import Path

from bench.load.__main__ import BIN, PROJECT, PYTHON, _free_port, _psql, _stop, _wait_for
from bench.load.browser import (
    CHROMIUM,
    CHROMIUM_ARGS,
    MEASURE,
    PROFILE,
    _production_env,
    throttled_page,
)

WATERFALL = """
() => performance.getEntriesByType('resource').concat(performance.getEntriesByType('navigation'))
  .map(r => ({name: r.name.replace(location.origin, ''), size: r.transferSize,
              body: r.encodedBodySize, start: r.startTime, end: r.responseEnd,
              blocking: r.renderBlockingStatus || ''}))
  .sort((a, b) => a.start - b.start)
"""


def _serve(checkout: Path, env: dict) -> tuple[subprocess.Popen, str]:
    """collectstatic in the checkout, then gunicorn (2 sync workers, as the browser check runs it)."""
    subprocess.run([PYTHON, "manage.py", "collectstatic", "--noinput"], cwd=checkout, env=env,
                   check=True, timeout=600, stdout=subprocess.DEVNULL)
    port = _free_port()
    server = subprocess.Popen(
        [str(BIN / "gunicorn"), "config.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "2",
         "--timeout", "120", "--log-level", "warning"], cwd=checkout, env=env)
    try:
        _wait_for(f"http://127.0.0.1:{port}/dang-nhap/")
    except RuntimeError:
        _stop(server)
        raise
    return server, f"http://127.0.0.1:{port}"


def _cold_sign_in(browser, base: str) -> tuple[float | None, list[dict]]:
    context, page = throttled_page(browser)
    page.goto(f"{base}/dang-nhap/", wait_until="load", timeout=60_000)
    fcp = page.evaluate(MEASURE)["fcp"]
    waterfall = page.evaluate(WATERFALL)
    context.close()
    return fcp, waterfall


def _print_waterfall(label: str, waterfall: list[dict]) -> None:
    print(f"\n{label}: {len(waterfall)} requests, {sum(r['size'] for r in waterfall) / 1024:.1f} KB transferred")
    for r in waterfall:
        print(f"  {r['start']:6.0f} → {r['end']:6.0f} ms  {r['size'] / 1024:5.1f} KB  "
              f"{r['blocking']:15} {r['name'][:90]}")


def measure(servers: dict[str, str], runs: int) -> dict[str, list[float | None]]:
    from playwright.sync_api import sync_playwright

    figures: dict[str, list[float | None]] = {label: [] for label in servers}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            for i in range(runs):
                # Alternate which checkout goes first, so neither always follows the other.
                order = list(servers.items()) if i % 2 == 0 else list(servers.items())[::-1]
                for label, base in order:
                    fcp, waterfall = _cold_sign_in(browser, base)
                    figures[label].append(fcp)
                    if i == 0:
                        _print_waterfall(f"{label}, FCP {fcp:.0f} ms" if fcp else label, waterfall)
        finally:
            browser.close()
    return figures


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.load.browser_signin", description=__doc__)
    parser.add_argument("--runs", type=int, default=11, help="cold sign-in pages per checkout")
    parser.add_argument("--baseline", type=Path, help="another checkout to serve side by side")
    parser.add_argument("--pg", default="postgres://postgres@127.0.0.1:5432")
    args = parser.parse_args(argv)
    name = f"giamngheo_signin_{uuid.uuid4().hex[:8]}"
    env = _production_env(f"{args.pg}/{name}")
    load_before = os.getloadavg()
    checkouts = {"this checkout": PROJECT, **({"baseline": args.baseline.resolve()} if args.baseline else {})}
    servers: list[subprocess.Popen] = []
    _psql(args.pg, f"CREATE DATABASE {name}")
    try:
        # The sign-in page reads no data: the schema is enough (migrated as development).
        subprocess.run([PYTHON, "manage.py", "migrate", "--noinput"], cwd=PROJECT,
                       env={**env, "DJANGO_ENV": "development"}, check=True, timeout=1800,
                       stdout=subprocess.DEVNULL)
        bases = {}
        for label, checkout in checkouts.items():
            server, bases[label] = _serve(checkout, env)
            servers.append(server)
        figures = measure(bases, args.runs)
    finally:
        for server in servers:
            _stop(server)
        _psql(args.pg, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    load_after = os.getloadavg()
    print(f"\nCold sign-in page, {args.runs} runs per checkout, {PROFILE['name']}; load average "
          f"{load_before[0]:.1f} before, {load_after[0]:.1f} after (1 min), {load_after[1]:.1f} (5 min)")
    medians = {}
    for label, values in figures.items():
        measured = sorted(v for v in values if v is not None)
        medians[label] = statistics.median(measured)
        print(f"  {label:14} median {medians[label]:5.0f} ms, fastest {measured[0]:5.0f}, slowest "
              f"{measured[-1]:5.0f}; all: {' '.join(f'{v:.0f}' for v in measured)}"
              + (f"; {len(values) - len(measured)} never painted" if len(measured) < len(values) else ""))
    if "baseline" in medians:
        print(f"  ratio this/baseline: {medians['this checkout'] / medians['baseline']:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
