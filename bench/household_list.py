"""Households: the list page as served over a large registry, against the same queries by hand.

PostgreSQL only; the registry is bench.registry's (``BENCH_HOUSEHOLD_REGISTRY`` households,
kept between runs with ``BENCH_KEEP_REGISTRY=1``). Each page goes through Django's test client:
every middleware, the session, the view, its queries and its template, as a server answers it
(the network and the WSGI server excepted). Its baseline sends, on the same connection, the
statements the page needs written by hand in SQL: the count (or the planner's estimate), the
rows with their class, village and ethnic group, and the village options of a full page. The
commune and ethnic group options come from the cache in both. Subject and baseline are timed in
the same run, interleaved, so their ratio is what Django adds on this machine under this load.
"""

from __future__ import annotations

import json

from django.db import connection

from bench.registry import COMMON, COMMUNES, RARE, REGISTRY, _registry, _user_in
from bench.runner import benchmark, overhead_target, threshold_target

CAP = 10_000
# The list's row, by hand: the same columns, joins and class subquery as households.listing.
ROW_SQL = """
SELECT h.id, h.code, h.head_name, h.gender, h.birth_year, h.id_number, h.village,
       (SELECT c.household_class FROM households_classification c WHERE c.household_id = h.id AND c.year = 2024
        LIMIT 1), v.name, e.name
FROM households_household h
LEFT JOIN households_village v ON v.id = h.village_unit_id
LEFT JOIN households_ethnicgroup e ON e.id = h.ethnic_group_id
"""
ROWS_SQL = ROW_SQL + 'WHERE {where} ORDER BY {name} COLLATE "vi-x-icu", h.id LIMIT 51 OFFSET {offset}'
# A common name's rows as the page reads them past the estimate threshold (households.listing.
# walks_name_index): the page's ids by walking the name index, then those households' rows.
WALK_SQL = ROW_SQL + """WHERE h.id IN (SELECT h.id FROM households_household h WHERE {where}
               ORDER BY h.head_name COLLATE "vi-x-icu", h.id LIMIT 51 OFFSET {offset})
ORDER BY {name} COLLATE "vi-x-icu", h.id"""
POOR = ("EXISTS (SELECT 1 FROM households_classification c WHERE c.household_id = h.id AND c.year = 2024 "
        "AND c.household_class = 'poor')")


def _name_where(text: str) -> tuple[str, list]:
    words = text.split()
    return " AND ".join(["h.search_name LIKE %s"] * len(words)), [f"%{w}%" for w in words]


def _count(cursor, where: str, params: list, *, wide: bool) -> tuple[int, bool]:
    """(count, estimated): the planner's estimate when it is past the cap, else the count up to
    the cap; a narrow scope is counted without asking the planner (as the page)."""
    if wide:
        cursor.execute(f"EXPLAIN (FORMAT JSON) SELECT h.id FROM households_household h WHERE {where}", params)
        plan = cursor.fetchone()[0]
        estimate = (plan if isinstance(plan, list) else json.loads(plan))[0]["Plan"]["Plan Rows"]
        if estimate > CAP:
            return estimate, True
    cursor.execute(f"SELECT count(*) FROM (SELECT 1 FROM households_household h WHERE {where} LIMIT {CAP + 1}) s",
                   params)
    return cursor.fetchone()[0], False


def _raw(where: str, params: list, *, name: str = "h.head_name", offset: int = 0, options: str = "",
         wide: bool = True, search: bool = False):
    def run():
        with connection.cursor() as cursor:
            count, estimated = _count(cursor, where, params, wide=wide)
            rows_sql = WALK_SQL if search and estimated else ROWS_SQL  # a common name walks the name index
            cursor.execute(rows_sql.format(where=where, name=name, offset=offset), params)
            rows = cursor.fetchall()
            if options:
                cursor.execute(options)
                cursor.fetchall()
        return count, rows

    return run


def _villages(scope: str = "") -> str:
    """The village options by hand: the village list (of ``scope``), then a narrow scope's unlinked texts."""
    listed = ("SELECT v.id, v.name, u.name FROM households_village v JOIN areas_adminunit u ON u.id = v.commune_id "
              f"{'WHERE v.commune_id IN (' + scope + ')' if scope else ''} ORDER BY u.name, v.number LIMIT 1000")
    if not scope:
        return listed
    return (f"{listed}; SELECT DISTINCT village FROM households_household WHERE commune_id IN ({scope}) "
            "AND village_unit_id IS NULL AND village <> '' ORDER BY 1 LIMIT 300")


def _served(user, params: dict, *, htmx: bool, expect: str, before: dict | None = None):
    """The list as the client asks for it: the full page, or the results fragment htmx swaps in;
    ``before``: functions (dotted paths) replaced by what the list did before (a variant)."""
    from contextlib import ExitStack
    from unittest import mock

    from django.test import Client

    client = Client()
    client.force_login(user)
    headers = {"HX-Request": "true"} if htmx else {}

    def run():
        with ExitStack() as stack:
            for name, replacement in (before or {}).items():
                stack.enter_context(mock.patch(name, replacement))
            response = client.get("/ho-gia-dinh/", params, headers=headers)
        assert response.status_code == 200 and expect in response.content.decode(), response.status_code
        return response

    run()
    return run


# Before the walk of the name index: every search sorted its matches.
SORTED = {"households.listing.walks_name_index": lambda filters, estimated: False}
# Before the commune select was cached as markup: written from the cached (id, name) pairs.
SELECT_PER_PAGE = {"households.filters.commune_select": lambda user: commune_options(user)}
# Before one statement each: a narrow scope's count, then its rows; its village list, then its texts.
TWO_STATEMENTS = {"households.listing._counted_page": lambda *args: None,
                  "households.listing._in_one_statement": lambda villages, texts: (
                      [tuple(row) for row in villages], [text for (text,) in texts])}


def commune_options(user):
    from households.filters import commune_options

    return commune_options(user)


def _as_admin(code: str, params: dict, *, htmx: bool, expect: str, before: dict | None = None):
    from areas.models import Role

    with _registry(), _user_in(code, Role.ADMIN) as admin:
        yield _served(admin, params, htmx=htmx, expect=expect, before=before)


def _as_commune_staff(params: dict, expect: str, before: dict | None = None, code: str = "99984"):
    from areas.models import Role

    with _registry() as communes, _user_in(code, Role.COMMUNE_STAFF, communes[7]) as staff:
        yield _served(staff, params, htmx=False, expect=expect, before=before)


def _raw_run(where: str, params: list, **kwargs):
    with _registry():
        yield _raw(where, params, **kwargs)


SEARCH = {"year": "2024"}


def _register() -> None:
    per_commune = f"{REGISTRY // COMMUNES:,}"
    for label, text, code in (("common", COMMON, "99981"), ("rare", RARE, "99982")):
        where, params = _name_where(text)
        benchmark(f"households.page_search_{label}", f"the household list page as served (test client: middleware, "
                  f"session, view, queries, template) for an administrator searching «{text}» over {REGISTRY:,} "
                  "households: count or estimate, first 50 rows, every filter's options")(
            lambda text=text, code=code: _as_admin(code, {**SEARCH, "q": text}, htmx=False, expect="hộ"))
        benchmark(f"households.page_search_{label}_raw", "by hand: the page's statements in SQL on the same "
                  "connection (estimate or capped count, the 51 rows with class, village and ethnic group, the "
                  "village options)")(
            lambda where=where, params=params: _raw_run(where, params, name="(h.head_name || '')",
                                                        options=_villages(), search=True))
        overhead_target(f"Trang danh sách, tìm «{text}», ≤ 1,5 × các câu SQL viết tay (cùng lần chạy)",
                        subject=f"households.page_search_{label}", baseline=f"households.page_search_{label}_raw",
                        limit=0.50)
    where, params = _name_where(COMMON)
    benchmark("households.fragment_search_common", f"the results fragment htmx swaps in as the administrator types "
              f"«{COMMON}» (count or estimate and 50 rows, no filter form), as served")(
        lambda: _as_admin("99983", {**SEARCH, "q": COMMON}, htmx=True, expect="hộ"))
    benchmark("households.fragment_search_common_raw", "by hand: the fragment's statements in SQL (estimate or "
              "capped count, the 51 rows)")(
        lambda: _raw_run(where, params, name="(h.head_name || '')", search=True))
    for kind, htmx, code in (("page", False, "99985"), ("fragment", True, "99986")):
        benchmark(f"households.{kind}_search_common_sorted", f"the same {kind} as served when every search sorted "
                  "its matches (before the walk of the name index): the variant's baseline in this run")(
            lambda htmx=htmx, code=code: _as_admin(code, {**SEARCH, "q": COMMON}, htmx=htmx, expect="hộ",
                                                   before=SORTED))
    benchmark("households.page_search_rare_select_per_page", f"the page of «{RARE}» as served when the commune "
              "select (3,000 communes) was written on every page: the variant's baseline in this run")(
        lambda: _as_admin("99988", {**SEARCH, "q": RARE}, htmx=False, expect="hộ", before=SELECT_PER_PAGE))
    benchmark("households.page_commune_poor", f"the household list page as served for a commune officer: one commune "
              f"of about {per_commune} households, poor in 2024, page 2 of 50 in Vietnamese order")(
        lambda: _as_commune_staff({"year": "2024", "class": "poor", "page": "2"}, expect="Trang 2"))
    benchmark("households.page_commune_poor_two_statements", "the same page as served before its count and its "
              "village options were each read with the statement beside them (two round trips more): the "
              "variant's baseline in this run")(
        lambda: _as_commune_staff({"year": "2024", "class": "poor", "page": "2"}, expect="Trang 2",
                                  before=TWO_STATEMENTS, code="99987"))
    benchmark("households.page_commune_poor_raw", "by hand: the same page's statements in SQL (capped count, rows "
              "51–101, the commune's village options and unlinked village texts)")(page_commune_poor_raw)
    threshold_target("Trang danh sách, quản trị tìm tên phổ biến, dưới 60 ms", subject="households.page_search_common",
                     seconds=0.060)
    threshold_target("Kết quả khi gõ (htmx), dưới 40 ms", subject="households.fragment_search_common", seconds=0.040)
    threshold_target("Danh sách hộ nghèo của một xã, dưới 10 ms", subject="households.page_commune_poor",
                     seconds=0.010)
    overhead_target("Kết quả khi gõ ≤ 1,5 × các câu SQL viết tay (cùng lần chạy)",
                    subject="households.fragment_search_common", baseline="households.fragment_search_common_raw",
                    limit=0.50)
    overhead_target("Danh sách một xã ≤ 3 × các câu SQL viết tay (cùng lần chạy; trang nhỏ, phần cố định của "
                    "Django lớn hơn)", subject="households.page_commune_poor",
                    baseline="households.page_commune_poor_raw", limit=2.0)


def page_commune_poor_raw():
    with _registry() as communes:
        unit = str(communes[7].pk)
        yield _raw(f"h.commune_id IN ({unit}) AND {POOR}", [], offset=50, options=_villages(unit), wide=False)


if connection.vendor == "postgresql":
    _register()
