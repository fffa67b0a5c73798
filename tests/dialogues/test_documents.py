"""Sheets, invitations, minutes and the report, parsed back: rows, totals, words, fonts."""

import io

import openpyxl
import pytest
from pypdf import PdfReader

from dialogues import documents
from dialogues.files import sheets_xlsx
from dialogues.payment import payment_sheet
from dialogues.pdfsheet import render_sheets
from dialogues.sheets import sign_in_sheet
from tests.budgets.factories import NormFactory
from tests.dialogues.factories import AttendeeFactory


def _text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


@pytest.fixture
def norm(province):
    return NormFactory(province=province, code="AN_XA", amount=100_000)


def test_sign_in_sheet_lists_registered_people_and_blank_rows(session):
    for name in ("Lò Thị Một", "Hà Văn Hai"):
        AttendeeFactory(session=session, full_name=name, gender="M" if "Văn" in name else "F")
    pdf = render_sheets([sign_in_sheet(session, show_ethnicity=True)])
    text = _text(pdf)
    assert "DANH SÁCH NGƯỜI DÂN THAM DỰ" in text and "Lò Thị Một" in text and "Nữ / 1980" in text
    # 2 people, then blank rows for walk-ins: as many of the 5 as fit beside the signatures (at
    # least 2), so a short list stays on one page.
    assert "Ký tên" in text and "\n4\n" in f"\n{text}\n".replace(" ", "\n")
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 1
    fonts = {str(f) for page in PdfReader(io.BytesIO(pdf)).pages for f in page["/Resources"]["/Font"].values()}
    assert fonts


def test_payment_sheet_pays_who_came_with_total_and_words(session, norm):
    came = [AttendeeFactory(session=session, present=True) for _ in range(3)]
    AttendeeFactory(session=session, present=False, full_name="Người Vắng Mặt")
    text = _text(render_sheets([payment_sheet(session)]))
    assert all(a.full_name in text for a in came) and "Người Vắng Mặt" not in text
    assert "300.000" in text and "Ba trăm nghìn đồng chẵn" in text
    assert "NGƯỜI LẬP" in text and "KẾ TOÁN" in text and "THỦ TRƯỞNG" in text


def test_payment_workbook_has_numbers_a_sum_and_formula_safe_names(session, norm, officer):
    AttendeeFactory(session=session, present=True, full_name="=HYPERLINK(\"http://x\")")
    AttendeeFactory(session=session, present=True)
    book = openpyxl.load_workbook(io.BytesIO(sheets_xlsx([session], "payment", user=officer)))
    sheet = book.active
    values = [row for row in sheet.iter_rows(values_only=True)]
    names = [r[1] for r in values if r and str(r[0]).isdigit()]
    assert "=HYPERLINK(\"http://x\")" in names
    cell = next(c for row in sheet.iter_rows() for c in row if c.data_type == "f")
    assert cell.value.startswith("=SUM(")
    assert [r[4] for r in values if r and str(r[0]).isdigit()] == [100_000, 100_000]


def test_plan_of_many_sessions_is_one_pdf_each_on_new_pages(session, own_unit):
    from tests.dialogues.factories import ScheduledSessionFactory

    other = ScheduledSessionFactory(commune=own_unit)
    for s in (session, other):
        for _ in range(3):
            AttendeeFactory(session=s)
    reader = PdfReader(io.BytesIO(render_sheets([sign_in_sheet(s, show_ethnicity=True) for s in (session, other)])))
    assert len(reader.pages) == 2


def test_invitation_names_the_person_time_and_place(session):
    person = AttendeeFactory(session=session, full_name="Lò Thị Mời", gender="F")
    text = _text(documents.invitations_pdf(session, [person]).content)
    assert "GIẤY MỜI" in text and "Bà Lò Thị Mời" in text and "Hội trường UBND xã" in text
    assert "ngày 12 tháng 5 năm 2026" in text


def test_minutes_include_petitions_and_counts(session, commune_staff):
    from dialogues.models import SessionStatus
    from tests.dialogues.factories import PetitionFactory

    AttendeeFactory(session=session, present=True)
    PetitionFactory(session=session, content="Đề nghị làm đường vào thôn.")
    session.status, session.proceedings, session.conclusion = SessionStatus.HELD, "Khai mạc.", "Giao xã trả lời."
    session.save()
    text = _text(documents.minutes_download(session, "pdf").content)
    assert "BIÊN BẢN" in text and "Đề nghị làm đường vào thôn" in text and "Người dân tham dự: 1 người" in text
    assert documents.minutes_download(session, "docx").content[:2] == b"PK"
