"""One style per outline level (Decree 30, Phụ lục I: phần, mục, khoản, điểm; bullets by use).

The PDF (through static/documents/levels.css, written from :func:`level_css`), the editor's
preview (the same HTML) and the DOCX (documents.docx) all read this table, so two headings
of one level can never come out in two styles. A level's weight and style go to its marker
and its heading: the whole text of a section or of a block marked as a title, otherwise the
run-in words before the first colon («2. Phòng Tài chính - Kế hoạch:» …) when they are short.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from documents import inline
from documents.official import (
    BASIS,
    BULLET,
    CLAUSE,
    PARAGRAPH,
    POINT,
    SECTION,
    SUBBULLET,
    SUBCLAUSE,
    Block,
)
from documents.wrapping import NO_BREAK_SPACE, keep_dashes

RUN_IN_MAX_CHARS = 90  # a longer text before the colon is a sentence, not a heading


@dataclass(frozen=True)
class LevelStyle:
    """Size, weight, style, indent and spacing of one level's paragraphs (points, cm)."""

    size_pt: float = 14.0
    bold: bool = False
    italic: bool = False
    first_line_cm: float = 1.0
    before_pt: float = 0.0
    after_pt: float = 6.0
    heading: bool = False  # a heading level: its marker and heading take the weight, keep with next


LEVELS: dict[str, LevelStyle] = {
    SECTION: LevelStyle(bold=True, before_pt=6.0, heading=True),  # I. MỤC ĐÍCH, YÊU CẦU
    CLAUSE: LevelStyle(bold=True, heading=True),  # 1. Mục đích
    SUBCLAUSE: LevelStyle(bold=True, italic=True, heading=True),  # 1.1. Thành phần
    POINT: LevelStyle(italic=False),  # a) Thời gian (upright, Decree 30)
    BULLET: LevelStyle(),  # - …
    SUBBULLET: LevelStyle(),  # + …
    PARAGRAPH: LevelStyle(),
    BASIS: LevelStyle(italic=True),  # Căn cứ …;
}


def level(block: Block) -> LevelStyle:
    return LEVELS[block.kind]


def _title_bold(block: Block) -> bool:
    """A block marked as a title is bold when its level has headings, or it is a free
    paragraph; a point or a bullet stays in its level's style (a) and b) never differ)."""
    return block.titled and (level(block).heading or block.kind == PARAGRAPH)


def keeps_with_next(block: Block) -> bool:
    """Headings never end a page: a section, a block marked as a title, and a line that
    announces what follows («a) Cấp huyện:») keep with the next paragraph, whatever it is."""
    return (block.kind == SECTION or block.titled
            or inline.plain(block.text).rstrip().endswith(":"))


# The outline's levels from the top (Decree 30: phần, mục, khoản, điểm; then bullets).
_DEPTH = {SECTION: 0, CLAUSE: 1, SUBCLAUSE: 2, POINT: 3, BULLET: 4, SUBBULLET: 5}


def heads(kind: str, following: str) -> bool:
    """Whether a block of ``kind`` heads a block of ``following`` kind printed right after it:
    the next block is below it in the outline («1. Bước 1: Lập danh sách» then «- …»), or is
    free text under a heading level. Such a pair never has a page break between them, however
    the heading is worded; sibling blocks («1. …» then «2. …») may part."""
    if kind not in _DEPTH:
        return False
    if following == PARAGRAPH:
        return LEVELS[kind].heading
    return following in _DEPTH and _DEPTH[following] > _DEPTH[kind]


def keeps_before(block: Block, following: Block | None) -> bool:
    """Whether no page break may fall between ``block`` and ``following`` (the DOCX's
    keep-with-next; the PDF reads the same rule from levels.css)."""
    return following is not None and (keeps_with_next(block) or heads(block.kind, following.kind))


def heading_length(block: Block, text: str) -> int:
    """How many characters of ``text`` (the block's plain text) take the level's weight."""
    if not level(block).heading:
        return len(text) if _title_bold(block) else 0
    if block.kind == SECTION or block.titled:
        return len(text)
    head, colon, _ = text.partition(":")
    return len(head) + 1 if colon and len(head) <= RUN_IN_MAX_CHARS else 0


def block_runs(block: Block) -> list[inline.Run]:
    """The runs a reader sees: marker and heading in the level's style, the author's bold and
    italic inside."""
    style = level(block)
    runs = inline.parse(block.text, italic=style.italic)
    if runs and not runs[0].text[:1].strip():  # broken markup dropped before the first word
        runs[0] = inline.Run(runs[0].text.lstrip(), runs[0].bold, runs[0].italic)
        runs = [run for run in runs if run.text]
    heading = heading_length(block, "".join(r.text for r in runs))
    if heading:
        runs = inline.embolden(runs, heading) if style.bold or _title_bold(block) else runs
    if block.marker:
        marker = inline.Run(f"{block.marker} ", bold=style.bold, italic=style.italic)
        runs = [marker, *runs]
    return _dashes_kept(_joined(runs))


def _joined(runs: list[inline.Run]) -> list[inline.Run]:
    """Neighbouring runs of one style as one (fewer boxes for the PDF's layout to place)."""
    out: list[inline.Run] = []
    for run in runs:
        if out and (out[-1].bold, out[-1].italic) == (run.bold, run.italic):
            out[-1] = inline.Run(out[-1].text + run.text, run.bold, run.italic)
        else:
            out.append(run)
    return out


def _dashes_kept(runs: list[inline.Run]) -> list[inline.Run]:
    """Each run with the dash of a compound name kept with the word before it (also where a
    run ends on that word's space and the next starts with the dash)."""
    out = [inline.Run(keep_dashes(run.text), run.bold, run.italic) for run in runs]
    for index, (run, following) in enumerate(zip(out, out[1:], strict=False)):
        if run.text[-2:-1].strip() and run.text.endswith(" ") and following.text[:2] in ("- ", "– "):
            out[index] = inline.Run(run.text[:-1] + NO_BREAK_SPACE, run.bold, run.italic)
    return out


def _css_rule(kind: str, style: LevelStyle) -> str:
    return (f".body p.{kind} {{ font-size: {style.size_pt:g}pt; text-indent: "
            f"{style.first_line_cm:g}cm; margin: {style.before_pt:g}pt 0 {style.after_pt:g}pt; }}")


def level_css() -> str:
    """The level rules of every document, from LEVELS; runs carry weight and style as classes."""
    rules = [_css_rule(kind, style) for kind, style in LEVELS.items()]
    # One selector per heading and what it heads: WeasyPrint takes an avoided break from either
    # side of the gap (break-after of the one before, break-before of the one after).
    pairs = [f".body p.{kind} + p.{following}" for kind in LEVELS for following in LEVELS
             if heads(kind, following)]
    rules += [",\n".join(pairs) + " { break-before: avoid; }",
              ".body p.keep { break-after: avoid; }",
              ".b { font-weight: bold; } .r { font-weight: normal; }",
              ".i { font-style: italic; } .n { font-style: normal; }"]
    return "\n".join(rules)


# The rules are served as a static file, not a <style> element: the browser's preview runs under
# a Content-Security-Policy without inline styles, and WeasyPrint reads it like decree30.css.
LEVEL_CSS_PATH = Path(settings.BASE_DIR) / "static" / "documents" / "levels.css"


def level_css_file() -> str:
    """The content of static/documents/levels.css (``manage.py write_level_css`` writes it)."""
    return ("/* Generated from documents/levels.py (LEVELS): do not edit by hand.\n"
            "   Regenerate with: python manage.py write_level_css */\n" + level_css() + "\n")
