"""The sample document, rendered, as a reader would check it: page size, fonts, text, numbers."""

import datetime
import io
import unicodedata
from types import SimpleNamespace

import pytest
from docx import Document
from pypdf import PdfReader

from documents.docx import render_docx
from documents.official import QUOC_HIEU, TIEU_NGU
from documents.pdf import StaticOnlyFetcher, official_pdf, render_pdf
from documents.sample import sample_document

A4_PT = (595.28, 841.89)
HA_HOA = SimpleNamespace(
    parent_lines=[], name_lines=["ỦY BAN NHÂN DÂN", "HUYỆN HẠ HÒA"], abbreviation="UBND",
    place_name="Hạ Hoà", display_name="UBND huyện Hạ Hoà", is_collective=True,
    collective_name="ỦY BAN NHÂN DÂN", head_title="CHỦ TỊCH", deputy_title="PHÓ CHỦ TỊCH",
)


@pytest.fixture(scope="module")
def issued():
    return sample_document(HA_HOA, number=5, issue_date=datetime.date(2024, 1, 5), year=2024)


@pytest.fixture(scope="module")
def issued_pdf(issued):
    return PdfReader(io.BytesIO(official_pdf(issued)))


def _text(page) -> str:
    return unicodedata.normalize("NFC", page.extract_text())


def _fonts(reader) -> set[str]:
    names = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            descriptor = (descendants[0].get_object() if descendants else font)["/FontDescriptor"]
            if any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")):
                names.add(str(font["/BaseFont"]).split("+")[-1])
    return names


def test_pdf_pages_are_a4_portrait_and_the_appendix_landscape(issued_pdf):
    sizes = [(round(float(p.mediabox.width), 1), round(float(p.mediabox.height), 1))
             for p in issued_pdf.pages]
    assert sizes[0] == pytest.approx(A4_PT, abs=0.5)
    assert sizes[-1] == pytest.approx(tuple(reversed(A4_PT)), abs=0.5)


def test_pdf_embeds_the_shipped_serif_font_in_all_its_styles(issued_pdf):
    fonts = _fonts(issued_pdf)
    assert {"Liberation-Serif", "Liberation-Serif-Bold", "Liberation-Serif-Italic"} <= fonts


def test_pdf_header_reads_back_quoc_hieu_tieu_ngu_symbol_and_date_in_nfc(issued_pdf):
    first = _text(issued_pdf.pages[0])
    assert QUOC_HIEU in first
    assert TIEU_NGU in first
    assert "Số: 05/KH-UBND" in first
    assert "Hạ Hoà, ngày 05 tháng 01 năm 2024" in first
    assert "ỦY BAN NHÂN DÂN" in first and "HUYỆN HẠ HÒA" in first


def _top_margin_text(page) -> str:
    """Text drawn in the top margin (above the 20 mm margin), where page numbers belong."""
    top = float(page.mediabox.height) - 20 * 72 / 25.4
    found = []

    def visit(text, cm, tm, font_dict, font_size):
        y = tm[5] * cm[3] + cm[5] if cm else tm[5]
        if text.strip() and y > top:
            found.append(text.strip())

    page.extract_text(visitor_text=visit)
    return " ".join(found)


def test_page_one_has_no_number_and_page_two_shows_2_in_the_top_margin(issued_pdf):
    assert _top_margin_text(issued_pdf.pages[0]) == ""
    assert _top_margin_text(issued_pdf.pages[1]) == "2"


def test_appendix_restarts_its_own_numbering_and_shows_no_number_on_its_first_page(issued_pdf):
    appendix = _text(issued_pdf.pages[-1])
    assert _top_margin_text(issued_pdf.pages[-1]) == ""
    assert appendix.splitlines()[0].strip() == "Phụ lục"
    assert "(Kèm theo Kế hoạch số 05/KH-UBND ngày 05 tháng 01 năm 2024 của UBND huyện Hạ Hoà)" in appendix
    assert "Ba mươi tư triệu tám trăm nghìn đồng chẵn" in appendix


def test_body_numbering_and_closing_block(issued_pdf):
    text = "\n".join(_text(p) for p in issued_pdf.pages)
    for heading in ("I. MỤC ĐÍCH, YÊU CẦU", "II. NỘI DUNG, HÌNH THỨC", "III. TỔ CHỨC THỰC HIỆN",
                    "1. Mục đích", "2. Yêu cầu", "a) Thời gian", "b) Địa điểm"):
        assert heading in text
    for line in ("Nơi nhận:", "- Lưu: VT, LĐTBXH.", "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH",
                 "PHÓ CHỦ TỊCH", "Ngô Anh Vũ"):
        assert line in text


def test_draft_prints_blanks_for_number_and_day_but_keeps_the_symbol_and_year():
    draft = sample_document(HA_HOA, number=None, issue_date=None, year=2024)
    first = _text(PdfReader(io.BytesIO(official_pdf(draft))).pages[0])
    assert "/KH-UBND" in first and "05/KH-UBND" not in first
    assert "năm 2024" in first
    assert "ngày 05" not in first


def test_external_urls_are_refused_and_never_fetched():
    fetcher = StaticOnlyFetcher()
    for url in ("http://127.0.0.1:9/x.png", "file:///etc/passwd",
                "https://static.documents.invalid/static/../../settings.py",
                "https://example.com/static/fonts/LiberationSerif-Regular.ttf"):
        with pytest.raises(ValueError):
            fetcher.fetch(url)
    assert len(fetcher.refused) == 4


def test_render_pdf_skips_an_external_image_in_user_text_and_still_renders():
    html = '<p>Xin chào</p><img src="http://169.254.169.254/latest/meta-data">'
    pdf = PdfReader(io.BytesIO(render_pdf(html)))
    assert "Xin chào" in _text(pdf.pages[0])


def test_docx_opens_with_a4_margins_header_table_and_page_numbers_from_page_two(issued):
    word = Document(io.BytesIO(render_docx(issued)))
    section = word.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    assert [round(m.mm) for m in (section.top_margin, section.bottom_margin,
                                  section.left_margin, section.right_margin)] == [20, 20, 30, 15]
    assert section.different_first_page_header_footer
    assert "PAGE" in section.header._element.xml
    header = word.tables[0]
    left, right = ("\n".join(row.cells[i].text for row in header.rows) for i in (0, 1))
    assert "ỦY BAN NHÂN DÂN" in left and "Số: 05/KH-UBND" in left
    assert QUOC_HIEU in right and TIEU_NGU in right
    assert "Hạ Hoà, ngày 05 tháng 01 năm 2024" in right
    body = "\n".join(p.text for p in word.paragraphs)
    assert "KẾ HOẠCH" in body and "I. MỤC ĐÍCH, YÊU CẦU" in body
    closing = word.tables[1].rows[0].cells
    assert "Nơi nhận:" in closing[0].text and "Ngô Anh Vũ" in closing[1].text
    assert word.styles["Normal"].font.name == "Times New Roman"
    assert word.sections[-1].orientation == 1  # landscape appendix


def test_user_text_stays_text_in_pdf_and_docx():
    doc = sample_document(HA_HOA, number=None, issue_date=None, year=2024)
    doc.title = '<script>alert("x")</script> & <b>đậm</b>'
    first = _text(PdfReader(io.BytesIO(official_pdf(doc))).pages[0])
    assert '<script>alert("x")</script> & <b>đậm</b>' in first.replace("\n", " ")
    word = Document(io.BytesIO(render_docx(doc)))
    assert any('<script>alert("x")</script>' in p.text for p in word.paragraphs)


def test_the_sample_appendix_of_a_body_without_a_name_yet_leaves_no_dangling_words():
    unnamed = SimpleNamespace(**{**vars(HA_HOA), "display_name": ""})
    reference = sample_document(unnamed, number=None, issue_date=None, year=2024).appendices[0].reference
    assert "của" not in reference and reference.endswith("năm 2024)")
    named = sample_document(HA_HOA, number=None, issue_date=None, year=2024).appendices[0].reference
    assert named.endswith("của UBND huyện Hạ Hoà)")
