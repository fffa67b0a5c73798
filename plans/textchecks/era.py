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
def pre_reform_words() -> tuple[tuple[re.Pattern, str, str], ...]:
    """(pattern, phrase, instead), longest phrase first so «cấp huyện» is named before «huyện»."""
    rows = [tuple(part.strip() for part in line.split("|", 1)) for line in _lines("pre_reform_words.txt")]
    rows.sort(key=lambda row: -len(row[0]))
    return tuple((re.compile(rf"(?<!\w){re.escape(phrase)}(?!\w)", re.IGNORECASE), phrase, instead)
                 for phrase, instead in rows)


@functools.cache
def _allowed() -> re.Pattern | None:
    names = _lines("pre_reform_allowed_names.txt")
    if not names:
        return None
    return re.compile("|".join(rf"(?<!\w){re.escape(name)}(?!\w)" for name in names), re.IGNORECASE)


def _masked(text: str) -> str:
    """The text with the allowed proper names blanked out (same length, so places stay)."""
    allowed = _allowed()
    return allowed.sub(lambda m: " " * len(m.group(0)), text) if allowed else text


def pre_reform_hits(text: str) -> list[tuple[str, str]]:
    """(phrase as written, instead) of every pre-reform phrase in ``text``, each place once."""
    masked, taken, hits = _masked(text), set(), []
    for pattern, _phrase, instead in pre_reform_words():
        for match in pattern.finditer(masked):
            if any(start <= match.start() < end for start, end in taken):
                continue
            taken.add((match.start(), match.end()))
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
