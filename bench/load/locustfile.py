"""A realistic mix of officers, commune staff and finance officers using the app at once.

Run by ``python -m bench.load`` (headless, bounded in time and count); the demo accounts of
``load_demo`` sign in through the real login form.
"""

import os
import random
import re

from locust import HttpUser, between, events, task

PASSWORD = "giamngheo-demo-2026"


class SignedIn(HttpUser):
    abstract = True
    wait_time = between(1, 3)
    username = ""

    def on_start(self):
        self.client.get("/dang-nhap/", name="đăng nhập")
        token = self.client.cookies.get("csrftoken", "")
        with self.client.post("/dang-nhap/", name="đăng nhập", allow_redirects=False,
                              data={"username": self.username, "password": PASSWORD,
                                    "csrfmiddlewaretoken": token},
                              catch_response=True) as response:
            if response.status_code != 302:
                response.failure(f"login of {self.username} answered {response.status_code}")
        self.ids = {}

    def ids_from(self, url, pattern, name):
        """Ids linked from a list page (cached per user), to open their detail pages."""
        if url not in self.ids:
            page = self.client.get(url, name=name).text
            self.ids[url] = sorted({int(i) for i in re.findall(pattern, page)})
        return self.ids[url]

    def open_one(self, list_url, pattern, detail, name):
        ids = self.ids_from(list_url, pattern, name + " (danh sách)")
        if ids:
            self.client.get(detail.format(random.choice(ids)), name=name)


class PlanningOfficer(SignedIn):
    """Cán bộ lập kế hoạch: plans, their preview and PDF, dialogue sessions."""

    weight = 3
    username = "kehoach"

    @task(3)
    def home(self):
        self.client.get("/", name="trang chủ")

    @task(3)
    def plans(self):
        self.client.get("/ke-hoach/", name="kế hoạch: danh sách")

    @task(4)
    def plan(self):
        self.open_one("/ke-hoach/", r'href="/ke-hoach/(\d+)/"', "/ke-hoach/{}/", "kế hoạch: chi tiết")

    @task(2)
    def preview(self):
        self.open_one("/ke-hoach/", r'href="/ke-hoach/(\d+)/"', "/ke-hoach/{}/xem-truoc/",
                      "kế hoạch: xem trước")

    @task(1)
    def pdf(self):
        self.open_one("/ke-hoach/", r'href="/ke-hoach/(\d+)/"', "/ke-hoach/{}/pdf/", "kế hoạch: PDF")

    @task(2)
    def sessions(self):
        self.client.get("/doi-thoai/", name="đối thoại: danh sách")


class CommuneStaff(SignedIn):
    """Cán bộ cấp xã: household registry search, sessions, registration page."""

    weight = 4
    username = "canboxa"

    @task(3)
    def households(self):
        self.client.get("/ho-gia-dinh/", name="hộ: danh sách")

    @task(3)
    def search(self):
        word = random.choice(["nguyen", "lo thi", "ha", "van", "y"])
        self.client.get("/ho-gia-dinh/", params={"q": word}, name="hộ: tìm kiếm")

    @task(3)
    def household(self):
        self.open_one("/ho-gia-dinh/", r'href="/ho-gia-dinh/(\d+)/"', "/ho-gia-dinh/{}/", "hộ: chi tiết")

    @task(2)
    def sessions(self):
        self.client.get("/doi-thoai/", name="đối thoại: danh sách")

    @task(2)
    def session(self):
        self.open_one("/doi-thoai/", r'href="/doi-thoai/(\d+)/"', "/doi-thoai/{}/", "đối thoại: chi tiết")

    @task(1)
    def petitions(self):
        self.client.get("/doi-thoai/y-kien/", name="ý kiến: danh sách")


class FinanceOfficer(SignedIn):
    """Cán bộ tài chính: budget overview, estimates, their workbook."""

    weight = 2
    username = "taichinh"

    @task(3)
    def overview(self):
        self.client.get("/kinh-phi/", name="kinh phí: tổng quan")

    @task(2)
    def estimates(self):
        self.client.get("/kinh-phi/du-toan/", name="dự toán: danh sách")

    @task(3)
    def estimate(self):
        self.open_one("/kinh-phi/du-toan/", r'href="/kinh-phi/du-toan/(\d+)/"', "/kinh-phi/du-toan/{}/",
                      "dự toán: chi tiết")

    @task(1)
    def workbook(self):
        self.open_one("/kinh-phi/du-toan/", r'href="/kinh-phi/du-toan/(\d+)/"',
                      "/kinh-phi/du-toan/{}/xlsx/", "dự toán: Excel")

    @task(1)
    def decisions(self):
        self.client.get("/kinh-phi/giao-von/", name="giao vốn: danh sách")


# Bounded in count as well as in time: stop after LOCUST_MAX_REQUESTS requests.
MAX_REQUESTS = int(os.environ.get("LOCUST_MAX_REQUESTS", "20000"))
_seen = {"requests": 0, "environment": None}


@events.init.add_listener
def _keep_environment(environment, **kwargs):
    _seen["environment"] = environment


@events.request.add_listener
def _bound(**kwargs):
    _seen["requests"] += 1
    runner = getattr(_seen["environment"], "runner", None)
    if _seen["requests"] == MAX_REQUESTS and runner is not None:
        runner.quit()
