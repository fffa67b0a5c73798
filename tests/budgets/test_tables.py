from decimal import Decimal

from budgets.documents import estimate_appendix
from budgets.models import EstimateLine
from budgets.services import estimate_summary
from budgets.tables import estimate_table, in_display_unit, number_text
from tests.budgets.factories import EstimateGroupFactory, EstimateLineFactory, source, sub_project


def test_groups_are_numbered_by_position_with_subtotals_and_a_total(estimate):
    table = estimate_table(estimate)
    assert [g.numeral for g in table.groups] == ["I", "II"]
    assert [g.subtotal for g in table.groups] == [7_400_000, 10_000_000]
    assert table.total == 17_400_000 == estimate.total
    assert table.words == "Mười bảy triệu bốn trăm nghìn đồng chẵn"


def test_amounts_in_other_display_units_are_exact():
    assert in_display_unit(132_000_000, 1) == "132.000.000"
    assert in_display_unit(132_000_000, 1000) == "132.000"
    assert in_display_unit(1_500_000, 1_000_000) == "1,5"
    assert in_display_unit(1_234_567, 1_000_000) == "1,234567"
    assert number_text(Decimal("12500.50")) == "12.500,5"


def test_the_summary_splits_the_total_by_sub_project_and_funding_source(estimate):
    group = EstimateGroupFactory(estimate=estimate, sub_project=sub_project("DA7-TDA1"), order=3)
    EstimateLineFactory(group=group, quantity=1, unit_price=600_000, funding_source=source("NSDP"))
    summary = estimate_summary(estimate)
    assert summary.total == 18_000_000
    assert {s.code: v for s, v in summary.by_sub_project.items()} == {
        "DA6-TDA2": 17_400_000, "DA7-TDA1": 600_000}
    assert {s.code: v for s, v in summary.by_funding_source.items()} == {
        "NSTW_SN": 17_400_000, "NSDP": 600_000}


def test_the_appendix_is_landscape_in_dong_with_bold_groups_total_and_words(estimate):
    appendix = estimate_appendix(estimate, reference="(Kèm theo Kế hoạch số 05/KH-UBND)")
    assert appendix.landscape and appendix.unit_caption == "Đơn vị tính: đồng"
    assert appendix.table.columns[6] == "Thành tiền"
    rows = appendix.table.rows
    assert rows[0][:2] == ["I", "Hội nghị đối thoại tại xã Đan Thượng"] and rows[0][6] == "7.400.000"
    assert rows[1][3:7] == ["50", "1", "100.000", "5.000.000"]
    assert rows[-1][1:] == ["TỔNG CỘNG", "", "", "", "", "17.400.000", ""]
    assert appendix.table.bold_rows == {0, 3, 5}
    assert appendix.after_table[0].text == "Bằng chữ: Mười bảy triệu bốn trăm nghìn đồng chẵn./."
    assert appendix.title.startswith("DỰ TOÁN")
    assert EstimateLine.objects.count() == 3
