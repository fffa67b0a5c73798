from budgets.models import Component, FundingSource, Program, SubProject


def test_the_2021_program_ships_seven_components_and_the_sub_projects_of_da6_and_da7(db):
    program = Program.objects.get(code="GNBV-2021-2025")
    assert [c.code for c in program.components.all()] == [f"DA{n}" for n in range(1, 8)]
    codes = set(SubProject.objects.filter(component__program=program).values_list("code", flat=True))
    assert {"DA6-TDA1", "DA6-TDA2", "DA7-TDA1", "DA7-TDA2"} <= codes
    tda2 = SubProject.objects.get(code="DA6-TDA2")
    assert tda2.short_code == "TDA2" and tda2.name == "Truyền thông về giảm nghèo đa chiều"


def test_the_merged_program_has_its_two_components_marked_unverified(db):
    program = Program.objects.get(code="MTQG-2026-2035")
    components = list(Component.objects.filter(program=program).order_by("order"))
    assert [c.code for c in components] == ["HP1", "HP2"]
    assert program.valid_from.year == 2026 and not any(c.verified for c in components)


def test_the_six_funding_sources_are_data_rows(db):
    assert list(FundingSource.objects.values_list("code", flat=True)) == [
        "NSTW_SN", "NSTW_DTPT", "NSDP", "LONG_GHEP", "HUY_DONG", "TIN_DUNG"
    ]
