"""Checks before submission ("Kiểm tra"): each problem blocking or a warning, with where to fix."""

import re

from django.db.models import prefetch_related_objects

from budgets.checks import signed_vnd, stated_total_conflicts
from documents.money import format_vnd
from documents.symbols import classify_number
from plans.kinds import missing_sections
from plans.live import budget_summary
from plans.models import Authority, BlockKind, LiveBlock, Plan
from plans.parsing import classify
from plans.problems import Problem
from plans.textchecks import text_problems
from plans.textchecks.amounts import amounts_in
from plans.validity import body_active_in_year
from vntext import search_key

__all__ = ["Problem", "plan_problems"]

_TOTAL = re.compile(r"tổng(?: số tiền| kinh phí| cộng)?\s*:?\s*", re.I)
_CITED_NUMBER = re.compile(r"\bsố\s+(\d[\w/&\-Đđ]*[A-Za-zĐđ][\w/&\-Đđ]*)")
_QUARTER_YEAR = re.compile(r"quý\s+[IVX1-4]+\s*(?:/|năm)\s*(\d{4})", re.I)


def _texts(plan: Plan):
    """(anchor, text) of every paragraph an officer typed."""
    yield "header", plan.title
    yield "header", plan.intro
    for block in plan.blocks.all():
        if block.text:
            yield f"block-{block.pk}", block.text
    yield "header", plan.closing


def money_problems(plan: Plan) -> list[Problem]:
    """Totals written in the text and the stated total against the linked estimate."""
    problems, summary = [], budget_summary(plan)
    total = summary["total"] if summary else None
    if total is None:
        return problems
    for where, text in _texts(plan):
        for amount in amounts_in(text):
            prefix = text[max(0, amount.start - 30):amount.start]
            if _TOTAL.search(prefix) and amount.value != total:
                diff = amount.value - total
                problems.append(Problem(True, f"Văn bản ghi tổng {format_vnd(amount.value)} "
                                              f"đồng nhưng dự toán gắn kèm là {format_vnd(total)} "
                                              f"đồng (chênh {signed_vnd(diff)} đồng).", where))
    if plan.stated_total is not None and plan.stated_total != total:
        problems.append(Problem(True, f"Tổng kinh phí ghi trong văn bản ({format_vnd(plan.stated_total)} "
                                      f"đồng) khác tổng các phần của dự toán ({format_vnd(total)} đồng), "
                                      f"chênh {signed_vnd(plan.stated_total - total)} đồng.", "header"))
    problems += [Problem(not c.kept, c.message, "budget") for c in stated_total_conflicts(plan.estimate)]
    return problems


def citation_problems(plan: Plan) -> list[Problem]:
    from areas.validity import valid_in_year

    problems = []
    for link in plan.basis_links.select_related("document"):
        document = link.document
        if not document.number_is_valid:
            problems.append(Problem(True, f"Số hiệu «{document.number}» của văn bản căn cứ không "
                                          f"đúng mẫu {document.get_kind_display()}.", "bases"))
        if not valid_in_year(document, plan.year):
            problems.append(Problem(False, f"Văn bản căn cứ «{document.citation[:100]}» không có "
                                           f"hiệu lực trong năm {plan.year} của kế hoạch "
                                           f"(hiệu lực {document.validity_text}).", "bases"))
    from plans.models import CitedDocument

    known = set(CitedDocument.objects.values_list("number", flat=True))
    for where, text in _texts(plan):
        for match in _CITED_NUMBER.finditer(text):
            number = match.group(1).rstrip("-/")
            if classify_number(number) is None:
                problems.append(Problem(True, f"Số hiệu văn bản «{number}» sai mẫu (mẫu đúng: "
                                              "90/QĐ-TTg, 55/2023/TT-BTC hoặc 05-CT/TW).", where))
            elif number not in known:
                problems.append(Problem(False, f"Văn bản số {number} chưa có trong thư viện văn "
                                               "bản căn cứ; hãy kiểm tra số, ngày, cơ quan ban hành.",
                                        where))
    return problems


def signature_problems(plan: Plan) -> list[Problem]:
    problems = []
    if not plan.signer_name.strip():
        problems.append(Problem(True, "Chưa ghi họ tên người ký.", "signature"))
    if plan.authority in (Authority.BY_ORDER, Authority.DELEGATED) and not plan.signer_title:
        problems.append(Problem(True, "Ký thừa lệnh/thừa ủy quyền phải ghi chức danh người ký.",
                                "signature"))
    if plan.authority == Authority.DEPUTY and not plan.deputy_title:
        problems.append(Problem(True, "Cấp phó ký thay (KT.) phải có chức danh cấp phó.",
                                "signature"))
    if not plan.is_collective and plan.authority == Authority.DEPUTY and not plan.head_title:
        problems.append(Problem(True, "Thiếu chức danh người đứng đầu cho dòng «KT.».", "signature"))
    return problems


def structure_problems(plan: Plan) -> list[Problem]:
    problems, blocks = [], list(plan.blocks.all())
    sections = [b.text for b in blocks if b.kind == BlockKind.SECTION]
    for required in missing_sections(plan.kind, sections):
        problems.append(Problem(True, required.message, "outline"))
    for index, block in enumerate(blocks):
        if block.kind == BlockKind.SECTION or block.titled:
            following = blocks[index + 1] if index + 1 < len(blocks) else None
            if following is None or (following.depth <= block.depth and not following.live):
                problems.append(Problem(False, f"Mục «{block.text or '(chưa có tiêu đề)'}» chưa có "
                                               "nội dung.", f"block-{block.pk}"))
        if block.kind != BlockKind.SECTION and not block.text and not block.live:
            problems.append(Problem(False, "Có đoạn trống.", f"block-{block.pk}"))
        if block.kind == BlockKind.PARAGRAPH and classify(block.text).kind != BlockKind.PARAGRAPH:
            problems.append(Problem(False, "Đoạn văn bắt đầu bằng số thứ tự gõ tay; hãy đổi thành "
                                           "mục/khoản/điểm để số được tự đánh.", f"block-{block.pk}"))
    if not plan.title.strip():
        problems.append(Problem(True, "Chưa có trích yếu (tên kế hoạch).", "header"))
    return problems


def date_problems(plan: Plan) -> list[Problem]:
    problems = []
    if not body_active_in_year(plan.issuing_body, plan.year):
        problems.append(Problem(True, f"{plan.issuer_name} không còn hiệu lực trong năm {plan.year} "
                                      f"({plan.issuing_body.validity_text}).", "header"))
    for where, text in _texts(plan):
        for match in _QUARTER_YEAR.finditer(text):
            if int(match.group(1)) != plan.year:
                problems.append(Problem(False, f"«{match.group(0)}» nằm ngoài năm của kế hoạch "
                                               f"({plan.year}).", where))
    return problems


def recipient_problems(plan: Plan) -> list[Problem]:
    recipients = plan.recipient_list
    if not recipients or not search_key(recipients[-1]).startswith("luu: vt"):
        return [Problem(True, "Nơi nhận phải kết thúc bằng dòng «Lưu: VT, …».", "recipients")]
    return []


def live_problems(plan: Plan) -> list[Problem]:
    live = {b.live for b in plan.blocks.all()}
    if LiveBlock.BUDGET in live and getattr(plan, "estimate", None) is None:
        return [Problem(False, "Mục kinh phí chưa gắn dự toán nên chưa có số liệu.", "budget")]
    return []


def plan_problems(plan: Plan) -> list[Problem]:
    """Every check, blocking problems first."""
    # The checks read the blocks several times: load them once (a 40-page plan has ~500),
    # and forget them afterwards so the caller never sees a stale list.
    loaded_before = "blocks" in getattr(plan, "_prefetched_objects_cache", {})
    prefetch_related_objects([plan], "blocks")
    try:
        problems = (structure_problems(plan) + money_problems(plan) + citation_problems(plan)
                    + signature_problems(plan) + date_problems(plan) + recipient_problems(plan)
                    + live_problems(plan) + text_problems(plan))
    finally:
        if not loaded_before:
            plan._prefetched_objects_cache.pop("blocks", None)
    return sorted(problems, key=lambda p: not p.blocking)
