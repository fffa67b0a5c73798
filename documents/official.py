"""An official document (Decree 30/2020/NĐ-CP, Mẫu 1.4) as a value that both renderers read.

Apps build an :class:`OfficialDocument`; ``documents.pdf`` turns it into a PDF through the
shared HTML template and ``documents.docx`` into an editable Word file with the same layout.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from documents import inline
from documents.dates import date_line
from documents.docx_css import PT_PER_UNIT, box_pt, length_pt, page_margins
from documents.metrics import rule_width_mm, text_width_mm
from documents.symbols import document_symbol
from documents.wrapping import keep_dashes, wrap_lines
from vntext import nfc

_A4_MM = {False: 210.0, True: 297.0}  # page width, portrait and landscape
# Where a cell's text may wrap: at spaces (not at a no-break space) and after a slash before a
# letter («Số ngày/» «buổi»), as Pango's line breaking does; anywhere else a run is one piece.
_BREAKS = re.compile(r"[ \t\n]+|(?<=/)(?=[^\W\d_])")
_FIT_SLACK_MM = 1.0  # PIL's advance widths against Pango's shaped ones

QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
TIEU_NGU = "Độc lập - Tự do - Hạnh phúc"

# Body block kinds, in the order of Decree 30's "phần, mục, khoản, điểm" plus bullets.
SECTION = "section"  # I. MỤC ĐÍCH, YÊU CẦU (upper case, bold)
CLAUSE = "clause"  # 1. Mục đích (bold when it has a title)
SUBCLAUSE = "subclause"  # 1.1. (decimal sub-level; tolerated practice, seeds 001 and 002)
POINT = "point"  # a) Thời gian
BULLET = "bullet"  # - …
SUBBULLET = "subbullet"  # + …
PARAGRAPH = "paragraph"
BASIS = "basis"  # Căn cứ …; (italic)
BLOCK_KINDS = (SECTION, CLAUSE, SUBCLAUSE, POINT, BULLET, SUBBULLET, PARAGRAPH, BASIS)


def header_left_mm() -> float:
    """Width of the header's left column (decree30.css), where the issuing body is printed."""
    return length_pt("table.header td.left", "width") / PT_PER_UNIT["mm"]


@dataclass
class Block:
    """One paragraph of the body: its kind, its computed marker ("I.", "1.", "a)", "-") and text.

    ``text`` is as the author typed it, case kept, bold and italic runs in documents.inline's
    markup; documents.levels gives the level's style.
    """

    kind: str
    text: str
    marker: str = ""
    titled: bool = False  # the author marked the whole block as a title: bold

    def __post_init__(self):
        if self.kind not in BLOCK_KINDS:
            raise ValueError(f"unknown block kind {self.kind!r}")
        self.text = nfc(self.text)

    @property
    def display_text(self) -> str:
        """Marker and text as a reader sees them, without markup."""
        text = inline.plain(self.text)
        return f"{self.marker} {text}" if self.marker else text

    @property
    def runs(self) -> list[inline.Run]:
        from documents.levels import block_runs  # the style table reads the block kinds above

        return block_runs(self)

    @property
    def keep(self) -> bool:
        from documents.levels import keeps_with_next

        return keeps_with_next(self)


@dataclass
class Table:
    """A simple table for appendices: header cells, rows of text, and which columns are numbers."""

    columns: list[str]
    rows: list[list[str]]
    numeric: set[int] = field(default_factory=set)
    bold_rows: set[int] = field(default_factory=set)
    weights: list[float] | None = None  # relative column widths; default: STT narrow, text wide

    @property
    def display_columns(self) -> list[str]:
        """The header cells as printed (documents.wrapping.keep_dashes)."""
        return [keep_dashes(column) for column in self.columns]

    @property
    def display_rows(self) -> list[list[str]]:
        """The rows as printed: a compound name's dash kept with the word before it."""
        return [[keep_dashes(cell) if isinstance(cell, str) else cell for cell in row]
                for row in self.rows]

    @property
    def column_weights(self) -> list[float]:
        if self.weights:
            return self.weights
        return [1.0, 6.0] + [2.0] * (len(self.columns) - 2) if len(self.columns) > 2 else [1.0] * len(self.columns)

    @property
    def column_percents(self) -> list[float]:
        total = sum(self.column_weights)
        return [round(w * 100 / total, 2) for w in self.column_weights]

    def fits(self, width_mm: float) -> bool:
        """Whether each column's share of ``width_mm`` holds its widest unbreakable text (a word
        of a heading or cell, a whole number): then the PDF gives the table fixed column widths,
        which come out exactly as the automatic layout's would, without measuring every cell
        first (a tenth of a budget appendix's PDF, bench/plans.py). A clear fit only: where our
        metrics and Pango's shaping could disagree, the automatic layout decides."""
        _, right, _, left = box_pt("table.data td", "padding")
        extra = (left + right + length_pt("table.data td", "border")) / PT_PER_UNIT["mm"] + _FIT_SLACK_MM
        return all(need <= percent * width_mm / 100 - extra
                   for need, percent in zip(self._widest_mm(), self.column_percents, strict=True))

    def _widest_mm(self) -> list[float]:
        size, measured = length_pt("table.data", "font-size"), {}

        def width(text: str, bold: bool, whole: bool) -> float:
            return max((measure(word, bold) for word in ([text] if whole else _BREAKS.split(text))),
                       default=0.0)

        def measure(word: str, bold: bool) -> float:
            if (word, bold) not in measured:  # words, numbers and units repeat down a column
                measured[word, bold] = text_width_mm(word, size_pt=size, bold=bold)
            return measured[word, bold]

        widest = [width(column, True, False) for column in self.display_columns]
        for index, row in enumerate(self.display_rows):
            for col, cell in enumerate(row[:len(widest)]):  # a numeric cell never wraps
                widest[col] = max(widest[col], width(cell, index in self.bold_rows, col in self.numeric))
        return widest


@dataclass
class Appendix:
    """An appendix: own page numbering, optionally landscape."""

    label: str  # "Phụ lục" or "Phụ lục I"
    title: str  # upper case title
    reference: str  # "(Kèm theo Kế hoạch số …/KH-UBND ngày … của …)"
    blocks: list[Block] = field(default_factory=list)
    table: Table | None = None
    after_table: list[Block] = field(default_factory=list)  # e.g. "Bằng chữ: …"
    unit_caption: str = ""  # "Đơn vị tính: đồng"
    landscape: bool = False

    @property
    def fixed_table_layout(self) -> bool:
        """Whether the table's columns hold their text at their set widths (Table.fits)."""
        if self.table is None:
            return False
        margins = page_margins(landscape=self.landscape)
        return self.table.fits(_A4_MM[self.landscape] - margins.left - margins.right)


@dataclass
class Signature:
    """The closing block's right cell: authority lines (TM./KT./…), title, name."""

    authority_lines: list[str]
    signer: str

    @classmethod
    def for_body(cls, body, *, deputy: bool, signer: str) -> Signature:
        """The usual block of an issuing body: TM. <collective> / [KT.] head / deputy title."""
        lines = [f"TM. {body.collective_name}"] if body.is_collective else []
        if deputy:
            lines += [f"KT. {body.head_title}", body.deputy_title]
        else:
            lines.append(body.head_title)
        return cls(authority_lines=lines, signer=signer)


@dataclass
class OfficialDocument:
    parent_lines: list[str]
    issuer_lines: list[str]
    type_name: str  # "Kế hoạch"
    type_abbr: str  # "KH"
    issuer_abbr: str  # "UBND"
    place_name: str
    year: int
    title: str
    blocks: list[Block]
    recipients: list[str]
    signature: Signature
    # A record signed by two (the minutes: the secretary left, the chair right): the second
    # signature takes the closing block's left cell, and «Nơi nhận» moves below both.
    co_signature: Signature | None = None
    number: int | None = None
    issue_date: datetime.date | None = None
    appendices: list[Appendix] = field(default_factory=list)
    # Printed across every page of the PDF (e.g. the issue preview, which already carries the
    # number it would take): a copy that must never be mistaken for the issued paper.
    watermark: str = ""

    @property
    def draft(self) -> bool:
        return self.number is None or self.issue_date is None

    @property
    def symbol_line(self) -> str:
        return document_symbol(self.number, self.type_abbr, self.issuer_abbr)

    @property
    def symbol(self) -> str:
        return self.symbol_line.removeprefix("Số:").strip()

    @property
    def date_line(self) -> str:
        return date_line(self.place_name, self.issue_date, year=self.year)

    @property
    def type_heading(self) -> str:
        return self.type_name.upper()

    @property
    def parent_display_lines(self) -> list[str]:
        """The parent body's lines as printed: each wrapped to the left column by the rule."""
        return wrap_lines(self.parent_lines, header_left_mm(), size_pt=length_pt(
            ".parent-body", "font-size"), bold=False)

    @property
    def issuer_display_lines(self) -> list[str]:
        return wrap_lines(self.issuer_lines, header_left_mm(), size_pt=length_pt(
            ".issuing-body", "font-size"), bold=True)

    @property
    def issuer_rule_mm(self) -> float:
        return rule_width_mm(self.issuer_display_lines, size_pt=13, bold=True)

    @property
    def title_rule_mm(self) -> float:
        return rule_width_mm(self.title.splitlines(), size_pt=14, bold=True, max_mm=165)

    @property
    def recipient_lines(self) -> list[str]:
        """'- X;' for every recipient and '- X.' for the last (which should be 'Lưu: VT, …');
        a wrapped name never starts a line with its dash, which would read as a new item."""
        items = [keep_dashes(nfc(r).rstrip(";.")) for r in self.recipients if nfc(r)]
        return [f"- {r}{'.' if i == len(items) - 1 else ';'}" for i, r in enumerate(items)]

    @property
    def filename_stem(self) -> str:
        number = f"{self.number:02d}" if self.number else "du-thao"
        return f"{self.type_abbr}-{number}-{self.year}"
