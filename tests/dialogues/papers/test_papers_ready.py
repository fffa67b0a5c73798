"""Done when: a 50-person session linked to an issued plan prints invitations, minutes and the
result report ready to sign, as PDF and as DOCX."""

import io

from docx import Document
from pypdf import PdfReader

from dialogues import documents
from dialogues.models import SessionOfficial
from tests.dialogues.factories import AttendeeFactory, PetitionFactory
from tests.dialogues.papers.conftest import docx_text, pdf_pages

SURNAMES = ["Nguyễn", "Lò", "Hà", "Đinh", "Bàn", "Triệu", "Giàng", "Vi", "Lương", "Y"]


def _fifty(session):
    people = [AttendeeFactory(session=session, full_name=f"{SURNAMES[n % 10]} Thị Hiền {n // 10}" if n % 2 else
                              f"{SURNAMES[n % 10]} Văn Hùng {n // 10}", gender="F" if n % 2 else "M",
                              village=f"Thôn {n % 7 + 1}", present=n % 5 != 0) for n in range(50)]
    SessionOfficial.objects.create(session=session, level="province", name="Trần Văn Hùng",
                                   position="Phó Giám đốc Sở Nông nghiệp và Môi trường tỉnh Phú Thọ")
    PetitionFactory(session=session, attendee=people[1], raised_by=people[1].full_name)
    return people


def test_fifty_invitations_in_pdf_and_docx_each_signed_and_dated(linked_session):
    people = _fifty(linked_session)
    pages = pdf_pages(documents.invitations_pdf(linked_session, people).content)
    assert len(pages) == 50
    for person, page in zip(people, pages, strict=True):
        flat = " ".join(page.split())
        assert person.full_name in flat and "Hạ Hòa, ngày 12 tháng 5 năm 2026" in flat
        assert "TM. ỦY BAN NHÂN DÂN" in flat and flat.index("CHỦ TỊCH") < flat.rindex("A Blúp")
        assert "Căn cứ Kế hoạch số 01/KH-UBND ngày 05/03/2026" in flat
    content = documents.invitations_docx(linked_session, people).content
    assert len(Document(io.BytesIO(content)).sections) == 50
    assert docx_text(content).count("Hạ Hòa, ngày 12 tháng 5 năm 2026") == 50


def test_minutes_and_report_of_the_fifty_person_session(linked_session):
    _fifty(linked_session)
    minutes = documents.minutes_download(linked_session, "pdf").content
    last = " ".join(pdf_pages(minutes)[-1].split())
    assert "THƯ KÝ" in last and "Lê Thị Cúc" in last and "CHỦ TRÌ HỘI NGHỊ" in last and "A Blúp" in last
    assert "4. Người dân tham dự: 40 người" in docx_text(documents.minutes_download(linked_session, "docx").content)
    report = documents.report_download(linked_session.plan, "pdf").content
    reader = PdfReader(io.BytesIO(report))
    first = " ".join(reader.pages[0].extract_text().split())
    assert "Kế hoạch số 01/KH-UBND ngày 05/03/2026" in first and "Ngô Anh Vũ" in first
    assert "Người dân tham dự: 40 người" in first
    assert reader.pages[-1].mediabox.width > reader.pages[-1].mediabox.height  # the landscape appendix
    assert "Sở Nông nghiệp và Môi trường" in docx_text(documents.report_download(linked_session.plan, "docx").content)
