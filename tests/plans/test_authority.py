"""The authority line chosen per plan (TM./KT./Q./TL./TUQ., with or without the collective's
line) in preview, PDF and DOCX; required sections matched by meaning, not one exact string."""

import io
import unicodedata

import pytest
from django.urls import reverse
from docx import Document
from pypdf import PdfReader

from plans import services
from plans.checks import plan_problems
from plans.documents import plan_docx, plan_pdf, signature
from plans.kinds import PROGRAMME, PURPOSE, heading_key
from plans.models import Authority, BlockKind, PlanKind
from tests.factories import IssuingBodyFactory


@pytest.mark.parametrize("authority,collective,title,lines", [
    (Authority.HEAD, True, "", ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]),
    (Authority.HEAD, False, "", ["CHỦ TỊCH"]),
    (Authority.DEPUTY, True, "", ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]),
    (Authority.DEPUTY, False, "", ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]),
    (Authority.ACTING, True, "", ["TM. ỦY BAN NHÂN DÂN", "Q. CHỦ TỊCH"]),
    (Authority.BY_ORDER, False, "Chánh Văn phòng", ["TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG"]),
    (Authority.DELEGATED, False, "giám đốc sở", ["TUQ. CHỦ TỊCH", "GIÁM ĐỐC SỞ"]),
])
def test_the_authority_line_is_chosen_per_plan(plan, officer, authority, collective, title, lines):
    services.update_header(plan, by=officer, authority=authority, collective_line=collective,
                           signer_title=title)
    assert signature(plan).authority_lines == lines


def _flat(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def test_preview_pdf_and_docx_print_the_plans_choice(client, plan, officer):
    services.update_header(plan, by=officer, authority=Authority.BY_ORDER, collective_line=False,
                           signer_title="Chánh Văn phòng")
    client.force_login(officer)
    preview = client.get(reverse("plans:plan-preview", args=[plan.pk])).content.decode()
    pdf = _flat(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(plan_pdf(plan))).pages))
    word = Document(io.BytesIO(plan_docx(plan)))
    docx = _flat(" ".join(cell.text for table in word.tables for row in table.rows
                          for cell in row.cells))
    for text in (preview, pdf, docx):
        assert "TL. CHỦ TỊCH" in text and "CHÁNH VĂN PHÒNG" in text
        assert "TM. ỦY BAN NHÂN DÂN" not in text


def test_the_collective_line_defaults_from_the_issuing_body_and_is_kept_by_a_copy(
        officer, own_unit):
    council = IssuingBodyFactory(unit=own_unit)
    office = IssuingBodyFactory(unit=own_unit, name="PHÒNG VĂN HÓA - XÃ HỘI", is_collective=False,
                                collective_name="", head_title="TRƯỞNG PHÒNG",
                                deputy_title="PHÓ TRƯỞNG PHÒNG", display_name="Phòng VH-XH")
    first = services.create_plan(kind=PlanKind.BLANK, issuing_body=council, year=2026, by=officer)
    second = services.create_plan(kind=PlanKind.BLANK, issuing_body=office, year=2026, by=officer)
    assert (first.collective_line, second.collective_line) == (True, False)
    assert signature(second).authority_lines == ["TRƯỞNG PHÒNG"]
    services.update_header(first, by=officer, collective_line=False, authority=Authority.HEAD)
    copy = services.copy_plan(first, year=2027, by=officer)
    assert copy.collective_line is False and signature(copy).authority_lines == ["CHỦ TỊCH"]


def test_the_editor_saves_the_collective_line_choice(client, plan, officer):
    client.force_login(officer)
    url = reverse("plans:header-save", args=[plan.pk])
    form = {"title": plan.title, "year": 2026, "authority": "head", "recipients": "Lưu: VT",
            "signer_name": "Ngô Anh Vũ"}
    assert client.post(url, {**form, "collective_line": "False"}).status_code == 200
    plan.refresh_from_db()
    assert plan.collective_line is False
    client.post(url, form)  # a request without the select leaves the choice as it was
    plan.refresh_from_db()
    assert plan.collective_line is False
    page = client.get(reverse("plans:plan-edit", args=[plan.pk])).content.decode()
    assert 'name="collective_line"' in page and "Không in" in page


def test_a_collective_line_without_a_name_is_refused(plan, officer):
    services.update_header(plan, by=officer, collective_line=True, collective_name="  ")
    with pytest.raises(Exception, match="tên tập thể"):
        services.submit_plan(plan, by=officer)


@pytest.mark.parametrize("text,same", [
    ("III. MỤC ĐÍCH, YÊU CẦU", True),
    ("Mục đích và yêu cầu:", True),
    ("Phần I. Mục đích - Yêu cầu", True),
    ("MUC DICH, YEU CAU", True),
    (unicodedata.normalize("NFD", "mục đích, yêu cầu"), True),
    ("Yêu cầu, mục đích", True),
    ("Mục đích", False),
    ("Mục đích, yêu cầu và kinh phí", False),
])
def test_headings_are_compared_folded_and_without_numbering(text, same):
    assert (heading_key(text) == heading_key(PURPOSE.heading)) is same


@pytest.mark.parametrize("heading,missing", [
    ("Nội dung, chương trình", False),
    ("NỘI DUNG, CHƯƠNG TRÌNH", False),
    ("3. Nội dung và chương trình hội nghị:", False),
    ("Chương trình", False),
    ("Chuong trinh hoi nghi", False),
    ("Khen thưởng", True),
    ("", True),
])
def test_a_required_section_is_matched_by_meaning(officer, body, heading, missing):
    plan = services.create_plan(kind=PlanKind.REVIEW_CONFERENCE, issuing_body=body, year=2026,
                                by=officer)
    section = plan.blocks.get(kind=BlockKind.SECTION, text=PROGRAMME.heading)
    section.text = heading
    section.save()
    messages = [p.message for p in plan_problems(plan) if p.blocking]
    assert any("CHƯƠNG TRÌNH HỘI NGHỊ" in m for m in messages) is missing
    if missing:
        assert any("«Nội dung, chương trình»" in m for m in messages)  # the accepted wordings
