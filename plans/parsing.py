"""Text pasted from Word (or a seed file) turned into outline blocks.

Lines starting with "I.", "1.", "1.1.", "a)", "-", "+" become sections, clauses, sub-clauses,
points and bullets; their typed numbers are dropped because numbers are always computed.
"""

import re
import unicodedata
from dataclasses import dataclass

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
# (which PostgreSQL refuses in any text), every other C0 control and DEL are dropped.
_CONTROLS = {**dict.fromkeys([*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F], None),
             0x0B: "\n", 0x0C: "\n"}
_SPACES = re.compile(r"[ \t\u00a0\u2002-\u200a\u202f\u3000]+")
_EMPHASIS = re.compile(r"\*{1,3}")
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
    """NFC, no invisible characters, one space between words, no Markdown emphasis marks."""
    line = unicodedata.normalize("NFC", line).translate(_INVISIBLE)
    line = _EMPHASIS.sub("", line)
    return _SPACES.sub(" ", line).strip()


def _emphasised(raw: str) -> bool:
    stripped = raw.strip()
    return stripped.startswith("*") and stripped.rstrip(":").endswith("*")


def classify(line: str) -> ParsedBlock:
    """The block one cleaned line stands for, with its typed marker removed."""
    for kind, pattern in _PATTERNS:
        match = pattern.match(line)
        if match:
            text = match.groups()[-1].strip()
            titled = kind in (CLAUSE, SUBCLAUSE) and _looks_like_title(text)
            typed = match.group(1) if kind in (CLAUSE, SUBCLAUSE) else ""
            return ParsedBlock(kind, text, titled, typed)
    if line.startswith("Căn cứ"):
        return ParsedBlock(BASIS, line)
    return ParsedBlock(PARAGRAPH, line)


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


def parse_outline(text: str) -> list[ParsedBlock]:
    """Blocks of ``text``: one per non-empty line, joined where a page break cut a sentence."""
    blocks: list[ParsedBlock] = []
    for raw in strip_controls(text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = clean_line(raw)
        if not line or line.isdigit():  # blank lines and stray page numbers
            continue
        if blocks and _continues(blocks[-1], line) and classify(line).kind == PARAGRAPH:
            blocks[-1].text = f"{blocks[-1].text} {line}"
            continue
        block = classify(line)
        if block.kind == PARAGRAPH and _emphasised(raw):
            block.titled = True
        blocks.append(block)
    for block in blocks:
        block.text = block.text[:MAX_BLOCK_CHARS]
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
