"""Two ways to the same page. A common name's page walks the name index (households.listing.
walks_name_index) instead of sorting its matches; a narrow scope's page reads its capped count in
the rows' statement (``_counted_page``). Either way: the same rows in the same order, the same
counts and the same links to the next page, numbered or after a cursor, whatever the filters say."""

import pytest
from django.core import signing

from households import listing
from households.filters import Filters, apply_filters, order_keys, read_filters
from households.models import Household
from tests.households.factories import ClassificationFactory, HouseholdFactory

pytestmark = pytest.mark.django_db

# Ties (the id decides), accents that fold alike (Hoà, Hòa), Đ after D in Vietnamese order but
# not once folded, one-letter names, and a match of «an» inside another word (Hoàng, Lan).
NAMES = ["Nguyễn Văn An", "Nguyễn Văn An", "Nguyễn Văn Anh", "Nguyễn Thị An", "Lê Thị Hoà", "Trần Thị Hòa",
         "Đặng Đức Độ", "Dương Văn An", "Hoàng Văn Lan", "Ánh", "An", "Y Hơ Niê", "Nguyễn Văn An"]


@pytest.fixture
def households(own_unit, other_unit):
    made = []
    for unit in (own_unit, other_unit):
        for i, name in enumerate(NAMES):
            made.append(HouseholdFactory(commune=unit, head_name=name, gender="F" if "Thị" in name else "M",
                                         code=f"{unit.code}-{i:02d}", village=f"Thôn {i % 3}",
                                         birth_year=None if i % 5 == 0 else 1950 + i))
            if i % 2:
                ClassificationFactory(household=made[-1], year=2024)
    return made


@pytest.fixture
def small_pages(monkeypatch):
    """Pages of 3 rows, counted up to 6: numbered pages, then pages after a cursor."""
    monkeypatch.setattr(listing, "PAGE_SIZE", 3)
    monkeypatch.setattr(listing, "COUNT_CAP", 6)
    monkeypatch.setattr(listing, "LAST_NUMBERED", 2)


def _pages(monkeypatch, scope, filters: Filters, *, walk: bool, counted: bool = True, page=1) -> list[tuple]:
    """Every page from ``page``, following «Sau »» (a number, then a cursor), as what it shows."""
    with monkeypatch.context() as patch:
        patch.setattr(listing, "walks_name_index", lambda filters, estimated: walk)
        if not counted:
            patch.setattr(listing, "_counted_page", lambda *args: None)
        return _follow(scope, filters, page)


def _follow(scope, filters: Filters, page) -> list[tuple]:
    seen, after = [], ""
    for _ in range(30):
        result = listing.household_page(scope, filters, page=page, after=after)
        seen.append(([(row.pk, row.year_class, row.class_label, row.village_name, row.key0) for row in result.rows],
                     result.count, result.estimated, result.number, result.next_number,
                     result.next_after and signing.loads(result.next_after, salt=listing.CURSOR_SALT), result.note))
        if not (result.next_number or result.next_after):
            return seen
        page, after = result.next_number, result.next_after
    raise AssertionError("the pages never end")


FALSY = ["0", "-1", "", " ", "abc", "1e3", "\x00", str(10**30)]
PARAMS = [{}, {"q": "an"}, {"q": "nguyen van an"}, {"q": "Nguyễn Văn"}, {"q": "zzz"}, {"q": "a"}, {"q": "đ"},
          {"q": "an", "year": "2024"}, {"q": "an", "class": "poor", "year": "2024"}, {"q": "an", "woman": "1"},
          {"q": "an", "village": "Thôn 1"}, {"q": "an", "sort": "code"}, {"q": "an", "sort": "birth_year"},
          *({"q": "an", name: value} for name in ("commune", "village", "year", "class", "ethnic_group",
                                                   "attended", "sort", "woman", "page") for value in FALSY)]


# One test per way, every filter in it: the households are made once (hundreds of tests that each
# made and rolled back them left the table's statistics to chance for the plan tests after them).
@pytest.mark.parametrize("wide", [True, False])
def test_the_walk_and_the_sort_give_the_same_pages(monkeypatch, administrator, households, small_pages, own_unit,
                                                   wide):
    scope = None if wide else frozenset({own_unit.pk})
    for params in PARAMS:
        filters = read_filters(params, administrator)
        sorted_pages = _pages(monkeypatch, scope, filters, walk=False)
        assert _pages(monkeypatch, scope, filters, walk=True) == sorted_pages, params
        shown = [pk for rows, *_ in sorted_pages for pk, *_ in rows]
        assert len(shown) == len(set(shown)) == apply_filters(listing.scoped(scope), filters).count(), params


def test_a_narrow_scope_s_page_counted_in_its_rows_statement_is_the_same(monkeypatch, administrator, households,
                                                                         small_pages, own_unit):
    scope = frozenset({own_unit.pk})
    for params in PARAMS:
        filters = read_filters(params, administrator)
        for page in (1, 2, 3, 5, 99):
            counted = _pages(monkeypatch, scope, filters, walk=False, page=page)
            assert _pages(monkeypatch, scope, filters, walk=False, counted=False, page=page) == counted, (params,
                                                                                                      page)


def test_a_cursor_past_every_row_of_a_narrow_scope_gives_the_first_page_with_a_note(administrator, households,
                                                                                    small_pages, own_unit):
    keys = ["\uffff" * 3] * (len(order_keys("name")) - 1) + [2**31 - 1]
    cursor = signing.dumps(["name", *keys], salt=listing.CURSOR_SALT, compress=True)
    result = listing.household_page(frozenset({own_unit.pk}), read_filters({}, administrator), after=cursor)
    assert result.number == 1 and len(result.rows) == 3 and "đây là trang đầu" in result.note
    assert result.count == 7  # 13 households, counted up to the cap of 6 + 1


@pytest.mark.parametrize("q", ["an", "nguyen van an"])
def test_a_page_after_any_row_is_the_same_both_ways(administrator, households, q):
    """A cursor at every row, including ties of name: the next rows are the same both ways."""
    filters = read_filters({"q": q}, administrator)
    every = listing.Rows(Household.objects.all(), filters).take(0, 100)
    for row in every:
        position = [getattr(row, f"key{i}") for i in range(len(order_keys("name")))]
        taken = [listing.Rows(Household.objects.all(), filters, walk=walk).take(0, 4, after=position)
                 for walk in (False, True)]
        assert [r.pk for r in taken[0]] == [r.pk for r in taken[1]]
        assert [r.pk for r in taken[0]] == [r.pk for r in every[every.index(row) + 1:every.index(row) + 5]]


def test_only_a_common_name_sorted_by_name_with_no_other_filter_walks_the_index(administrator):
    common = read_filters({"q": "nguyen van an"}, administrator)
    assert listing.walks_name_index(common, estimated=True)
    assert not listing.walks_name_index(common, estimated=False)  # counted: few matches, sorted
    for other in ({"class": "poor"}, {"woman": "1"}, {"village": "Thôn 1"}, {"attended": "1"}, {"sort": "code"},
                  {"q": "0251"}, {"q": ""}):
        assert not listing.walks_name_index(read_filters({"q": "nguyen van an", **other}, administrator),
                                            estimated=True), other
