"""The Word file's own parts: Vietnamese language, properties from the document, no template
leftovers, Times New Roman named with the shipped Liberation Serif embedded as its stand-in."""

import datetime
import io
import re
import zipfile
from types import SimpleNamespace

import pytest
from docx import Document
from fontTools.ttLib import TTFont
from lxml import etree

from documents.docx import render_docx
from documents.docx_fonts import obfuscate
from documents.docx_xml import run_xml
from documents.official import PARAGRAPH, Block
from documents.sample import sample_document

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
HA_HOA = SimpleNamespace(
    parent_lines=[], name_lines=["ỦY BAN NHÂN DÂN", "HUYỆN HẠ HÒA"], abbreviation="UBND",
    place_name="Hạ Hoà", display_name="UBND huyện Hạ Hoà", is_collective=True,
    collective_name="ỦY BAN NHÂN DÂN", head_title="CHỦ TỊCH", deputy_title="PHÓ CHỦ TỊCH",
)


@pytest.fixture(scope="module")
def issued_docx():
    doc = sample_document(HA_HOA, number=5, issue_date=datetime.date(2024, 1, 5), year=2024)
    return render_docx(doc)


def _parts(content: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(content)) as package:
        return {name: package.read(name) for name in package.namelist()}


def test_text_is_vietnamese_for_words_spell_checker(issued_docx):
    parts = _parts(issued_docx)
    styles = etree.fromstring(parts["word/styles.xml"])
    default = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    assert {default.get(f"{W}{a}") for a in ("val", "eastAsia", "bidi")} == {"vi-VN"}
    normal = styles.find(f"{W}style[@{W}styleId='Normal']/{W}rPr/{W}lang")
    assert normal.get(f"{W}val") == "vi-VN"
    settings = etree.fromstring(parts["word/settings.xml"])
    assert settings.find(f"{W}themeFontLang").get(f"{W}val") == "vi-VN"
    assert settings.find(f"{W}proofState") is None  # no stale "spelling already checked"
    for name, data in parts.items():
        if name.endswith(".xml") or name.endswith(".rels"):
            assert b"en-US" not in data, name


def test_properties_come_from_the_document_and_nothing_says_python_docx(issued_docx):
    props = Document(io.BytesIO(issued_docx)).core_properties
    assert props.title.startswith("Tổ chức Hội nghị đối thoại chính sách")
    assert props.subject == "Kế hoạch số 05/KH-UBND"
    assert props.author == props.last_modified_by == "ỦY BAN NHÂN DÂN HUYỆN HẠ HÒA"
    assert props.revision == 1 and props.language == "vi-VN" and props.comments == ""
    # Midnight of the issue day in Vietnam (UTC+7), stored in UTC.
    assert props.created == props.modified == datetime.datetime(2024, 1, 4, 17, 0, tzinfo=datetime.UTC)
    for name, data in _parts(issued_docx).items():
        assert b"python-docx" not in data, name
        assert b"Macintosh" not in data, name
    app = _parts(issued_docx)["docProps/app.xml"].decode()
    assert "<Company>ỦY BAN NHÂN DÂN HUYỆN HẠ HÒA</Company>" in app


def test_a_draft_is_dated_now():
    doc = sample_document(HA_HOA, number=None, issue_date=None, year=2024)
    before = datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    props = Document(io.BytesIO(render_docx(doc))).core_properties
    assert props.created >= before and props.created.year >= 2025
    assert props.subject.startswith("Kế hoạch số") and "/KH-UBND" in props.subject


def test_no_stock_thumbnail_or_word_2010_styles_copy(issued_docx):
    parts = _parts(issued_docx)
    assert not [n for n in parts if "thumbnail" in n or "stylesWithEffects" in n]
    assert b"thumbnail" not in parts["_rels/.rels"]
    assert b"stylesWithEffects" not in parts["[Content_Types].xml"]
    assert b"savePreviewPicture" not in parts["word/settings.xml"]


def test_lines_are_the_pdfs_not_python_docx_115(issued_docx):
    styles = etree.fromstring(_parts(issued_docx)["word/styles.xml"])
    spacing = styles.find(f"{W}docDefaults/{W}pPrDefault/{W}pPr/{W}spacing")
    assert (spacing.get(f"{W}line"), spacing.get(f"{W}lineRule")) == ("350", "atLeast")
    assert spacing.get(f"{W}after") == "0"
    document = _parts(issued_docx)["word/document.xml"].decode()
    assert 'w:line="276"' not in document


def test_times_new_roman_is_named_everywhere(issued_docx):
    parts = _parts(issued_docx)
    styles = etree.fromstring(parts["word/styles.xml"])
    fonts = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}rFonts")
    assert {fonts.get(f"{W}{a}") for a in ("ascii", "hAnsi", "cs", "eastAsia")} == {"Times New Roman"}
    assert not [k for k in fonts.attrib if "Theme" in k or "theme" in k]
    table = etree.fromstring(parts["word/fontTable.xml"])
    tnr = table.find(f"{W}font[@{W}name='Times New Roman']")
    assert tnr.find(f"{W}altName").get(f"{W}val") == "Liberation Serif"


def test_the_shipped_font_is_embedded_in_its_four_styles_and_reads_back(issued_docx):
    parts = _parts(issued_docx)
    table = etree.fromstring(parts["word/fontTable.xml"])
    liberation = table.find(f"{W}font[@{W}name='Liberation Serif']")
    rels = etree.fromstring(parts["word/_rels/fontTable.xml.rels"])
    targets = {rel.get("Id"): rel.get("Target") for rel in rels}
    styles = {}
    for tag in ("embedRegular", "embedBold", "embedItalic", "embedBoldItalic"):
        embed = liberation.find(f"{W}{tag}")
        data = parts["word/" + targets[embed.get(f"{R}id")]]
        font = TTFont(io.BytesIO(obfuscate(data, embed.get(f"{W}fontKey"))))
        assert font["name"].getDebugName(1) == "Liberation Serif"
        assert {ord(c) for c in "ỆẠỘươđ₫"} <= set(font.getBestCmap())
        styles[tag] = font["name"].getDebugName(2)
    assert styles == {"embedRegular": "Regular", "embedBold": "Bold", "embedItalic": "Italic",
                      "embedBoldItalic": "Bold Italic"}
    assert b"obfuscatedFont" in parts["[Content_Types].xml"]
    assert len(issued_docx) < 400_000  # the letters Vietnamese needs, not 1.5 MB of fonts


def test_pasted_control_characters_tabs_and_line_breaks_stay_text():
    doc = sample_document(HA_HOA, number=None, issue_date=None, year=2024)
    doc.blocks.append(Block(PARAGRAPH, "Trang 3\x0cđoạn\x0bdán\x00 từ PDF\tcột\r\nhết"))
    doc.title = "Kế hoạch\x07 thử"
    doc.signature.signer = "Ngô\x0b Anh Vũ"
    doc.recipients.insert(0, "UBND xã\x0c Yên Kỳ\tvà\x01 các xã")
    word = Document(io.BytesIO(render_docx(doc)))
    text = "\n".join(p.text for p in word.paragraphs)
    assert "Trang 3 đoạn dán từ PDF cột hết" in text and "Kế hoạch thử" in text
    closing = word.tables[1].rows[0].cells
    assert "- UBND xã Yên Kỳ và các xã;" in closing[0].text.replace("\t", " ")
    assert "Ngô\n Anh Vũ" in closing[1].text
    assert not re.search("[\x00-\x08\x0b\x0c]", text + closing[0].text + closing[1].text)


def test_a_tab_and_a_line_break_become_words_own_elements():
    xml = run_xml("cột\tmột\ndòng\x0chai\x00", size=14)
    assert xml.count("<w:tab/>") == 1 and xml.count("<w:br/>") == 2 and "\x00" not in xml


def test_a_title_longer_than_a_document_property_holds_is_cut_in_the_properties_only():
    doc = sample_document(HA_HOA, number=None, issue_date=None, year=2024)
    doc.title = "Triển khai thực hiện Tiểu dự án 2 thuộc Dự án 6 " * 12
    word = Document(io.BytesIO(render_docx(doc)))
    assert len(word.core_properties.title) == 255 and word.core_properties.title.endswith("…")
    assert doc.title.strip() in " ".join(p.text for p in word.paragraphs)
