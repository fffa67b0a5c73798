"""One column model for every dialogue sheet: what each column holds and how wide it must be.

A sheet is a list of ``Column`` and rows of text. ``lay_out`` measures the text in the sheet's
font and gives each column its width on the page: names and ethnic groups («Gié-Triêng») get the
width of their longest entry when the page has it and never less than their longest word; text
columns (village, address, notes) wrap at words; the signature column gets at least the room a
signature needs and takes what the page has left. If the natural widths do not fit a portrait A4
page the sheet turns landscape. The PDF (pdfsheet.py) and the workbook (exports.py) draw the same
widths.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from django.contrib.staticfiles import finders
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

REGULAR, BOLD, ITALIC = "LiberationSerif", "LiberationSerif-Bold", "LiberationSerif-Italic"
BODY_SIZE = 12
PADDING_MM = 4.0  # 2 mm either side of the text
PORTRAIT_MM, LANDSCAPE_MM = 165.0, 252.0  # A4 less the Decree 30 margins (30 mm left, 15 mm right)
SIGN_MM = 28.0  # the least room a signature needs
STAGGER_SIGN_MM = 40.0  # odd rows sign on the left half, even rows on the right
COMFORTABLE = 1.5  # a signature gets 1.5 × SIGN_MM when wrapping text can give way
# The most one word may ask of a column: a longer one («Thôn1/Thôn2/Thôn3…», words run together) is cut
# inside its cell rather than squeezing the year, the amounts and the signatures beside it.
LONGEST_WORD_MM = 40.0


@lru_cache(maxsize=1)
def register_fonts() -> None:
    """The shipped Liberation Serif (Times New Roman's metrics), registered once per process."""
    for name, file in ((REGULAR, "Regular"), (BOLD, "Bold"), (ITALIC, "Italic")):
        pdfmetrics.registerFont(TTFont(name, finders.find(f"fonts/LiberationSerif-{file}.ttf")))


@dataclass(frozen=True)
class Column:
    """What a column holds: ``kind`` says how it may narrow.

    - ``whole``: names, ethnic groups, years: as wide as the longest entry, wrapping at words only
      when the page has no more room;
    - ``text``: village, address, notes: wraps at words first;
    - ``number``/``money``: right-aligned figures, never wrapped;
    - ``sign``: a signature box, at least ``SIGN_MM`` (``STAGGER_SIGN_MM`` when staggered).
    """

    key: str
    label: str
    kind: str = "text"
    align: str = "left"
    width_mm: float = 0.0  # set by lay_out
    stagger: bool = False
    least_mm: float = 0.0  # room for a hand-written entry in a blank row

    def laid_out(self, width: float) -> Column:
        return replace(self, width_mm=round(width, 2))


class Measure:
    """Text widths in points at the sheet's size, remembered for one rendering (names repeat little,
    villages and years a lot); the PDF writer reuses them so nothing is measured twice."""

    def __init__(self):
        register_fonts()
        self.widths: dict[tuple[str, str], float] = {}

    def __call__(self, text: str, font: str = REGULAR) -> float:
        key = (text, font)
        width = self.widths.get(key)
        if width is None:
            width = self.widths[key] = pdfmetrics.stringWidth(text, font, BODY_SIZE)
        return width

    def longest_word(self, text: str, font: str = REGULAR) -> float:
        return max((self(word, font) for word in text.split()), default=0.0)


def _needs(column: Column, cells: list[str], measure: Measure) -> tuple[float, float]:
    """(natural, floor) in mm: the width that keeps every entry on one line, and the least width that
    breaks no word (the header wraps at words in bold)."""
    head = measure.longest_word(column.label, BOLD)
    if column.kind == "sign":
        least = STAGGER_SIGN_MM if column.stagger else SIGN_MM
        return max(least, head / mm + PADDING_MM), max(least, head / mm + PADDING_MM)
    widest, floor = head, head
    for cell in set(cells):
        if not cell:
            continue
        width = measure(cell)
        widest = max(widest, width)
        if width > floor and column.kind not in ("number", "money"):  # a shorter entry has no longer word
            floor = max(floor, measure.longest_word(cell))
    natural = max(widest / mm + PADDING_MM, column.least_mm)
    if column.kind in ("number", "money"):
        return natural, natural
    return natural, max(min(floor / mm, LONGEST_WORD_MM) + PADDING_MM, column.least_mm)


def _shrink(widths: list[float], floors: list[float], chosen: list[int], excess: float) -> float:
    """Narrow the chosen columns toward their floors in proportion to their slack; returns what is left."""
    slack = sum(widths[i] - floors[i] for i in chosen)
    if slack <= 0:
        return excess
    share = min(1.0, excess / slack)
    for i in chosen:
        widths[i] -= (widths[i] - floors[i]) * share
    return max(0.0, excess - slack)


def lay_out(columns: list[Column], rows: list[list[str]], measure: Measure, *,
            landscape: bool | None = None) -> tuple[list[Column], bool]:
    """The columns with their widths for these rows, and whether the page is landscape.

    ``landscape=None`` chooses: portrait unless names, ethnic groups and figures on one line, text
    columns at their longest word and every signature its room need more than a portrait page.
    """
    needs = [_needs(col, [cell_text(row[i]) for row in rows], measure) for i, col in enumerate(columns)]
    widths, floors = [n for n, _ in needs], [f for _, f in needs]
    if landscape is None:  # names and ethnic groups on one line, text columns at their longest word
        comfortable = sum(f if c.kind == "text" else n for c, (n, f) in zip(columns, needs, strict=True))
        landscape = comfortable > PORTRAIT_MM
    page = LANDSCAPE_MM if landscape else PORTRAIT_MM
    excess = sum(widths) - page
    if excess > 0:
        for kinds in (("text",), ("whole",)):
            excess = _shrink(widths, floors, [i for i, c in enumerate(columns) if c.kind in kinds], excess)
        if excess > 0:  # even the floors do not fit: scale everything but the figures
            movable = [i for i, c in enumerate(columns) if c.kind not in ("number", "money")]
            room = sum(widths[i] for i in movable)
            for i in movable:
                widths[i] -= excess * widths[i] / room
    else:  # room to spare; and no text wrapped yet, so a note may give way to a cramped signature
        _spread(columns, widths, -excess)
        _widen_signatures(columns, widths, floors)
    return [col.laid_out(w) for col, w in zip(columns, widths, strict=True)], landscape


def _widen_signatures(columns: list[Column], widths: list[float], floors: list[float]) -> None:
    """A signature narrower than comfortable takes room from wrapping text (notes, villages) down to their
    longest word: a note on two lines costs less than a cramped signature."""
    text = [i for i, c in enumerate(columns) if c.kind == "text"]
    for i, column in enumerate(columns):
        want = SIGN_MM * COMFORTABLE - widths[i]
        if column.kind == "sign" and want > 0:
            widths[i] += want - _shrink(widths, floors, text, want)


def _spread(columns: list[Column], widths: list[float], spare: float) -> None:
    """Room left on the page: the signature columns first (up to twice their least), then text columns."""
    signs = [i for i, c in enumerate(columns) if c.kind == "sign"]
    for i in signs:
        grant = min(spare / len(signs), widths[i])
        widths[i] += grant
        spare -= grant
    receivers = [i for i, c in enumerate(columns) if c.kind in ("text", "sign")] or list(range(len(columns)))
    for i in receivers:
        widths[i] += spare / len(receivers)


def cell_text(value) -> str:
    """What a cell shows: whole đồng with «.» thousands, text as it is, nothing for None."""
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}".replace(",", ".")
    return "" if value is None else str(value)


def _split(text: str, width: float, word_width, space: float) -> list[str]:
    """Break at ordinary spaces only: a no-break space («2021\u00a0-\u00a02025», a number's blank) holds.

    A line's width is its words' widths plus its spaces' (ReportLab applies no kerning), so each word
    is measured once however many widths are tried.
    """
    lines, line, used = [], [], 0.0
    for word, size in _words(text, width, word_width):
        if line and used + space + size > width:
            lines.append(" ".join(line))
            line, used = [word], size
        else:
            used += (space if line else 0.0) + size
            line.append(word)
    return [*lines, " ".join(line)] if line else lines


def _words(text: str, width: float, word_width):
    """(word, width) of the text's words; a word wider than the line comes in pieces that fit it, cut
    after a hyphen or a slash when there is one in the piece."""
    for word in text.split(" "):
        if not word:
            continue
        size = word_width(word)
        if size <= width:
            yield word, size
            continue
        while word:
            cut = 1
            while cut < len(word) and word_width(word[:cut + 1]) <= width:
                cut += 1
            if cut < len(word) and (mark := max(word.rfind("-", 0, cut), word.rfind("/", 0, cut))) > 0:
                cut = mark + 1
            piece, word = word[:cut], word[cut:]
            yield piece, word_width(piece)


def wrap(text: str, width_pt: float, measure: Measure, font: str = REGULAR) -> list[str]:
    """The text's lines in a column ``width_pt`` wide, broken at words (one line when it fits)."""
    if not text:
        return []
    if measure(text, font) <= width_pt:
        return [text]
    return _split(text, width_pt, lambda word: measure(word, font), measure(" ", font))


def keep_together(text: str) -> str:
    """Year ranges («2021 - 2025») and «số 05» never split over two lines."""
    text = re.sub(r"(\d) - (\d)", "\\1\u00a0-\u00a0\\2", text)
    return re.sub(r"\b(số|ngày|đoạn) (\S)", "\\1\u00a0\\2", text)


def balanced_lines(text: str, font: str, size: float, width_pt: float) -> list[str]:
    """A title in as few lines as fit, of even length, so no line ends up holding one last word."""
    widths: dict[str, float] = {}

    def word_width(word: str) -> float:
        if word not in widths:
            widths[word] = pdfmetrics.stringWidth(word, font, size)
        return widths[word]

    text, space = keep_together(text), pdfmetrics.stringWidth(" ", font, size)
    lines = _split(text, width_pt, word_width, space)
    if len(lines) < 2:
        return lines
    low, high = width_pt / len(lines), width_pt
    for _ in range(12):  # the narrowest width that still needs no more lines
        middle = (low + high) / 2
        if len(_split(text, middle, word_width, space)) > len(lines):
            low = middle
        else:
            high = middle
    return _split(text, high, word_width, space)
