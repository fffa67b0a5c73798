"""Leftovers of text pasted from a PDF: page numbers, page headers and footers, broken sentences.

A page number lands inside a sentence («tiếp cận thông 3 tin») or on a line of its own («3»,
«- 3 -», «— 3 —», «Trang 3», «Trang 3/12»); the source's running header or footer repeats as a paragraph;
a page break cuts a sentence into two paragraphs. Each gets a one-click fix: remove the number,
delete the line, join the paragraphs.
"""

import re
from collections import Counter

from plans.models import BlockKind
from plans.problems import Fix, Problem
from plans.textchecks.source import Paragraph
from vntext import search_key

_PAGE_LINE = re.compile(r"^(?:trang\s+)?[-–—]?\s*\d{1,3}(?:\s*/\s*\d{1,3})?\s*[-–—]?$",
                        re.IGNORECASE)
# Words a number counts («18 xã», «50 người», «01 buổi»): a number before them is meant.
_COUNTED = frozenset("""
xã phường thị trấn huyện tỉnh thôn bản tổ làng ấp người hộ buổi cuộc lớp đợt lượt ngày tháng
năm quý tuần giờ phút bản tờ cuốn quyển trang bộ chiếc cái con đơn vị đại biểu cán bộ học viên
lần điểm mô hình dự án tiểu nhóm hội nghị câu ý kiến triệu tỷ nghìn đồng km m ha kg tấn mục
khoản điều chương phần phụ lục biểu mẫu số suất phòng ban ngành đoàn thể chi hội xóm tổ
""".split())
# Words a number follows as its name or rank («dự án 2», «Quý 3», «khoản 2», «thôn 5»).
_NUMBERED = frozenset("""
án quý khoản điều mục số lần đoạn lục tổ thôn xóm đội khu lớp chương phần trang điểm bước đợt
tuần tháng ngày năm phường tiết bảng biểu hình nhóm câu bài cấp hạng loại mức vòng kỳ khóa
khoá tầng phòng tập quyển
""".split())
_FINAL = (".", ";", ":", "!", "?", ")", "”", "\"", "…", "/.")
# Words a sentence cannot end on: a paragraph ending on one was cut by a page break.
_DANGLING = frozenset("""
của và với cho theo tại từ về các những là thuộc trong trên dưới để do bởi như mà hoặc nhằm
đến vào ra được bị có một số các
""".split())
_RUNNING_MAX = 120
_DIGITS = re.compile(r"\d+")
_SMALL_NUMBER = re.compile(r"\s\d{1,3}\s")
_HEADER_LINES = ("cong hoa xa hoi chu nghia viet nam", "doc lap - tu do - hanh phuc")


def _candidates(line: Paragraph):
    """(before, number, after) tokens of «word N word» with single spaces, N of 1–3 digits."""
    tokens, text = line.tokens, line.text
    for i in range(1, len(tokens) - 1):
        number = tokens[i]
        if not number.group(0).isdigit() or len(number.group(0)) > 3:
            continue
        before, after = tokens[i - 1], tokens[i + 1]
        if (text[before.end():number.start()] == " " and text[number.end():after.start()] == " "
                and before.group(0).isalpha() and after.group(0).isalpha()):
            yield before, number, after


def _inline_numbers(lines: list[Paragraph]) -> list[Problem]:
    """«tiếp cận thông 3 tin»: a number between two words that the plan elsewhere writes
    side by side («thông tin»), and that neither names («dự án 2») nor counts («18 xã»)."""
    found = [(line, c) for line in lines if _SMALL_NUMBER.search(line.text)
             for c in _candidates(line)]
    found = [(line, (b, n, a)) for line, (b, n, a) in found
             if b.group(0).islower() and a.group(0).islower()
             and a.group(0) not in _COUNTED and b.group(0) not in _NUMBERED]
    if not found:
        return []
    whole = "\n".join(line.lowered for line in lines)
    problems = []
    for line, (before, number, after) in found:
        if f"{before.group(0)} {after.group(0)}" not in whole:
            continue
        start, end = number.start() - 1, number.end()  # the number and the space before it
        fix = Fix(f"Bỏ số «{number.group(0)}»", "replace", line.target, start, end,
                  line.text[start:end], "")
        shown = line.text[before.start():after.end()]
        problems.append(Problem(False, f"Số trang lọt vào câu: «{shown}» (có lẽ là "
                                       f"«{before.group(0)} {after.group(0)}»).", line.where, fix))
    return problems


def _shape(line: Paragraph) -> str:
    """The line with its numbers blanked: «Kế hoạch số 12/KH-UBND, trang 3» and «…, trang 4»
    have the same shape."""
    return _DIGITS.sub("#", " ".join(line.lowered.split()))


def _is_header(line: Paragraph, header_keys: set[str]) -> bool:
    # Headers are typed in capitals; folding accents («HÒA»/«HOÀ») only for those few lines.
    text = line.text.strip().rstrip(".")
    return (text.isupper() or text.startswith("Độc lập")) and search_key(text) in header_keys


def _running_lines(lines: list[Paragraph], header_keys: set[str]) -> list[Problem]:
    """Lone page numbers and the source's headers/footers repeated as paragraphs."""
    problems = []
    # Running headers and footers are short: longer paragraphs are never looked at here.
    short = [line for line in lines if line.is_block and len(line.text) <= _RUNNING_MAX]
    repeated = Counter(_shape(line) for line in short if not line.is_list_item)
    for line in short:
        text, shape = line.text.strip(), _shape(line)
        reason = ""
        if _PAGE_LINE.match(text):
            reason = f"Dòng «{text}» là số trang của văn bản gốc"
        elif _is_header(line, header_keys):
            reason = f"Dòng «{text}» là đầu trang của văn bản gốc"
        elif ("#" in shape and repeated[shape] >= 2 and not line.is_heading
              and not text.endswith(_FINAL)):
            reason = f"Dòng «{text}» lặp lại như đầu/chân trang của văn bản gốc"
        if reason:
            problems.append(Problem(False, f"{reason}, không thuộc nội dung.", line.where,
                                    Fix("Xóa dòng này", "delete", line.target, old=line.text)))
    return problems


def _split_sentences(lines: list[Paragraph]) -> list[Problem]:
    problems = []
    for first, second in zip(lines, lines[1:], strict=False):
        if not (first.is_block and second.is_block) or first.is_heading:
            continue
        if second.kind != BlockKind.PARAGRAPH or second.is_heading:
            continue
        head, tail = first.text.rstrip(), second.text.lstrip()
        if not head or not tail or head.endswith(_FINAL):
            continue
        last = first.tokens[-1].group(0).lower() if first.tokens else ""
        if not (tail[0].islower() or head.endswith(",") or last in _DANGLING):
            continue
        seam = f"…{head[-30:]} ¶ {tail[:30]}…"
        fix = Fix("Nối hai đoạn", "join", first.target, old=first.text, new=" ",
                  other=second.target)
        problems.append(Problem(False, f"Câu bị ngắt thành hai đoạn (dấu ngắt trang của văn bản "
                                       f"gốc?): «{seam}».", first.where, fix))
    return problems


def pasted_text_problems(lines: list[Paragraph], header_lines: list[str]) -> list[Problem]:
    """Page numbers, running headers/footers and broken sentences left by a paste."""
    problems = _inline_numbers(lines)
    header_keys = {search_key(h).rstrip(" .") for h in [*header_lines, *_HEADER_LINES] if h.strip()}
    problems += _running_lines(lines, header_keys)
    return problems + _split_sentences(lines)
