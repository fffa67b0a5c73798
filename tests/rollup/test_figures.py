"""The roll-up's figures, counted from the data of the units chosen and nothing else."""

import pytest

from rollup.figures import roll_up
from rollup.scope import reach
from tests.rollup.conftest import TODAY

pytestmark = pytest.mark.django_db


def figures(units, year=2026):
    return roll_up(units, reach([u.pk for u in units]), year, TODAY)


def test_a_province_counts_its_two_communes_and_not_another_province(province_world):
    r = figures([province_world["province"]])
    assert (r.planned, r.held, r.target) == (6, 4, 46)
    assert (r.present, r.women, r.men, r.minority, r.first_time) == (14, 6, 8, 10, 10)
    assert r.planned_by_quarter == [2, 0, 2, 2] and r.held_by_quarter == [2, 0, 2, 0]
    assert r.by_class == [("Hộ nghèo", 6), ("Hộ cận nghèo", 4), ("Khác", 4)]
    assert sum(n for _, n in r.by_ethnicity) == 14 and r.by_ethnicity[0][1] == 6
    assert r.petitions == 10 and dict(r.by_field) == {"Nhà ở": 4, "Tín dụng": 4, "Y tế": 2}
    assert (r.on_time, r.judged, r.overdue, r.on_time_rate) == (4, 8, 2, "50,0%")
    assert [c.name for c in r.communes] == ["Xã Bản Lầu", "Xã Cốc San"]
    (row,) = r.budget
    assert (row.allocated, row.estimated, row.disbursed) == (200_000_000, 15_000_000, 10_000_000)
    assert row.component.startswith("DA6") and row.source


def test_one_commune_alone(province_world):
    r = figures(province_world["communes"][:1])
    assert (r.planned, r.held, r.present, r.petitions) == (3, 2, 7, 5)
    assert r.budget_total.allocated == 100_000_000


def test_a_year_without_work_is_all_zeros_not_an_error(province_world):
    r = figures([province_world["province"]], year=2025)
    assert (r.planned, r.present, r.petitions, r.on_time_rate, r.budget) == (0, 0, 0, "—", [])
    assert r.share(0) == "0%"


def test_the_petition_table_adds_up_both_ways(province_world):
    from rollup.tables import petitions_table

    table = petitions_table(figures([province_world["province"]]))
    total = table.rows[-1]
    assert total[-1] == 10 and sum(row[-1] for row in table.rows[:-1]) == 10
    assert sum(total[2:-1]) == 10


def test_ethnic_names_and_the_units_offered_follow_changes_at_once(client_as, province_world, today):
    from django.urls import reverse

    from households.models import EthnicGroup

    r = figures([province_world["province"]])
    group = EthnicGroup.objects.get(name=r.by_ethnicity[0][0])
    group.name = "Dân tộc đổi tên"
    group.save()
    assert figures([province_world["province"]]).by_ethnicity[0] == ("Dân tộc đổi tên", r.by_ethnicity[0][1])
    client = client_as(province_world["leader"])
    url = reverse("rollup:page") + "?nam=2026"
    assert "Xã Bản Lầu" in client.get(url).content.decode()
    commune = next(c for c in province_world["communes"] if c.name == "Xã Bản Lầu")
    commune.name = "Xã Bản Lầu Mới"
    commune.save()
    names = [u.name for u in client.get(url).context["choices"]]
    assert "Xã Bản Lầu Mới" in names and "Xã Bản Lầu" not in names
