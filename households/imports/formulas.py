"""Where the formulas are in an .xlsx sheet, read from the sheet XML without evaluating anything."""

import io
import re
import zipfile
from xml.etree.ElementTree import iterparse

NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
REF = re.compile(r"([A-Z]+)(\d+)")


def _column_index(letters: str) -> int:
    index = 0
    for char in letters:
        index = index * 26 + ord(char) - 64
    return index - 1


def _sheet_path(archive: zipfile.ZipFile, sheet_index: int) -> str | None:
    rels = {}
    for _, element in iterparse(io.BytesIO(archive.read("xl/_rels/workbook.xml.rels"))):
        if element.tag == f"{PKG_REL}Relationship":
            rels[element.get("Id")] = element.get("Target")
    sheets = [element.get(f"{REL_NS}id")
              for _, element in iterparse(io.BytesIO(archive.read("xl/workbook.xml")))
              if element.tag == f"{NS}sheet"]
    if sheet_index >= len(sheets) or sheets[sheet_index] not in rels:
        return None
    target = rels[sheets[sheet_index]].lstrip("/")
    return target if target.startswith("xl/") else "xl/" + target


def formula_cells(data: bytes, sheet_index: int) -> set[tuple[int, int]]:
    """(row, column), 0-based, of every cell with an <f> element; empty when unreadable."""
    found: set[tuple[int, int]] = set()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            path = _sheet_path(archive, sheet_index)
            if path is None:
                return found
            with archive.open(path) as sheet:
                for _, element in iterparse(sheet):
                    if element.tag == f"{NS}c":
                        if element.find(f"{NS}f") is not None:
                            match = REF.fullmatch(element.get("r", ""))
                            if match:
                                found.add((int(match[2]) - 1, _column_index(match[1])))
                        element.clear()
    except (KeyError, zipfile.BadZipFile, SyntaxError):
        return set()
    return found
