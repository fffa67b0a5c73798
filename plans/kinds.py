"""What each kind of plan starts with: title, introduction, outline, closing, recipients.

Outlines are written in the same syntax officers paste ("I.", "1.", "a)", "-", "+") and parsed
by plans.parsing, so a template reads like the plan it produces. ``{place}``, ``{year}``,
``{body}`` (the issuing body's name) and ``{unit}`` are filled in for the officer.
Each kind lists its required sections (checked before submission) with the other headings
officers write for the same content: they are matched by meaning, not by one exact string.
"""

import re
from dataclasses import dataclass, field

from vntext import search_key

# "Phần I", "Mục 2", "III.", "3.", "2.1.", "a)": numbering the author typed before a heading.
_NUMBERING = re.compile(r"^\s*(?:(?:phan|muc)\s+)?(?:[ivxlcd]+|\d+(?:\.\d+)*|[a-z])\s*[.):/-]\s*"
                        r"|^\s*(?:phan|muc)\s+(?:[ivxlcd]+|\d+)\s+")
# The joints between the parts of a heading: «Mục đích, yêu cầu» = «Mục đích và yêu cầu».
_JOINTS = re.compile(r"\s*(?:[,;:/&–—-]|\bva\b)\s*")


def heading_key(text: str) -> tuple[str, ...]:
    """A heading's parts folded (case, diacritics, numbering, joints, order ignored), so that
    «III. Mục đích và yêu cầu:» and «MỤC ĐÍCH, YÊU CẦU» give the same key."""
    folded = _NUMBERING.sub("", search_key(text)).strip(" .:;")
    parts = (" ".join(part.split()) for part in _JOINTS.split(folded))
    return tuple(sorted(part for part in parts if part))


@dataclass(frozen=True)
class RequiredSection:
    """A section a kind must have: the template's heading and the headings that say the same."""

    heading: str
    accepted: tuple[str, ...] = ()

    def matches(self, text: str) -> bool:
        return heading_key(text) in {heading_key(h) for h in (self.heading, *self.accepted)}

    @property
    def message(self) -> str:
        also = ", ".join(f"«{h}»" for h in self.accepted[:4])
        return (f"Thiếu mục bắt buộc «{self.heading}» của loại kế hoạch này"
                + (f" (hoặc một tiêu đề cùng nghĩa: {also})." if also else "."))


PURPOSE = RequiredSection("MỤC ĐÍCH, YÊU CẦU", (
    "Mục tiêu, yêu cầu", "Mục đích, ý nghĩa, yêu cầu", "Mục đích, mục tiêu, yêu cầu"))
CONTENT_FORM = RequiredSection("NỘI DUNG, HÌNH THỨC", (
    "Nội dung, hình thức tổ chức", "Nội dung, hình thức đối thoại", "Nội dung, hình thức thực hiện",
    "Nội dung, hình thức truyền thông", "Nội dung, hình thức, thời gian, địa điểm",
    "Nội dung thực hiện", "Nội dung, nhiệm vụ"))
FUNDING = RequiredSection("KINH PHÍ THỰC HIỆN", (
    "Kinh phí", "Kinh phí tổ chức", "Kinh phí tổ chức thực hiện", "Kinh phí thực hiện kế hoạch",
    "Nguồn kinh phí", "Kinh phí, nguồn kinh phí"))
ORGANISATION = RequiredSection("TỔ CHỨC THỰC HIỆN", (
    "Tổ chức thực hiện kế hoạch", "Phân công nhiệm vụ", "Phân công thực hiện",
    "Phân công tổ chức thực hiện", "Trách nhiệm thực hiện"))
PROGRAMME = RequiredSection("CHƯƠNG TRÌNH HỘI NGHỊ", (
    "Nội dung, chương trình", "Nội dung, chương trình hội nghị", "Chương trình",
    "Chương trình, nội dung", "Nội dung hội nghị", "Chương trình làm việc"))
TASKS = RequiredSection("NỘI DUNG THỰC HIỆN", (
    "Nội dung", "Nhiệm vụ, giải pháp", "Nội dung, nhiệm vụ", "Nhiệm vụ thực hiện",
    "Nội dung, nhiệm vụ thực hiện", "Các nhiệm vụ trọng tâm"))


def missing_sections(kind: str, headings: list[str]) -> list[RequiredSection]:
    """The kind's required sections that none of ``headings`` says, in template order (the
    same for every wording of the kind: commune, province, before the 2025 reform)."""
    from plans.wording import required_sections

    return [required for required in required_sections(kind)
            if not any(required.matches(text) for text in headings)]


@dataclass(frozen=True)
class KindTemplate:
    title: str
    intro: str
    outline: str
    closing: str
    recipients: list[str]
    required: list[RequiredSection] = field(default_factory=list)
    live_budget_after: str = ""  # the clause title under which the budget block goes
    live_schedule_after: str = ""


PURPOSE_OUTLINE = """I. MỤC ĐÍCH, YÊU CẦU
1. Mục đích
- {purpose}
2. Yêu cầu
- {requirement}
"""


BLANK = KindTemplate(
    title="", intro="", outline="I. MỤC ĐÍCH, YÊU CẦU\n", closing="", recipients=["Lưu: VT"],
)
