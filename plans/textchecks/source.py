"""The plan's own words as a list of paragraphs, each knowing where it is and how to change it."""

import re
from dataclasses import dataclass
from functools import cached_property

from plans.models import BlockKind, Plan

# Header fields an officer types, checked like blocks; the anchor is the editor's header form.
HEADER_FIELDS = ("title", "basis_text", "intro")
LIST_KINDS = (BlockKind.POINT, BlockKind.BULLET, BlockKind.SUBBULLET)
HEADING_KINDS = (BlockKind.SECTION,)
_TOKEN = re.compile(r"\w+")


@dataclass(frozen=True)
class Paragraph:
    target: str  # "block-12" or "field-intro": what a fix changes
    where: str  # the editor's anchor: "block-12", "header"
    text: str
    kind: str = BlockKind.PARAGRAPH
    depth: int = 0
    titled: bool = False

    @cached_property
    def tokens(self) -> list[re.Match]:
        """The words and numbers of the text, with their places (one scan, shared by checks)."""
        return list(_TOKEN.finditer(self.text))

    @cached_property
    def lowered(self) -> str:
        return self.text.lower()

    @cached_property
    def words(self) -> list[str]:
        """The lower-case words and numbers, without places (cheap: for quick rejections)."""
        return _TOKEN.findall(self.lowered)

    @property
    def is_block(self) -> bool:
        return self.target.startswith("block-")

    @property
    def is_heading(self) -> bool:
        return self.kind in HEADING_KINDS or self.titled

    @property
    def is_list_item(self) -> bool:
        return self.kind in LIST_KINDS


def paragraphs(plan: Plan, blocks=None) -> list[Paragraph]:
    """Every paragraph the officer typed, in reading order (computed blocks left out)."""
    found = [Paragraph(f"field-{name}", "header", getattr(plan, name))
             for name in HEADER_FIELDS if getattr(plan, name)]
    for block in plan.blocks.all() if blocks is None else blocks:
        if block.text and not block.live:
            found.append(Paragraph(f"block-{block.pk}", f"block-{block.pk}", block.text,
                                   block.kind, block.depth, block.titled))
    if plan.closing:
        found.append(Paragraph("field-closing", "header", plan.closing))
    return found
