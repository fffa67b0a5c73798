"""How a document names the programme's parts: «Dự án 6, Tiểu dự án 2» for 2021–2025, «Hợp phần 1,
nội dung …» for 2026–2035; never a bare catalogue code («DA6-TDA2», «HP1-TT»)."""

import re

from budgets.models import SubProject

# «DA6» → «Dự án 6», «TDA2» → «Tiểu dự án 2», «HP1» → «Hợp phần 1». The 2026 contents («TT», «NL»…)
# have no number and are named only.
_CODE_WORDS = (("TDA", "Tiểu dự án"), ("DA", "Dự án"), ("HP", "Hợp phần"))


def numbered(code: str) -> str:
    """The code as a document names it, or "" when it is not a numbered project or component."""
    match = re.fullmatch(r"\s*([A-ZĐ]+)[\s.-]*(\d+)\s*", (code or "").upper())
    if match:
        for prefix, word in _CODE_WORDS:
            if match.group(1) == prefix:
                return f"{word} {int(match.group(2))}"
    return ""


def sub_project_label(sub: SubProject | None) -> str:
    """A workbook's title for a sub-project: «Tiểu dự án 2 (Dự án 6): Truyền thông …», read from its code
    alone (no query); one that is not numbered («HP1-TT») by its name."""
    if sub is None:
        return "Chưa xác định tiểu dự án"
    head, _, tail = sub.code.partition("-")
    part, number = numbered(head), numbered(tail)
    return f"{number} ({part}): {sub.name}" if part and number else sub.name


def sub_project_head(sub: SubProject) -> str:
    """«Dự án 6, Tiểu dự án 2» or «Hợp phần 1, nội dung»: what stands before the sub-project's name."""
    component = sub.component
    part = numbered(component.code) or component.name
    return f"{part}, {numbered(sub.short_code) or 'nội dung'}"


def sub_project_title(sub: SubProject) -> str:
    """«Dự án 6, Tiểu dự án 2: Truyền thông về giảm nghèo đa chiều»; «Hợp phần 1, nội dung: Thông tin, …»."""
    return f"{sub_project_head(sub)}: {sub.name}"


def sub_project_phrase(sub: SubProject) -> str:
    """The name inside a sentence or a list: «Dự án 6, Tiểu dự án 2 (Truyền thông về giảm nghèo đa
    chiều)», «Hợp phần 1, nội dung «Thông tin, truyền thông về giảm nghèo bền vững»»."""
    if numbered(sub.short_code):
        return f"{sub_project_head(sub)} ({sub.name})"
    return f"{sub_project_head(sub)} «{sub.name}»"
