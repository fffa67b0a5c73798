"""Small server-rendered SVG bar charts for the report page (no JavaScript, no external files)."""

from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

COLOURS = ["#0d6efd", "#198754", "#fd7e14", "#6f42c1", "#d63384", "#20c997", "#6c757d", "#dc3545"]


def bar_chart(title: str, items: list[tuple[str, int]], *, width: int = 360) -> str:
    """Horizontal bars, one per (label, value), with the value printed at the end of each bar."""
    if not items:
        return format_html('<p class="text-muted small">{}: chưa có số liệu.</p>', title)
    row, label_w = 26, 150
    height = row * len(items) + 30
    top = max(v for _, v in items) or 1
    bars = []
    for i, (label, value) in enumerate(items):
        y = 24 + i * row
        length = (width - label_w - 50) * value / top
        bars.append(
            f'<text x="{label_w - 6}" y="{y + 14}" text-anchor="end" font-size="12">{escape(label[:24])}</text>'
            f'<rect x="{label_w}" y="{y + 2}" width="{length:.1f}" height="{row - 8}" '
            f'fill="{COLOURS[i % len(COLOURS)]}"><title>{escape(label)}: {value}</title></rect>'
            f'<text x="{label_w + length + 4:.1f}" y="{y + 14}" font-size="12">{value}</text>')
    return mark_safe(
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{escape(title)}" '
        f'viewBox="0 0 {width} {height}" width="100%" style="max-width:{width}px">'
        f'<text x="0" y="14" font-size="13" font-weight="bold">{escape(title)}</text>{"".join(bars)}</svg>')
