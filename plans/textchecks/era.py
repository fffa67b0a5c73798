"""Words of the government before the 2025 reform in a plan drafted after it: «huyện»,
«cấp huyện», «Phòng Lao động»… (``plans/data/pre_reform_words.txt``), except inside a proper
name (``plans/data/pre_reform_allowed_names.txt``: «Bà Huyện Thanh Quan»). A warning per
phrase and paragraph, naming what to write instead. The lists ship with the code, so reading
them once per process is safe."""

import functools
import re
from pathlib import Path

from plans.problems import Problem
from plans.textchecks.source import Paragraph

DATA = Path(__file__).resolve().parent.parent / "data"


def _lines(name: str) -> list[str]:
    text = (DATA / name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


@functools.cache
def pre_reform_words() -> tuple[tuple[re.Pattern, str, str, str], ...]:
    """(pattern over lower-cased text, phrase, instead, lower-cased phrase), longest first so «cấp huyện» is
    named before «huyện». The patterns match lower-cased text: a case-insensitive pattern with
    look-arounds scans Vietnamese several times slower."""
    rows = [tuple(part.strip() for part in line.split("|", 1)) for line in _lines("pre_reform_words.txt")]
    rows.sort(key=lambda row: -len(row[0]))
    return tuple((_word(phrase.lower()), phrase, instead, phrase.lower()) for phrase, instead in rows)


def _word(phrase: str) -> re.Pattern:
    return re.compile(rf"(?<!\w){re.escape(phrase)}(?!\w)")


@functools.cache
def _allowed() -> tuple[tuple[str, re.Pattern], ...]:
    return tuple((name.lower(), _word(name.lower())) for name in _lines("pre_reform_allowed_names.txt"))


def _masked(lowered: str) -> str:
    """The lower-cased text with the allowed proper names blanked out (same length)."""
    for name, pattern in _allowed():
        if name in lowered:
            lowered = pattern.sub(lambda m: " " * len(m.group(0)), lowered)
    return lowered


def pre_reform_hits(text: str) -> list[tuple[str, str]]:
    """(phrase as written, instead) of every pre-reform phrase in ``text``, each place once;
    a plain substring test first leaves out the paragraphs (most of a plan) without any."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a letter whose lower case is longer: places would shift
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    wanted = [row for row in pre_reform_words() if row[3] in lowered]
    if not wanted:
        return []
    scanned, taken, hits = _masked(lowered), [], []
    for pattern, _phrase, instead, _lowered in wanted:
        for match in pattern.finditer(scanned):
            if any(start <= match.start() < end for start, end in taken):
                continue
            taken.append((match.start(), match.end()))
            hits.append((text[match.start():match.end()], instead))
    return hits


def era_problems(lines: list[Paragraph], recipients: str) -> list[Problem]:
    """A warning per pre-reform phrase of each paragraph and of «Nơi nhận»."""
    places = [(line.where, line.text) for line in lines] + [("recipients", recipients)]
    problems = []
    for where, text in places:
        seen = set()
        for written, instead in pre_reform_hits(text):
            if written.lower() in seen:
                continue
            seen.add(written.lower())
            problems.append(Problem(False, f"Kế hoạch lập sau ngày 01/7/2025 còn dùng «{written}» "
                                           f"của bộ máy trước sắp xếp; hãy viết: {instead}.", where))
    return problems
