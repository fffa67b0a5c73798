"""Amounts of money as plans write them in figures, in any unit, and totals against their parts.

«250 triệu đồng», «250.000.000 đồng», «250.000.000đ», «1,5 tỷ đồng», «95 tr.đ», «250.000
nghìn đồng» all become a whole number of đồng. A «Trong đó» list (inline after the total, or
the list items that follow it, marked + / - / (+) / a) …) is added up, nested lists level by
level, and compared with the total it breaks down.
"""

import functools
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from documents.money import format_vnd
from plans.problems import Problem
from plans.textchecks.source import Paragraph

_NUMBER = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+,\d+|\d+\.\d{1,2}(?!\d)|\d+"
# No look-behind: it would run at every character; the character before is checked in Python.
_AMOUNT = re.compile(
    rf"(?P<num>{_NUMBER})\s*"
    r"(?:(?P<scale>nghìn|ngàn|triệu|tỷ|tỉ|tr\.?|ng\.?)\s*)?"
    r"(?P<cur>đồng|đ(?!\w)\.?|vnđ|vnd)?",
    re.IGNORECASE,
)
_SCALES = {"nghìn": 1_000, "ngàn": 1_000, "ng": 1_000, "triệu": 1_000_000, "tr": 1_000_000,
           "tỷ": 1_000_000_000, "tỉ": 1_000_000_000}
# A scale word alone counts as money only where nothing follows it («95 triệu;»), never in
# «3 triệu người»; «tr»/«ng» alone are not money at all.
_BARE_SCALES = ("triệu", "tỷ", "tỉ")
_IN_WHICH = re.compile(r"\btrong\s+đó\b\s*[:,]?", re.IGNORECASE)
_LIST_INTRO = re.compile(r"(?:gồm|bao gồm|như sau|cụ thể|chi tiết)\s*:\s*$", re.IGNORECASE)
_TOTAL_WORD = re.compile(r"tổng(?:\s+(?:số\s+tiền|số\s+kinh\s+phí|kinh\s+phí|cộng|dự\s+toán|"
                         r"nguồn\s+vốn|vốn|số|chi))?|kinh\s+phí(?:\s+thực\s+hiện)?",
                         re.IGNORECASE)
# Inline parts: pieces after «Trong đó» separated by «;» or by a list marker.
# «-» also joins names («Lao động - Thương binh»): a marker only at the start or after «:;.,».
_PIECE_SPLIT = re.compile(r";|\n|\s*\(\+\)\s*|(?:^|(?<=\s))\+\s+|(?:^|(?<=\s))[a-zđ]\)\s+"
                          r"|(?:^|(?<=[:.,]))\s*[-–]\s+")


@dataclass(frozen=True)
class Amount:
    value: int  # đồng
    start: int
    end: int
    text: str


def _figure(num: str) -> Decimal | None:
    try:
        if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", num):
            return Decimal(num.replace(".", "").replace(",", "."))
        return Decimal(num.replace(",", "."))
    except InvalidOperation:
        return None


@functools.lru_cache(maxsize=4096)
def amounts_in(text: str) -> tuple[Amount, ...]:
    """Every amount of money written in figures in ``text``, converted to đồng (pure, cached)."""
    found = []
    if not any(c.isdigit() for c in text):
        return ()
    for match in _AMOUNT.finditer(text):
        if match.start() and (text[match.start() - 1].isalnum() or text[match.start() - 1] in "_.,/-"):
            continue
        scale = (match.group("scale") or "").lower().rstrip(".")
        if not match.group("cur"):
            rest = text[match.end():].lstrip()
            if scale not in _BARE_SCALES or (rest[:1].isalpha()):
                continue
            end = match.start("scale") + len(match.group("scale"))
        else:
            end = match.end()
        figure = _figure(match.group("num"))
        if figure is None:
            continue
        value = figure * _SCALES.get(scale, 1)
        if value != value.to_integral_value() or value > 10**18:
            continue
        found.append(Amount(int(value), match.start(), end, text[match.start():end]))
    return tuple(found)


def _first(text: str) -> Amount | None:
    """A part's amount: its first, or the first after its last «=» when it shows the sum it did
    («50 người x 100.000 đồng/người = 5.000.000 đồng»: the part is 5.000.000, not the rate)."""
    found = amounts_in(text)
    if not found:
        return None
    equals = text.rfind("=")
    return next((a for a in found if a.start > equals), found[0]) if equals >= 0 else found[0]


def _total_label(text: str, amount: Amount) -> str:
    before = text[max(0, amount.start - 60):amount.start]
    labels = list(_TOTAL_WORD.finditer(before))
    if labels:
        label = labels[-1].group(0)
        return label[0].upper() + label[1:]
    return "Tổng"


@dataclass
class _Group:
    total: Amount
    label: str
    where: str
    parts: list[Amount | None]


def _mismatch(group: _Group) -> Problem | None:
    known = [part for part in group.parts if part is not None]
    if len(known) < 1 or (len(group.parts) < 2):
        return None
    summed = sum(part.value for part in known)
    diff = summed - group.total.value
    # An item without an amount may hold the rest; only an excess is certain then.
    if diff == 0 or (len(known) < len(group.parts) and diff < 0):
        return None
    terms = " + ".join(format_vnd(part.value) for part in known)
    unpriced = len(group.parts) - len(known)
    note = f" ({unpriced} phần không ghi số tiền)" if unpriced else ""
    return Problem(False, f"{group.label} {format_vnd(group.total.value)} đồng, các phần cộng "
                          f"lại {format_vnd(summed)} đồng ({terms}){note}, chênh lệch "
                          f"{format_vnd(abs(diff))} đồng ({'thừa' if diff > 0 else 'thiếu'} so "
                          "với tổng).", group.where)


def _inline_parts(tail: str) -> list[Amount | None]:
    pieces = [piece for piece in _PIECE_SPLIT.split(tail) if piece and piece.strip(" .;:")]
    return [_first(piece) for piece in pieces]


def _items_after(lines: list[Paragraph], index: int) -> list[int]:
    """Indexes of the list items that follow line ``index`` and hang under it."""
    floor = lines[index].depth if lines[index].is_list_item else -1
    items = []
    for j in range(index + 1, len(lines)):
        line = lines[j]
        if not line.is_block or not line.is_list_item or line.depth <= floor:
            break
        items.append(j)
    return items


def _tree_groups(lines: list[Paragraph], total: Amount, label: str, where: str,
                 items: list[int]) -> list[_Group]:
    """The group of the top-level items, and one group per item broken down by deeper items."""
    top = min(lines[j].depth for j in items)
    heads = [j for j in items if lines[j].depth == top]
    groups = [_Group(total, label, where, [_first(lines[j].text) for j in heads])]
    for head in heads:
        own = _first(lines[head].text)
        children = [j for j in _items_after(lines, head) if j in items]
        if own and children and not _IN_WHICH.search(lines[head].text):
            groups += _tree_groups(lines, own, "Khoản", lines[head].where, children)
    return groups


def _total_before(lines: list[Paragraph], index: int) -> tuple[Amount, str, str] | None:
    """The total a «Trong đó» paragraph breaks down, stated in one of the paragraphs just before
    it: the last amount of the previous one, or a «Tổng …» amount up to three paragraphs back."""
    for back in range(index - 1, max(-1, index - 4), -1):
        text = lines[back].text
        found = amounts_in(text)
        totals = [a for a in found if _TOTAL_WORD.search(text[max(0, a.start - 60):a.start])]
        if back == index - 1 and found and not totals:
            totals = [found[-1]]
        if totals:
            return totals[-1], _total_label(text, totals[-1]), lines[back].where
    return None


def _groups_of(lines: list[Paragraph], index: int) -> list[_Group]:
    line = lines[index]
    lowered = line.lowered
    marker = _IN_WHICH.search(line.text) if "trong đó" in lowered else None
    if not marker and not (lowered.rstrip().endswith(":") and _LIST_INTRO.search(line.text)
                           and _TOTAL_WORD.search(line.text)):
        return []
    head = line.text[:marker.start()] if marker else line.text
    stated = amounts_in(head)
    if stated:
        total, label, where = stated[-1], _total_label(head, stated[-1]), line.where
    elif marker and (found := _total_before(lines, index)):
        total, label, where = found
    else:
        return []
    tail = line.text[marker.end():] if marker else ""
    inline = _inline_parts(tail)
    if any(inline):
        return [_Group(total, label, where, inline)]
    items = _items_after(lines, index)
    return _tree_groups(lines, total, label, where, items) if items else []


def total_problems(lines: list[Paragraph]) -> list[Problem]:
    """A warning wherever a total written in the text differs from the sum of its parts."""
    problems = []
    for index in range(len(lines)):
        for group in _groups_of(lines, index):
            if problem := _mismatch(group):
                problems.append(problem)
    return problems
