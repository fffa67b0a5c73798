"""The seed plans, reproduced and rendered: their sections come back in order, numbered."""

import io
import unicodedata

import pytest
from docx import Document
from pypdf import PdfReader

from plans.documents import plan_docx, plan_pdf
from plans.models import PlanKind
from plans.seeding import SEED_DIR, create_seed_plan
from tests.factories import IssuingBodyFactory

EXPECTED = {
    "000_ha_hoa_doi_thoai_2023.txt": ["I. MỤC ĐÍCH, YÊU CẦU", "1. Mục đích", "2. Yêu cầu",
                                      "II. NỘI DUNG, HÌNH THỨC", "3. Thời gian, địa điểm",
                                      "a) Thời gian", "b) Địa điểm", "III. TỔ CHỨC THỰC HIỆN",
                                      "Ngô Anh Vũ"],
    "001_hung_nguyen_da6_2023.txt": ["I. MỤC ĐÍCH, YÊU CẦU", "II. ĐỐI TƯỢNG, PHẠM VI",
                                     "III. NỘI DUNG, HÌNH THỨC", "IV. KINH PHÍ THỰC HIỆN",
                                     "V. TỔ CHỨC THỰC HIỆN", "Nguyễn Hữu Hà"],
    # The seed numbers "1.1." under "2."; computed numbering makes it 2.1.
    "002_sa_loong_doi_thoai_2023.txt": ["I. MỤC ĐÍCH, YÊU CẦU", "1. Quý II/2023", "1.1. Thành phần",
                                        "2. Quý III/2023", "2.1. Thành phần", "2.2. Nội dung đối thoại",
                                        "IV. TỔ CHỨC THỰC HIỆN", "Nguyễn Hữu Bảng"],
}


def _flat(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


@pytest.mark.parametrize("filename", sorted(EXPECTED))
def test_seed_plan_pdf_has_its_sections_in_order_with_computed_numbers(filename, officer, own_unit):
    plan = create_seed_plan(SEED_DIR / filename, kind=PlanKind.BLANK,
                            body=IssuingBodyFactory(unit=own_unit), by=officer)
    text = _flat(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(plan_pdf(plan))).pages))
    positions = [text.find(_flat(expected)) for expected in EXPECTED[filename]]
    assert -1 not in positions, [e for e, p in zip(EXPECTED[filename], positions, strict=True) if p < 0]
    assert positions == sorted(positions)
    assert "Số: /KH-UBND" in text.replace("\u00a0", "") and "năm 2023" in text


def test_seed_plan_docx_keeps_the_text(officer, own_unit):
    plan = create_seed_plan(SEED_DIR / "000_ha_hoa_doi_thoai_2023.txt", kind=PlanKind.BLANK,
                            body=IssuingBodyFactory(unit=own_unit), by=officer)
    word = Document(io.BytesIO(plan_docx(plan)))
    body = "\n".join(p.text for p in word.paragraphs)
    assert "I. MỤC ĐÍCH, YÊU CẦU" in body and "Một trăm ba mươi hai triệu đồng chẵn" in body
