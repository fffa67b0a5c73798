"""A horizontal bar chart of the medians, with min–max whiskers, as plain SVG text."""

from __future__ import annotations

from xml.sax.saxutils import escape

from bench.stats import Summary

LABEL_W, BAR_W, VALUE_W = 180, 380, 90
ROW_H, TOP, BOTTOM = 34, 30, 30


def svg_chart(summaries: dict[str, Summary], *, title: str) -> str:
    longest = max(s.maximum for s in summaries.values())
    rows = [_bar(i, name, s, BAR_W / longest) for i, (name, s) in enumerate(summaries.items())]
    width, height = LABEL_W + BAR_W + VALUE_W, TOP + ROW_H * len(summaries) + BOTTOM
    return "\n".join([
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="12">',
        f'<rect width="{width}" height="{height}" fill="white"/>',
        f'<text x="8" y="18" font-weight="bold">{escape(title)}</text>',
        *rows,
        f'<text x="{LABEL_W}" y="{height - 10}" fill="#555">bar: median · whisker: min to max</text>',
        "</svg>",
        "",
    ])


def _bar(index: int, name: str, s: Summary, scale: float) -> str:
    y = TOP + index * ROW_H
    middle = y + ROW_H / 2
    low, high = LABEL_W + s.minimum * scale, LABEL_W + s.maximum * scale
    return "\n".join([
        f'<text x="{LABEL_W - 8}" y="{middle + 4:.1f}" text-anchor="end">{escape(name)}</text>',
        f'<rect x="{LABEL_W}" y="{y + 6}" width="{s.median * scale:.1f}" height="{ROW_H - 12}" '
        'fill="#4c78a8"/>',
        f'<line x1="{low:.1f}" y1="{middle}" x2="{high:.1f}" y2="{middle}" stroke="#222"/>',
        f'<line x1="{low:.1f}" y1="{middle - 5}" x2="{low:.1f}" y2="{middle + 5}" stroke="#222"/>',
        f'<line x1="{high:.1f}" y1="{middle - 5}" x2="{high:.1f}" y2="{middle + 5}" stroke="#222"/>',
        f'<text x="{high + 6:.1f}" y="{middle + 4:.1f}">{s.median * 1000:.1f} ms</text>',
    ])
