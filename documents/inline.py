"""Bold and italic runs inside a paragraph, stored in the block's text as minimal markup.

``**bold**``, ``*italic*`` and ``***both***``; ``\\*`` is a literal star and ``\\\\`` a literal
backslash. A star opens emphasis only when a non-space follows it and closes it only after a
non-space (CommonMark's flanking rule), and only when its pair exists: a lone «*», «5 * 3» or
«Ghi chú (*)» stays as the author typed it; two or three stars without a pair are broken
markup (seed 002's «*** Lĩnh vực giảm nghèo**») and are dropped. Rendering goes through :class:`Run` values, which
templates escape like any other text, so markup can never become HTML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_TOKEN = re.compile(r"\\[\\*]|\*{1,3}")


@dataclass(frozen=True)
class Run:
    """A piece of a paragraph in one weight and style."""

    text: str
    bold: bool = False
    italic: bool = False

    @property
    def css(self) -> str:
        """The classes of the run's span in documents/official.html ("b", "i", "r", "n")."""
        return f"{'b' if self.bold else 'r'} {'i' if self.italic else 'n'}"


def escape(text: str) -> str:
    """``text`` as literal characters: every star and backslash escaped."""
    return text.replace("\\", "\\\\").replace("*", "\\*")


def _tokens(text: str) -> list[tuple[str, str]]:
    """("text", …) pieces and ("stars", "**") delimiters, escapes resolved into text."""
    out: list[tuple[str, str]] = []
    position = 0
    for match in _TOKEN.finditer(text):
        if match.start() > position:
            out.append(("text", text[position:match.start()]))
        token = match.group()
        out.append(("text", token[1]) if token.startswith("\\") else ("stars", token))
        position = match.end()
    if position < len(text):
        out.append(("text", text[position:]))
    return out


def _flanking(tokens, index) -> tuple[bool, bool]:
    """Whether the delimiter at ``index`` can open (non-space after) or close (non-space before)."""
    before = tokens[index - 1][1][-1:] if index and tokens[index - 1][0] == "text" else ""
    after = tokens[index + 1][1][:1] if index + 1 < len(tokens) and tokens[index + 1][0] == "text" else ""
    return bool(after) and not after.isspace(), bool(before) and not before.isspace()


def _pairs(tokens) -> dict[int, int]:
    """Opening delimiter index → its closing index: the nearest later one of the same length,
    else (a slip like «***Cấp xã:**») the nearest later closing one of any length."""
    pairs: dict[int, int] = {}
    used: set[int] = set()
    for same_length in (True, False):
        for index, (kind, value) in enumerate(tokens):
            if kind != "stars" or index in used or not _flanking(tokens, index)[0]:
                continue
            for later in range(index + 1, len(tokens)):
                if (tokens[later][0] == "stars" and later not in used
                        and (tokens[later][1] == value or not same_length)
                        and _flanking(tokens, later)[1]):
                    pairs[index] = later
                    used.update((index, later))
                    break
    return pairs


def parse(text: str, *, bold: bool = False, italic: bool = False) -> list[Run]:
    """The runs of ``text``; ``bold``/``italic`` are the paragraph's own style underneath."""
    tokens = _tokens(text)
    pairs = _pairs(tokens)
    closers = {close: open_ for open_, close in pairs.items()}
    strong = emphasis = 0
    runs: list[Run] = []
    for index, (kind, value) in enumerate(tokens):
        if kind == "stars" and (index in pairs or index in closers):
            # A pair styles by its shorter side: «***x**» is bold, its extra star a slip.
            other = tokens[pairs[index] if index in pairs else closers[index]][1]
            length = min(len(value), len(other))
            step = 1 if index in pairs else -1
            strong += step * (length >= 2)
            emphasis += step * (length != 2)
            continue
        if kind == "stars" and len(value) >= 2:
            continue  # two or three stars are never the author's text: broken markup, dropped
        style = (bold or strong > 0, italic or emphasis > 0)
        if runs and (runs[-1].bold, runs[-1].italic) == style:
            runs[-1] = Run(runs[-1].text + value, *style)
        else:
            runs.append(Run(value, *style))
    return runs


def plain(text: str) -> str:
    """What a reader sees of ``text``: the markup gone, escaped characters as themselves."""
    return "".join(run.text for run in parse(text))


def embolden(runs: list[Run], length: int) -> list[Run]:
    """``runs`` with their first ``length`` characters bold (a run-in heading)."""
    out: list[Run] = []
    for run in runs:
        head, tail = run.text[:max(length, 0)], run.text[max(length, 0):]
        if head:
            out.append(Run(head, True, run.italic))
        if tail:
            out.append(Run(tail, run.bold, run.italic))
        length -= len(run.text)
    return out


def _touching(runs: list[Run]) -> list[Run]:
    """Styled runs that touch without a space take their union: two delimiters side by side
    (``**a***b*``) would read as one."""
    out: list[Run] = []
    for run in runs:
        last = out[-1] if out else None
        if (last and (last.bold or last.italic) and (run.bold or run.italic)
                and last.text[-1:].strip() and run.text[:1].strip()):
            out[-1] = Run(last.text + run.text, last.bold or run.bold, last.italic or run.italic)
        else:
            out.append(run)
    return out


def markup(runs: list[Run]) -> str:
    """Stored text of ``runs``: escaped literal text, styled stretches between delimiters."""
    out = []
    for run in _touching([r for r in runs if r.text]):
        body = escape(run.text)
        stars = "*" * (2 * run.bold + run.italic)
        core = body.strip()
        if not stars or not core:
            out.append(body)
            continue
        lead = body[:len(body) - len(body.lstrip())]
        trail = body[len(body.rstrip()):]
        out.append(f"{lead}{stars}{core}{stars}{trail}")
    return "".join(out)
