"""One plan citing the same thing two ways: a body with two founding decisions, one founding
decision under two body names, one document number with two dates."""

import re
from collections import defaultdict

from plans.problems import Problem
from plans.textchecks.source import Paragraph
from vntext import search_key

# Possessive («*+»): a long run of letters after «số 1» that is not followed by «ngày» must
# fail in one pass, not by trying every split of the run (seconds for a few thousand letters).
_NUMBER = r"\d[\w/&\-]*+"
_FOUNDED = re.compile(
    r"(?P<body>(?:Ban|Tổ|Hội đồng|Đoàn|Nhóm|Văn phòng|Bộ phận)\s[^,;:()“”\"]{3,100}?)\s*"
    r"(?:\(|,)?\s*(?:được\s+|đã\s+được\s+)?(?:thành\s+lập|kiện\s+toàn)\s+(?:theo|tại|bởi)\s+"
    rf"(?:Quyết\s+định|QĐ)\s+(?:số\s+)?(?P<number>{_NUMBER})", re.IGNORECASE)
_DATED = re.compile(rf"\b[Ss]ố\s+(?P<number>{_NUMBER})\s+ngày\s+(?P<d>\d{{1,2}})\s*[/.-]\s*"
                    r"(?P<m>\d{1,2})\s*[/.-]\s*(?P<y>\d{4})")


def _is_symbol(number: str) -> bool:
    """A document's number and symbol («90/QĐ-TTg»), not a bare number or a date."""
    return any(c.isalpha() for c in number)


def _body_key(name: str) -> str:
    return " ".join(search_key(name).split())


def _founding_problems(lines: list[Paragraph]) -> list[Problem]:
    by_body, by_number = defaultdict(dict), defaultdict(dict)
    for line in lines:
        if "thành lập" not in line.lowered and "kiện toàn" not in line.lowered:
            continue
        for match in _FOUNDED.finditer(line.text):
            body, number = " ".join(match["body"].split()), match["number"].rstrip("-/.")
            if not _is_symbol(number):
                continue
            by_body[_body_key(body)].setdefault(number, (body, line.where))
            by_number[number].setdefault(_body_key(body), (body, line.where))
    problems = []
    for numbers in by_body.values():
        if len(numbers) > 1:
            (first, (body, _)), (second, (_, where)) = list(numbers.items())[:2]
            problems.append(Problem(False, f"«{body}» được dẫn là thành lập theo hai quyết định "
                                           f"khác nhau: số {first} và số {second}.", where))
    for number, bodies in by_number.items():
        if len(bodies) > 1:
            (one, _), (other, where) = list(bodies.values())[:2]
            problems.append(Problem(False, f"Quyết định số {number} được dẫn là thành lập hai "
                                           f"tên khác nhau: «{one}» và «{other}».", where))
    return problems


def _date_problems(lines: list[Paragraph]) -> list[Problem]:
    dates = defaultdict(dict)
    for line in lines:
        if "ngày" not in line.text:
            continue
        for match in _DATED.finditer(line.text):
            if not _is_symbol(match["number"]):
                continue
            day = (int(match["d"]), int(match["m"]), int(match["y"]))
            dates[match["number"].rstrip("-/.")].setdefault(day, line.where)
    problems = []
    for number, seen in dates.items():
        if len(seen) > 1:
            shown = " và ".join(f"{d:02d}/{m:02d}/{y}" for d, m, y in seen)
            problems.append(Problem(False, f"Văn bản số {number} được dẫn với các ngày khác "
                                           f"nhau: {shown}.", list(seen.values())[1]))
    return problems


def citation_consistency_problems(lines: list[Paragraph]) -> list[Problem]:
    """A note wherever the plan cites one body or one document in two different ways."""
    return _founding_problems(lines) + _date_problems(lines)
