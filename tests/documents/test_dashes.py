"""The « - » of a compound name never starts a printed line (Decree 30 practice): «Phòng Văn hóa
- Xã hội» keeps its dash with «hóa» in the body, the tables and «Nơi nhận» of the PDF and the
DOCX; the stored text keeps its plain spaces."""

import io
import re
import unicodedata
import zipfile

from pypdf import PdfReader

from documents.docx import render_docx
from documents.official import PARAGRAPH, Appendix, Block, OfficialDocument, Signature, Table
from documents.pdf import official_pdf
from documents.wrapping import keep_dashes

NAMES = ["Phòng Văn hóa - Xã hội", "Phòng Lao động - Thương binh và Xã hội",
         "Phòng Tài chính – Kế hoạch"]


def _document() -> OfficialDocument:
    """Each name after a prefix a little longer than the last, so that over the paragraphs, the
    table's narrow column and «Nơi nhận» the dash falls at every place of a line, its end
    included."""
    blocks = [Block(PARAGRAPH, "Giao " + "đơn vị " * (count % 17) + f"{NAMES[count % 3]} chủ trì, "
                    "phối hợp với các cơ quan liên quan tổ chức thực hiện.")
              for count in range(51)]
    rows = [[str(count), "Ban " * (count % 12) + NAMES[count % 3], "1.000.000"] for count in range(36)]
    appendix = Appendix(label="Phụ lục", title="PHÂN CÔNG", reference="", table=Table(
        columns=["STT", "Cơ quan chủ trì", "Kinh phí"], rows=rows, numeric={2}, weights=[1, 3, 6]))
    return OfficialDocument(
        parent_lines=["ỦY BAN NHÂN DÂN TỈNH NGHỆ AN"], issuer_lines=["SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG"],
        type_name="Kế hoạch", type_abbr="KH", issuer_abbr="SNNMT", place_name="Nghệ An", year=2026,
        title="Thử", blocks=blocks, appendices=[appendix],
        recipients=[*(f"Ban {'1' * count} và {NAMES[1]}" for count in range(24)), "Lưu: VT"],
        signature=Signature(["GIÁM ĐỐC"], "Ngô Anh Vũ"))


def _lines(pdf: bytes) -> list[str]:
    return [" ".join(unicodedata.normalize("NFC", line).split())
            for page in PdfReader(io.BytesIO(pdf)).pages for line in page.extract_text().splitlines()]


def test_no_line_of_the_pdf_starts_with_the_dash_of_a_name():
    doc = _document()
    lines = _lines(official_pdf(doc))
    # Each name is printed whole or cut after its dash, never before it.
    assert any(line.endswith((" -", " –")) for line in lines)
    starts = [line for line in lines if line.startswith(("- Xã", "- Thương", "– Kế"))]
    assert not starts
    assert sum(line.startswith(("- Ban", "- Lưu")) for line in lines) == 25  # one per recipient


def test_the_docx_holds_the_dash_to_the_word_before_it_in_the_body_tables_and_recipients():
    xml = zipfile.ZipFile(io.BytesIO(render_docx(_document()))).read("word/document.xml").decode()
    texts = "".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml))
    for name in NAMES:
        assert name not in texts
        assert keep_dashes(name) in texts
    assert "- Ban 1 và Phòng Lao động\u00a0- Thương binh và Xã hội;" in texts


def test_only_the_printed_text_changes():
    doc = _document()
    assert doc.blocks[0].text.endswith("Phòng Văn hóa - Xã hội chủ trì, phối hợp với các cơ quan liên "
                                       "quan tổ chức thực hiện.")
    assert doc.appendices[0].table.rows[0][1] == "Phòng Văn hóa - Xã hội"
    assert keep_dashes("- Xã hội; Văn hóa - Xã hội – Dân tộc") == "- Xã hội; Văn hóa\u00a0- Xã hội\u00a0– Dân tộc"
    assert keep_dashes("2020 - 2025, Quý II -Quý III") == "2020\u00a0- 2025, Quý II -Quý III"
