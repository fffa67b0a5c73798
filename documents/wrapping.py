"""Header lines broken where a văn thư breaks them (Decree 30, Phụ lục I, ô 2; domain §1.2).

A name too long for its column is cut into the fewest lines that fit, at the places that keep
its parts whole: after the « - » that joins a compound name («PHÒNG LAO ĐỘNG -» /
«THƯƠNG BINH VÀ XÃ HỘI»), before the unit word of a place («ỦY BAN NHÂN DÂN» / «HUYỆN HẠ
HÒA»), and, among equal choices, with the most even lines. Never a line that starts with a
hyphen or ends with «VÀ». Both renderers print the lines this module returns, one per line.
In the body and in tables, which the renderers wrap themselves, :func:`keep_dashes` holds the
dash of such a name to the word before it.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import combinations

from documents.metrics import text_width_mm

# Words that start the place part of a name («HUYỆN HẠ HÒA», «THỊ XÃ PHÚ THỌ», «XÃ SA LOONG»).
_PLACE_WORDS = {"HUYỆN", "TỈNH", "QUẬN", "PHƯỜNG", "THỊ", "THÀNH", "XÃ", "ĐẶC"}
_JOINERS = {"-", "–", "&", "VÀ"}
_MAX_WORDS = 24  # beyond this, break greedily (a name this long is not a name)
_SLACK_MM = 1.0  # rounding between our metrics and the renderers' line breaking
# The space before the « - » or « – » that joins a compound name («Phòng Văn hóa - Xã hội»),
# after a word and followed by a space: a line may end after the dash, never start with it.
_SPACE_BEFORE_DASH = re.compile(r"(?<=\S) (?=[-–] )")
NO_BREAK_SPACE = "\u00a0"


def keep_dashes(text: str) -> str:
    """``text`` as printed in a body or a table: the dash of a compound name kept with the word
    before it by a no-break space (stored text keeps its plain space; a leading «- » marker
    has no word before it and is left alone). Neither renderer breaks a line there; WeasyPrint
    still stretches it like a space in a justified line."""
    return _SPACE_BEFORE_DASH.sub(NO_BREAK_SPACE, text) if " -" in text or " –" in text else text


def _break_cost(words: list[str], at: int) -> int:
    """Cost of a line break before ``words[at]``: 0 at a natural joint, high inside a phrase."""
    before, after = words[at - 1], words[at]
    if after in _JOINERS or after.startswith(("-", "–", "&")):
        return 20  # a line starting with «-» or «VÀ»
    if before.upper() == "VÀ":
        return 10
    if before in ("-", "–") or before.endswith(("-", "–")):
        return 0
    upper = after.upper()
    if upper in _PLACE_WORDS and not (upper == "XÃ" and words[at + 1:at + 2] == ["HỘI"]):
        return 0
    return 3


def _greedy(words: list[str], fits) -> list[str]:
    lines: list[str] = []
    for word in words:
        if lines and fits(f"{lines[-1]} {word}"):
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines


def wrap_heading(line: str, width_mm: float, *, size_pt: float, bold: bool) -> list[str]:
    """``line`` cut into the fewest lines no wider than ``width_mm``, at the best joints."""
    return list(_wrapped(line, width_mm, size_pt, bold))


@lru_cache(maxsize=256)  # a pure function of the shipped font: the same names come every time
def _wrapped(line: str, width_mm: float, size_pt: float, bold: bool) -> tuple[str, ...]:
    return tuple(_wrap(line, width_mm, size_pt=size_pt, bold=bold))


def _wrap(line: str, width_mm: float, *, size_pt: float, bold: bool) -> list[str]:
    words = line.split()
    widths: dict[str, float] = {}

    def width(text: str) -> float:
        if text not in widths:
            widths[text] = text_width_mm(text, size_pt=size_pt, bold=bold)
        return widths[text]

    def fits(text: str) -> bool:
        return width(text) <= width_mm - _SLACK_MM

    if not words or fits(line) or len(words) > _MAX_WORDS:
        return _greedy(words, fits) if words else [""]
    for count in range(2, len(words) + 1):
        best = None
        for cuts in combinations(range(1, len(words)), count - 1):
            bounds = (0, *cuts, len(words))
            lines = [" ".join(words[a:b]) for a, b in zip(bounds, bounds[1:], strict=False)]
            if not all(fits(piece) or " " not in piece for piece in lines):
                continue
            score = (sum(_break_cost(words, cut) for cut in cuts), max(map(width, lines)))
            if best is None or score < best[0]:
                best = (score, lines)
        if best:
            return best[1]
    return words


def wrap_lines(lines: list[str], width_mm: float, *, size_pt: float, bold: bool) -> list[str]:
    return [piece for line in lines
            for piece in wrap_heading(line, width_mm, size_pt=size_pt, bold=bold)]
