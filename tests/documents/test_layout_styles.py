"""One style per outline level, the same in the PDF (and the preview's HTML) and in the DOCX.

Read back from the files as a reader's software sees them: the PDF's font per text run (pypdf's
visitor gives the font of every run drawn) and the DOCX's run properties (python-docx).
"""

import io
import re
import unicodedata
from collections import defaultdict

from docx import Document
from pypdf import PdfReader

from documents.docx import render_docx
from documents.levels import LEVEL_CSS_PATH, LEVELS, level_css_file
from documents.numbering import number_blocks
from documents.official import (
    BASIS,
    BULLET,
    CLAUSE,
    PARAGRAPH,
    POINT,
    SECTION,
    SUBBULLET,
    SUBCLAUSE,
    Block,
    OfficialDocument,
    Signature,
)
from documents.pdf import document_html, official_pdf

# Markers as they are printed; the first word of a paragraph tells its level.
MARKERS = [(SECTION, re.compile(r"^[IVX]+\.$")), (SUBCLAUSE, re.compile(r"^\d+\.\d+\.$")),
           (CLAUSE, re.compile(r"^\d+\.$")), (POINT, re.compile(r"^[a-zđ]\)$")),
           (BULLET, re.compile(r"^-$")), (SUBBULLET, re.compile(r"^\+$"))]


PARAGRAPH_START_PT = (30 + 10) * 72 / 25.4  # left margin + first-line indent


def pdf_runs(data: bytes) -> list[tuple[str, bool, bool, float]]:
    """(text, bold, italic, x) of every text run the PDF draws, in drawing order."""
    runs = []

    def visit(text, cm, tm, font, size):
        if text.strip() and font is not None:
            name = str(font.get("/BaseFont", "")).split("+")[-1]
            x = tm[4] * cm[0] + cm[4]
            runs.append((unicodedata.normalize("NFC", text), "Bold" in name, "Italic" in name, x))

    for page in PdfReader(io.BytesIO(data)).pages:
        page.extract_text(visitor_text=visit)
    return runs


def pdf_words(data: bytes) -> list[tuple[str, bool, bool]]:
    return [(word, bold, italic) for text, bold, italic, _ in pdf_runs(data)
            for word in text.split()]


def pdf_paragraph_starts(data: bytes) -> list[tuple[str, bool, bool]]:
    """The first word of every run drawn where a paragraph's first line starts."""
    return [(text.split()[0], bold, italic) for text, bold, italic, x in pdf_runs(data)
            if abs(x - PARAGRAPH_START_PT) < 1.5]


def _mixed_document() -> OfficialDocument:
    """Headings of every level written as real plans write them: titles, run-in headings,
    sentences, in both cases, some with the author's own bold and italic inside."""
    b = Block
    blocks = [
        b(BASIS, "Căn cứ Quyết định số 90/QĐ-TTg ngày 18/01/2022 của Thủ tướng Chính phủ;"),
        b(SECTION, "MỤC ĐÍCH, YÊU CẦU"),
        b(CLAUSE, "Mục đích", titled=True),
        b(SUBCLAUSE, "Thành phần", titled=True),
        b(POINT, "Thời gian"),
        b(POINT, "Địa điểm: Hội trường UBND xã", titled=True),
        b(BULLET, "Tăng cường công tác tuyên truyền về giảm nghèo."),
        b(SUBBULLET, "Cho hộ nghèo, hộ cận nghèo."),
        b(SECTION, "Nội dung, hình thức"),
        b(CLAUSE, "Phòng Tài chính - Kế hoạch: phối hợp thẩm định kinh phí."),
        b(SUBCLAUSE, "Đối tượng truyền thông"),
        b(SUBCLAUSE, "Các hộ gia đình tham gia đối thoại và *cán bộ cơ sở*."),
        b(POINT, "Cấp huyện:"),
        b(CLAUSE, "Ủy ban nhân dân các xã", titled=True),
        b(PARAGRAPH, "Đoạn văn có **chữ đậm** giữa câu."),
    ]
    return OfficialDocument(
        parent_lines=[], issuer_lines=["ỦY BAN NHÂN DÂN", "HUYỆN HẠ HÒA"], type_name="Kế hoạch",
        type_abbr="KH", issuer_abbr="UBND", place_name="Hạ Hoà", year=2026, title="Kiểm tra kiểu",
        blocks=number_blocks(blocks), recipients=["Lưu: VT, LĐTBXH"],
        signature=Signature(["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], "Ngô Anh Vũ"),
    )


def _levels_seen(words) -> dict[str, set[tuple[bool, bool]]]:
    """Level → the (bold, italic) of every marker of that level in ``words``."""
    seen = defaultdict(set)
    for word, bold, italic in words:
        for kind, pattern in MARKERS:
            if pattern.match(word):
                seen[kind].add((bold, italic))
                break
    return seen


def _docx_paragraph_starts(data: bytes) -> list[tuple[str, bool, bool]]:
    return [(p.runs[0].text.split()[0], bool(p.runs[0].bold), bool(p.runs[0].italic))
            for p in Document(io.BytesIO(data)).paragraphs if p.runs and p.runs[0].text.strip()]


def _docx_paragraph_words(data: bytes) -> list[tuple[str, bool, bool]]:
    words = []
    for paragraph in Document(io.BytesIO(data)).paragraphs:
        for run in paragraph.runs:
            words += [(w, bool(run.bold), bool(run.italic)) for w in run.text.split()]
    return words


def test_every_heading_of_a_level_has_one_style_in_the_pdf_and_the_docx_the_same():
    doc = _mixed_document()
    pdf = _levels_seen(pdf_paragraph_starts(official_pdf(doc)))
    docx = _levels_seen(_docx_paragraph_starts(render_docx(doc)))
    for kind in (SECTION, CLAUSE, SUBCLAUSE, POINT, BULLET, SUBBULLET):
        level = LEVELS[kind]
        assert len(pdf[kind]) == 1, (kind, pdf[kind])  # all markers of the level agree
        assert pdf[kind] == docx[kind], (kind, pdf[kind], docx[kind])
        bold, italic = next(iter(pdf[kind]))
        assert bold == level.bold or kind == POINT


def test_titles_of_one_level_agree_word_by_word_in_both_files():
    doc = _mixed_document()
    pdf = {w: (b, i) for w, b, i in pdf_words(official_pdf(doc))}
    docx = {w: (b, i) for w, b, i in _docx_paragraph_words(render_docx(doc))}
    for word in ("Mục", "đích", "Thành", "phần", "Đối", "tượng", "truyền", "thông"):
        assert pdf[word] == docx[word], word
    assert pdf["đích"] == (True, False) and pdf["phần"] == (True, True)  # 1. bold; 1.1. bold italic
    assert pdf["tượng"] == (False, True)  # an untitled 1.1.: its marker only
    # A run-in heading: the words before the colon bold, the rest of the sentence not.
    assert pdf["Kế"] == (True, False) and pdf["thẩm"] == (False, False)


def test_headings_keep_the_authors_case():
    words = {w for w, _, _ in pdf_words(official_pdf(_mixed_document()))}
    assert {"Nội", "dung,", "hình", "thức"} <= words and "NỘI" not in words


def test_the_level_rules_are_in_every_document_and_match_the_table():
    # A static file, not a <style> element: the browser's preview forbids inline styles (CSP).
    html = document_html(_mixed_document())
    assert "documents/levels.css" in html and "<style" not in html
    css = LEVEL_CSS_PATH.read_text(encoding="utf-8")
    assert css == level_css_file(), "run: python manage.py write_level_css"
    for kind, level in LEVELS.items():
        assert f".body p.{kind} {{ font-size: {level.size_pt:g}pt;" in css
    assert ".body p.keep { break-after: avoid; }" in css
