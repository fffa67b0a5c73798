"""Amounts in words read back into numbers, tolerant of how people actually write them.

``read_words`` returns every value a text can mean, each with the colloquial readings it used
(«ba ba» for 33, «lẻ» for «linh», «ngàn» for «nghìn», «mười» for «mươi», «năm» for «lăm», a
missing «không trăm»): a reading that reaches the figure only through them is a soft note,
not a mismatch. ``None`` means the text is not a number in words at all.
"""

import re
import unicodedata
from dataclasses import dataclass, field
from itertools import product

from documents.money import vi_number_words

DIGITS = {"không": 0, "một": 1, "mốt": 1, "hai": 2, "ba": 3, "bốn": 4, "tư": 4, "năm": 5,
          "lăm": 5, "nhăm": 5, "sáu": 6, "bảy": 7, "bẩy": 7, "tám": 8, "chín": 9}
SCALES = {"nghìn": 1_000, "ngàn": 1_000, "triệu": 1_000_000, "tỷ": 10**9, "tỉ": 10**9}
# Words around the number that carry no value.
IGNORED = {"đồng", "chẵn", "chẳn", "chăn", "vnđ", "việt", "nam", "bằng", "chữ", "số", "tiền", "và"}
COLLOQUIAL_WORDS = {"ngàn": "«ngàn» (văn bản viết «nghìn»)", "nhăm": "«nhăm» (viết «lăm»)",
                    "bẩy": "«bẩy» (viết «bảy»)", "tỉ": "«tỉ» (viết «tỷ»)"}
MAX_READINGS = 32


@dataclass(frozen=True)
class Reading:
    value: int
    notes: tuple[str, ...] = field(default_factory=tuple)


def words_of(text: str) -> list[str]:
    text = unicodedata.normalize("NFC", text).lower()
    return re.findall(r"[^\W\d_]+", text)


def _units(word: str, *, after: str) -> tuple[int, list[str]] | None:
    """The unit digit after «mười»/«mươi», with the note its spelling deserves."""
    if word not in DIGITS or DIGITS[word] == 0:
        return None
    value, notes = DIGITS[word], []
    if value == 5 and word == "năm":
        notes.append(f"«{after} năm» (viết «{after} lăm»)")
    if word == "mốt" and after == "mười":
        notes.append("«mười mốt» (viết «mười một»)")
    if word == "một" and after == "mươi":
        notes.append("«mươi một» (viết «mươi mốt»)")
    if word == "tư" and after == "mười":
        notes.append("«mười tư» (viết «mười bốn»)")
    if word == "lăm" and after not in ("mười", "mươi"):
        return None
    return value, notes


def _below_hundred(tokens: list[str], *, after_hundred: bool) -> list[Reading]:
    """Readings of what follows «trăm» (or a whole group below one hundred)."""
    if not tokens:
        return [Reading(0)]
    first, rest = tokens[0], tokens[1:]
    if first in ("linh", "lẻ"):
        if len(rest) == 1 and DIGITS.get(rest[0]):
            notes = ("«lẻ» (văn bản viết «linh»)",) if first == "lẻ" else ()
            return [Reading(DIGITS[rest[0]], notes)]
        return []
    if first == "mười":
        if not rest:
            return [Reading(10)]
        if len(rest) == 1 and (unit := _units(rest[0], after="mười")):
            return [Reading(10 + unit[0], tuple(unit[1]))]
        return []
    if first not in DIGITS:
        return []
    tens = DIGITS[first]
    if rest and rest[0] in ("mươi", "mười") and tens >= 2:
        notes = ["«mười» thay cho «mươi»"] if rest[0] == "mười" else []
        if len(rest) == 1:
            return [Reading(tens * 10, tuple(notes))]
        if len(rest) == 2 and (unit := _units(rest[1], after="mươi")):
            return [Reading(tens * 10 + unit[0], tuple(notes + unit[1]))]
        return []
    if len(rest) == 1 and rest[0] in DIGITS:  # «ba ba»: digits read one by one
        formal = vi_number_words(tens * 10 + DIGITS[rest[0]])
        shorthand = f"«{first} {rest[0]}» (viết «{formal}»)"
        return [Reading(tens * 10 + DIGITS[rest[0]], (shorthand,))]
    if rest:
        return []
    if after_hundred:  # «một trăm hai»: 120 when spoken, 102 to a hasty writer
        return [Reading(tens * 10, (f"«trăm {first}» (đọc tắt)",)),
                Reading(tens, (f"thiếu «linh» trước «{first}»",))]
    return [Reading(tens)]


def _group(tokens: list[str], *, inner: bool) -> list[Reading]:
    """Readings of a group of 0–999 (the words between two scale words)."""
    if "trăm" not in tokens:
        readings = _below_hundred(tokens, after_hundred=False)
        if inner and readings and tokens:
            return [Reading(r.value, r.notes + ("thiếu «không trăm»",)) for r in readings]
        return readings
    at = tokens.index("trăm")
    head, tail = tokens[:at], tokens[at + 1:]
    if len(head) == 1 and head[0] in DIGITS:
        hundreds, notes = DIGITS[head[0]], ()
    elif not head:
        hundreds, notes = 1, ("«trăm» thiếu «một»",)
    else:
        return []
    if tail == ["rưỡi"]:
        return [Reading(hundreds * 100 + 50, notes + ("«trăm rưỡi» (đọc tắt)",))]
    return [Reading(hundreds * 100 + r.value, notes + r.notes)
            for r in _below_hundred(tail, after_hundred=True)]


def _combine(left: list[Reading], right: list[Reading], how) -> list[Reading]:
    combined = [Reading(how(a.value, b.value), a.notes + b.notes) for a, b in product(left, right)]
    return combined[:MAX_READINGS]


def read_words(text: str) -> list[Reading] | None:
    """Every value the number in words of ``text`` can mean; ``None`` when it is not one."""
    tokens = [w for w in words_of(text) if w not in IGNORED]
    if not tokens or any(w not in DIGITS and w not in SCALES and
                         w not in ("mười", "mươi", "trăm", "linh", "lẻ", "rưỡi") for w in tokens):
        return None
    notes = tuple(COLLOQUIAL_WORDS[w] for w in dict.fromkeys(tokens) if w in COLLOQUIAL_WORDS)
    # (value finished at tỷ, value below tỷ) pairs; scale words close the group before them.
    readings = [Reading(0)]
    below = [Reading(0)]
    group: list[str] = []
    last_scale = 0
    for index, word in enumerate(tokens):
        if word == "rưỡi" and last_scale and not group and tokens[index - 1] in SCALES:
            below = [Reading(r.value + last_scale // 2, r.notes + ("«rưỡi» (đọc tắt)",))
                     for r in below]
            continue
        if word not in SCALES:
            group.append(word)
            continue
        scale = SCALES[word]
        inner = bool(group) and (any(r.value for r in below) or any(r.value for r in readings))
        parts = _group(group, inner=inner) if group else [Reading(0)]
        if not parts:
            return []
        if scale == 10**9:
            joined = _combine(below, parts, lambda a, b: a + b)
            joined = [Reading(r.value or 1, r.notes) for r in joined]
            readings = _combine(readings, joined, lambda a, b: (a + b) * 10**9)
            below = [Reading(0)]
        else:
            below = _combine(below, parts, lambda a, b, s=scale: a + (b or 1) * s)
        group, last_scale = [], scale
    inner = bool(group) and last_scale > 0
    parts = _group(group, inner=inner) if group else [Reading(0)]
    total = _combine(_combine(readings, below, lambda a, b: a + b), parts, lambda a, b: a + b)
    return [Reading(r.value, notes + r.notes) for r in total]
