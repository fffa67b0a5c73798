"""Each sheet's real extent, measured in its XML before a reader builds the sheet's grid.

Readers such as calamine build one dense grid from A1 to the last cell holding a value, and the
<dimension> element an .xlsx carries may lie or be absent. So the cells themselves are measured
in the XML, and reading stops at the first cell that breaks a limit: a 5 KB file with one stray
value at XFD1048576 would otherwise ask for a grid of 17 billion cells (550 GB).
"""

import functools
import io
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import IO
from xml.etree.ElementTree import ParseError, iterparse
from xml.parsers import expat

from django.conf import settings

from spreadsheets.archive import SpreadsheetProblem, member_opener

# A quick pass does it with one regular expression per block of the usual shape of the XML (every
# cell tag starts `<c r="`): it skips, without making an object, every cell in a one-letter column
# whose row number is shorter than the bound it must stay under, and yields only the others (wider
# columns, longer row numbers, tags of another shape). When the XML has another shape, or a cell
# is too far, an exact pass through expat places every cell and names the first one too far.

SHEET_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
STRICT_SHEET_NS = "{http://purl.oclc.org/ooxml/spreadsheetml/main}"
REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
STRICT_REL_NS = "{http://purl.oclc.org/ooxml/officeDocument/relationships}"
PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
CELL_REF = re.compile(r"([A-Z]{1,3})([0-9]{1,7})")
PREFIXED_CELL = re.compile(rb":c[\s>/]")  # <x:c …>: for the exact pass
SCAN_BLOCK = 1 << 20
HEAD_BYTES = 4096  # where a sheet's <dimension> is, after <sheetPr>
DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="[A-Z]{1,3}[0-9]{1,7}:([A-Z]{1,3})[0-9]{1,7}"')
SHARED_STRINGS = "xl/sharedStrings.xml"
# Defaults: the 100,000-row benchmark file has 12 columns; settings may lower or raise each one.
LIMITS = {"SPREADSHEET_MAX_ROWS": 200_000, "SPREADSHEET_MAX_COLUMNS": 200,
          "SPREADSHEET_MAX_CELLS": 6_000_000}


@dataclass(frozen=True)
class Limits:
    """How far a sheet may reach: last row, last column, the cells of the grid up to both, and
    (the same number) the <row> and <c> elements its XML may hold."""

    rows: int
    columns: int
    cells: int

    @classmethod
    def from_settings(cls) -> "Limits":
        rows, columns, cells = (getattr(settings, key, default) for key, default in LIMITS.items())
        return cls(rows, columns, cells)


def column_letters(col: int) -> str:
    """Excel's letters for a 1-based column number (1 → A, 16384 → XFD)."""
    letters = ""
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _column_number(letters: str) -> int:
    number = 0
    for char in letters:
        number = number * 26 + ord(char) - 64
    return number


def _number(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def sheet_parts(archive: zipfile.ZipFile) -> list[tuple[str, str | None]]:
    """(name, path of its XML part or None) of each sheet of an .xlsx, in the workbook's order."""
    targets = {}
    for _, element in iterparse(io.BytesIO(archive.read("xl/_rels/workbook.xml.rels"))):
        if element.tag == f"{PKG_REL}Relationship":
            target = element.get("Target", "").lstrip("/")
            targets[element.get("Id")] = target if target.startswith("xl/") else "xl/" + target
    parts = []
    for _, element in iterparse(io.BytesIO(archive.read("xl/workbook.xml"))):
        if element.tag in (f"{SHEET_NS}sheet", f"{STRICT_SHEET_NS}sheet"):
            rel = element.get(f"{REL_NS}id") or element.get(f"{STRICT_REL_NS}id")
            parts.append((element.get("name", ""), targets.get(rel)))
    return parts


class _Unusual(Exception):
    """The quick pass cannot vouch for the sheet: the exact pass decides. ``watched``: whether the
    quick pass had read the whole XML once before (see :func:`_quick_check`)."""

    watched = False


def _blocks_of(xml: IO[bytes]) -> Iterator[bytes]:
    """The XML in blocks of about SCAN_BLOCK bytes, each cut before a tag (no tag is split);
    _Unusual when a tag or a text is longer than a block."""
    tail = b""
    while block := xml.read(SCAN_BLOCK):
        block = tail + block
        cut = block.rfind(b"<")
        if cut <= 0:  # no tag starts after the first: read on, unless it is far too long
            if len(block) > 2 * SCAN_BLOCK:
                raise _Unusual
            tail = block
            continue
        yield block[:cut]
        tail = block[cut:]
    yield tail


def _blocks(xml: IO[bytes]) -> Iterator[bytes]:
    """The sheet XML in blocks (``_blocks_of``); _Unusual when it holds a cell tag with a prefix.

    (The regular expression, whose search starts from the rare colon, is several times quicker
    than a plain ``b":c" in block``, which stops at every "c" of the XML.)"""
    for block in _blocks_of(xml):
        if PREFIXED_CELL.search(block):
            raise _Unusual
        yield block


def _columns_to(right: int) -> bytes:
    """A regular expression for the letters of columns A to the ``right``-th (at most ZZ)."""
    letters = column_letters(min(right, 702)).encode()
    if len(letters) == 1:
        return b"[A-%s]" % letters
    first, second = letters[:1], letters[1:]
    before = b"|[A-%c][A-Z]" % (first[0] - 1) if first != b"A" else b""
    return b"(?:[A-Z]" + before + b"|" + first + b"[A-" + second + b"])"


@functools.cache
def _notable_cells(right: int, short: int) -> re.Pattern:
    """Every cell tag but the usual one in columns A to the ``right``-th with a row number of at
    most ``short`` digits; it captures (column letters, row number, the rest of the tag), or
    nothing when the tag is not in the usual shape (without r, r not first or not plain)."""
    # (the usual tag is known by its start: every tag of a block ends within it, see _blocks_of)
    usual = rb'(?! r="%s[0-9]{1,%d}")' % (_columns_to(right), short) if right and short else b""
    # (the usual tag is ruled out first: the cheaper order for the tag nearly every cell has)
    return re.compile(rb"<c" + usual + rb"(?=[\s>/])" + rb'(?: r="([A-Z]{1,3})([0-9]{1,7})"([^>]*)>)?')


def _width_hint(head: bytes, limits: Limits) -> int:
    """The last column the sheet's <dimension> names, within the limit (0 when it names none), from
    the ``head`` of its XML.

    Only a start for the quick pass, so that the cells of its first block are not all looked at
    one by one: a dimension that lies costs time, never a wrong answer, since every cell beyond
    it is still measured and a wider start only makes the bound on rows stricter.
    """
    found = DIMENSION.search(head[:HEAD_BYTES])
    return min(_column_number(found[1].decode()), limits.columns) if found else 0


def _quick_check(open_xml: Callable[[], IO[bytes]], limits: Limits, size: int | None = None,
                 watch: Callable[[bytes], None] | None = None) -> None:
    """Pass, or raise _Unusual: no row beyond the limit, no column beyond it, the grid up to the
    last of both under the cells' limit. ``watch``, when given, is handed each block of the
    first reading, in order (the whole XML unless _Unusual is raised during it).

    Per block, only the cells beyond the last column known so far, or with a row number as long as
    the bound, are looked at one by one. Should a block widen the grid so much that the bound gets
    a digit shorter, the XML is read once more, with the final width from the start. The <row> and
    <c> elements are counted only when the XML's ``size`` (bytes, when known) could hold more than
    the limit: each takes at least four bytes.
    """
    start = None  # from the first block's <dimension>: the XML is opened once, unless rechecked
    count = size is None or size // 4 > limits.cells
    watched = False  # whether ``watch`` has been handed the whole XML
    try:
        while True:
            right, elements, recheck = start or 0, 0, False
            with open_xml() as xml:
                for block in _blocks(xml):
                    if start is None:
                        start = right = _width_hint(block, limits)
                    if watch is not None:
                        watch(block)
                    if count:
                        elements += _elements(block, elements, limits.cells)
                    short = len(str(min(limits.rows, limits.cells // max(right, 1)))) - 1
                    found = _notable_cells(right, short).findall(block)
                    if (b"", b"", b"") in found:  # a tag of another shape
                        raise _Unusual
                    bottom = 0
                    if valued := [cell for cell in found if cell[2][-1:] != b"/"]:  # not <c r="A1" s="2"/>
                        letters, numbers, _ = zip(*valued, strict=True)
                        bottom = max(map(int, set(numbers)))
                        right = max(right, *(_column_number(column.decode()) for column in set(letters)))
                    bound = min(limits.rows, limits.cells // max(right, 1))
                    recheck = recheck or len(str(bound)) - 1 < short
                    if elements > limits.cells or right > limits.columns or bottom > bound:
                        raise _Unusual
            watched, watch = watched or watch is not None, None
            if not recheck:
                return
            start = right
    except _Unusual as unusual:
        unusual.watched = watched
        raise


def _elements(block: bytes, counted: int, limit: int) -> int:
    """How many <c> and <row> elements ``block`` holds, or more (never fewer): every tag starts
    with "<", whose count is several times quicker to take than theirs, and exact enough while
    the sum stays under the ``limit`` (``counted`` so far)."""
    tags = block.count(b"<")
    if counted + tags <= limit:
        return tags
    return block.count(b"<c ") + block.count(b"<row")


class _TooFar(Exception):
    """Raised inside the exact pass to stop it at the first cell beyond a limit."""


class _ExtentScan:
    """The exact pass: rows and cells placed as a reader places them, the box of the valued ones.

    A cell without an ``r`` attribute follows the previous one (and a row without one, the
    previous row). A cell counts when it holds a <v> or an inline <is>: a formatted empty cell
    is not read as a value, so it does not widen the grid.
    """

    def __init__(self, limits: Limits):
        self.limits = limits
        self.elements = 0
        self.row = self.col = 0
        self.cell: tuple[int, int] | None = None
        self.valued = False
        self.bottom = self.right = 0
        self.far: tuple[str, int, int] | None = None  # (why, row, column) of the cell that broke a limit

    def start(self, tag: str, attrs: dict) -> None:
        name = tag.rpartition(":")[2]
        if name == "c":
            self._count()
            ref = CELL_REF.fullmatch(attrs.get("r", ""))
            if ref:
                self.row, self.col = int(ref.group(2)), _column_number(ref.group(1))
            else:
                self.col += 1
            self.cell, self.valued = (self.row, self.col), False
        elif name in ("v", "is"):
            self.valued = self.cell is not None
        elif name == "row":
            self._count()
            number = attrs.get("r", "")
            self.row = int(number) if number.isdigit() else self.row + 1
            self.col = 0

    def end(self, tag: str) -> None:
        if self.cell is not None and tag.rpartition(":")[2] == "c":
            if self.valued:
                self._place(*self.cell)
            self.cell = None

    def _count(self) -> None:
        self.elements += 1
        if self.elements > self.limits.cells:
            self.far = ("elements", self.row, self.col)
            raise _TooFar

    def _place(self, row: int, col: int) -> None:
        limits = self.limits
        why = ("rows" if row > limits.rows else "columns" if col > limits.columns
               else "cells" if max(row, self.bottom) * max(col, self.right) > limits.cells else "")
        if why:
            self.far = (why, row, col)
            raise _TooFar
        self.bottom, self.right = max(self.bottom, row), max(self.right, col)

    def message(self, sheet: str) -> str:
        why, row, col = self.far
        limits = self.limits
        if why == "elements":
            return (f"Trang tính «{sheet}» có hơn {_number(limits.cells)} dòng và ô (kể cả dòng, ô "
                    "trống đã định dạng): quá lớn để đọc. Hãy xóa các dòng, cột thừa bên dưới và bên "
                    "phải bảng dữ liệu rồi lưu và tải lên lại.")
        cell = f"{column_letters(col)}{row}"
        if why == "rows":
            limit = f"dòng {_number(row)}, vượt giới hạn {_number(limits.rows)} dòng"
        elif why == "columns":
            limit = f"cột thứ {_number(col)}, vượt giới hạn {_number(limits.columns)} cột"
        else:
            bottom, right = max(row, self.bottom), max(col, self.right)
            limit = (f"bảng tính sẽ trải từ A1 tới {column_letters(right)}{bottom}: "
                     f"{_number(bottom * right)} ô, vượt giới hạn {_number(limits.cells)} ô")
        where = (f"nằm ngoài vùng dữ liệu A1:{column_letters(self.right)}{self.bottom}" if self.bottom
                 else "nằm quá xa")
        return (f"Trang tính «{sheet}» có ô {cell} {where} ({limit}). Nếu đó là ô gõ nhầm hay còn "
                "sót khoảng trắng, hãy xóa ô đó (trong Excel, Ctrl+End đưa tới ô cuối cùng có dữ "
                "liệu) rồi lưu và tải lên lại; nếu danh sách thật sự lớn như vậy, hãy tách thành "
                "nhiều tệp.")


def check_sheet_extent(sheet: str, open_xml: Callable[[], IO[bytes]], limits: Limits | None = None,
                       size: int | None = None, watch: Callable[[bytes], None] | None = None) -> bool:
    """Refuse (SpreadsheetProblem) a sheet whose values reach beyond the limits, naming the first
    cell too far; ``open_xml`` opens the sheet's XML (it may be read several times), of ``size``
    bytes when known. Whether ``watch`` (see :func:`_quick_check`) was handed the whole XML."""
    limits = limits or Limits.from_settings()
    try:
        _quick_check(open_xml, limits, size, watch)
        return watch is not None
    except _Unusual as unusual:
        watched = watch is not None and unusual.watched
    scan = _ExtentScan(limits)
    parser = expat.ParserCreate()
    parser.StartElementHandler, parser.EndElementHandler = scan.start, scan.end
    try:
        with open_xml() as xml:
            parser.ParseFile(xml)
    except _TooFar:
        raise SpreadsheetProblem(scan.message(sheet)) from None
    except expat.ExpatError:
        raise SpreadsheetProblem(f"Trang tính «{sheet}» bị hỏng (nội dung XML không đọc được).") from None
    return watched


def check_extent(data: bytes, *, only: int | None = None,
                 watch: Callable[[int], Callable[[bytes], None]] | None = None) -> set[int]:
    """Refuse an .xlsx whose shared strings are too many, or one of whose sheets (or sheet ``only``,
    0-based) reaches beyond the limits.

    ``watch(index)``, when given, returns what to hand each block of that sheet's XML as the guard
    reads it (so that the XML is decompressed once); the indexes of the sheets handed whole are
    returned (a sheet of unusual shape, measured by the exact pass, is not).

    A file that is no readable workbook, or a sheet whose part is missing, is left to the reader,
    which refuses it with its own message (:func:`spreadsheets.check_file` refuses most of them before).
    """
    limits = Limits.from_settings()
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        parts = sheet_parts(archive)
    except (KeyError, zipfile.BadZipFile, ParseError):
        return set()
    watched, view = set(), memoryview(data)
    with archive:
        if SHARED_STRINGS in archive.NameToInfo:
            _check_shared_strings(member_opener(view, archive, SHARED_STRINGS), limits)
        for index, (sheet, path) in enumerate(parts):
            if (only is None or index == only) and path in archive.NameToInfo:
                if check_sheet_extent(sheet, member_opener(view, archive, path), limits,
                                      archive.NameToInfo[path].file_size, watch and watch(index)):
                    watched.add(index)
    return watched


def _check_shared_strings(open_xml: Callable[[], IO[bytes]], limits: Limits) -> None:
    """Refuse more shared strings than a sheet within the limits could use: a reader loads them all
    when it opens the file, before any sheet (a few bytes each, so millions fit in a small file)."""
    strings = 0
    with open_xml() as xml:
        while block := xml.read(SCAN_BLOCK):  # a tag cut between two blocks goes uncounted: one per MB
            tags = block.count(b"<")  # a bound, quicker to take: every <si> is one of them
            strings += tags if strings + tags <= limits.cells else block.count(b"<si") + block.count(b":si")
            if strings > limits.cells:
                raise SpreadsheetProblem(f"Tệp có hơn {_number(limits.cells)} chuỗi chữ dùng chung: bất "
                                        "thường với một bảng tính, có thể là tệp độc hại; không đọc tệp này.")


def check_grid(sheet: str, rows: int, columns: int, limits: Limits | None = None) -> None:
    """Refuse a grid of ``rows`` × ``columns`` beyond the limits (a reader's own measure of a sheet,
    for formats whose cells are not measured beforehand, such as .xls)."""
    scan = _ExtentScan(limits or Limits.from_settings())
    try:
        scan._place(rows, columns)
    except _TooFar:
        raise SpreadsheetProblem(scan.message(sheet)) from None
