"""Small server-rendered SVG bar charts for the report page (no JavaScript, no external files)."""

from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

COLOURS = ["#0d6efd", "#198754", "#fd7e14", "#6f42c1", "#d63384", "#20c997", "#6c757d", "#dc3545"]
LABEL_WIDTH = 150  # the label column, right-aligned 6 px before the bars
FONT_PX, LINE_HEIGHT = 12, 14
LINE_EM = 11.5  # what one line of the label column holds, in ems of 12 px text (138 of 144 px)
ROW, BAR = 26, 18  # a one-line row and its bar; a two-line label adds a line to its row
_NARROW = set("iíìỉĩịjlftr.,:;'!|()[]-/ ")


def width_em(text: str) -> float:
    """A text's width in ems, estimated from DejaVu Sans (the widest of the page's usual sans
    fonts): narrow letters and punctuation, capitals and «m», «w», the rest; within 5 %."""
    return sum(0.35 if c in _NARROW else 0.85 if c.isupper() or c in "mw" else 0.62 for c in text)


def _cut(text: str) -> str:
    """``text`` shortened to one line ending in «…»."""
    while text and width_em(text + "…") > LINE_EM:
        text = text[:-1]
    return text.rstrip() + "…"


def label_lines(label: str) -> list[str]:
    """The label on one line, or wrapped between words over two; one longer than two lines
    ends its second with «…» (the whole label is in the bar's tooltip)."""
    lines: list[str] = []
    for word in label.split():
        if lines and width_em(f"{lines[-1]} {word}") <= LINE_EM:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    lines = [line if width_em(line) <= LINE_EM else _cut(line) for line in lines] or [""]
    if len(lines) > 2:
        lines = [lines[0], _cut(" ".join(lines[1:]))]
    return lines


def _label(label: str, lines: list[str], middle: float) -> str:
    """The label's lines centred on ``middle``, right-aligned to the bars; a shortened one
    keeps its whole text as its tooltip."""
    first = middle + 4 - LINE_HEIGHT * (len(lines) - 1) / 2
    spans = "".join(f'<tspan x="{LABEL_WIDTH - 6}" y="{first + LINE_HEIGHT * k:.1f}">{escape(line)}</tspan>'
                    for k, line in enumerate(lines))
    tooltip = f"<title>{escape(label)}</title>" if lines[-1].endswith("…") else ""
    return f'<text text-anchor="end" font-size="{FONT_PX}">{tooltip}{spans}</text>'


def bar_chart(title: str, items: list[tuple[str, int]], *, width: int = 360) -> str:
    """Horizontal bars, one per (label, value), with the value printed at the end of each bar;
    a long label wraps over two lines in its own taller row, so nothing leaves the chart's box."""
    if not items:
        return format_html('<p class="text-muted small">{}: chưa có số liệu.</p>', title)
    top = max(v for _, v in items) or 1
    bars, y = [], 24
    for i, (label, value) in enumerate(items):
        lines = label_lines(label)
        row = ROW + LINE_HEIGHT * (len(lines) - 1)
        middle = y + row / 2
        length = (width - LABEL_WIDTH - 50) * value / top
        bars.append(
            _label(label, lines, middle)
            + f'<rect x="{LABEL_WIDTH}" y="{middle - BAR / 2:.1f}" width="{length:.1f}" height="{BAR}" '
            f'fill="{COLOURS[i % len(COLOURS)]}"><title>{escape(label)}: {value}</title></rect>'
            f'<text x="{LABEL_WIDTH + length + 4:.1f}" y="{middle + 4:.1f}" font-size="12">{value}</text>')
        y += row
    height = y + 6
    return mark_safe(
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{escape(title)}" '
        f'viewBox="0 0 {width} {height}" width="100%" style="max-width:{width}px">'
        f'<text x="0" y="14" font-size="13" font-weight="bold">{escape(title)}</text>{"".join(bars)}</svg>')
