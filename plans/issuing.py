"""The issuing guard: what stops a plan from being numbered and issued, and the warnings a
leader acknowledges one by one on the confirmation page.

On top of every blocking check (plans.checks), an issued plan may carry none of: a live block
with nothing linked (the app's own note would stand in its place), a placeholder left from a
template or a pasted sample («…», «[…]», «xxx», «(ghi tên)», «Nguyễn Văn A»), a blank signer.
"""

import hashlib
import re
from dataclasses import dataclass

from plans.checks import Problem, plan_problems
from plans.documents import EMPTY_BUDGET, EMPTY_SCHEDULE
from plans.live import budget_summary, schedule_lines
from plans.models import LiveBlock, Plan

SIGNER_MISSING = "Chưa ghi họ tên người ký."

# A blank left to be filled in, not text: an ellipsis or a dotted line standing on its own
# («Số …/KH», «ngày ..... tháng»), never the «…» that ends a list after a word or a comma
# («nhà ở,...», «v.v...»).
_PLACEHOLDERS = [
    (re.compile(r"(?<![\w,.])(?:…+|\.{3,})(?![\w])|\.{4,}|…{2,}"), "chỗ trống «…»"),
    (re.compile(r"\[[^\[\]\n]{0,80}\]"), "chỗ điền trong ngoặc vuông"),
    (re.compile(r"(?<![^\W\d_])(?:x{3,}|X{3,}|(?:19|20)xx|xx/xx)(?![^\W\d_])"), "chữ «xxx» giữ chỗ"),
    (re.compile(r"\((?:ghi|điền|nhập|tên|họ và tên|họ tên|chức danh)\b[^()\n]{0,60}\)",
                re.IGNORECASE), "lời dặn điền trong ngoặc"),
    (re.compile(r"(?<!\w)(?:Nguyễn|Trần|Lê|Phạm) (?:Văn|Thị) [A-ZĐ](?!\w)"), "tên mẫu"),
    (re.compile(re.escape(EMPTY_BUDGET[:26]) + "|" + re.escape(EMPTY_SCHEDULE[:26])),
     "ghi chú của phần mềm"),
]


@dataclass(frozen=True)
class IssueWarning:
    """A warning to acknowledge before issuing; ``key`` names it on the form."""

    message: str
    where: str

    @property
    def key(self) -> str:
        return hashlib.sha256(f"{self.where}\x1f{self.message}".encode()).hexdigest()[:16]


def _typed_fields(plan: Plan):
    """(anchor, label, text) of every field the author typed that the document prints."""
    yield "header", "Trích yếu", plan.title
    yield "header", "Căn cứ", plan.basis_text
    yield "header", "Đoạn mở đầu", plan.intro
    for block in plan.blocks.all():
        if block.text:
            yield f"block-{block.pk}", "Nội dung", block.text
    yield "header", "Đoạn kết", plan.closing
    yield "recipients", "Nơi nhận", plan.recipients
    yield "signature", "Người ký", plan.signer_name
    yield "signature", "Chức danh người ký", plan.signer_title


def placeholder_problems(plan: Plan) -> list[Problem]:
    """A placeholder anywhere the document prints: it would be issued as it stands."""
    problems = []
    for where, label, text in _typed_fields(plan):
        for pattern, what in _PLACEHOLDERS:
            if found := pattern.search(text or ""):
                start = max(0, found.start() - 30)
                context = text[start:found.end() + 30].replace("\n", " ").strip()
                problems.append(Problem(True, f"{label} còn {what} «{found.group(0)}» (trong "
                                              f"«{context}»): hãy điền nội dung thật.", where))
    return problems


def live_block_problems(plan: Plan, *, at_issue: bool) -> list[Problem]:
    """A live block with nothing linked: a warning while drafting, blocking at the issue."""
    kinds = {block.live for block in plan.blocks.all() if block.live}
    problems = []
    if LiveBlock.SCHEDULE in kinds and not schedule_lines(plan):
        problems.append(Problem(at_issue, "Mục «Thời gian, địa điểm» tự lấy từ các buổi đối thoại "
                                          "nhưng kế hoạch chưa có buổi nào: hãy lập các buổi đối "
                                          "thoại, hoặc xóa khối tự động và ghi nội dung.",
                                "schedule"))
    if at_issue and LiveBlock.BUDGET in kinds and budget_summary(plan) is None:
        problems.append(Problem(True, "Mục kinh phí tự lấy từ dự toán nhưng kế hoạch chưa gắn dự "
                                      "toán: hãy gắn dự toán, hoặc xóa khối tự động và ghi nội "
                                      "dung.", "budget"))
    return problems


def all_problems(plan: Plan, *, at_issue: bool = False) -> list[Problem]:
    """Every check and the guard's own, each once, blocking first. ``at_issue``: what an issue
    refuses (a live block with nothing linked becomes blocking, replacing its warning)."""
    guard = placeholder_problems(plan) + live_block_problems(plan, at_issue=at_issue)
    if not plan.signer_name.strip():
        guard.append(Problem(True, SIGNER_MISSING, "signature"))
    if plan.collective_line and not plan.collective_name.strip():
        guard.append(Problem(True, "Đã chọn in dòng «TM. …» nhưng chưa ghi tên tập thể (ví dụ "
                                   "«ỦY BAN NHÂN DÂN»).", "signature"))
    blocked_at = {p.where for p in guard if p.blocking}
    seen, problems = set(), []
    # Blocking ones first, so a message reported both ways is kept as blocking (stable order).
    for problem in sorted(plan_problems(plan) + guard, key=lambda p: not p.blocking):
        if problem.message in seen or (not problem.blocking and problem.where in blocked_at
                                       and problem.where in ("budget", "schedule")):
            continue
        seen.add(problem.message)
        problems.append(problem)
    return sorted(problems, key=lambda p: not p.blocking)


def issue_review(plan: Plan) -> tuple[list[Problem], list[IssueWarning]]:
    """What blocks the issue, and the warnings the leader must acknowledge one by one."""
    problems = all_problems(plan, at_issue=True)
    blocking = [p for p in problems if p.blocking]
    warnings = [IssueWarning(p.message, p.where) for p in problems if not p.blocking]
    return blocking, warnings
