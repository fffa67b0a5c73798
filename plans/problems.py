"""What a check reports: a problem, where to fix it and, when safe, a fix applied on one click."""

import hashlib
from dataclasses import dataclass


@dataclass(frozen=True)
class Fix:
    """A change to one place of the plan, applied only when the author clicks it.

    ``target`` names the place ("block-12", "field-intro"); ``start``/``end`` delimit ``old``
    in its text; ``op`` is "replace" (``old`` becomes ``new``), "join" (the block is joined
    with the next one, ``new`` is the text that joins them) or "delete" (the block goes).
    """

    label: str
    op: str
    target: str
    start: int = 0
    end: int = 0
    old: str = ""
    new: str = ""
    other: str = ""  # "join": the block joined to ``target``
    seen: str = ""  # the whole text of the place(s) as the author saw it when offered

    @property
    def key(self) -> str:
        """The name of this very change on this very text: any edit of the place since the
        page was shown gives another key, so the old one no longer applies."""
        raw = "\x1f".join([self.op, self.target, str(self.start), str(self.end), self.old,
                           self.new, self.other, self.seen])
        return hashlib.sha256(raw.encode()).hexdigest()[:20]


@dataclass(frozen=True)
class Problem:
    blocking: bool
    message: str
    where: str = ""  # an anchor in the editor: "header", "signature", "block-12", …
    fix: Fix | None = None
