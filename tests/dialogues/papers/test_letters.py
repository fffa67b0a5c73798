"""Invitations (giấy mời): signed and dated when the data knows how, the session block, the dashes."""

import datetime
import io

import pytest
from django.urls import reverse
from docx import Document
from pypdf import PdfReader

from dialogues import documents
from dialogues.letterhead import letter_signature
from tests.dialogues.factories import AttendeeFactory, ScheduledSessionFactory, SessionFactory
from tests.dialogues.papers.conftest import docx_text, pdf_pages, pdf_text, words_outside_text_area
from tests.factories import IssuingBodyFactory

DRAFT_DAY = "ngày\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0tháng\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0năm 2026"


def _letter(session, person=None):
    person = person or AttendeeFactory(session=session, full_name="Lò Thị Mời", gender="F")
    return documents.invitation(session, person)


def test_invitation_is_signed_by_the_commune_chair_and_dated_the_session_day(linked_session, body):
    doc = _letter(linked_session)
    assert doc.signature.authority_lines == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]
    assert doc.signature.signer == "A Blúp"
    assert doc.date_line == "Hạ Hòa, ngày 12 tháng 5 năm 2026"
    text = pdf_text(documents.invitations_pdf(linked_session, list(linked_session.attendees.all())).content)
    assert "A Blúp" in text and "Hạ Hòa, ngày 12 tháng 5 năm 2026" in text


def test_a_deputy_chair_signs_for_the_chairman(own_unit, body):
    session = ScheduledSessionFactory(commune=own_unit, chair="Bà Hà Thị Lan, Phó Chủ tịch Ủy ban nhân dân xã Hạ Hòa")
    doc = _letter(session)
    assert doc.signature.authority_lines == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    assert doc.signature.signer == "Hà Thị Lan"


@pytest.mark.parametrize("chair", ["Ông Trần Văn Hùng, Phó Chủ tịch UBND huyện Hạ Hòa",
                                   "Ông Trần Văn Hùng, Chủ tịch HĐND xã", "", "Ông",
                                   "Ông Trần Văn Hùng, Phó Chủ tịch Thường trực Hội Nông dân"])
def test_a_chair_from_another_body_or_none_leaves_the_plan_signer(own_unit, body, issued_plan, chair):
    session = ScheduledSessionFactory(commune=own_unit, plan=issued_plan, chair=chair)
    signature = letter_signature(session)
    assert signature.signer == "Ngô Anh Vũ"  # the plan of the commune's own body
    assert "Trần Văn Hùng" not in signature.signer


def test_without_chair_plan_or_body_the_name_is_left_for_the_signer(own_unit):
    session = ScheduledSessionFactory(commune=own_unit, chair="")
    doc = _letter(session)
    assert doc.signature.authority_lines == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]
    assert doc.signature.signer == ""
    text = "\n".join(b.display_text for b in doc.blocks)
    assert "Chủ trì" not in text and "UBND xã Hạ Hòa trân trọng kính mời" in text


def test_the_time_place_and_chair_lines_carry_their_dash(linked_session):
    lines = [b.display_text for b in _letter(linked_session).blocks]
    assert "- Thời gian: 08 giờ 00, ngày 12 tháng 5 năm 2026 (01 buổi)." in lines
    assert "- Địa điểm: Hội trường UBND xã." in lines
    assert "- Chủ trì: Ông A Blúp – Chủ tịch UBND xã." in lines


def test_the_basis_cites_the_issued_plan_by_number_and_date(linked_session):
    lines = [b.display_text for b in _letter(linked_session).blocks]
    assert lines[0].startswith("Căn cứ Kế hoạch số 01/KH-UBND ngày 05/03/2026 của ")
    assert any("trân trọng kính mời: Bà Lò Thị Mời" in line for line in lines)


def test_a_session_without_a_day_prints_blanks_for_date_and_hour(own_unit, body, plan):
    session = SessionFactory(commune=own_unit, plan=plan, quarter=3, venue="")
    doc = _letter(session)
    assert doc.date_line == f"Hạ Hòa, {DRAFT_DAY}"
    lines = [b.display_text for b in doc.blocks]
    time = next(line for line in lines if line.startswith("- Thời gian:"))
    assert "…" in time and "2026" in time and "Quý III" in time
    assert "- Địa điểm: … (sẽ thông báo sau)." in lines
    assert lines[0].startswith("Căn cứ Kế hoạch số ……/KH-UBND ngày……tháng……năm 2026")  # a draft plan


def test_two_people_of_one_name_get_a_letter_each_told_apart_by_village(linked_session):
    one = AttendeeFactory(session=linked_session, full_name="Lò Văn Minh", gender="M", village="Thôn Bản Chiềng")
    two = AttendeeFactory(session=linked_session, full_name="Lò Văn Minh", gender="M", village="Thôn Nà Mùng")
    pages = pdf_pages(documents.invitations_pdf(linked_session, [one, two]).content)
    assert len(pages) == 2
    assert "Thôn Bản Chiềng" in pages[0] and "Thôn Nà Mùng" in pages[1]
    assert all("Ông Lò Văn Minh" in page for page in pages)


def test_an_unknown_gender_is_addressed_by_the_middle_name_or_as_ong_ba(linked_session):
    people = [AttendeeFactory(session=linked_session, full_name=name, gender="")
              for name in ("Nguyễn Thị Hoa", "Trần Văn Sơn", "Y Bluêk Niê", "H'Hen Niê", "Ksor Nay")]
    texts = ["\n".join(b.display_text for b in documents.invitation(linked_session, p).blocks) for p in people]
    assert "Bà Nguyễn Thị Hoa" in texts[0] and "Đề nghị Bà sắp xếp" in texts[0]
    assert "Ông Trần Văn Sơn" in texts[1]
    assert "Ông Y Bluêk Niê" in texts[2]  # Ê Đê names: «Y» before a man's given name, «H'» before a woman's
    assert "Bà H'Hen Niê" in texts[3]
    assert "Ông/Bà Ksor Nay" in texts[4]


def test_invitations_docx_has_a_page_per_person_with_the_same_text(linked_session):
    people = [AttendeeFactory(session=linked_session, full_name=f"Hà Thị Số {n}") for n in range(3)]
    content = documents.invitations_docx(linked_session, people).content
    word = Document(io.BytesIO(content))
    assert len(word.sections) == 3
    text = docx_text(content)
    assert all(f"Hà Thị Số {n}" in text for n in range(3))
    assert text.count("A Blúp") == 3 * 2  # the chair line and the signature of every letter
    assert "- Thời gian: 08 giờ 00, ngày 12 tháng 5 năm 2026 (01 buổi)." in text


def test_invitations_docx_view(client_as, commune_staff, linked_session, other_session):
    AttendeeFactory(session=linked_session, full_name="Lò Thị Mời")
    response = client_as(commune_staff).get(reverse("dialogues:invitations-docx", args=[linked_session.pk]))
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxml")
    assert "Lò Thị Mời" in docx_text(b"".join(response))
    other = client_as(commune_staff).get(reverse("dialogues:invitations-docx", args=[other_session.pk]))
    assert other.status_code == 404


def test_invitations_docx_of_an_empty_list_says_so(client_as, commune_staff, linked_session):
    response = client_as(commune_staff).get(reverse("dialogues:invitations-docx", args=[linked_session.pk]),
                                            follow=True)
    assert "Chưa có người nào trong danh sách" in response.content.decode()


def test_invitation_pdf_keeps_one_page_with_a_long_theme_and_title(own_unit, body, issued_plan):
    session = ScheduledSessionFactory(
        commune=own_unit, plan=issued_plan, theme="Đối thoại chính sách " * 12,
        chair="Ông Nguyễn Văn Trường Giang, Phó Chủ tịch Ủy ban nhân dân xã Hạ Hòa kiêm Chủ tịch Hội "
              "đồng nghĩa vụ quân sự")
    person = AttendeeFactory(session=session, full_name="Nguyễn Thị " + "Ngọc Ánh " * 6)
    content = documents.invitations_pdf(session, [person]).content
    assert len(PdfReader(io.BytesIO(content)).pages) == 1
    assert words_outside_text_area(content) == []


def test_the_invitee_is_in_bold_however_the_name_was_typed(linked_session):
    for typed in ("  Lò Thị  Mời ", "Lò Thị Mời*", "*Lò Thị Mời"):
        person = AttendeeFactory(session=linked_session, full_name=typed, gender="F")
        runs = next(b for b in documents.invitation(linked_session, person).blocks
                    if "kính mời" in b.display_text).runs
        assert [(r.text, r.bold) for r in runs][-1] == ("Bà Lò Thị Mời", True)


def test_a_plan_of_another_body_does_not_sign_the_communes_letter(own_unit, body, plan):
    plan.issuing_body = IssuingBodyFactory(unit=own_unit.parent, name="ỦY BAN NHÂN DÂN\nTỈNH PHÚ THỌ")
    plan.signer_name = "Lê Văn Tỉnh"
    plan.save()
    session = ScheduledSessionFactory(commune=own_unit, plan=plan, chair="Bà Hà Thị Lan, Giám đốc Sở Y tế")
    signature = letter_signature(session)
    assert (signature.authority_lines, signature.signer) == (["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], "")


def test_under_the_plans_header_the_plans_signer_signs(own_unit, body, plan):
    # The commune's body ended before the session's year: the letter carries the plan's header.
    body.valid_to = datetime.date(2025, 12, 31)
    body.save()
    session = ScheduledSessionFactory(commune=own_unit, plan=plan, chair="Ông A Blúp, Chủ tịch UBND xã")
    doc = _letter(session)
    assert doc.signature.signer == "Ngô Anh Vũ" and doc.issuer_lines == plan.name_lines


def test_a_chair_typed_as_a_position_only_is_still_named_in_the_invitation(own_unit):
    session = ScheduledSessionFactory(commune=own_unit, chair="phó chủ tịch ubnd xã")
    lines = [b.display_text for b in _letter(session).blocks]
    assert "- Chủ trì: Phó chủ tịch UBND xã." in lines


def test_invitations_come_in_the_sign_in_sheets_order_villages_and_names_in_vietnamese(client_as, commune_staff,
                                                                                    linked_session):
    """The batch came in the database's byte order: «Đinh» after «Y», «Thôn Đắk Wơk» after «Thôn Làng»."""
    for name, village in [("Y Ngọc", "Thôn Làng"), ("Đinh Văn Đức", "Thôn Làng"), ("Dương Thị Hà", "Thôn Làng"),
                          ("Ân Văn Bình", "Thôn Đắk Wơk")]:
        AttendeeFactory(session=linked_session, full_name=name, village=village, gender="")
    text = docx_text(b"".join(client_as(commune_staff).get(reverse("dialogues:invitations-docx",
                                                                   args=[linked_session.pk]))))
    order = [text.index(f"trân trọng kính mời: {who}") for who in ("Ông Ân Văn Bình", "Bà Dương Thị Hà",
                                                                     "Ông Đinh Văn Đức", "Ông Y Ngọc")]
    assert order == sorted(order)
