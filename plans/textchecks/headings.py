"""Headings typed in another case than Decree 30 gives their level: a suggestion with a one-click
fix, never a rewrite (the author's case is kept until they click).

A «I.», «II.» heading (mục) is written in capitals (domain.md §1.4: «I. MỤC ĐÍCH, YÊU CẦU»); a
titled «1.», «2.» heading (khoản) begins with a capital letter.
"""

from plans.models import BlockKind
from plans.problems import Fix, Problem
from plans.textchecks.source import Paragraph


def heading_case_problems(lines: list[Paragraph]) -> list[Problem]:
    problems = []
    for line in lines:
        if not line.is_block:
            continue
        text = line.text
        if line.kind == BlockKind.SECTION and text != (upper := text.upper()):
            problems.append(Problem(False, f"Đề mục cấp I, II… «{text}» theo Nghị định 30/2020/NĐ-CP viết in hoa: "
                                           f"«{upper}».", line.where,
                                    Fix("Viết in hoa", "replace", line.target, 0, len(text), text, upper)))
        elif line.kind == BlockKind.CLAUSE and line.titled and (first := _first_letter(text)) is not None \
                and text[first].islower():
            fixed = text[:first] + text[first].upper() + text[first + 1:]
            problems.append(Problem(False, f"Tiêu đề khoản «{text}» viết hoa chữ đầu: «{fixed}».", line.where,
                                    Fix("Viết hoa chữ đầu", "replace", line.target, first, first + 1,
                                        text[first], text[first].upper())))
    return problems


def _first_letter(text: str) -> int | None:
    """The place of the first letter (after any «**» or «*» the author's emphasis opens with)."""
    return next((i for i, c in enumerate(text) if c.isalpha()), None)
