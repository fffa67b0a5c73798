"""``python -m bench.load.browser``: first contentful paint of every menu page on a phone over a
slow rural connection, and the CSS and JavaScript each page ships.

Set-up as ``python -m bench.load`` does it (a throw-away PostgreSQL database with the areas and
the demo data, ``collectstatic``), but the app runs as production runs it: ``DJANGO_ENV=production``
under gunicorn, static files hashed and compressed by WhiteNoise. Debian's Chromium then signs
in as each demo account at 390 × 844 with the network throttled by the DevTools protocol to the
profile below, and opens the home page and every page of that role's menu, in menu order, as an
officer's day starts: the sign-in page with an empty browser cache, then the others with what
the earlier ones left in it (static files are served with far-future expiry, so that is what an
officer meets from the second page of the day on). For each page: first contentful paint as Chromium
reports it, the server's HTML size, and the CSS + JS bytes as transferred (compressed; counted
whether or not they came from the cache, since the target is about what a page ships).

The figures go to docs/performance.md between the ``browser`` markers.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import uuid
from dataclasses import dataclass
from pathlib import Path

from bench.load.__main__ import PROJECT, _env, _free_port, _manage, _psql, _stop, start_gunicorn

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
# Lighthouse's "regular 3G" (the profile its mobile audits used for 3G): what a commune office
# or a phone in a village reaches on a weak cell. Round trip per request, bytes per second.
PROFILE = {"name": "3G nông thôn (RTT 300 ms, 700 kbit/s xuống, 700 kbit/s lên)",
           "latency": 300, "down": 700 * 1024 // 8, "up": 700 * 1024 // 8}
FCP_TARGET_MS, ASSET_TARGET_KB = 1000, 150
MARKERS = ("<!-- browser -->", "<!-- /browser -->")

MEASURE = """
() => new Promise(resolve => {
  const done = fcp => {
    const assets = performance.getEntriesByType('resource')
      .filter(r => /\\.(css|js)(\\?|$)/.test(r.name));
    const nav = performance.getEntriesByType('navigation')[0];
    resolve({fcp, assets: assets.reduce((sum, r) => sum + (r.encodedBodySize || 0), 0),
             html: nav ? nav.encodedBodySize : 0});
  };
  // Buffered: the paint may have happened before this runs; a page that never paints says so.
  new PerformanceObserver(list => {
    const paint = list.getEntriesByName('first-contentful-paint')[0];
    if (paint) done(paint.startTime);
  }).observe({type: 'paint', buffered: true});
  setTimeout(() => done(null), 15000);
})
"""


@dataclass
class PageFigure:
    role: str
    path: str
    title: str
    cold: bool
    fcp_ms: float | None
    html_kb: float
    assets_kb: float


def _production_env(database_url: str) -> dict:
    env = _env(database_url)
    env.update({"DJANGO_ENV": "production", "SECRET_KEY": uuid.uuid4().hex * 2,
                "CACHE_URL": "locmem://", "SECURE_SSL_REDIRECT": "0", "AXES_ENABLED": "0"})
    return env


def _menu_paths(page, base: str) -> list[str]:
    """The home page, then every page the menu links to, in menu order, once each."""
    hrefs = page.eval_on_selector_all(
        ".app-navbar a[href]", "els => els.map(a => a.getAttribute('href'))")
    seen, paths = set(), ["/"]
    for href in hrefs:
        if href and href.startswith("/") and not href.startswith(("/dang-xuat", "/admin")) \
                and href not in seen and href != "/":
            seen.add(href)
            paths.append(href)
    return paths


def throttled_page(browser):
    """A phone's browser context with an empty cache on the throttled network, and its page."""
    context = browser.new_context(locale="vi-VN", viewport={"width": 390, "height": 844})
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.clearBrowserCache")
    cdp.send("Network.emulateNetworkConditions", {
        "offline": False, "latency": PROFILE["latency"],
        "downloadThroughput": PROFILE["down"], "uploadThroughput": PROFILE["up"]})
    return context, page


def _measure_role(browser, base: str, username: str, password: str) -> list[PageFigure]:
    """The day as an officer starts it: the sign-in page with an empty cache, then the home page
    and the menu's pages with what the earlier pages left in the cache."""
    context, page = throttled_page(browser)
    figures = []

    def look(path: str, cold: bool) -> None:
        page.goto(f"{base}{path}", wait_until="load", timeout=60_000)
        found = page.evaluate(MEASURE)
        figures.append(PageFigure(username, path, page.title(), cold, found["fcp"],
                                  found["html"] / 1024, found["assets"] / 1024))

    look("/dang-nhap/", cold=True)
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.locator("main").get_by_role("button", name="Đăng nhập").click()
    page.wait_for_load_state("load", timeout=60_000)
    for path in _menu_paths(page, base):
        look(path, cold=False)
    context.close()
    return figures


def measure(base: str) -> list[PageFigure]:
    import django
    from playwright.sync_api import sync_playwright

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()  # only to read the demo accounts
    from areas.demo import ACCOUNTS, DEMO_PASSWORD

    figures = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            for username, *_ in ACCOUNTS:
                print(f"  {username}", flush=True)
                figures += _measure_role(browser, base, username, DEMO_PASSWORD)
        finally:
            browser.close()
    return figures


def _commit() -> str:
    return subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=PROJECT, capture_output=True,
                          text=True, check=False).stdout.strip() or "?"


def report(figures: list[PageFigure], load_before: float) -> str:
    import datetime

    measured = [f.fcp_ms for f in figures if f.fcp_ms is not None]
    slow = [f for f in figures if f.fcp_ms is None or f.fcp_ms >= FCP_TARGET_MS]
    heavy = [f for f in figures if f.assets_kb > ASSET_TARGET_KB]
    lines = [
        MARKERS[0],
        f"### Phone pages over a slow connection, run of {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC",
        "",
        f"Command: `python -m bench.load.browser`. Commit {_commit()}; {platform.processor() or platform.machine()}, "
        f"{os.cpu_count()} logical CPUs, Python {platform.python_version()}; load average {load_before:.1f} when "
        "the run started. Production settings under gunicorn (2 workers), PostgreSQL with the demo data, "
        f"Debian's Chromium at 390 × 844, network throttled to {PROFILE['name']}.",
        "",
        f"- First contentful paint: median {statistics.median(measured):.0f} ms, slowest "
        f"{max(measured):.0f} ms over {len(figures)} pages; target under {FCP_TARGET_MS} ms: "
        + ("**PASS**" if not slow else f"**FAIL** on {len(slow)} page(s)"),
        f"- CSS + JS per page (compressed): at most {max(f.assets_kb for f in figures):.1f} KB; target at most "
        f"{ASSET_TARGET_KB} KB: " + ("**PASS**" if not heavy else f"**FAIL** on {len(heavy)} page(s)"),
        "",
        "| account | page | title | cache | FCP | HTML | CSS + JS |",
        "|---|---|---|---|---|---|---|",
    ]
    for f in figures:
        fcp = f"{f.fcp_ms:.0f} ms" if f.fcp_ms is not None else "—"
        lines.append(f"| {f.role} | `{f.path}` | {f.title[:50]} | {'trống' if f.cold else 'có sẵn'} | {fcp} "
                     f"| {f.html_kb:.1f} KB | {f.assets_kb:.1f} KB |")
    lines.append(MARKERS[1])
    return "\n".join(lines)


def write(path: Path, block: str) -> None:
    text = path.read_text(encoding="utf-8")
    start, end = text.find(MARKERS[0]), text.find(MARKERS[1])
    if start >= 0 and end > start:
        text = text[:start] + block + text[end + len(MARKERS[1]):]
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    path.write_text(text, encoding="utf-8")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.load.browser", description=__doc__)
    parser.add_argument("--pg", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--no-write", action="store_true", help="do not rewrite docs/performance.md")
    args = parser.parse_args(argv)
    name = f"giamngheo_browser_{uuid.uuid4().hex[:8]}"
    database_url = f"{args.pg}/{name}"
    env = _production_env(database_url)
    port, server = _free_port(), None
    load_before = os.getloadavg()[0]
    _psql(args.pg, f"CREATE DATABASE {name}")
    try:
        # The demo data refuses production settings (rightly): loaded as development, served as
        # production.
        for command in (["migrate", "--noinput"], ["load_areas"], ["load_demo"]):
            _manage(_env(database_url), *command)
        _manage(env, "collectstatic", "--noinput")
        server = start_gunicorn(env, port, workers=2)
        figures = measure(f"http://127.0.0.1:{port}")
    finally:
        _stop(server)
        _psql(args.pg, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    block = report(figures, load_before)
    print(block)
    if not args.no_write:
        write(PROJECT / "docs" / "performance.md", block)
        print("docs/performance.md written")
    fcps = [f.fcp_ms for f in figures]
    return 0 if all(v is not None and v < FCP_TARGET_MS for v in fcps) else 1


if __name__ == "__main__":
    sys.exit(main())
