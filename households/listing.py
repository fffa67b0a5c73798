"""The household list: a plain queryset, a count capped at ``COUNT_CAP``, and keyset pages past it.

Over a national registry the list's time goes to three reads: the page's rows, their count and
the filter's options. The count stops at ``COUNT_CAP`` + 1 («hơn 10.000 hộ»): nobody pages
through more, and counting a million rows costs more than the page. Numbered pages cover the
capped rows; past them a page starts after the last row of the one before (``after``, a signed
cursor of that row's sort keys), which an index answers without reading the rows it skips.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cached_property

from django.core import signing
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import (
    BooleanField,
    CharField,
    F,
    Func,
    IntegerField,
    OuterRef,
    Subquery,
    Value,
)
from django.db.models.expressions import RawSQL
from django.urls import reverse

from households.filters import Filters, apply_filters, name_search, order_keys
from households.models import Classification, Household, HouseholdClass, Village

PAGE_SIZE = 50
COUNT_CAP = 10_000
ESTIMATE_FROM = COUNT_CAP  # a planner estimate above this is shown as an estimate, not counted
LAST_NUMBERED = COUNT_CAP // PAGE_SIZE  # numbered pages stop here when the count is capped
COLUMNS = ("code", "head_name", "gender", "birth_year", "id_number", "village", "village_unit", "ethnic_group")
NARROW = 10  # a scope of at most this many communes also offers its households' unlinked village texts
CURSOR_SALT = "households.listing.after"
CLASS_LABELS = dict(HouseholdClass.choices)


class RowAfter(Func):
    """``(key1, key2, …) > (value1, value2, …)``: a row comparison, which a B-tree index answers
    as a range (an OR of per-key comparisons would make the database read from the start)."""

    output_field = BooleanField()

    def __init__(self, keys, values):
        super().__init__(*keys, *(Value(v) for v in values))

    def as_sql(self, compiler, connection, **extra):
        parts, params = [], []
        for expression in self.get_source_expressions():
            sql, more = compiler.compile(expression)
            parts.append(sql)
            params.extend(more)
        half = len(parts) // 2
        return f"({', '.join(parts[:half])}) > ({', '.join(parts[half:])})", params


@dataclass
class ListPage:
    """One page of the list and what the template needs to link the pages around it."""

    rows: list
    count: int  # capped: COUNT_CAP + 1 means "more than COUNT_CAP"
    estimated: bool = False  # the planner's estimate, not a count
    number: int | None = None  # None for a page that starts after a cursor
    num_pages: int | None = None  # None when the count is capped
    next_number: int | None = None
    next_after: str = ""
    note: str = ""
    sort: str = "name"
    keys: list = field(default_factory=list, repr=False)

    @property
    def over_cap(self) -> bool:
        return self.estimated or self.count > COUNT_CAP

    @property
    def count_text(self) -> str:
        """«1.234 hộ», or «hơn 10.000 hộ» past the cap (Vietnamese thousands separator)."""
        if self.estimated:  # two significant digits: 29,636 is «khoảng 30.000 hộ»
            return f"khoảng {_dotted(round(self.count, 2 - len(str(self.count))))} hộ (ước tính)"
        shown = _dotted(min(self.count, COUNT_CAP))
        return f"hơn {shown} hộ" if self.over_cap else f"{shown} hộ"

    @cached_property
    def detail_prefix(self) -> str:
        """The household page's URL up to its id: one reverse a page instead of one a row."""
        return reverse("households:household-detail", args=[0]).removesuffix("0/")

    @property
    def previous_number(self) -> int | None:
        return self.number - 1 if self.number and self.number > 1 else None

    @property
    def has_other_pages(self) -> bool:
        return bool(self.number != 1 or self.next_number or self.next_after)


def _dotted(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def scoped(scope):
    """The households of the units in ``scope`` (None: every household).

    The scope's unit ids are written into the query (a user's scope knows them without a query),
    not its closure subquery: with the ids, a commune's page is read in order from the commune's
    name index; with the subquery the planner joins and sorts the commune's households.
    """
    if scope is None:
        return Household.objects.all()
    return Household.objects.filter(commune_id__in=sorted(scope)) if scope else Household.objects.none()


def list_queryset(households, filters: Filters):
    """The filtered households with what a row shows: the class in the filter's year, the village's
    name in the commune's list and the ethnic group's name, read in the same query."""
    if filters.household_class:  # every row has that class: no need to look it up again
        year_class = Value(filters.household_class, output_field=CharField())
    else:
        # One classification a household a year (a unique constraint): no order needed, and the
        # model's default order would join the households table again for every row.
        year_class = Subquery(Classification.objects.filter(household=OuterRef("pk"), year=filters.year)
                              .order_by().values("household_class")[:1])
    keys = {f"key{i}": key for i, key in enumerate(_keys(filters))}
    return (apply_filters(households, filters).only(*COLUMNS)
            .annotate(year_class=year_class, village_name=F("village_unit__name"),
                      ethnic_name=F("ethnic_group__name"), **keys))


def capped_count(households, filters: Filters) -> int:
    """How many households pass ``filters``, counted up to ``COUNT_CAP`` + 1."""
    return apply_filters(households, filters).order_by().values("pk")[:COUNT_CAP + 1].count()


def count_of(households, filters: Filters, *, wide: bool = True) -> tuple[int, bool]:
    """(count, estimated): PostgreSQL's planner estimate when it is past the cap, else the capped
    count. Counting even 10,001 matches of a common name reads as many rows as the page. A narrow
    scope (``wide`` False: a few communes) is counted without asking the planner first."""
    if wide and connection.vendor == "postgresql":
        queryset = apply_filters(households, filters).order_by().values("pk")
        plan = queryset.explain(format="json")  # "" when the ORM knows there is no row (no scope)
        estimate = json.loads(plan)[0]["Plan"]["Plan Rows"] if plan else 0
        if estimate > ESTIMATE_FROM:
            return int(estimate), True
    return capped_count(households, filters), False


def household_page(scope, filters: Filters, *, page=None, after: str = "") -> ListPage:
    """The page the query string asks for: a number within the counted rows, or the rows after a
    cursor. A number past the end gives the last page with a note; a cursor that does not read
    (edited, from another sort) gives the first page."""
    households = scoped(scope)
    wide = scope is None or len(scope) > NARROW
    position, asked = _read_cursor(after, filters.sort), _number(page)
    if not wide and (counted := _counted_page(households, filters, asked, position)):
        return counted
    count, estimated = count_of(households, filters, wide=wide)
    rows = Rows(households, filters, walk=walks_name_index(filters, estimated=estimated))
    if position is not None:
        found = rows.take(0, PAGE_SIZE + 1, after=position)
        if found or not count:
            return _page(found, ListPage([], count, estimated=estimated, sort=filters.sort))
        result = _numbered(rows, count, estimated, 1, filters.sort)  # the rows after it were deleted
        result.note = "Không còn hộ nào sau trang trước (danh sách vừa thay đổi); đây là trang đầu."
        return result
    result = _numbered(rows, count, estimated, asked, filters.sort)
    if estimated and asked > 1 and not result.rows:  # fewer than estimated: count them after all
        result = _numbered(rows, capped_count(households, filters), False, asked, filters.sort)
    return result


def _counted_page(households, filters: Filters, asked: int, position: list | None) -> ListPage | None:
    """A narrow scope's page with its capped count in the same statement: one round trip instead
    of two on a commune officer's every page. None when that page is empty or past the numbered
    pages (a page number past the end, rows deleted after a cursor): the general path answers."""
    if position is None and asked > LAST_NUMBERED:
        return None
    start = 0 if position is not None else (asked - 1) * PAGE_SIZE
    rows = Rows(households, filters)
    found = rows.take(start, start + PAGE_SIZE + 1, after=position, counted=True)
    if not found:
        return None
    if position is not None:
        return _page(found, ListPage([], found[0].capped_count, sort=filters.sort))
    return _numbered(rows, found[0].capped_count, False, asked, filters.sort, found=found)


def walks_name_index(filters: Filters, *, estimated: bool) -> bool:
    """Whether a name search's page is found by walking the name index instead of sorting its matches.

    A common name (the planner estimates more than ``ESTIMATE_FROM`` matches) has its matches on
    more heap blocks than the name index has pages: reading and sorting «nguyen van an»'s 31,000
    matches read 18,500 blocks; walking ``household_vi_name_search`` (migration 0018: it holds the
    folded name and the commune) to its 51st match reads 2,800 index pages and no row, even though
    the matches cluster late in name order. A rarer name keeps the trigram index and a sort. Only
    the name search and the scope are in that index, so any other filter keeps the sort too.
    """
    return (estimated and filters.sort == "name" and name_search(filters.q)
            and not (filters.village or filters.household_class or filters.ethnic_group or filters.woman
                     or filters.disagrees or filters.attended))


@dataclass
class Rows:
    """The list's rows, read a slice at a time: in one query, or, when ``walk``, as the ids of the
    slice in name order (an index-only walk of the name index, ``walks_name_index``) and then
    those households' rows. Both give the same rows in the same order."""

    households: object  # the scope's queryset
    filters: Filters
    walk: bool = False

    def take(self, start: int, stop: int, *, after: list | None = None, counted: bool = False) -> list:
        """Rows ``start`` to ``stop`` (after the cursor ``position``); ``counted``: each with the
        capped count of every row as ``capped_count``, from a subquery of the same statement."""
        if not self.walk:
            rows = list_queryset(self.households, self.filters)
            if counted:
                capped = apply_filters(self.households, self.filters).order_by().values("pk")[:COUNT_CAP + 1]
                try:
                    sql, params = capped.query.sql_with_params()
                except EmptyResultSet:  # the ORM knows there is no row (a scope of no unit)
                    return []
                rows = rows.annotate(capped_count=RawSQL(f"SELECT COUNT(*) FROM ({sql}) capped", params,
                                                         output_field=IntegerField()))
            return list(self._after(rows, _keys(self.filters), after)[start:stop])
        return list(list_queryset(self.households.filter(pk__in=self.ids(start, stop, after=after)), self.filters))

    def ids(self, start: int, stop: int, *, after: list | None = None):
        """The slice's ids in name order, written with the name index's own expression."""
        plain = order_keys(self.filters.sort)
        ids = self._after(apply_filters(self.households, self.filters).order_by(*plain), plain, after)
        return ids.values("pk")[start:stop]

    @staticmethod
    def _after(queryset, keys, position):
        return queryset if position is None else queryset.filter(RowAfter(keys, position))


def _numbered(rows: Rows, count: int, estimated: bool, asked: int, sort: str, *, found=None) -> ListPage:
    """Page ``asked`` by its number, or the last numbered page when ``asked`` is past it; ``found``:
    that page's rows, already read (then ``asked`` is within the numbered pages)."""
    capped = estimated or count > COUNT_CAP
    last = LAST_NUMBERED if capped else max(1, -(-count // PAGE_SIZE))
    number = min(asked, last)
    start = (number - 1) * PAGE_SIZE
    if found is None:
        found = rows.take(start, start + PAGE_SIZE + 1) if count else []
    result = _page(found, ListPage([], count, estimated=estimated, number=number,
                                   num_pages=None if capped else last, sort=sort), numbered_up_to=last)
    if asked > last and count:
        result.note = (f"Không có trang {asked}; đây là trang {number}, trang cuối." if not capped else
                       f"Chỉ đánh số {LAST_NUMBERED} trang đầu; đây là trang {number}. "
                       "Bấm «Sau »» để xem tiếp hoặc lọc bớt để tìm nhanh hơn.")
    return result


def _page(found: list, page: ListPage, *, numbered_up_to: int = 0) -> ListPage:
    rows, more = found[:PAGE_SIZE], len(found) > PAGE_SIZE
    for row in rows:
        row.class_label = CLASS_LABELS.get(row.year_class, "")
    page.rows = rows
    if more and page.number is not None and page.number < numbered_up_to:
        page.next_number = page.number + 1
    elif more:
        page.next_after = _cursor(rows[-1], page.sort)
    return page


def _keys(filters: Filters) -> list:
    return order_keys(filters.sort, searching=name_search(filters.q))


def _number(value) -> int:
    text = str(value or "").strip()
    return int(text) if text.isascii() and text.isdigit() and 0 < len(text) <= 9 and int(text) > 0 else 1


def _cursor(row, sort: str) -> str:
    keys = [getattr(row, f"key{i}") for i in range(len(order_keys(sort)))]
    return signing.dumps([sort, *keys], salt=CURSOR_SALT, compress=True)


def _read_cursor(text: str, sort: str) -> list | None:
    if not text:
        return None
    try:
        values = signing.loads(text[:2000], salt=CURSOR_SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if (not isinstance(values, list) or not values or values[0] != sort
            or len(values) != len(order_keys(sort)) + 1
            or not all(isinstance(v, str | int) and not isinstance(v, bool) for v in values[1:])):
        return None
    return values[1:]


def village_options(scope: frozenset[int] | None, commune: int | None = None) -> list[tuple]:
    """The village filter's options: (id, name) of the villages in the commune's list, of ``commune``
    when one is chosen, else of the communes in ``scope``, the commune named when there are several;
    then, for a narrow scope, (text, text) of village texts of households not yet linked to a
    village (a list imported before its villages were confirmed), read through the commune index.

    Only the village table is read for a wide scope: the distinct texts of a province's or the
    country's households would be a scan of the whole registry on every page.
    """
    units = scope if not commune else ({commune} if scope is None or commune in scope else set())
    if units is not None and not units:
        return []
    villages = Village.objects.all() if units is None else Village.objects.filter(commune_id__in=units)
    villages = villages.order_by("commune__name", "number").values_list("pk", "name", "commune__name", "number")
    if units is None or len(units) > NARROW:
        return _named(list(villages[:1000]))
    unlinked = (Household.objects.filter(commune_id__in=units, village_unit__isnull=True).exclude(village="")
                .order_by("village").values_list("village").distinct()[:300])
    rows, texts = _in_one_statement(villages[:1000], unlinked)
    return _named(rows) + [(text, text) for text in texts]


def _named(rows: list) -> list[tuple]:
    several = len({row[2] for row in rows}) > 1
    return [(pk, f"{name} – {commune_name}" if several else name) for pk, name, commune_name, _ in rows]


def _in_one_statement(villages, unlinked) -> tuple[list, list]:
    """The village list's rows and the unlinked village texts, each in its own order, in one round
    trip (a commune officer's every page reads both)."""
    villages_sql, villages_params = villages.query.sql_with_params()
    texts_sql, texts_params = unlinked.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT 0, v.*, NULL FROM ({villages_sql}) v UNION ALL "
                       f"SELECT 1, NULL, NULL, NULL, NULL, t.village FROM ({texts_sql}) t ORDER BY 1, 4, 5, 6",
                       [*villages_params, *texts_params])
        rows = cursor.fetchall()
    return [row[1:5] for row in rows if row[0] == 0], [row[5] for row in rows if row[0] == 1]
