"""Page breaks a văn thư accepts: the closing block never stands alone, headings never end a page.

Plans of one to eight pages are laid out with the body growing a few lines at a time, so the
last page break falls at every place of the closing block and of the paragraphs before it.
"""

import io
import unicodedata

import pytest
from pypdf import PdfReader

from documents.numbering import number_blocks
from documents.official import (
    BULLET,
    CLAUSE,
    PARAGRAPH,
    POINT,
    QUOC_HIEU,
    SECTION,
    TIEU_NGU,
    Block,
    OfficialDocument,
    Signature,
)
from documents.pdf import official_pdf

SIGNER = "Ngô Anh Vũ"
CLOSING = ("Trên đây là Kế hoạch thực hiện Tiểu dự án 2 thuộc Dự án 6 năm 2026. Trong quá trình "
           "thực hiện nếu có khó khăn, vướng mắc đề nghị các đơn vị phản ánh về Phòng Lao động - "
           "Thương binh và Xã hội để kịp thời giải quyết./.")
SENTENCE = ("Tổ chức tuyên truyền chính sách giảm nghèo đến từng hộ nghèo, hộ cận nghèo trên địa "
            "bàn, bảo đảm người dân nắm được quyền lợi và trách nhiệm của mình. ")


def _body(count: int) -> list[Block]:
    """``count`` blocks: an opening paragraph, a section every 12, a titled clause every 4, points and bullets of one
    to four lines between them; every text carries its number so a page can be matched to it."""
    blocks = []
    for i in range(count):
        if i % 12 == 1:
            blocks.append(Block(SECTION, f"NỘI DUNG PHẦN {i}"))
        elif i % 4 == 0:
            blocks.append(Block(CLAUSE, f"Tiêu đề khoản {i}", titled=True))
        elif i % 4 == 1:
            blocks.append(Block(POINT, f"Điểm {i}: " + SENTENCE * (i % 3)))
        else:
            kind = BULLET if i % 2 else PARAGRAPH
            blocks.append(Block(kind, f"Đoạn {i}. " + SENTENCE * (1 + i % 4)))
    return [*number_blocks(blocks), Block(PARAGRAPH, CLOSING)]


def _document(count: int) -> OfficialDocument:
    return OfficialDocument(
        parent_lines=["ỦY BAN NHÂN DÂN HUYỆN HƯNG NGUYÊN"],
        issuer_lines=["PHÒNG LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI"], type_name="Kế hoạch",
        type_abbr="KH", issuer_abbr="LĐTBXH", place_name="Hưng Nguyên", year=2026,
        title="Thực hiện Tiểu dự án 2 thuộc Dự án 6 năm 2026", blocks=_body(count),
        recipients=["Sở Lao động - Thương binh và Xã hội", "UBND các xã, thị trấn",
                    "Lưu: VT, LĐTBXH"],
        signature=Signature(["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"], SIGNER),
    )


def page_lines(pdf: bytes) -> list[list[str]]:
    """Each page's printed lines, NFC, one space between words."""
    reader = PdfReader(io.BytesIO(pdf))
    return [[" ".join(unicodedata.normalize("NFC", line).split())
             for line in page.extract_text().splitlines() if line.strip()]
            for page in reader.pages]


def _pages(count: int) -> list[list[str]]:
    return page_lines(official_pdf(_document(count)))


def _not_body(doc: OfficialDocument) -> list[str]:
    """Every line printed outside the body: header, title, closing block."""
    return sorted([*doc.parent_display_lines, *doc.issuer_display_lines, QUOC_HIEU, TIEU_NGU,
                   doc.symbol_line, doc.date_line, doc.type_heading, doc.title, "Nơi nhận:",
                   *doc.recipient_lines, *doc.signature.authority_lines, SIGNER],
                  key=len, reverse=True)


def _is_body_line(line: str, others: list[str]) -> bool:
    for other in others:
        line = line.replace(" ".join(other.split()), "")
    return any(c.isalpha() for c in line)


def _is_heading(line: str) -> bool:
    return "NỘI DUNG PHẦN" in line or "Tiêu đề khoản" in line


# About 30 lines a page: 5 blocks more moves the end by 6–12 lines, so over 1–8 pages the
# last break lands before, inside and after the closing block and every kind of block.
COUNTS = list(range(1, 150, 5))


@pytest.fixture(scope="module")
def laid_out():
    return {count: _pages(count) for count in COUNTS}


def test_the_lengths_tried_run_from_one_to_eight_pages(laid_out):
    lengths = {len(pages) for pages in laid_out.values()}
    assert min(lengths) == 1 and max(lengths) >= 8
    assert lengths >= set(range(1, 9))


@pytest.mark.parametrize("count", COUNTS)
def test_the_signers_page_also_holds_the_last_two_lines_of_the_body(laid_out, count):
    pages = laid_out[count]
    page = next(p for p in pages if any(SIGNER in line for line in p))
    others = _not_body(_document(count))
    assert sum(_is_body_line(line, others) for line in page) >= 2, page


@pytest.mark.parametrize("count", COUNTS)
def test_no_page_ends_with_a_heading(laid_out, count):
    for number, page in enumerate(laid_out[count][:-1], start=1):
        body_lines = [line for line in page if not line.isdigit()]
        assert not _is_heading(body_lines[-1]), (number, body_lines[-3:])
