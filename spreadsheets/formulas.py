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
            cells = list(CELL_START.finditer(xml, max(0, start - WINDOW), start))
            if cells:
                letters, row = cells[-1].group(1).decode(), int(cells[-1].group(2))
                self.cells.add((row - 1, _column_index(letters)))


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
