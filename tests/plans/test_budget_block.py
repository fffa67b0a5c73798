"""The live "Kinh phí" block and the stated-total checks, on a plan linked to an estimate."""

import io

import pytest
from pypdf import PdfReader

from plans import outline, services
from plans.checks import plan_problems
from plans.documents import plan_document, plan_pdf
from plans.models import BlockKind
from tests.budgets.factories import EstimateGroupFactory, EstimateLineFactory


@pytest.fixture
def linked(plan, own_unit):
    group = EstimateGroupFactory(estimate__unit=own_unit, estimate__year=2026)
    EstimateLineFactory(group=group, quantity=50, unit_price=100_000)  # 5.000.000
    EstimateLineFactory(group=group, quantity=60, unit_price=40_000)  # 2.400.000
    plan.estimate = group.estimate
    plan.save()
    return plan


def test_budget_block_shows_the_computed_total_split_and_words(linked):
    texts = [b.text for b in plan_document(linked).blocks]
    assert "Tổng kinh phí: 7.400.000 đồng (Bằng chữ: Bảy triệu bốn trăm nghìn đồng chẵn)." in texts
    assert "Dự án 6, Tiểu dự án 2 (Truyền thông về giảm nghèo đa chiều): 7.400.000 đồng." in texts


def test_a_2026_content_is_named_in_the_budget_block_never_by_its_code(plan, own_unit):
    from tests.budgets.factories import sub_project

    group = EstimateGroupFactory(estimate__unit=own_unit, estimate__year=2027,
                                 estimate__sub_project=sub_project("HP1-TT"))
    EstimateLineFactory(group=group, quantity=50, unit_price=100_000)
    plan.estimate = group.estimate
    plan.save()
    texts = [b.text for b in plan_document(plan).blocks]
    assert ("Hợp phần 1, nội dung «Thông tin, truyền thông về giảm nghèo bền vững»: 5.000.000 đồng."
            in texts)
    assert not any("HP1-TT" in t for t in texts)


def test_budget_appendix_is_a_landscape_page_with_the_same_total(linked):
    reader = PdfReader(io.BytesIO(plan_pdf(linked)))
    last = reader.pages[-1]
    assert float(last.mediabox.width) > float(last.mediabox.height)
    assert "7.400.000" in last.extract_text()


def test_stated_total_different_from_the_parts_is_blocking_with_the_difference(linked, officer):
    services.update_header(linked, by=officer, stated_total=7_500_000)
    blocking = [p.message for p in plan_problems(linked) if p.blocking]
    assert any("chênh +100.000 đồng" in m for m in blocking)
    services.update_header(linked, by=officer, stated_total=7_400_000)
    assert not [p for p in plan_problems(linked) if p.blocking]


def test_a_differing_stated_total_stands_beside_the_total_in_the_plans_own_budget_block(linked, officer):
    """The body's «Kinh phí» block showed only the lines' total while the appendix, the checks and the
    budget screen showed the stated figure and the difference."""
    from budgets.models import StatedTotal

    services.update_header(linked, by=officer, stated_total=7_500_000)
    StatedTotal.objects.create(estimate=linked.estimate, amount=7_000_000, source="Quyết định 12/QĐ-UBND")
    texts = [b.text for b in plan_document(linked).blocks]
    total = texts.index("Tổng kinh phí: 7.400.000 đồng (Bằng chữ: Bảy triệu bốn trăm nghìn đồng chẵn).")
    assert texts[total + 1] == ("Ghi chú: tổng kinh phí ghi trong văn bản 7.500.000 đồng; tổng các khoản của dự "
                                "toán 7.400.000 đồng; chênh lệch +100.000 đồng.")
    assert texts[total + 2].startswith("Ghi chú: Cả dự toán: tổng ghi trong Quyết định 12/QĐ-UBND 7.000.000 đồng")
    assert "chênh lệch −400.000 đồng" in texts[total + 2]
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(plan_pdf(linked))).pages)
    assert "chênh lệch +100.000 đồng" in " ".join(text.split())
    services.update_header(linked, by=officer, stated_total=7_400_000)
    StatedTotal.objects.all().delete()
    assert not any(t.startswith("Ghi chú") for t in (b.text for b in plan_document(linked).blocks))


def test_a_total_typed_in_the_text_is_checked_against_the_estimate(linked, officer):
    block = linked.blocks.filter(kind=BlockKind.BULLET).first()
    outline.update_block(block, by=officer, text="Tổng kinh phí: 8 triệu đồng.")
    assert any("chênh +600.000 đồng" in p.message for p in plan_problems(linked) if p.blocking)


def test_schedule_block_lists_linked_sessions_with_counts(plan, own_unit):
    from tests.dialogues.factories import SessionFactory

    for _ in range(3):
        SessionFactory(plan=plan, commune=own_unit, target=50)
    texts = [b.text for b in plan_document(plan).blocks]
    assert "Tổng số: 3 buổi đối thoại, mỗi buổi 50 người dân (150 người dân)." in texts
    assert sum(1 for t in texts if t.startswith("Đối thoại") or own_unit.name in t) >= 3
