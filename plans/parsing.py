"""Text pasted from Word (or a seed file) turned into outline blocks.

Lines starting with "I.", "1.", "1.1.", "a)", "-", "+" become sections, clauses, sub-clauses,
points and bullets; their typed numbers are dropped because numbers are always computed.
Everything else is kept as the author typed it: the case of headings, literal stars, and bold
and italic runs (documents.inline's markup, from Word's HTML clipboard or typed as **…**/*…*).
"""

import re
import unicodedata
from dataclasses import dataclass
from html.parser import HTMLParser

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
)

MAX_BLOCK_CHARS = 20_000
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
# Word's manual line break (VT) and page break (FF) end a line; its table-cell marks (BEL), NUL
# (which PostgreSQL refuses in any text), every other C0 control and DEL are dropped, and so are
# the bidirectional marks and overrides text copied from a web page or a PDF can carry: a
# Vietnamese plan needs none, and one (U+202E) shows the rest of its line reversed in the preview.
_BIDI = [0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
_CONTROLS = {**dict.fromkeys([*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F, *_BIDI], None),
             0x0B: "\n", 0x0C: "\n"}
_SPACES = re.compile(r"[ \t\u00a0\u2002-\u200a\u202f\u3000]+")
_LEADING_MARKUP = re.compile(r"^(\*{1,3})(?=\S)")
_MARKER_ONLY = re.compile(r"^(\*{1,3})([^*\s]{1,8})\1(\s+\S.*)$")  # «**1.** Mục đích»
_PATTERNS = [
    (SECTION, re.compile(r"^(?:PHẦN\s+)?([IVXLC]{1,6})\s*[.)]\s*(\S.*)$")),
    (SUBCLAUSE, re.compile(r"^(\d{1,2})\.(\d{1,2})\.?\s+(\S.*)$")),
    (CLAUSE, re.compile(r"^(\d{1,2})\s*[.)]\s+(\S.*)$")),
    (POINT, re.compile(r"^([a-zđ])\)\s*(\S.*)$")),
    (SUBBULLET, re.compile(r"^(?:[-–•]\s*)?\+\s*(\S.*)$")),
    (BULLET, re.compile(r"^[-–•·]\s*(\S.*)$")),
]
_TERMINAL = (".", ";", ":", "!", "?", "/.", ")")
TITLE_MAX_CHARS = 90


@dataclass
class ParsedBlock:
    kind: str
    text: str
    titled: bool = False
    typed: str = ""  # the number the author typed, if any ("2" of "2. Nội dung")


def strip_controls(text: str) -> str:
    """The text without control characters; tab, line feed and carriage return kept."""
    return text.translate(_CONTROLS)


def clean_line(line: str) -> str:
    """NFC, no invisible characters, one space between words; stars kept (markup or literal)."""
    line = unicodedata.normalize("NFC", line).translate(_INVISIBLE)
    return _SPACES.sub(" ", line).strip()


def classify(line: str) -> ParsedBlock:
    """The block one cleaned line stands for, with its typed marker removed.

    A marker inside the author's bold or italic («**1. Mục đích**») is recognised too; the
    emphasis stays on the text («**Mục đích**»).
    """
    marker_only = _MARKER_ONLY.match(line)
    if marker_only and classify(marker_only.group(2) + marker_only.group(3)).kind != PARAGRAPH:
        return classify(marker_only.group(2) + marker_only.group(3))
    opening = _LEADING_MARKUP.match(line)
    stars = opening.group(1) if opening and inline.plain(line) != line else ""
    bare = line[len(stars):]
    for kind, pattern in _PATTERNS:
        match = pattern.match(bare)
        if match:
            text = _without_level_bold(kind, stars + match.groups()[-1].strip())
            titled = kind in (CLAUSE, SUBCLAUSE) and _looks_like_title(inline.plain(text))
            typed = match.group(1) if kind in (CLAUSE, SUBCLAUSE) else ""
            return ParsedBlock(kind, text, titled, typed)
    if inline.plain(line).startswith("Căn cứ"):
        return ParsedBlock(BASIS, line)
    return ParsedBlock(PARAGRAPH, line)


def _without_level_bold(kind: str, text: str) -> str:
    """A heading typed all in bold («**II. NỘI DUNG**», as Word copies it) is bold by its
    level already: the markup would only hide its words from matching and checks."""
    runs = inline.parse(text)
    if kind in (SECTION, CLAUSE, SUBCLAUSE) and len(runs) == 1 and runs[0].bold:
        return inline.markup([inline.Run(runs[0].text, italic=runs[0].italic)])
    return text


def _looks_like_title(text: str) -> bool:
    """Short headings ("Mục đích", "Quý II/2023.") rather than sentences or list items."""
    if len(text) > TITLE_MAX_CHARS or text.endswith((";", ").")) or ": " in text[:-1]:
        return False
    return not (text.endswith(".") and len(text) > 40)


def _continues(previous: ParsedBlock, line: str) -> bool:
    """A line that starts in lower case after an unfinished paragraph was cut by a page break."""
    return (
        previous.kind not in (SECTION,)
        and not previous.text.endswith(_TERMINAL)
        and line[:1].islower()
    )


def parse_outline(text: str, dropped: list[str] | None = None) -> list[ParsedBlock]:
    """Blocks of ``text``: one per non-empty line, joined where a page break cut a sentence.

    A line holding only a number is a page number of the source and is left out; ``dropped``,
    when given, receives those lines so the author can be told."""
    blocks: list[ParsedBlock] = []
    for raw in strip_controls(text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = clean_line(raw)
        if not line:
            continue
        if line.isdigit():  # a stray page number
            if dropped is not None:
                dropped.append(line)
            continue
        if blocks and _continues(blocks[-1], line) and classify(line).kind == PARAGRAPH:
            blocks[-1].text = f"{blocks[-1].text} {line}"
            continue
        blocks.append(classify(line))
    return _repair_levels(blocks)


def _repair_levels(blocks: list[ParsedBlock]) -> list[ParsedBlock]:
    """Authors who repeat a clause number after its sub-clauses ("2.", "2.1.", "2.") mean a
    sub-clause: demote it, and its own "2.1.", "2.2." become points (seed 002)."""
    clause, seen_sub, demoted = None, False, False
    for block in blocks:
        if block.kind == SECTION:
            clause, seen_sub, demoted = None, False, False
        elif block.kind == CLAUSE:
            if clause is not None and block.typed == clause and seen_sub:
                block.kind, demoted = SUBCLAUSE, True
            else:
                clause, seen_sub, demoted = block.typed, False, False
        elif block.kind == SUBCLAUSE:
            seen_sub = True
            if demoted:
                block.kind = POINT
    return blocks


# Word's HTML clipboard: what ends a line, what holds no text, what is bold or italic.
_LINE_TAGS = {"p", "div", "li", "br", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table",
              "ul", "ol", "blockquote", "section", "article", "header", "footer", "dt", "dd"}
_HIDDEN_TAGS = {"head", "style", "script", "title", "xml", "template", "noscript"}
_BOLD_TAGS = {"b", "strong", "h1", "h2", "h3", "h4", "h5", "h6", "th"}
_ITALIC_TAGS = {"i", "em", "cite", "var"}
_VOID_TAGS = {"br", "img", "hr", "meta", "link", "input", "col", "wbr", "area", "base", "o:p"}
_WEIGHT = re.compile(r"font-weight\s*:\s*([a-z0-9]+)", re.IGNORECASE)
_STYLE = re.compile(r"font-style\s*:\s*([a-z]+)", re.IGNORECASE)
_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")


def _style_of(tag: str, attrs, bold: bool, italic: bool) -> tuple[bool, bool]:
    """Bold and italic inside ``tag``: its own meaning, then its inline style (Word writes
    «font-weight:normal» to undo a heading's bold, «mso-bidi-font-weight» for other scripts)."""
    bold = bold or tag in _BOLD_TAGS
    italic = italic or tag in _ITALIC_TAGS
    style = re.sub(r"mso-[a-z-]+\s*:[^;]*", "", dict(attrs).get("style") or "")
    if weight := _WEIGHT.search(style):
        value = weight.group(1).lower()
        bold = value in ("bold", "bolder") or (value.isdigit() and int(value) >= 600)
    if font_style := _STYLE.search(style):
        italic = font_style.group(1).lower() in ("italic", "oblique")
    return bold, italic


class _ClipboardParser(HTMLParser):
    """Lines of (text, bold, italic) runs from HTML, as a reader of the page sees them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lines: list[list[inline.Run]] = [[]]
        self.stack: list[tuple[str, bool, bool]] = []
        self.hidden = 0

    def _state(self) -> tuple[bool, bool]:
        return self.stack[-1][1:] if self.stack else (False, False)

    def handle_starttag(self, tag, attrs):
        if tag in _LINE_TAGS:
            self.lines.append([])
        if tag in _HIDDEN_TAGS:
            self.hidden += 1
        if tag in ("td", "th") and self.lines[-1]:
            self.lines[-1].append(inline.Run(" "))
        if tag not in _VOID_TAGS:
            self.stack.append((tag, *_style_of(tag, attrs, *self._state())))

    def handle_endtag(self, tag):
        if tag in _HIDDEN_TAGS and self.hidden:
            self.hidden -= 1
        if tag in _LINE_TAGS:
            self.lines.append([])
        for depth in range(len(self.stack) - 1, -1, -1):  # tolerate unclosed tags
            if self.stack[depth][0] == tag:
                del self.stack[depth:]
                break

    def handle_data(self, data):
        if not self.hidden and data:
            self.lines[-1].append(inline.Run(_HTML_SPACE.sub(" ", data), *self._state()))


def html_to_text(html: str) -> str:
    """Word's (or a browser's) HTML clipboard as lines of text, bold and italic kept as markup,
    every other character literal."""
    parser = _ClipboardParser()
    parser.feed(strip_controls(html or "")[:2_000_000])
    parser.close()
    lines = []
    for runs in parser.lines:
        runs = [inline.Run(r.text.replace("\u00a0", " "), r.bold, r.italic) for r in runs]
        text = inline.markup(_trimmed(runs))
        if text.strip():
            lines.append(text)
    return "\n".join(lines)


def _trimmed(runs: list[inline.Run]) -> list[inline.Run]:
    """Runs with one space between words and none at the ends (a space never carries style)."""
    out: list[inline.Run] = []
    for run in runs:
        text = _SPACES.sub(" ", run.text)
        if out and out[-1].text.endswith(" "):
            text = text.lstrip(" ")
        if text.strip():
            out.append(run if text == run.text else inline.Run(text, run.bold, run.italic))
        elif out and text and not out[-1].text.endswith(" "):
            out.append(inline.Run(" "))
    if out:
        out[0] = inline.Run(out[0].text.lstrip(), out[0].bold, out[0].italic)
        out[-1] = inline.Run(out[-1].text.rstrip(), out[-1].bold, out[-1].italic)
    return [run for run in out if run.text]


def parse_clipboard(text: str, html: str = "", dropped: list[str] | None = None) -> list[ParsedBlock]:
    """Blocks of a paste: from its HTML when the clipboard had some (bold and italic kept),
    else from its plain text; lone page numbers go to ``dropped``."""
    converted = html_to_text(html) if html and html.strip() else ""
    return parse_outline(converted or text, dropped)
