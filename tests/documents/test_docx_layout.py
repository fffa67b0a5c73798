"""The Word file laid out as the PDF: margins, lines and spacing from decree30.css, the header's
rows and rules, table columns no header word is broken in, and LibreOffice's reading of it."""

import datetime
import io
import shutil
import subprocess
import zipfile
from types import SimpleNamespace

import pytest
from docx import Document
from fontTools.pens.boundsPen import BoundsPen
from fontTools.ttLib import TTFont
from lxml import etree
from pypdf import PdfReader

from budgets.documents import COLUMNS as ESTIMATE_COLUMNS
from budgets.documents import WEIGHTS as ESTIMATE_WEIGHTS
from documents.docx import render_docx, wrapped_lines
from documents.docx_css import page_margins, text_style
from documents.metrics import FONT_DIR, text_width_mm
from documents.official import Appendix, Table
from documents.pdf import official_pdf
from documents.sample import sample_document

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TWIPS_PER_MM = 1440 / 25.4
LONG_BODY = SimpleNamespace(
    parent_lines=["UBND HUYỆN HẠ HÒA"], name_lines=["PHÒNG LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI"],
    abbreviation="LĐTBXH", place_name="Hạ Hoà", display_name="Phòng LĐ-TB&XH huyện Hạ Hoà",
    is_collective=False, collective_name="", head_title="TRƯỞNG PHÒNG",
    deputy_title="PHÓ TRƯỞNG PHÒNG",
)
# The result report's columns (dialogues.documents._report_table), where «STT» broke as «ST/T».
REPORT_COLUMNS = ["STT", "Xã", "Ngày", "Tình trạng", "Dự kiến", "Có mặt", "Nữ", "DTTS",
                  "Lần đầu", "Ý kiến"]
REPORT_WEIGHTS = [1, 5, 3, 3, 2, 2, 1.5, 1.5, 2, 2]


def _document(doc) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(render_docx(doc))) as package:
        return etree.fromstring(package.read("word/document.xml"))


def _issued(body=LONG_BODY):
    return sample_document(body, number=5, issue_date=datetime.date(2024, 1, 5), year=2024)


def _mm(twips: str) -> float:
    return int(twips) / TWIPS_PER_MM


def test_margins_are_the_stylesheets_for_portrait_pages_and_landscape_appendices():
    word = Document(io.BytesIO(render_docx(_issued())))
    first, appendix = word.sections[0], word.sections[-1]
    assert [round(m.mm, 1) for m in (first.top_margin, first.right_margin, first.bottom_margin,
                                     first.left_margin)] == [20, 15, 20, 30]
    css = page_margins(landscape=True)
    assert [round(m.mm, 1) for m in (appendix.top_margin, appendix.right_margin,
                                     appendix.bottom_margin, appendix.left_margin)] == [
        css.top, css.right, css.bottom, css.left]
    assert round(appendix.page_width.mm) == 297


def test_body_paragraphs_have_the_pdfs_line_height_spacing_and_indent():
    body = _document(_issued()).find(f"{W}body")
    style = text_style(".body p")
    paragraphs = [p for p in body.findall(f"{W}p") if "MỤC ĐÍCH" in "".join(p.itertext())]
    spacing = paragraphs[0].find(f"{W}pPr/{W}spacing")
    assert style.line_height == 1.25 and style.after == 6
    assert spacing.get(f"{W}line") == "350" and spacing.get(f"{W}lineRule") == "atLeast"
    assert spacing.get(f"{W}after") == "120"
    indent = paragraphs[0].find(f"{W}pPr/{W}ind")
    assert round(int(indent.get(f"{W}firstLine")) / TWIPS_PER_MM) == 10  # 1 cm
    assert paragraphs[0].find(f"{W}pPr/{W}keepNext") is not None  # a heading keeps with its text


def _header_rows(document):
    table = document.find(f"{W}body/{W}tbl")
    return [[("".join(tc.itertext()), tc) for tc in tr.findall(f"{W}tc")]
            for tr in table.findall(f"{W}tr")]


def test_so_stays_on_the_dates_row_however_long_the_issuing_body():
    rows = _header_rows(_document(_issued()))
    assert rows[-1][0][0].startswith("Số: 05/KH-LĐTBXH")
    assert rows[-1][1][0] == "Hạ Hoà, ngày 05 tháng 01 năm 2024"
    assert "THƯƠNG BINH VÀ XÃ HỘI" in rows[0][0][0] and "Số:" not in rows[0][0][0]


def test_a_long_issuing_body_wraps_in_its_column_and_its_rule_follows_the_wrapped_line():
    lines = wrapped_lines("PHÒNG LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", 65, size=13, bold=True)
    assert len(lines) == 2 and all(text_width_mm(x, size_pt=13, bold=True) <= 65 for x in lines)
    rows = _header_rows(_document(_issued()))
    left = rows[0][0][1]
    width = _mm(left.find(f"{W}tcPr/{W}tcW").get(f"{W}w"))
    assert round(width) == 65
    rule = next(p for p in left.findall(f"{W}p") if p.find(f"{W}pPr/{W}pBdr") is not None)
    ind = rule.find(f"{W}pPr/{W}ind")
    length = width - _mm(ind.get(f"{W}left")) - _mm(ind.get(f"{W}right"))
    widest = max(text_width_mm(x, size_pt=13, bold=True) for x in lines)
    assert widest / 3 <= length <= widest / 2  # Decree 30: 1/3 to 1/2 of the text above


def _dot_below_depth_em() -> float:
    font = TTFont(str(FONT_DIR / "LiberationSerif-Bold.ttf"))
    glyphs, cmap = font.getGlyphSet(), font.getBestCmap()
    lowest = 0
    for char in "ỆẠỘỊỤỢỰẶẬ":
        pen = BoundsPen(glyphs)
        glyphs[cmap[ord(char)]].draw(pen)
        lowest = min(lowest, pen.bounds[1])
    return -lowest / font["head"].unitsPerEm, font["OS/2"].usWinDescent / font["head"].unitsPerEm


@pytest.mark.parametrize("column", [0, 1], ids=["issuing-body", "tieu-ngu"])
def test_the_header_rules_clear_the_dots_under_the_capitals(column):
    """Word puts an at-least line's extra space above the text, so the line box ends the font's
    descent below the baseline; the rule is drawn its paragraph's space-before lower still."""
    dot, descent = _dot_below_depth_em()
    cell = _header_rows(_document(_issued()))[0][column][1]
    paragraphs = cell.findall(f"{W}p")
    index = next(i for i, p in enumerate(paragraphs) if p.find(f"{W}pPr/{W}pBdr") is not None)
    above = paragraphs[index - 1]
    size = int(above.find(f"{W}r/{W}rPr/{W}sz").get(f"{W}val")) / 2
    line = int(above.find(f"{W}pPr/{W}spacing").get(f"{W}line")) / 20
    assert line >= size * (0.891 + descent)  # the line box holds the whole glyph
    gap = int(paragraphs[index].find(f"{W}pPr/{W}spacing").get(f"{W}before")) / 20
    clearance = (descent - dot) * size + gap
    assert clearance >= 1.0, f"{clearance:.2f} pt between the dot under Ệ and the rule"


def _table_problems(table_xml) -> list[str]:
    margins = table_xml.find(f"{W}tblPr/{W}tblCellMar")
    side = {e.tag.removeprefix(W): int(e.get(f"{W}w")) for e in margins} if margins is not None \
        else {"left": 108, "right": 108}  # Word's "Normal Table" default
    padding = _mm(str(side["left"] + side["right"]))
    assert table_xml.find(f"{W}tblPr/{W}tblLayout").get(f"{W}type") == "fixed"
    grid = [_mm(c.get(f"{W}w")) for c in table_xml.findall(f"{W}tblGrid/{W}gridCol")]
    header = table_xml.find(f"{W}tr")
    problems = []
    for cell, width in zip(header.findall(f"{W}tc"), grid, strict=True):
        size = int(cell.find(f".//{W}sz").get(f"{W}val")) / 2
        for word in "".join(cell.itertext()).split():
            need = text_width_mm(word, size_pt=size, bold=True)
            if need > width - padding:
                problems.append(f"«{word}» needs {need:.1f} mm, has {width - padding:.1f}")
    return problems


@pytest.mark.parametrize("columns,weights", [(REPORT_COLUMNS, REPORT_WEIGHTS),
                                             (ESTIMATE_COLUMNS, ESTIMATE_WEIGHTS)],
                         ids=["result-report", "estimate"])
@pytest.mark.parametrize("landscape", [True, False], ids=["landscape", "portrait"])
def test_no_table_header_is_broken_inside_a_word(columns, weights, landscape):
    doc = _issued()
    rows = [[str(i)] + ["12.345.678" if n % 2 else "Xã Đan Thượng"
                        for n in range(1, len(columns))] for i in range(1, 4)]
    doc.appendices = [Appendix(label="Phụ lục", title="Bảng", reference="(Kèm theo)",
                               table=Table(columns, rows, numeric={3, 4, 5},
                                           weights=weights), landscape=landscape)]
    tables = _document(doc).findall(f"{W}body/{W}tbl")
    data = tables[-1]
    assert _table_problems(data) == []
    grid = [_mm(c.get(f"{W}w")) for c in data.findall(f"{W}tblGrid/{W}gridCol")]
    assert sum(grid) == pytest.approx(257 if landscape else 165, abs=0.2)
    assert data.find(f"{W}tr/{W}trPr/{W}tblHeader") is not None


def test_header_widths_never_shrink_a_column_below_its_longest_word_even_if_all_are_long():
    from documents.docx_tables import column_widths_mm

    assert column_widths_mm([1, 1], [30, 30], 50) == [25, 25]  # cannot fit: shrink alike
    widths = column_widths_mm([3, 10, 3], [12, 5, 12], 100)
    assert widths[0] == widths[2] == pytest.approx(300 / 16)  # by weight already wide enough
    widths = column_widths_mm([0.5, 10, 1], [12, 5, 12], 100)
    assert widths[0] == 12 and sum(widths) == pytest.approx(100)


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")
def test_libreoffice_lays_it_out_in_the_shipped_font_with_the_pdfs_pages(tmp_path):
    doc = _issued()
    source = tmp_path / "ke-hoach.docx"
    source.write_bytes(render_docx(doc))
    subprocess.run([SOFFICE, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
                   check=True, capture_output=True, timeout=180)
    from_word = PdfReader(tmp_path / "ke-hoach.pdf")
    fonts = set()
    for page in from_word.pages:
        for font in page["/Resources"]["/Font"].values():
            fonts.add(str(font.get_object()["/BaseFont"]).split("+")[-1])
    assert fonts and all(name.startswith("LiberationSerif") for name in fonts), fonts
    from_app = PdfReader(io.BytesIO(official_pdf(doc)))
    assert len(from_word.pages) == len(from_app.pages)
    signer_page = next(p.extract_text() for p in from_word.pages if "Ngô Anh Vũ" in p.extract_text())
    assert "giải quyết./." in signer_page  # the closing block is not alone on its page


def test_a_change_of_the_stylesheet_changes_the_word_file_too(tmp_path, monkeypatch):
    from documents import docx_css

    css = docx_css.STYLESHEET.read_text(encoding="utf-8")
    changed = css.replace("line-height: 1.25;", "line-height: 1.5;").replace(
        "margin: 20mm 15mm 20mm 30mm;", "margin: 25mm 20mm 25mm 35mm;")
    assert changed != css
    (tmp_path / "decree30.css").write_text(changed, encoding="utf-8")
    monkeypatch.setattr(docx_css, "STYLESHEET", tmp_path / "decree30.css")
    docx_css._rules.cache_clear()
    try:
        word = Document(io.BytesIO(render_docx(_issued())))
        section = word.sections[0]
        assert [round(m.mm) for m in (section.top_margin, section.right_margin,
                                      section.bottom_margin, section.left_margin)] == [25, 20, 25, 35]
        assert word.paragraphs[-1].paragraph_format.line_spacing.pt == 21  # 14 pt × 1.5
    finally:
        docx_css._rules.cache_clear()
