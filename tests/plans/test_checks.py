"""Every check fires on a crafted bad plan and stays quiet on a correct one."""

import datetime

from plans import outline, services
from plans.checks import plan_problems
from plans.models import Authority, BlockKind, CitationKind, CitedDocument


def messages(plan, blocking=None):
    return [p.message for p in plan_problems(plan) if blocking is None or p.blocking == blocking]


def _correct(plan):
    # The template's budget block has no estimate yet (a warning), nothing blocks.
    return messages(plan, blocking=True)


def test_a_correct_plan_has_no_blocking_problem(plan):
    assert _correct(plan) == []


def test_amount_in_words_that_does_not_match_the_figure_is_blocking(plan, officer):
    block = plan.blocks.filter(kind=BlockKind.BULLET).first()
    outline.update_block(block, by=officer, text="Tổng số tiền: 132 triệu đồng (Bằng chữ: Một trăm ba mươi ba triệu đồng chẵn).")
    assert any("không khớp với 132.000.000 đồng" in m for m in messages(plan, True))
    outline.update_block(block, by=officer, text="Tổng số tiền: 132 triệu đồng (Bằng chữ: Một trăm ba mươi hai triệu đồng chẵn).")
    assert _correct(plan) == []


def test_malformed_and_unknown_citations(plan, officer):
    block = plan.blocks.filter(kind=BlockKind.BULLET).first()
    outline.update_block(block, by=officer, text="Thực hiện Thông tư số 06/TT-2022/TT-BTTTT và Quyết định số 999/QĐ-UBND.")
    problems = plan_problems(plan)
    assert any(p.blocking and "06/TT-2022/TT-BTTTT" in p.message for p in problems)
    assert any(not p.blocking and "999/QĐ-UBND" in p.message for p in problems)
    wrong = CitedDocument.objects.create(kind=CitationKind.PARTY, doc_type="Chỉ thị",
                                         number="05/CT-TW", title="x")
    services.set_bases(plan, by=officer, documents=[wrong])
    assert any("05/CT-TW" in m for m in messages(plan, True))


def test_party_and_legal_numbers_in_the_library_are_accepted(plan, officer):
    docs = [CitedDocument.objects.create(kind=CitationKind.PARTY, doc_type="Chỉ thị", number="05-CT/TW", title="a"),
            CitedDocument.objects.create(kind=CitationKind.LEGAL, doc_type="Thông tư", number="55/2023/TT-BTC", title="b"),
            CitedDocument.objects.create(kind=CitationKind.STATE, doc_type="Quyết định", number="90/QĐ-TTg", title="c")]
    services.set_bases(plan, by=officer, documents=docs)
    assert _correct(plan) == []


def test_signature_block_must_fit_the_issuer(plan, officer):
    services.update_header(plan, by=officer, signer_name="")
    assert "Chưa ghi họ tên người ký." in messages(plan, True)
    services.update_header(plan, by=officer, signer_name="Ngô Anh Vũ", authority=Authority.BY_ORDER)
    assert any("thừa lệnh" in m for m in messages(plan, True))


def test_missing_required_section_and_empty_sections(plan, officer):
    section = plan.blocks.filter(kind=BlockKind.SECTION, text="TỔ CHỨC THỰC HIỆN").get()
    section.required_key = ""
    section.save()
    outline.update_block(section, by=officer, text="VIỆC KHÁC")
    assert any("TỔ CHỨC THỰC HIỆN" in m for m in messages(plan, True))
    outline.add_block(plan, by=officer, kind=BlockKind.SECTION, text="PHỤ LỤC TRỐNG")
    assert any("PHỤ LỤC TRỐNG" in m and "chưa có nội dung" in m for m in messages(plan, False))


def test_dates_outside_the_plan_year_and_body_validity(plan, officer):
    block = plan.blocks.filter(kind=BlockKind.BULLET).first()
    outline.update_block(block, by=officer, text="Thời gian: Quý III/2024.")
    assert any("Quý III/2024" in m for m in messages(plan, False))
    body = plan.issuing_body
    body.valid_to = datetime.date(2025, 6, 30)
    body.save()
    assert any("không còn hiệu lực trong năm 2026" in m for m in messages(plan, True))


def test_recipients_must_end_with_luu_vt(plan, officer):
    services.update_header(plan, by=officer, recipients="UBND các xã\nCác phòng, ban")
    assert any("Lưu: VT" in m for m in messages(plan, True))


def test_a_paragraph_with_a_typed_number_is_a_warning(plan, officer):
    outline.add_block(plan, by=officer, kind=BlockKind.PARAGRAPH, text="2.1. Chủ đề gõ tay")
    assert any("số thứ tự gõ tay" in m for m in messages(plan, False))
