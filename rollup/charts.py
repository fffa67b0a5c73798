"""Small server-rendered SVG column charts (no JavaScript, no external file): one column per
period, or two side by side (planned and held), with the value above each column."""

from django.utils.html import escape
from django.utils.safestring import mark_safe

COLOURS = ("#adb5bd", "#0d6efd")


def column_chart(title: str, labels: list[str], series: list[tuple[str, list[int]]], *,
                 width: int = 320, height: int = 160, suffix: str = "", top: int | None = None) -> str:
    """Columns per label; ``series`` is [(name, values)] with one value per label (one or two series).
    ``top`` fixes the scale (100 for percents); without it the highest value is the top."""
    top = top or max([v for _, values in series for v in values] + [0])
    if not top or not series or not labels:
        return mark_safe(f'<p class="text-muted small mb-0">{escape(title)}: chưa có số liệu.</p>')  # noqa: S308
    plot_top = 48 if len(series) > 1 else 30  # two series: the legend takes a line under the title
    plot_bottom = height - 22
    slot = width / len(labels)
    bar = min(34.0, slot * 0.7 / len(series))
    parts = [f'<text x="0" y="14" font-size="13" font-weight="bold">{escape(title)}</text>']
    for i, label in enumerate(labels):
        left = i * slot + (slot - bar * len(series)) / 2
        for j, (name, values) in enumerate(series):
            value = values[i]
            h = (plot_bottom - plot_top) * value / top
            x, y = left + j * bar, plot_bottom - h
            colour = COLOURS[-1] if len(series) == 1 else COLOURS[j % 2]
            parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar - 2:.1f}" height="{h:.1f}" fill="{colour}">'
                         f'<title>{escape(label)} – {escape(name)}: {value}{suffix}</title></rect>'
                         f'<text x="{x + bar / 2 - 1:.1f}" y="{y - 3:.1f}" font-size="11" '
                         f'text-anchor="middle">{value}{suffix}</text>')
        parts.append(f'<text x="{i * slot + slot / 2:.1f}" y="{height - 6}" font-size="11" '
                     f'text-anchor="middle">{escape(label)}</text>')
    legend = ""
    if len(series) > 1:
        legend = "".join(
            f'<rect x="{k * 110}" y="22" width="10" height="10" fill="{COLOURS[k % 2]}"/>'
            f'<text x="{k * 110 + 14}" y="31" font-size="11">{escape(name)}</text>'
            for k, (name, _) in enumerate(series))
    return mark_safe(  # noqa: S308 - every text above is escaped, numbers are formatted here
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{escape(title)}" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" class="img-fluid">{"".join(parts)}{legend}</svg>')
