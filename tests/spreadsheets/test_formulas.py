"""The formula scan rides on the extent guard's reading of the sheet XML (decompressed once): it
finds what ``formula_cells`` finds on the whole XML, however the XML is cut into blocks, and a
sheet the guard does not read whole in its quick pass is left to ``formula_cells``."""

import io
import random

import pytest
from openpyxl import Workbook

from spreadsheets import extent, formula_cells, read_sheets
from spreadsheets.extent import Limits, check_sheet_extent
from spreadsheets.formulas import WINDOW, FormulaScan

LIMITS = Limits(rows=200_000, columns=200, cells=6_000_000)


def sheet_xml(rows: int, seed: int = 1) -> bytes:
    chance = random.Random(seed)
    body = []
    for r in range(1, rows + 1):
        cells = []
        for col in "ABCDEFGHIJKL":
            pad = " " * chance.choice((0, 0, 3, WINDOW))  # some cells far from the tag before them
            if chance.random() < 0.02:
                cells.append(f'<c r="{col}{r}" s="1"{pad}><f>A{r}*2</f><v>2</v></c>')
            elif chance.random() < 0.01:
                cells.append(f'<c r="{col}{r}"><x:f xmlns:x="urn:x"/><v>2</v></c>')
            else:
                cells.append(f'<c r="{col}{r}" t="inlineStr"><is><t>f :f{pad}</t></is></c>')
        body.append(f'<row r="{r}">{"".join(cells)}</row>')
    return ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
            f'spreadsheetml/2006/main"><sheetData>{"".join(body)}</sheetData></worksheet>').encode()


def whole(xml: bytes) -> set:
    scan = FormulaScan()
    scan.feed(xml)
    return scan.cells


@pytest.mark.parametrize("seed", range(6))
def test_blocks_cut_anywhere_before_a_tag_find_what_the_whole_xml_finds(seed):
    xml = sheet_xml(300, seed)
    expected = whole(xml)
    assert len(expected) > 50
    chance = random.Random(seed)
    tags = [i for i, byte in enumerate(xml) if byte == ord("<")]
    cuts = sorted(chance.sample(tags, 40) + chance.sample(tags[:30], 5))  # some blocks far shorter than WINDOW
    scan = FormulaScan()
    for start, end in zip([0, *cuts], [*cuts, len(xml)], strict=True):
        scan.feed(xml[start:end])
    assert scan.cells == expected


@pytest.mark.parametrize("block", [1 << 20, 4096, 2500])  # not below the longest text (WINDOW)
def test_the_guard_hands_its_blocks_to_the_scan_once(monkeypatch, block):
    monkeypatch.setattr(extent, "SCAN_BLOCK", block)
    xml = sheet_xml(200)
    fed = []
    assert check_sheet_extent("DS hộ", lambda: io.BytesIO(xml), LIMITS, len(xml), fed.append)
    assert b"".join(fed) == xml
    assert whole(b"".join(fed)) == whole(xml)


def test_a_sheet_the_quick_pass_cannot_vouch_for_is_not_claimed_as_scanned():
    prefixed = sheet_xml(5).replace(b"<c ", b"<x:c xmlns:x='urn:x' ").replace(b"</c>", b"</x:c>")
    assert not check_sheet_extent("DS hộ", lambda: io.BytesIO(prefixed), LIMITS, None, [].append)
    assert check_sheet_extent("DS hộ", lambda: io.BytesIO(sheet_xml(5)), LIMITS) is False  # nothing watched


def _workbook(formulas: bool) -> bytes:
    book = Workbook()
    rows = book.active
    rows.append(["STT", "Họ và tên", "Số"])
    for n in range(1, 40):
        rows.append([n, f"Hộ {n}", f"=A{n + 1}*2" if formulas and n % 7 == 0 else n * 2])
    book.create_sheet("Khác").append(["=1+1", "x"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.mark.parametrize("formulas", [True, False])
def test_each_sheet_read_carries_the_formula_cells_of_its_xml(formulas):
    data = _workbook(formulas)
    sheets = list(read_sheets("ds.xlsx", data, formulas=True))
    assert [sheet.formulas for sheet in sheets] == [formula_cells(data, 0), formula_cells(data, 1)]
    assert sheets[0].formulas == ({(n, 2) for n in range(7, 40, 7)} if formulas else set())
    assert [sheet.formulas for sheet in read_sheets("ds.xlsx", data, only=1, formulas=True)] == [{(0, 0)}]


def _reference_cells(xml: bytes) -> set[tuple[int, int]]:
    """Every cell with an <f> child, by parsing each cell whole (slow, plainly right)."""
    import re

    cells = set()
    for cell in re.finditer(rb'<(?:\w+:)?c\s[^>]*?\br="([A-Z]+)(\d+)"[^>]*?(?:/>|>(.*?)</(?:\w+:)?c>)', xml, re.S):
        if cell.group(3) and re.search(rb"<(?:\w+:)?f[\s>/]", cell.group(3)):
            column = 0
            for char in cell.group(1).decode():
                column = column * 26 + ord(char) - 64
            cells.add((int(cell.group(2)) - 1, column - 1))
    return cells


@pytest.mark.parametrize("opening", ['<c r="{ref}" s="1">', '<c\nr="{ref}">', '<x:c r="{ref}">',
                                     '<c s="2" t="n" r="{ref}">', '<c\tr="{ref}" >'])
def test_a_sheet_of_formulas_in_every_row_finds_each_cell_however_its_tag_is_written(opening):
    rng = random.Random(opening)
    parts, closing = [], "</x:c>" if opening.startswith("<x:") else "</c>"
    for row in range(1, 400):
        for column in "ABCDEFG":
            ref = f"{column}{row}"
            body = (f"<f>ROUND(D{row}*E{row},0)</f><v>{row}</v>" if rng.random() < 0.4
                    else "<is><t>Tổng cộng (f)</t></is>" if rng.random() < 0.1 else f"<v>{row}</v>")
            parts.append(opening.format(ref=ref) + body + closing)
    xml = ("<worksheet><sheetData><row>" + "".join(parts) + "</row></sheetData></worksheet>").encode()
    expected = _reference_cells(xml)
    assert expected
    whole = FormulaScan()
    whole.feed(xml)
    blocks, cut = FormulaScan(), 0
    while cut < len(xml):  # blocks cut before a tag, as the guard hands them over
        end = xml.find(b"<", cut + rng.randint(500, 5000))
        end = len(xml) if end < 0 else end
        blocks.feed(xml[cut:end])
        cut = end
    assert whole.cells == blocks.cells == expected


def test_the_estimate_import_does_not_look_for_formulas():
    data = _workbook(True)
    assert [sheet.formulas for sheet in read_sheets("ds.xlsx", data)] == [None, None]
