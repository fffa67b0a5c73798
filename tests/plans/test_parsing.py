import unicodedata

from documents.official import (
    BASIS,
    BULLET,
    CLAUSE,
    PARAGRAPH,
    POINT,
    SECTION,
    SUBBULLET,
    SUBCLAUSE,
)
from plans.parsing import parse_outline


def test_pasted_lines_become_structure_and_typed_numbers_are_dropped():
    text = ("Căn cứ Luật tổ chức chính quyền địa phương;\nI. MỤC ĐÍCH, YÊU CẦU\n1. Mục đích\n"
            "- Tăng cường tuyên truyền.\n+ Cho hộ nghèo.\n1.1. Thành phần\na) Thời gian: Quý II\n"
            "Đoạn văn thường.")
    blocks = parse_outline(text)
    assert [b.kind for b in blocks] == [BASIS, SECTION, CLAUSE, BULLET, SUBBULLET, SUBCLAUSE,
                                        POINT, PARAGRAPH]
    assert [b.text for b in blocks][1:4] == ["MỤC ĐÍCH, YÊU CẦU", "Mục đích", "Tăng cường tuyên truyền."]
    assert blocks[2].titled and not blocks[3].titled


def test_stray_formatting_tabs_invisible_characters_and_nfd_are_cleaned():
    nfd = unicodedata.normalize("NFD", "Hộ nghèo")
    blocks = parse_outline(f"-\t**{nfd}**\u200b  và\u00a0cận nghèo\r\n\r\n\t\n12\n")
    assert len(blocks) == 1
    assert blocks[0].text == "**Hộ nghèo** và cận nghèo"  # the bold is kept as markup
    assert unicodedata.is_normalized("NFC", blocks[0].text)


def test_a_sentence_cut_by_a_page_break_is_joined_back():
    blocks = parse_outline("- Góp phần\n\nquan trọng vào sự phát triển.\n- Dòng mới.")
    assert [b.text for b in blocks] == ["Góp phần quan trọng vào sự phát triển.", "Dòng mới."]


def test_very_long_paragraphs_are_read_whole_never_cut():
    blocks = parse_outline("x" * 50_000)
    assert len(blocks[0].text) == 50_000  # the paste refuses it with a message (test_outline)


def test_a_repeated_clause_number_after_sub_clauses_is_read_as_a_sub_clause():
    text = "2. Quý III\n1.1. Thành phần\n2. Nội dung đối thoại:\n2.1. Chủ đề\n2.2. Nội dung"
    assert [b.kind for b in parse_outline(text)] == [CLAUSE, SUBCLAUSE, SUBCLAUSE, POINT, POINT]
