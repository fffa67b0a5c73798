"""PostgreSQL plans (EXPLAIN, never timing): the list and the name search use the indexes built for them."""

import pytest
from django.db import connection

from areas.models import Role
from households.filters import Filters, apply_filters
from households.models import Household
from tests.factories import AdminUnitFactory, AssignmentFactory
from vntext import search_key

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="index plans are PostgreSQL's"),
]
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Đặng", "Đinh", "Hoàng", "Vũ"]
GIVEN = ["An", "Bình", "Dũng", "Hoà", "Hòa", "Lan", "Mai", "Yến", "Đức", "Dương"]


@pytest.fixture
def registry(own_unit, province):
    """3,000 households in three communes, contiguous per commune as imports write them."""
    communes = [own_unit, *(AdminUnitFactory(parent=province) for _ in range(2))]
    names = [f"{SURNAMES[n % 8]} Văn {GIVEN[(n * 7) % 10]}" for n in range(1000)]
    Household.objects.bulk_create(  # bulk_create skips save(), so the folded name is set here
        (Household(commune=commune, code=f"P{c}-{n:05d}", village=f"Thôn {n % 7}", birth_year=1970,
                   head_name=name, search_name=search_key(name))
         for c, commune in enumerate(communes) for n, name in enumerate(names)), batch_size=1000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE households_household")
    return communes


def _plan(queryset, *, seqscan: bool = True) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        if not seqscan:
            cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute("SET LOCAL enable_seqscan = on")
    return plan


def test_a_commune_page_in_vietnamese_order_reads_the_collation_index(registry):
    """The list filters by the scope's unit ids (households.listing.scoped), which the commune
    index answers in order; ``visible_to``'s closure subquery would make it sort the commune."""
    from areas.scope import visible_unit_ids
    from households.listing import scoped

    staff = AssignmentFactory(role=Role.COMMUNE_STAFF, unit=registry[0]).user
    visible = scoped(visible_unit_ids(staff))
    page = apply_filters(visible, Filters(year=2024))[50:100]
    plan = _plan(page)
    assert 'COLLATE "vi-x-icu"' in str(page.query)
    assert "household_commune_vi_name" in plan and "Sort" not in plan, plan


def test_the_whole_registry_in_vietnamese_order_reads_the_name_index(registry):
    page = apply_filters(Household.objects.all(), Filters(year=2024))[50:101]
    plan = _plan(page, seqscan=False)
    assert "household_vi_name" in plan and "Sort" not in plan, plan


def test_a_page_after_a_cursor_starts_in_the_name_index_at_the_cursor(registry):
    from households.filters import order_keys
    from households.listing import RowAfter

    page = apply_filters(Household.objects.all(), Filters(year=2024)).filter(
        RowAfter(order_keys("name"), ["Nguyễn Văn An", 1500]))[:51]
    plan = _plan(page)
    assert "household_vi_name" in plan and "Index Cond" in plan and "Sort" not in plan, plan


def test_a_name_search_is_not_walked_in_name_order(registry):
    """Matches of a common name cluster in name order (the surname first): the search sorts its matches."""
    page = apply_filters(Household.objects.all(), Filters(year=2024, q="nguyen van"))[:51]
    assert "household_vi_name" not in _plan(page)


@pytest.mark.parametrize("after", [None, ["Nguyễn Văn An", 1500]])
def test_a_common_name_walks_the_name_index_that_holds_the_folded_name(registry, after):
    """households.listing.walks_name_index: the ids of a page, in name order from the index, its
    entries tested by the folded name it holds (migration 0018), from the cursor when there is one.
    The walk is taken past 10,000 estimated matches; over these 3,000 rows a scan of the table is
    cheaper, so it is set aside here."""
    from households.listing import Rows

    ids = Rows(Household.objects.all(), Filters(year=2024, q="nguyen van"), walk=True).ids(0, 51, after=after)
    plan = _plan(ids, seqscan=False)
    assert "household_vi_name_search" in plan and "Sort" not in plan and "trgm" not in plan, plan
    assert "Index Cond" in plan or after is None, plan


def test_a_name_search_reads_the_trigram_index(registry):
    plan = _plan(Household.objects.search("nguyen van an"), seqscan=False)
    assert "household_search_name_trgm" in plan, plan


def test_the_import_finds_ids_registered_elsewhere_through_the_unique_index(registry):
    """A trigram probe per ID (the planner's choice without the "<> ''" clause) took minutes at 100,000 IDs."""
    from households.imports.plan import ELSEWHERE_SQL

    ids = ",".join(f"0250{n:08d}" for n in range(5000))
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + ELSEWHERE_SQL, [ids, registry[0].pk])
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "household_id_number_unique" in plan and "trgm" not in plan, plan
