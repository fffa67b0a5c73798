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


def formula_cells(data: bytes, sheet_index: int) -> set[tuple[int, int]]:
    """(row, column), 0-based, of every cell with an <f> element; empty when unreadable.

    A sheet rarely holds formulas, so the XML is scanned for <f> elements and only the cell
    each one sits in is looked up, instead of parsing every cell.
    """
    found: set[tuple[int, int]] = set()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            path = _sheet_path(archive, sheet_index)
            if path is None:
                return found
            xml = archive.read(path)
    except (KeyError, zipfile.BadZipFile, SyntaxError):
        return set()
    if not MAYBE_FORMULA.search(xml):  # FORMULA can only match where this does, and it is several times quicker
        return found
    for formula in FORMULA.finditer(xml):
        start = formula.start()
        cells = list(CELL_START.finditer(xml, max(0, start - WINDOW), start))
        if cells:
            letters, row = cells[-1].group(1).decode(), int(cells[-1].group(2))
            found.add((row - 1, _column_index(letters)))
    return found
