"""The closure table of who reaches which unit: kept in step by saves, deletes, succession links
and bulk refreshes, equal to the closure the old per-process code computed, read as a subquery."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from areas.models import AdminUnit, Role, UnitLevel, UnitReach
from areas.reach import refresh_reach
from areas.scope import Scope, has_current_commune, units_in_role, visible_unit_ids
from tests.factories import AdminUnitFactory, AssignmentFactory, ProvinceFactory

OLD_END, NEW_START = datetime.date(2025, 6, 30), datetime.date(2025, 7, 1)


def reached(unit) -> set[int]:
    return set(UnitReach.objects.filter(unit=unit).values_list("target_id", flat=True))


def old_closure(roots: set[int]) -> set[int]:
    """The closure as areas/scope.py computed it before the table (the reference)."""
    seen, frontier = set(), set(roots)
    through = AdminUnit.successors.through
    while frontier:
        below = frontier | set(AdminUnit.objects.filter(parent_id__in=frontier).values_list("pk", flat=True))
        below |= set(AdminUnit.objects.filter(parent__parent_id__in=frontier).values_list("pk", flat=True))
        new = below - seen
        seen |= new
        frontier = set(through.objects.filter(to_adminunit__in=new).values_list("from_adminunit", flat=True)) - seen
    return seen


@pytest.fixture
def merger(db):
    """Two former districts with communes merged into new communes of a new province."""
    old_province = ProvinceFactory(short_name="Cũ", code="91", valid_to=OLD_END)
    districts = [AdminUnitFactory(level=UnitLevel.DISTRICT, kind="Huyện", code=f"9{n}", parent=old_province,
                                  valid_to=OLD_END) for n in range(2)]
    old = [AdminUnitFactory(parent=districts[n % 2], valid_to=OLD_END) for n in range(6)]
    province = ProvinceFactory(short_name="Mới", code="92", valid_from=NEW_START)
    new = [AdminUnitFactory(parent=province, valid_from=NEW_START) for _ in range(2)]
    old_province.successors.add(province)
    for n, commune in enumerate(old):
        commune.successors.add(new[n // 3])
    districts[0].successors.add(new[0])
    return {"old_province": old_province, "districts": districts, "old": old, "province": province, "new": new}


def test_the_table_equals_the_closure_the_old_code_computed(merger):
    for unit in AdminUnit.objects.all():
        assert reached(unit) == old_closure({unit.pk}), unit.name
    assert refresh_reach() == (0, 0)  # what the signals kept is what a full rebuild makes


def test_a_merged_province_reaches_its_communes_and_everything_it_replaced(merger):
    assert reached(merger["province"]) == {merger["province"].pk, *(u.pk for u in merger["new"]),
                                           merger["old_province"].pk, *(u.pk for u in merger["districts"]),
                                           *(u.pk for u in merger["old"])}
    assert reached(merger["new"][1]) == {merger["new"][1].pk, *(u.pk for u in merger["old"][3:])}


def test_a_unit_moved_under_another_parent_leaves_the_old_scope_and_joins_the_new(merger):
    moved, district = merger["old"][0], merger["districts"][1]
    assert moved.pk not in reached(district)
    moved.parent = district
    moved.save()
    assert moved.pk in reached(district) and moved.pk not in reached(merger["districts"][0])
    assert moved.pk in reached(merger["old_province"])
    assert refresh_reach() == (0, 0)


def test_a_district_moved_to_another_province_takes_its_communes_along(db):
    first, second = ProvinceFactory(code="93"), ProvinceFactory(code="94")
    district = AdminUnitFactory(level=UnitLevel.DISTRICT, kind="Huyện", code="931", parent=first)
    commune = AdminUnitFactory(parent=district)
    district.parent = second
    district.save()
    assert reached(first) == {first.pk}
    assert reached(second) == {second.pk, district.pk, commune.pk}


def test_a_deleted_unit_leaves_no_row_and_what_it_replaced_is_no_longer_reached(merger):
    new, province = merger["new"][1], merger["province"]
    gone = set(reached(new)) - {new.pk}
    new.successors.clear()  # what an administrator does before deleting it (PROTECT keeps its children)
    for predecessor in merger["old"][3:]:
        assert predecessor.pk in reached(province)  # still reached through the old province
    new.delete()
    assert not UnitReach.objects.filter(target_id=new.pk).exists()
    assert not UnitReach.objects.filter(unit_id=new.pk).exists()
    assert gone <= reached(province)  # through the old province, not through the deleted unit
    assert refresh_reach() == (0, 0)


def test_a_deleted_successor_takes_its_predecessors_out_of_the_scope(db):
    province = ProvinceFactory(code="95", valid_from=NEW_START)
    commune = AdminUnitFactory(parent=province, valid_from=NEW_START)
    old = AdminUnitFactory(valid_to=OLD_END)
    old.successors.add(commune)
    assert old.pk in reached(province)
    commune.delete()  # its succession links go with it
    assert reached(province) == {province.pk}


@pytest.mark.parametrize("how", ["remove", "clear", "clear_reverse", "set"])
def test_succession_links_removed_any_way_shrink_the_scope(db, how):
    province = ProvinceFactory(code="96", valid_from=NEW_START)
    old = AdminUnitFactory(valid_to=OLD_END)
    province.predecessors.add(old)  # added from the other side
    assert old.pk in reached(province)
    if how == "remove":
        old.successors.remove(province)
    elif how == "clear":
        old.successors.clear()
    elif how == "clear_reverse":
        province.predecessors.clear()
    else:
        province.predecessors.set([])
    assert reached(province) == {province.pk}


def test_a_cycle_of_successions_typed_by_mistake_does_not_loop(db):
    first, second = AdminUnitFactory(), AdminUnitFactory()
    first.successors.add(second)
    second.successors.add(first)
    assert reached(first) == reached(second) == {first.pk, second.pk}


def test_a_users_scope_filters_with_the_ids_read_in_this_request(merger):
    user = AssignmentFactory(role=Role.PLANNER, unit=merger["province"]).user
    with CaptureQueriesContext(connection) as queries:
        ids = list(AdminUnit.objects.visible_to(user).values_list("pk", flat=True))
    assert set(ids) == old_closure({merger["province"].pk})
    assert len(queries) == 2  # the user's assignments with their reach, then the scoped query
    assert "areas_unitreach" in queries.captured_queries[0]["sql"]


def test_a_scope_of_bare_ids_filters_with_a_subquery(merger):
    with CaptureQueriesContext(connection) as queries:
        ids = list(AdminUnit.objects.filter(pk__in=Scope([merger["new"][1].pk])).values_list("pk", flat=True))
    assert len(queries) == 1 and "areas_unitreach" in queries.captured_queries[0]["sql"]
    assert set(ids) == {merger["new"][1].pk, *(u.pk for u in merger["old"][3:])}


def test_a_users_scope_is_read_with_the_assignments_in_one_query(merger):
    user = AssignmentFactory(role=Role.PLANNER, unit=merger["new"][0]).user
    AssignmentFactory(user=user, role=Role.LEADER, unit=merger["old_province"])
    expected, led = old_closure({merger["new"][0].pk}), old_closure({merger["old_province"].pk})
    with CaptureQueriesContext(connection) as queries:
        scope = units_in_role(user, Role.PLANNER)
        assert merger["old"][0].pk in scope and merger["old"][5].pk not in scope
        assert set(scope) == expected and has_current_commune(scope)
        assert set(visible_unit_ids(user)) == expected | led
        assert not has_current_commune(units_in_role(user, Role.LEADER))  # only former units
    assert len(queries) == 1
    assert {merger["old"][0].pk, merger["new"][0].pk} <= scope


def test_a_scope_of_bare_ids_reads_its_rows_once(merger):
    scope, expected = Scope([merger["new"][0].pk]), old_closure({merger["new"][0].pk})
    with CaptureQueriesContext(connection) as queries:
        assert merger["old"][0].pk in scope and merger["old"][5].pk not in scope
        assert set(scope) == expected
    assert len(queries) == 1


def test_a_user_with_no_unit_sees_nothing_without_an_error(db):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create(username="khong-don-vi")
    scope = visible_unit_ids(user)
    assert not scope and len(scope) == 0 and 1 not in scope
    assert list(AdminUnit.objects.visible_to(user)) == []
    assert not has_current_commune(scope)
    assert list(AdminUnit.objects.filter(pk__in=Scope([]))) == []


def test_has_current_commune_reads_the_table(merger):
    user = AssignmentFactory(role=Role.PLANNER, unit=merger["old_province"]).user
    assert not has_current_commune(units_in_role(user, Role.PLANNER))  # only former communes
    user = AssignmentFactory(role=Role.PLANNER, unit=merger["province"]).user
    assert has_current_commune(units_in_role(user, Role.PLANNER))
    assert has_current_commune(frozenset(units_in_role(user, Role.PLANNER)))  # a plain set of ids too
    assert not has_current_commune(frozenset()) and not has_current_commune(frozenset({10**9}))


def test_units_loaded_in_bulk_with_successions_are_reached_after_a_refresh(db):
    province = ProvinceFactory(code="97", valid_from=NEW_START)
    old = AdminUnit.objects.bulk_create([AdminUnit(code="97001", name="Xã Cũ", short_name="Cũ", kind="Xã",
                                                   level=UnitLevel.COMMUNE, valid_to=OLD_END)])[0]
    old = AdminUnit.objects.get(code="97001")
    AdminUnit.successors.through.objects.bulk_create(
        [AdminUnit.successors.through(from_adminunit_id=old.pk, to_adminunit_id=province.pk)])
    assert old.pk not in reached(province)
    assert refresh_reach() == (2, 0)  # the old commune reaches itself; the province reaches it
    assert old.pk in reached(province)


def test_the_predicates_of_one_request_read_each_scope_once(merger):
    from plans.permissions import _in_role

    user = AssignmentFactory(role=Role.PLANNER, unit=merger["province"]).user
    units = [merger["new"][0].pk, merger["old"][0].pk, merger["districts"][1].pk, 10**9]
    with CaptureQueriesContext(connection) as queries:
        answers = [_in_role(user, pk, Role.PLANNER) for pk in units for _ in range(3)]
        answers += [_in_role(user, pk, Role.LEADER) for pk in units]
    assert answers == [True] * 9 + [False] * 3 + [False] * 4
    reads = [q for q in queries.captured_queries if "areas_unitreach" in q["sql"]]
    assert len(reads) == 1  # the planner's scope, read once; a role the user lacks needs no read
    again = type(user).objects.get(pk=user.pk)  # the next request reads afresh
    assert units_in_role(again, Role.PLANNER) is not units_in_role(user, Role.PLANNER)


def test_scopes_combine_as_sets_of_ids(merger):
    user = AssignmentFactory(role=Role.PLANNER, unit=merger["new"][0]).user
    AssignmentFactory(user=user, role=Role.FINANCE, unit=merger["districts"][1])
    planner, finance = units_in_role(user, Role.PLANNER), units_in_role(user, Role.FINANCE)
    both = planner | finance
    assert both == set(planner.ids) | set(finance.ids) and isinstance(both, frozenset)
    assert planner & finance == set(planner.ids) & set(finance.ids)
    assert merger["districts"][1].pk in both and merger["new"][1].pk not in both


def test_load_areas_fills_the_table_and_a_second_load_keeps_it(db, tmp_path):
    from areas.loader import load_units
    from tests.areas.test_loader import (
        SMALL_SUCCESSIONS,
        SMALL_UNITS,
        SUCCESSION_HEADER,
        UNIT_HEADER,
        write_gz,
    )

    files = (write_gz(tmp_path / "units.csv.gz", UNIT_HEADER, SMALL_UNITS),
             write_gz(tmp_path / "successions.csv.gz", SUCCESSION_HEADER, SMALL_SUCCESSIONS))
    load_units(*files)
    new = AdminUnit.objects.get(level=UnitLevel.COMMUNE, code="99999")
    old = AdminUnit.objects.filter(valid_to=OLD_END)
    assert reached(new) == {new.pk, *old.filter(level__in=["district", "commune"]).values_list("pk", flat=True)}
    province = AdminUnit.objects.get(level=UnitLevel.PROVINCE, code="99", valid_to__isnull=True)
    assert reached(province) == set(AdminUnit.objects.values_list("pk", flat=True))
    rows = UnitReach.objects.count()
    load_units(*files)
    assert UnitReach.objects.count() == rows and refresh_reach() == (0, 0)
