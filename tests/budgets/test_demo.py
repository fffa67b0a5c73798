import datetime

from areas.models import UnitLevel
from budgets.checks import estimate_problems
from budgets.demo import load_demo_budgets
from budgets.models import AllocationDecision, Disbursement, Estimate, Norm
from tests.factories import AdminUnitFactory, ProvinceFactory


def test_the_demo_budget_of_seed_000_loads_once_and_is_consistent(db):
    province = ProvinceFactory(short_name="Phú Thọ", code="25", valid_to=datetime.date(2025, 6, 30))
    AdminUnitFactory(level=UnitLevel.DISTRICT, code="231", kind="Huyện", short_name="Hạ Hoà",
                     parent=province, valid_to=datetime.date(2025, 6, 30))
    new_province = ProvinceFactory(short_name="Phú Thọ", code="25", valid_from=datetime.date(2025, 7, 1))
    commune = AdminUnitFactory(code="08053", short_name="Hạ Hòa", parent=new_province,
                               valid_from=datetime.date(2025, 7, 1))
    first = load_demo_budgets()
    again = load_demo_budgets()
    assert first == again and Estimate.objects.count() == 2
    new = Estimate.objects.get(unit=commune, year=2027)
    assert new.sub_project.code == "HP1-TT" and new.total == 27_800_000
    assert not [p for p in estimate_problems(new) if p.blocking]
    assert first.total == 132_000_000 and first.groups.count() == 3
    assert str(AllocationDecision.objects.get()) == "Quyết định số 1096/QĐ-UBND ngày 12/05/2023"
    assert Disbursement.objects.count() == 3
    assert Norm.objects.filter(illustrative=True, province=province).count() == 1
    assert not [p for p in estimate_problems(first) if p.blocking]
