"""Amounts in words against the figure they spell out.

The words follow «bằng chữ:» or stand in brackets right after the figure
(«132.000.000 đồng (Một trăm ba mươi hai triệu đồng)»). A value that differs blocks; the same
value reached only through a colloquial reading is a note with a one-click formal rewrite.
"""

import re

from documents.money import format_vnd, vi_money_words
from plans.problems import Fix, Problem
from plans.textchecks.amounts import Amount, amounts_in
from plans.textchecks.numberwords import read_words, words_of
from plans.textchecks.source import Paragraph

_AFTER_LABEL = re.compile(r"bằng\s+chữ\s*:?\s*(?P<words>[^().;:\d]{1,300}?)\s*(?=[).;]|$)",
                          re.IGNORECASE)
_IN_BRACKETS = re.compile(r"\s*\((?P<words>[^():\d]{1,300})\)")


def _spelled(line: Paragraph) -> list[tuple[Amount, re.Match]]:
    """(figure, match of its words) for every amount in words of the line."""
    text, labelled = line.text, "bằng chữ" in line.lowered
    if not labelled and "(" not in text:
        return []
    figures, found = amounts_in(text), []
    if not figures:
        return []
    for match in _AFTER_LABEL.finditer(text) if labelled else ():
        before = [a for a in figures if a.end <= match.start()]
        if before:
            found.append((before[-1], match))
    for figure in figures:
        if match := _IN_BRACKETS.match(text, figure.end):
            found.append((figure, match))
    return found


def _formal(words: str, value: int) -> str:
    lowered = words_of(words)
    formal = vi_money_words(value, chan="chẵn" in lowered)
    if "đồng" not in lowered:
        formal = formal.removesuffix(" đồng")
    return formal if words.strip()[:1].isupper() else formal[0].lower() + formal[1:]


def _problem(line: Paragraph, figure: Amount, match: re.Match) -> Problem | None:
    words = match.group("words").strip()
    readings = read_words(words)
    if readings is None:
        return None
    exact = [r for r in readings if r.value == figure.value]
    if not exact:
        read = f" (đọc là {format_vnd(readings[0].value)} đồng)" if readings else ""
        return Problem(True, f"Số tiền bằng chữ «{words}»{read} không khớp với "
                             f"{format_vnd(figure.value)} đồng (đúng là: "
                             f"{vi_money_words(figure.value)}).", line.where)
    if any(not r.notes for r in exact):
        return None
    formal = _formal(words, figure.value)
    start = match.start("words") + match.group("words").index(words)
    fix = Fix(f"Viết lại: «{formal}»", "replace", line.target, start, start + len(words),
              words, formal)
    return Problem(False, f"Số tiền bằng chữ «{words}» đúng giá trị {format_vnd(figure.value)} "
                          f"đồng nhưng viết theo khẩu ngữ: {'; '.join(exact[0].notes)}. Văn bản "
                          f"hành chính viết: «{formal}».", line.where, fix)


def money_word_problems(lines: list[Paragraph]) -> list[Problem]:
    """Every amount in words checked against its figure."""
    problems = []
    for line in lines:
        for figure, match in _spelled(line):
            if problem := _problem(line, figure, match):
                problems.append(problem)
    return problems
