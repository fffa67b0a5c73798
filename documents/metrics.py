"""Text widths in the shipped font, for the rules Decree 30 draws under the header lines.

The rule under the issuing body and under the title is 1/3–1/2 of the text's length; the
rule under the Tiêu ngữ is as long as the Tiêu ngữ. Both renderers need the length in mm.
"""

from functools import lru_cache
from pathlib import Path

from django.conf import settings
from PIL import ImageFont

FONT_DIR = Path(settings.BASE_DIR) / "static" / "fonts"
FONT_FILES = {
    (False, False): "LiberationSerif-Regular.ttf",
    (True, False): "LiberationSerif-Bold.ttf",
    (False, True): "LiberationSerif-Italic.ttf",
    (True, True): "LiberationSerif-BoldItalic.ttf",
}
_REFERENCE_SIZE = 1000  # measure at a large size, scale down: sub-point precision
_MM_PER_PT = 25.4 / 72
RULE_SHARE = 0.4  # between the 1/3 and 1/2 that Decree 30 allows


@lru_cache(maxsize=4)
def _font(bold: bool, italic: bool) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONT_DIR / FONT_FILES[(bold, italic)]), _REFERENCE_SIZE)


def text_width_mm(text: str, *, size_pt: float, bold: bool = False, italic: bool = False) -> float:
    """Advance width of one line of ``text`` in millimetres."""
    length = _font(bold, italic).getlength(text)
    return length / _REFERENCE_SIZE * size_pt * _MM_PER_PT


def rule_width_mm(
    lines: list[str], *, size_pt: float, bold: bool, max_mm: float | None = None
) -> float:
    """Length of the short rule under ``lines``: RULE_SHARE of the longest line, rounded."""
    widest = max((text_width_mm(line, size_pt=size_pt, bold=bold) for line in lines), default=0)
    if max_mm is not None:
        widest = min(widest, max_mm)
    return round(widest * RULE_SHARE, 1)
