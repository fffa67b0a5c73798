"""The PDF's layout, read from its stylesheet, so the Word file takes the same numbers.

``static/documents/decree30.css`` is the one place where margins, sizes, line heights and
paragraph spacing of an official document are decided (WeasyPrint reads it for the PDF).
The DOCX writer asks this module for the values of the same selectors instead of keeping a
second copy that would drift: a change of the stylesheet changes both files.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import tinycss2
from django.conf import settings

STYLESHEET = Path(settings.BASE_DIR) / "static" / "documents" / "decree30.css"
PT_PER_UNIT = {"pt": 1.0, "mm": 72 / 25.4, "cm": 72 / 2.54, "in": 72.0, "px": 0.75}
BODY_SIZE_PT = 14.0  # `html { font-size }`; em-based values resolve against it


@dataclass(frozen=True)
class Margins:
    """Page margins in millimetres."""

    top: float
    right: float
    bottom: float
    left: float


@dataclass(frozen=True)
class TextStyle:
    """What the stylesheet says for one kind of paragraph; lengths in points."""

    size: float
    bold: bool
    italic: bool
    line_height: float  # a multiple of the font size, as CSS `line-height: 1.25`
    before: float
    after: float
    first_line: float
    align: str  # WordprocessingML w:jc value

    @property
    def line_pt(self) -> float:
        return self.size * self.line_height


def _length_pt(token) -> float:
    if token.type == "number" and token.value == 0:
        return 0.0
    if token.type == "dimension" and token.lower_unit in PT_PER_UNIT:
        return token.value * PT_PER_UNIT[token.lower_unit]
    if token.type == "dimension" and token.lower_unit == "em":
        return token.value * BODY_SIZE_PT
    raise ValueError(f"unsupported length {tinycss2.serialize([token])!r} in {STYLESHEET.name}")


def _values(tokens) -> list:
    return [t for t in tokens if t.type not in ("whitespace", "comment")]


def _declarations(content) -> dict[str, list]:
    found = {}
    for item in tinycss2.parse_blocks_contents(content, skip_comments=True, skip_whitespace=True):
        if item.type == "declaration":
            found[item.lower_name] = _values(item.value)
    return found


@lru_cache(maxsize=1)
def _rules() -> dict[str, dict[str, list]]:
    """Declarations by selector ("@page", "@page landscape", ".body p", …) of the stylesheet."""
    rules: dict[str, dict[str, list]] = {}
    css = STYLESHEET.read_text(encoding="utf-8")
    for rule in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True):
        if rule.type == "at-rule" and rule.lower_at_keyword == "page":
            key = f"@page {tinycss2.serialize(rule.prelude).strip()}".strip()
        elif rule.type == "qualified-rule":
            key = " ".join(tinycss2.serialize(rule.prelude).split())
        else:
            continue
        for selector in key.split(","):
            rules.setdefault(selector.strip(), {}).update(_declarations(rule.content))
    return rules


def _box(tokens) -> tuple[float, float, float, float]:
    """top, right, bottom, left of a `margin` or `padding` shorthand, in points."""
    values = [_length_pt(t) if t.type != "ident" else 0.0 for t in tokens]
    if not values:
        return (0.0, 0.0, 0.0, 0.0)
    top = values[0]
    right = values[1] if len(values) > 1 else top
    bottom = values[2] if len(values) > 2 else top
    left = values[3] if len(values) > 3 else right
    return (top, right, bottom, left)


def declared(selector: str, prop: str) -> list:
    """The tokens of ``prop`` in the rule for ``selector`` (empty when it is not declared)."""
    return _rules().get(selector, {}).get(prop, [])


def length_pt(selector: str, prop: str, default: float = 0.0) -> float:
    tokens = declared(selector, prop)
    return _length_pt(tokens[0]) if tokens else default


def box_pt(selector: str, prop: str) -> tuple[float, float, float, float]:
    return _box(declared(selector, prop))


def page_margins(*, landscape: bool) -> Margins:
    """The `@page` margins (or `@page landscape`'s) in millimetres."""
    tokens = declared("@page landscape", "margin") if landscape else []
    top, right, bottom, left = _box(tokens or declared("@page", "margin"))
    mm = PT_PER_UNIT["mm"]
    return Margins(*(round(v / mm, 2) for v in (top, right, bottom, left)))


ALIGN = {"justify": "both", "center": "center", "right": "right", "left": "left"}


def text_style(*selectors: str) -> TextStyle:
    """The cascade of ``selectors`` (later ones win) over the document's `html` rule."""
    merged: dict[str, list] = {}
    for selector in ("html", *selectors):
        merged.update(_rules().get(selector, {}))

    def first(prop):
        return merged.get(prop, [None])[0]

    top, _, bottom, _ = _box(merged.get("margin", []))
    if "margin-top" in merged:
        top = _length_pt(first("margin-top"))
    if "margin-bottom" in merged:
        bottom = _length_pt(first("margin-bottom"))
    line = first("line-height")
    weight, style, align = first("font-weight"), first("font-style"), first("text-align")
    return TextStyle(
        size=_length_pt(first("font-size")) if "font-size" in merged else BODY_SIZE_PT,
        bold=bool(weight) and (getattr(weight, "lower_value", "") == "bold"
                               or getattr(weight, "value", 0) in (600, 700, 800, 900)),
        italic=bool(style) and style.lower_value == "italic",
        line_height=float(line.value) if line is not None and line.type == "number" else 1.2,
        before=top, after=bottom,
        first_line=_length_pt(first("text-indent")) if "text-indent" in merged else 0.0,
        align=ALIGN.get(getattr(align, "lower_value", ""), "left"),
    )
