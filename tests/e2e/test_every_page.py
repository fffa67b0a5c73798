"""Every page each demo role reaches, at a desk (1280 × 800) and on a phone (390 × 844).

The crawl logs in as each account of ``manage.py load_demo``, follows the app's own links
breadth-first from the home page (menus, lists, the demo objects) and looks at every page as a
person would: no console error or failed request, no sideways scrolling, a one-line menu at
1280 px, no text spilling out of a table cell, no English word in the visible text. One
screenshot per page and width goes to ``screenshots/`` (git ignores it) for a person to look
through. Every problem of the crawl is collected and reported at once.
"""

import asyncio
import re
import threading
from collections import deque
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.urls import Resolver404, resolve
from playwright.async_api import Error as PlaywrightError

from areas.demo import ACCOUNTS, DEMO_PASSWORD
from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"
WIDTHS = {"desk": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}
PAGES_PER_VIEW = 1  # one object of each kind (a plan, a session…): the same template again
MAX_PAGES_PER_ROLE = 60
SCREENS_PER_SHOT = 3  # a screenshot shows the top of a long page (a whole one costs a second)
PARALLEL = 3  # crawls at once: the 2 cores stay busy while a page waits for the server

# Downloads, fragments that htmx loads into a page, previews shown inside an iframe, and
# routes that only answer POST: not pages a person opens from a link.
SKIPPED_VIEWS = re.compile(
    r"(^logout$|-(pdf|docx|xlsx|csv|file|report|progress|preview|search|reveal-id)$|-export"
    r"|:invitations?$|:(session|plan)-sheet$|:plan-report-file$|:minutes-file$)"
)
DOWNLOAD_PATH = re.compile(r"\.(pdf|docx|xlsx|xls|csv|zip)$", re.IGNORECASE)

# Common words of English user interfaces: none of them is a Vietnamese syllable written
# without marks, so finding one in a page means text nobody translated.
ENGLISH_WORDS = set("""
    access account action actions add all apply attempts back cancel change choose clear close
    confirm content continue create date delete documentation download edit enter error false
    field filter filters first found from go group groups help hide history home invalid items
    last less loading log login logout main more name new next none not null of ok open page
    password permission permissions please previous profile recent required reset results run
    save search select settings show sign skip status submit task tasks the theme this toggle
    true update upload user users view welcome with yes your you
""".split())
# Proper names and codes that are English words or contain them (none so far).
ALLOWED_WORDS: set[str] = set()
# Keyboard shortcuts name keys as the keyboard prints them (Ctrl+Enter).
KEY_COMBINATION = re.compile(r"\b(?:Ctrl|Alt|Shift)(?:\+\S+)+")
# A secret shown masked (a password hash's salt and hash: «OF****…»): random letters, not words.
MASKED = re.compile(r"\w*\*{4,}\w*")

PAGE_CHECKS = r"""
() => {
  const problems = [];
  const doc = document.documentElement;
  if (doc.scrollWidth > window.innerWidth) {
    // The element whose right edge makes the page that wide, named as a selector.
    const wide = [...document.querySelectorAll('body *')]
      .filter(el => el.getBoundingClientRect().right + window.scrollX >= doc.scrollWidth - 1)
      .slice(-1).map(el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
        + (typeof el.className === 'string' && el.className.trim()
           ? '.' + el.className.trim().split(/\s+/).join('.') : ''));
    problems.push(`trang rộng ${doc.scrollWidth}px > màn hình ${window.innerWidth}px (${wide.join(', ')})`);
  }
  // Items meant to sit on one line (the menu, a row of tabs) at a desk's width.
  const wraps = items => {
    const tops = [...items].filter(el => el.offsetParent !== null)
      .map(el => el.getBoundingClientRect().top);
    return tops.length > 1 && Math.max(...tops) - Math.min(...tops) > 4;
  };
  if (window.innerWidth >= 1200) {
    const nav = document.querySelector('.app-navbar');
    if (nav && wraps(nav.querySelectorAll('.navbar-brand, .navbar-nav > .nav-item')))
      problems.push(`thanh menu xuống dòng (cao ${Math.round(nav.getBoundingClientRect().height)}px)`);
    for (const tabs of document.querySelectorAll('.nav-tabs'))
      if (wraps(tabs.querySelectorAll(':scope > .nav-item')))
        problems.push(`các thẻ «${tabs.innerText.replace(/\s+/g, ' ').trim().slice(0, 60)}» xuống dòng`);
  }
  for (const cell of document.querySelectorAll('td, th')) {
    if (cell.offsetParent === null) continue;
    if (cell.scrollWidth > cell.clientWidth + 1)
      problems.push(`chữ tràn ô bảng: «${cell.innerText.trim().slice(0, 40)}» (${cell.scrollWidth}px > ${cell.clientWidth}px)`);
  }
  for (const link of document.querySelectorAll('a[href^="#"]:not([href="#"])')) {
    if (link.dataset.bsToggle) continue;
    if (!document.getElementById(decodeURIComponent(link.getAttribute('href').slice(1))))
      problems.push(`liên kết «${link.innerText.trim().slice(0, 40)}» tới ${link.getAttribute('href')} không có đích`);
  }
  const links = [...document.querySelectorAll('a[href]')]
    .filter(a => !a.hasAttribute('download') && !a.dataset.clear).map(a => a.href);
  return {problems, links, text: document.body.innerText, height: doc.scrollHeight};
}
"""


def _english_words(text):
    """The page's English words, in one line with the place of the first one."""
    text = MASKED.sub("", KEY_COMBINATION.sub("", text))
    words, first = {}, None
    for match in re.finditer(r"\w+", text):
        word = match.group()
        if word.isascii() and word.lower() in ENGLISH_WORDS and word not in ALLOWED_WORDS:
            words[word] = None
            if first is None:
                start = max(match.start() - 30, 0)
                first = text[start:match.end() + 30].replace("\n", " ")
    if not words:
        return []
    return [f"chữ tiếng Anh {', '.join(words)} (lần đầu: «…{first}…»)"]


def _view_name(path):
    try:
        return resolve(path).view_name
    except Resolver404:
        return path


class Crawl:
    """One role at one width: the pages it opened and what was wrong with them."""

    def __init__(self, base_url, username, width):
        self.base_url, self.username, self.width = base_url, username, width
        self.events, self.problems, self.opened = [], [], 0

    async def run(self, browser):
        context = await browser.new_context(locale="vi-VN", viewport=WIDTHS[self.width])
        self.page = await context.new_page()
        self.page.set_default_timeout(20_000)
        self.page.on("console", lambda m: self.events.append(f"lỗi console: {m.text}")
                     if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.events.append(f"lỗi JavaScript: {e}"))
        self.page.on("requestfailed", self._request_failed)
        self.page.on("response", lambda r: self.events.append(f"{r.status} khi tải {r.url}")
                     if r.status >= 400 else None)
        try:
            await self._log_in()
            await self._crawl()
        finally:
            await context.close()

    def _request_failed(self, request):
        # A request still running when the next page opens is aborted by the browser.
        if request.failure != "net::ERR_ABORTED":
            self.events.append(f"yêu cầu thất bại {request.url}: {request.failure}")

    async def _log_in(self):
        page = self.page
        await page.goto(f"{self.base_url}/dang-nhap/")
        await self._look("/dang-nhap/")
        await page.get_by_label("Tên đăng nhập").fill(self.username)
        await page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
        await page.locator("main").get_by_role("button", name="Đăng nhập").click()
        await page.wait_for_url(f"{self.base_url}/")

    async def _look(self, path):
        """Check the page on screen, save its screenshot, return the app's links on it."""
        page = self.page
        seen = await page.evaluate(PAGE_CHECKS)
        problems = seen["problems"] + _english_words(seen["text"]) + self.events
        self.events = []
        for problem in dict.fromkeys(problems):
            self.problems.append(f"{self.username} {self.width} {path}: {problem}")
        slug = re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-") or "trang-chu"
        size = WIDTHS[self.width]
        height = min(seen["height"], SCREENS_PER_SHOT * size["height"])
        await page.screenshot(path=SCREENSHOTS / f"{self.username}-{self.width}-{slug}.png",
                              full_page=True, clip={"x": 0, "y": 0, "width": size["width"],
                                                    "height": height})
        return seen["links"]

    async def _crawl(self):
        queue, seen, per_view = deque(["/"]), {"/"}, {}
        while queue and self.opened < MAX_PAGES_PER_ROLE:
            path = queue.popleft()
            try:
                response = await self.page.goto(self.base_url + path, wait_until="load")
            except PlaywrightError as error:
                if "Download is starting" in error.message:
                    continue  # a download under a page-like address: nothing to look at
                raise
            self.opened += 1
            if response is None or not response.ok:
                self.events.append(f"trang trả về {response.status if response else 'không có gì'}")
            links = await self._look(path)
            if path.startswith("/admin/"):
                continue  # Django's admin is checked where the menu leads, not crawled
            for href in links:
                self._enqueue(href, queue, seen, per_view)

    def _enqueue(self, href, queue, seen, per_view):
        url = urlsplit(href)
        if f"{url.scheme}://{url.netloc}" != self.base_url or DOWNLOAD_PATH.search(url.path):
            return
        path = url.path
        if path in seen:
            return
        seen.add(path)
        view = _view_name(path)
        if SKIPPED_VIEWS.search(view) or per_view.get(view, 0) >= PAGES_PER_VIEW:
            return
        per_view[view] = per_view.get(view, 0) + 1
        queue.append(path)


async def _crawl_all(crawls):
    """One browser, one context per role and width, a few of them at a time."""
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        slots = asyncio.Semaphore(PARALLEL)

        async def run(crawl):
            async with slots:
                await crawl.run(browser)

        try:
            await asyncio.gather(*(run(crawl) for crawl in crawls))
        finally:
            await browser.close()


@pytest.fixture
def one_request_at_a_time(live_server):
    """The live server answers one request at a time: on SQLite the test database lives in memory
    and its one connection is shared by the server's threads, so two writes at once would meet
    a locked table. The browsers still render, measure and take screenshots side by side."""
    httpd = live_server.thread.httpd
    app, lock = httpd.get_app(), threading.Lock()

    def serialized(environ, start_response):
        with lock:
            return app(environ, start_response)

    httpd.set_app(serialized)
    yield live_server
    httpd.set_app(app)


@pytest.fixture
def demo_data(db):  # the reference data: tests/e2e/conftest.py
    call_command("load_areas", verbosity=0)
    call_command("load_demo", verbosity=0)


def test_every_page_of_every_role_at_both_widths(one_request_at_a_time, demo_data):
    live_server = one_request_at_a_time
    SCREENSHOTS.mkdir(exist_ok=True)
    for old in SCREENSHOTS.glob("*.png"):
        old.unlink()
    crawls = [Crawl(live_server.url, username, width)
              for username, *_ in ACCOUNTS for width in WIDTHS]
    # Playwright's async API in a thread of its own: the test's thread may hold the sync one.
    failure = []

    def work():
        try:
            asyncio.run(_crawl_all(crawls))
        except BaseException as error:  # re-raised in the test's thread below
            failure.append(error)

    worker = threading.Thread(target=work)
    worker.start()
    worker.join()
    if failure:
        raise failure[0]
    problems = [problem for crawl in crawls for problem in crawl.problems]
    opened = {(crawl.username, crawl.width): crawl.opened for crawl in crawls}
    assert min(opened.values()) >= 10, opened
    assert not problems, f"{len(problems)} vấn đề:\n" + "\n".join(problems)
