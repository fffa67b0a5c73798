"""The header as a văn thư measures it: names wrapped in their column by the rule, «Số:» on
the date's row, and the short rules drawn clear of the dots under Ệ, Ạ, Ộ.

Word boxes come from ``pdftotext -bbox``; the rules are drawn lines, found by rendering page 1
(``pdftoppm``) and scanning the pixels: a rule is a row of ink longer than any letter.
"""

import html
import io
import re
import subprocess
import unicodedata

import pytest
from PIL import Image

from documents.official import OfficialDocument, Signature
from documents.pdf import official_pdf
from documents.wrapping import wrap_heading

MM = 72 / 25.4
LEFT_MARGIN_MM, LEFT_COLUMN_MM = 30, 65
DPI = 300
_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')


def _document(parent: list[str], issuer: list[str]) -> OfficialDocument:
    return OfficialDocument(
        parent_lines=parent, issuer_lines=issuer, type_name="Kế hoạch", type_abbr="KH",
        issuer_abbr="LĐTBXH", place_name="Hưng Nguyên", year=2026,
        title="Thực hiện Tiểu dự án 2 thuộc Dự án 6 năm 2026", blocks=[],
        recipients=["Lưu: VT, LĐTBXH"], signature=Signature(["TRƯỞNG PHÒNG"], "Nguyễn Hữu Hà"),
    )


LONG = _document(["ỦY BAN NHÂN DÂN HUYỆN HƯNG NGUYÊN"], ["PHÒNG LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI"])
COMMUNE = _document([], ["ỦY BAN NHÂN DÂN", "XÃ SA LOONG"])


@pytest.fixture(scope="module", params=[LONG, COMMUNE], ids=["long-issuing-body", "commune"])
def rendered(request, tmp_path_factory):
    path = tmp_path_factory.mktemp("header") / "doc.pdf"
    path.write_bytes(official_pdf(request.param))
    return request.param, path


def _words(path) -> list[tuple[float, float, float, float, str]]:
    out = subprocess.run(["pdftotext", "-bbox", "-f", "1", "-l", "1", str(path), "-"],
                         capture_output=True, text=True, check=True).stdout
    return [(float(a), float(b), float(c), float(d), unicodedata.normalize("NFC", html.unescape(w)))
            for a, b, c, d, w in _WORD.findall(out)]


def test_the_rule_of_wrapping_breaks_at_the_joints_of_the_name():
    assert wrap_heading("PHÒNG LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", 65, size_pt=13, bold=True) == [
        "PHÒNG LAO ĐỘNG -", "THƯƠNG BINH VÀ XÃ HỘI"]
    assert wrap_heading("ỦY BAN NHÂN DÂN HUYỆN HƯNG NGUYÊN", 65, size_pt=13, bold=False) == [
        "ỦY BAN NHÂN DÂN", "HUYỆN HƯNG NGUYÊN"]
    assert wrap_heading("ỦY BAN NHÂN DÂN", 65, size_pt=13, bold=True) == ["ỦY BAN NHÂN DÂN"]
    lines = wrap_heading("SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI TỈNH NGHỆ AN", 65, size_pt=13,
                         bold=True)
    assert lines == ["SỞ LAO ĐỘNG -", "THƯƠNG BINH VÀ XÃ HỘI", "TỈNH NGHỆ AN"]
    assert not any(line.startswith(("-", "VÀ")) or line.endswith(" VÀ")
                   for line in wrap_heading("BAN CHỈ ĐẠO CÁC CHƯƠNG TRÌNH MỤC TIÊU QUỐC GIA VÀ "
                                            "PHONG TRÀO THI ĐUA HUYỆN HƯNG NGUYÊN", 65,
                                            size_pt=13, bold=True))


def test_the_names_stay_in_the_left_column_on_the_lines_the_rule_gives(rendered):
    doc, path = rendered
    words = _words(path)
    left_edge, right_edge = LEFT_MARGIN_MM * MM, (LEFT_MARGIN_MM + LEFT_COLUMN_MM) * MM
    name_words = {w for line in doc.parent_lines + doc.issuer_lines for w in line.split()}
    header = [w for w in words if w[4] in name_words and w[1] < 60 * MM and w[0] < right_edge]
    assert header and all(left_edge - 0.5 <= x0 and x1 <= right_edge + 0.5
                          for x0, _, x1, _, _ in header)
    rows: dict[float, list[str]] = {}
    for _, y0, _, _, word in sorted(header, key=lambda w: (round(w[1]), w[0])):
        rows.setdefault(round(y0), []).append(word)
    printed = [" ".join(row) for row in rows.values()]
    assert printed == doc.parent_display_lines + doc.issuer_display_lines


def test_so_stands_on_the_dates_row(rendered):
    doc, path = rendered
    words = _words(path)
    so = next(w for w in words if w[4] == "Số:")
    date = next(w for w in words if w[4] == "ngày")
    lowest_name = max(w[3] for w in words if w[4] in {"HỘI", "LOONG"})
    assert so[1] > lowest_name  # under the names
    assert abs(so[3] - date[3]) < 2.5  # the same row: the line boxes end together (13 and 14 pt)


def _rules_and_clearance(path) -> list[tuple[float, float]]:
    """(length in mm, clearance in pt above it) of each rule drawn in the top 80 mm of page 1."""
    png = subprocess.run(["pdftoppm", "-r", str(DPI), "-f", "1", "-l", "1", "-gray", "-png",
                          "-y", "0", "-H", str(int(80 / 25.4 * DPI)), "-W", str(int(210 / 25.4 * DPI)),
                          "-x", "0", str(path)], capture_output=True, check=True).stdout
    image = Image.open(io.BytesIO(png)).convert("L")
    width, height = image.size
    pixels = image.tobytes()
    ink = [[pixels[y * width + x] < 200 for x in range(width)] for y in range(height)]
    min_run = int(8 / 25.4 * DPI)
    rules, y = [], 0
    while y < height:
        run = _longest_run(ink[y])
        if run[1] - run[0] >= min_run:
            # The line above is the text of the rule's column, diacritics anywhere in it.
            middle = (run[0] + run[1]) / 2 / DPI * 25.4
            edges = (LEFT_MARGIN_MM, LEFT_MARGIN_MM + LEFT_COLUMN_MM, 210 - 15)
            left, right = (edges[0], edges[1]) if middle < edges[1] else (edges[1], edges[2])
            x0, x1 = int(left / 25.4 * DPI), int(right / 25.4 * DPI)
            above = y - 1
            while above >= 0 and not any(ink[above][x0:x1]):
                above -= 1
            rules.append(((run[1] - run[0]) / DPI * 25.4, (y - above - 1) / DPI * 72))
            while y < height and _longest_run(ink[y])[1] - _longest_run(ink[y])[0] >= min_run:
                y += 1
        y += 1
    return rules


def _longest_run(row: list[bool]) -> tuple[int, int]:
    best, start = (0, 0), None
    for x, dark in enumerate([*row, False]):
        if dark and start is None:
            start = x
        elif not dark and start is not None:
            best = max(best, (start, x), key=lambda r: r[1] - r[0])
            start = None
    return best


def test_the_rules_clear_the_lowest_diacritic_visibly(rendered):
    """At least 2.5 pt of paper between the dot under Ộ and the rule: two pixels on a screen at
    60 dpi (the old 1.7 pt read as touching there); 1.5 pt is the least the issue accepts."""
    _, path = rendered
    rules = _rules_and_clearance(path)
    assert len(rules) == 3, rules  # issuing body, Tiêu ngữ, title
    assert all(clearance_pt >= 2.5 for _, clearance_pt in rules), rules
