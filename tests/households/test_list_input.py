"""The household list under bad input: falsy, out-of-range and non-numeric filter values, odd
searches, pages past the end and edited cursors give correct results, never a 500 or a count
that disagrees with the table."""

import re

import pytest
from django.db import connection

from households import listing
from households.filters import Filters, apply_filters
from households.models import EthnicGroup, Household
from tests.households.factories import ClassificationFactory, HouseholdFactory
from tests.households.test_listing import head_names, rows

pytestmark = pytest.mark.django_db

NAMES = ["Nguyễn Văn An", "Nguyễn Văn Anh", "Lê Thị Hoà", "Trần Thị Hòa", "Đặng Đức Độ", "Hà Thị Mai",
         "Lò Văn Pọm", "Nguyễn Thị An", "Ánh", "Y Hơ Niê"]


@pytest.fixture
def households(own_unit, other_unit):
    made = []
    for unit in (own_unit, other_unit):
        for i, name in enumerate(NAMES):
            made.append(HouseholdFactory(commune=unit, head_name=name, birth_year=None if i % 4 == 0 else 1950 + i,
                                         code=f"{unit.code}-{i:02d}", village=f"Thôn {i % 3}"))
            if i % 2:
                ClassificationFactory(household=made[-1], year=2024)
    return made


def _page(client, **params):
    response = client.get("/ho-gia-dinh/", params)
    assert response.status_code == 200, params
    html = response.content.decode()
    shown = rows(html)
    counted = re.search(r'<p class="small text-muted mb-1">([^<]*)</p>', html).group(1)
    return html, shown, counted


def _consistent(counted: str, shown: list) -> None:
    number = int(re.match(r"(\d+) hộ", counted).group(1))
    assert number == len(shown), (counted, len(shown))  # fewer than a page here: every row is shown


FALSY = ["0", "00", "-1", "", " ", "abc", "1e3", "0x10", "1.5", "²", "٣", "99999999999", str(10**30), "NaN",
         "None", "null", "[]", "\x00", "%00"]


@pytest.mark.parametrize("name", ["commune", "ethnic_group", "village", "year", "class", "attended", "sort",
                                  "woman", "disagrees", "page"])
@pytest.mark.parametrize("value", FALSY)
def test_a_falsy_or_malformed_filter_value_never_lies_about_the_count(client_as, administrator, households,
                                                                        name, value):
    html, shown, counted = _page(client_as(administrator), **{name: value})
    _consistent(counted, shown)
    if name in ("commune", "ethnic_group", "year", "class", "attended", "sort", "woman", "disagrees", "page"):
        assert len(shown) == len(households)  # ignored: the whole registry in view


@pytest.mark.parametrize("value", ["0", "-5", "abc", ""])
def test_commune_zero_is_no_commune_for_every_role(client_as, administrator, commune_staff, households, own_unit,
                                                   value):
    _html, shown, counted = _page(client_as(commune_staff), commune=value, q="an")
    _consistent(counted, shown)
    assert len(shown) == len(Household.objects.filter(commune=own_unit).search("an"))


def test_a_commune_outside_the_scope_lists_nothing(client_as, commune_staff, households, other_unit):
    html, shown, counted = _page(client_as(commune_staff), commune=other_unit.pk)
    assert shown == [] and counted == "0 hộ" and "Không có hộ nào khớp" in html


def test_an_ethnic_group_of_no_household_lists_nothing(client_as, officer, households):
    unused = EthnicGroup.objects.exclude(households__isnull=False).first()
    _html, shown, counted = _page(client_as(officer), ethnic_group=unused.pk)
    assert shown == [] and counted == "0 hộ"


@pytest.mark.parametrize("q", ["a", "A", "đ", "Đ", "á", "9", "-", "%", "_", "\\", "'", '"', "<", "a" * 200,
                               "nguyen " * 30, "Nguyễn Văn An " * 15, "%%%%", "_a_", " ", "\x00a", "🙂", "Ꭰ"])
def test_a_search_of_one_letter_or_of_200_characters_answers(client_as, administrator, households, q):
    _html, shown, counted = _page(client_as(administrator), q=q)
    _consistent(counted, shown)


def test_a_search_of_one_letter_finds_the_names_that_hold_it(client_as, administrator, households):
    html, _shown, _counted = _page(client_as(administrator), q="y")
    assert sorted(head_names(html)) == sorted(["Nguyễn Văn An", "Nguyễn Văn Anh", "Nguyễn Thị An", "Y Hơ Niê"] * 2)


def test_the_search_box_text_is_cut_at_100_characters_and_shown_as_typed(client_as, administrator, households):
    html, _shown, _counted = _page(client_as(administrator), q="<b>" + "a" * 300)
    assert "<b>aaa" not in html and "&lt;b&gt;" + "a" * 97 in html


@pytest.mark.parametrize("name", ["q", "village"])
def test_control_characters_in_text_filters_are_dropped(client_as, administrator, households, name):
    from households.filters import read_filters

    filters = read_filters({name: "Thôn\x00 1\x07\x1f"}, administrator)
    assert getattr(filters, name) == "Thôn 1"
    _html, shown, counted = _page(client_as(administrator), **{name: "Thôn\x00 1"})
    _consistent(counted, shown)


@pytest.mark.parametrize("page", ["0", "-1", "abc", "1.5", "", str(10**30), "²", "\x00"])
def test_a_page_number_that_is_not_one_gives_the_first_page(client_as, administrator, households, page):
    html, shown, counted = _page(client_as(administrator), page=page)
    _consistent(counted, shown)


@pytest.fixture
def small_pages(monkeypatch):
    """Pages of 3 rows, counted up to 6: the cap, the numbered pages and the cursor on a few rows."""
    monkeypatch.setattr(listing, "PAGE_SIZE", 3)
    monkeypatch.setattr(listing, "COUNT_CAP", 6)
    monkeypatch.setattr(listing, "LAST_NUMBERED", 2)
    monkeypatch.setattr(listing, "ESTIMATE_FROM", 10**9)


def test_a_page_past_the_end_is_the_last_page_with_a_note(client_as, commune_staff, households, small_pages):
    html, shown, counted = _page(client_as(commune_staff), page=4, sort="code")
    assert counted == "hơn 6 hộ" and len(shown) == 3  # 10 households: capped, numbered up to page 2
    assert "Chỉ đánh số 2 trang đầu; đây là trang 2." in html
    html, shown, counted = _page(client_as(commune_staff), page=3, q="nguyen")  # 3 households: one page
    assert counted == "3 hộ" and len(shown) == 3 and "Không có trang 3; đây là trang 1, trang cuối." in html


def _walk(client, **params) -> list[str]:
    """Every row, following «Sau »» links from the first page to the last."""
    seen, query = [], dict(params)
    for _ in range(20):
        html, _shown, _counted = _page(client, **query)
        seen += head_names(html)
        link = re.search(r'<a class="page-link" href="\?([^"]*)">Sau »</a>', html)
        if not link:
            return seen
        query = dict(part.split("=", 1) for part in link.group(1).replace("&amp;", "&").split("&"))
        from urllib.parse import unquote_plus

        query = {k: unquote_plus(v) for k, v in query.items()}
    raise AssertionError("the pages never end")


@pytest.mark.parametrize("sort", ["name", "code", "village", "birth_year"])
@pytest.mark.parametrize("q", ["", "an"])
def test_numbered_then_keyset_pages_list_every_household_once_in_order(client_as, administrator, households,
                                                                        small_pages, sort, q):
    client = client_as(administrator)
    seen = _walk(client, sort=sort, q=q, year=2024)
    expected = list(apply_filters(Household.objects.all(), Filters(q=q, sort=sort, year=2024))
                    .values_list("head_name", flat=True))
    assert seen == expected
    assert len(seen) == (20 if not q else len(expected))


@pytest.mark.parametrize("after", ["x", "abc:def", "", "0" * 3000, "\x00", "W10:1abc:sig"])
def test_an_edited_cursor_gives_the_first_page(client_as, administrator, households, small_pages, after):
    html, shown, counted = _page(client_as(administrator), after=after)
    assert len(shown) == 3 and "Trang 1" in html


def test_a_cursor_of_another_sort_gives_the_first_page(client_as, administrator, households, small_pages):
    from django.core import signing

    cursor = signing.dumps(["code", "x", "y", 1], salt=listing.CURSOR_SALT, compress=True)
    html, shown, _counted = _page(client_as(administrator), after=cursor, sort="name")
    assert "Trang 1" in html and len(shown) == 3


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the planner's estimate is PostgreSQL's")
def test_a_count_past_the_estimate_threshold_is_shown_as_an_estimate(client_as, administrator, households,
                                                                     small_pages, monkeypatch):
    monkeypatch.setattr(listing, "ESTIMATE_FROM", 0)
    html, shown, counted = _page(client_as(administrator))
    assert counted.startswith("khoảng ") and counted.endswith(" hộ (ước tính)") and len(shown) == 3
    html, shown, counted = _page(client_as(administrator), page=2)
    assert len(shown) == 3 and "Trang 2" in html
    # Fewer rows than estimated for the page asked: counted after all, and the last page shown.
    monkeypatch.setattr(listing, "COUNT_CAP", 100)
    monkeypatch.setattr(listing, "LAST_NUMBERED", 30)
    html, shown, counted = _page(client_as(administrator), page=10)
    assert counted == "20 hộ" and len(shown) == 2 and "Không có trang 10; đây là trang 7, trang cuối." in html


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the planner's estimate is PostgreSQL's")
def test_a_commune_officer_s_list_is_counted_never_estimated(client_as, commune_staff, households, monkeypatch):
    monkeypatch.setattr(listing, "ESTIMATE_FROM", 0)
    _html, shown, counted = _page(client_as(commune_staff))
    assert counted == "10 hộ" and len(shown) == 10


def test_a_cursor_past_the_last_row_gives_the_first_page_with_a_note(client_as, administrator, households,
                                                                    small_pages):
    from django.core import signing

    from households.filters import order_keys

    keys = ["\uffff" * 3] * (len(order_keys("name")) - 1) + [2**31 - 1]  # after every name and id
    cursor = signing.dumps(["name", *keys], salt=listing.CURSOR_SALT, compress=True)
    html, shown, counted = _page(client_as(administrator), after=cursor)
    assert len(shown) == 3 and "Trang 1" in html and "đây là trang đầu" in html and counted == "hơn 6 hộ"
