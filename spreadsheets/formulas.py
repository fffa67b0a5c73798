"""Where the formulas are in an .xlsx sheet, read from the sheet XML without evaluating anything."""

import io
import re
import zipfile

from spreadsheets.extent import sheet_parts

REF = re.compile(r"([A-Z]+)(\d+)")


def _column_index(letters: str) -> int:
    index = 0
    for char in letters:
        index = index * 26 + ord(char) - 64
    return index - 1


def _sheet_path(archive: zipfile.ZipFile, sheet_index: int) -> str | None:
    parts = sheet_parts(archive)
    return parts[sheet_index][1] if sheet_index < len(parts) else None


FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")
CELL_START = re.compile(rb'<(?:\w+:)?c\s[^>]*?\br="([A-Z]+)(\d+)"')
WINDOW = 2000
# "f" (rare in a sheet's XML: its search is quick) after "<" or ":" and before what ends a tag name
MAYBE_FORMULA = re.compile(rb"f(?<=[<:]f)[\s>/]")


class FormulaScan:
    """The formula cells of a sheet XML fed in order, whole or in blocks each cut before a tag
    (as the extent guard reads it, so that the sheet is decompressed once): ``cells`` holds
    (row, column), 0-based, of every cell with an <f> element.

    A sheet rarely holds formulas, so the XML is scanned for <f> elements and only the cell each
    one sits in is looked up (within the WINDOW bytes before it, kept across blocks), instead of
    parsing every cell.
    """

    def __init__(self) -> None:
        self.cells: set[tuple[int, int]] = set()
        self._tail = b""  # the last WINDOW bytes fed (all of them while fewer)

    def feed(self, block: bytes) -> None:
        tail = self._tail
        self._tail = (tail + block)[-WINDOW:] if len(block) < WINDOW else block[-WINDOW:]
        if not MAYBE_FORMULA.search(block):  # FORMULA can only match where this does, and it is several times quicker
            return
        xml, offset = tail + block, len(tail)
        for formula in FORMULA.finditer(xml, offset):
            start = formula.start()
            if cell := _cell_before(xml, start):
                letters, row = cell.group(1).decode(), int(cell.group(2))
                self.cells.add((row - 1, _column_index(letters)))


def _cell_before(xml: bytes, start: int) -> re.Match | None:
    """The last cell start within the WINDOW bytes before ``start``. A sheet of formulas (an
    estimate's every line, a list's STT column) has one per row: looking back for the usual
    «<c » and checking that no other cell starts after it is several times quicker than
    matching every cell of the window, which is kept for what that does not find."""
    low = max(0, start - WINDOW)
    found = xml.rfind(b"<c ", low, start)
    if found >= 0 and (cell := CELL_START.match(xml, found, start)) and not CELL_START.search(xml, found + 1, start):
        return cell
    cells = list(CELL_START.finditer(xml, low, start))
    return cells[-1] if cells else None


def formula_cells(data: bytes, sheet_index: int) -> set[tuple[int, int]]:
    """(row, column), 0-based, of every cell with an <f> element; empty when unreadable."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            path = _sheet_path(archive, sheet_index)
            if path is None:
                return set()
            xml = archive.read(path)
    except (KeyError, zipfile.BadZipFile, SyntaxError):
        return set()
    scan = FormulaScan()
    scan.feed(xml)
    return scan.cells
