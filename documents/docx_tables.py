"""An appendix's data table in Word: fixed column widths no header word has to be broken in.

Word breaks a word that is wider than its column letter by letter («ST/T», «Số ngày/bu/ổi»).
The PDF's browser-style layout widens such a column to the word's width; Word's fixed layout
does not, so the widths are computed here: the table's relative weights first, then every
column at least as wide as its longest header word (and its longest number, which never
wraps, and its longest word) measured in the shipped font, the rest shared by weight. When
the cells cannot all fit, only the header's words are kept whole.
"""

from __future__ import annotations

import re
from dataclasses import replace

from documents.docx_css import PT_PER_UNIT, box_pt, text_style
from documents.docx_xml import cell_xml, mm_twips, paragraph_xml, row_xml, table_xml
from documents.metrics import text_width_mm
from documents.official import Table

SAFETY_MM = 0.6  # rounding in Word's and LibreOffice's layout, so a word that fits stays whole
LONG_WORD_SHARE = 0.3  # a pasted URL in a text cell may claim at most this share of the table


def _words(text: str) -> list[str]:
    """The pieces a line may break between: at spaces, never at a no-break space."""
    return [word for word in re.split(r"[ \t\n]+", text) if word] or [""]


def minimum_widths_mm(table: Table, *, size: float, padding_mm: float, total_mm: float,
                      header_only: bool = False) -> list[float]:
    """Per column: the widest unbreakable piece of its header, numbers and (capped) words."""
    widths, rows = [], [] if header_only else table.display_rows
    for index, header in enumerate(table.display_columns):
        pieces = [text_width_mm(word, size_pt=size, bold=True) for word in _words(header)]
        for row_index, row in enumerate(rows):
            cell = row[index] if index < len(row) else ""
            bold = row_index in table.bold_rows
            if index in table.numeric:
                pieces.append(text_width_mm(cell, size_pt=size, bold=bold))
            else:
                pieces += [min(text_width_mm(word, size_pt=size, bold=bold),
                               total_mm * LONG_WORD_SHARE) for word in _words(cell)]
        widths.append(max(pieces) + padding_mm + SAFETY_MM)
    return widths


def column_widths_mm(weights: list[float], minimums: list[float], total_mm: float) -> list[float]:
    """Widths summing to ``total_mm``: by weight, raised to the minimums, the rest re-shared."""
    if sum(minimums) >= total_mm:  # cannot all fit: shrink the minimums alike
        return [m * total_mm / sum(minimums) for m in minimums]
    fixed: dict[int, float] = {}
    while True:
        free = total_mm - sum(fixed.values())
        others = [i for i in range(len(weights)) if i not in fixed]
        share = sum(weights[i] for i in others) or 1
        widths = {i: free * weights[i] / share for i in others}
        short = {i: minimums[i] for i, w in widths.items() if w < minimums[i]}
        if not short:
            return [fixed.get(i, widths.get(i, 0.0)) for i in range(len(weights))]
        fixed.update(short)


def data_table_xml(table: Table, total_mm: float) -> str:
    """The bordered table: a repeated bold header row, rows that never split, numbers right."""
    head = text_style("table.data", "table.data th")
    cell = text_style("table.data", "table.data td")
    padding = box_pt("table.data td", "padding")
    padding_mm = (padding[1] + padding[3]) / PT_PER_UNIT["mm"]
    minimums = minimum_widths_mm(table, size=cell.size, padding_mm=padding_mm, total_mm=total_mm)
    if sum(minimums) > total_mm:  # the cells' words may break; the header's words may not
        minimums = minimum_widths_mm(table, size=cell.size, padding_mm=padding_mm,
                                     total_mm=total_mm, header_only=True)
    widths = [mm_twips(w) for w in column_widths_mm(table.column_weights, minimums, total_mm)]
    rows = [row_xml([cell_xml(w, paragraph_xml(text, head, namespace=False))
                     for text, w in zip(table.display_columns, widths, strict=True)], header=True)]
    for row_index, row in enumerate(table.display_rows):
        cells = []
        for index, (text, w) in enumerate(zip(row, widths, strict=False)):
            style = replace(cell, bold=row_index in table.bold_rows,
                            align="right" if index in table.numeric else "left")
            cells.append(cell_xml(w, paragraph_xml(text, style, namespace=False)))
        cells += [cell_xml(w, "") for w in widths[len(row):]]
        rows.append(row_xml(cells))
    return table_xml(widths, rows, borders=True, padding_pt=padding)
