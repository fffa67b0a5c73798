"""Minutes (biên bản): secretary and chair sign, names with their dash, I./1. structure, the meeting's day."""

import io

import pytest
from django.urls import reverse
from docx import Document

from dialogues import documents
from dialogues.forms import MinutesForm
from dialogues.models import SessionOfficial, SessionStatus
from tests.dialogues.factories import AttendeeFactory, PetitionFactory, ScheduledSessionFactory
from tests.dialogues.papers.conftest import docx_text, pdf_pages, pdf_text, words_outside_text_area


def _lines(session) -> list[str]:
    return [b.display_text for b in documents.minutes(session).blocks]


def test_minutes_are_signed_by_secretary_and_chair_in_pdf_and_docx(linked_session):
    doc = documents.minutes(linked_session)
    assert (doc.co_signature.authority_lines, doc.co_signature.signer) == (["THƯ KÝ"], "Lê Thị Cúc")
    assert (doc.signature.authority_lines, doc.signature.signer) == (["CHỦ TRÌ HỘI NGHỊ"], "A Blúp")
    last = pdf_pages(documents.minutes_download(linked_session, "pdf").content)[-1]
    assert "THƯ KÝ" in last and "CHỦ TRÌ HỘI NGHỊ" in last and "Lê Thị Cúc" in last and "A Blúp" in last
    assert last.index("Lê Thị Cúc") < last.index("Nơi nhận")  # «Nơi nhận» below both signatures
    word = Document(io.BytesIO(documents.minutes_download(linked_session, "docx").content))
    closing = word.tables[-1]
    assert [c.text.strip().split("\n")[0] for c in closing.rows[0].cells] == ["THƯ KÝ", "CHỦ TRÌ HỘI NGHỊ"]
    assert "Lê Thị Cúc" in closing.rows[0].cells[0].text and "A Blúp" in closing.rows[0].cells[1].text
    assert closing.rows[1].cells[0].text.startswith("Nơi nhận:")


def test_name_lines_are_honorific_name_dash_position(linked_session):
    SessionOfficial.objects.create(session=linked_session, level="province", name="Trần Văn Hùng",
                                   position="phó Giám đốc Sở Nông nghiệp và Môi trường tỉnh Phú Thọ")
    SessionOfficial.objects.create(session=linked_session, level="commune", name="Bà Đinh Thị Hạnh",
                                   position="Chủ tịch Ủy ban Mặt trận Tổ quốc Việt Nam xã")
    lines = _lines(linked_session)
    assert "1. Chủ trì hội nghị: Ông A Blúp – Chủ tịch UBND xã." in lines
    assert "2. Thư ký hội nghị: Bà Lê Thị Cúc – Công chức Văn hóa - Xã hội." in lines
    assert "- Ông Trần Văn Hùng – Phó Giám đốc Sở Nông nghiệp và Môi trường tỉnh Phú Thọ (cấp tỉnh);" in lines
    assert "- Bà Đinh Thị Hạnh – Chủ tịch Ủy ban Mặt trận Tổ quốc Việt Nam xã (cấp xã)." in lines
    assert not any("Ông A Blúp, Chủ tịch" in line for line in lines)


def test_an_official_who_chairs_is_named_as_the_chair_line_names_them(linked_session):
    """The chair's line says «Ông A Blúp»; the officials' list, which has the bare name, says it too."""
    SessionOfficial.objects.create(session=linked_session, level="commune", name="A Blúp", position="Chủ tịch UBND xã")
    SessionOfficial.objects.create(session=linked_session, level="commune", name="Lê Thị Cúc",
                                   position="Công chức Văn hóa - Xã hội")
    SessionOfficial.objects.create(session=linked_session, level="commune", name="Ksor Nay", position="Trưởng thôn")
    lines = _lines(linked_session)
    assert "- Ông A Blúp – Chủ tịch UBND xã (cấp xã);" in lines
    assert "- Bà Lê Thị Cúc – Công chức Văn hóa - Xã hội (cấp xã);" in lines
    assert "- Ông/Bà Ksor Nay – Trưởng thôn (cấp xã)." in lines  # nothing tells: left for the pen


def test_minutes_are_numbered_by_section_and_clause(linked_session):
    lines = _lines(linked_session)
    sections = [line for line in lines if line.split(" ")[0].rstrip(".") in ("I", "II", "III", "IV", "V")]
    assert sections == ["I. THỜI GIAN, ĐỊA ĐIỂM", "II. THÀNH PHẦN THAM DỰ", "III. NỘI DUNG HỘI NGHỊ",
                        "IV. Ý KIẾN, KIẾN NGHỊ CỦA NGƯỜI DÂN VÀ TRẢ LỜI", "V. KẾT LUẬN CỦA CHỦ TRÌ HỘI NGHỊ"]
    assert lines[1] == "1. Thời gian: 08 giờ 00, ngày 12 tháng 5 năm 2026."
    assert lines[2] == "2. Địa điểm: Hội trường UBND xã."


def test_minutes_are_dated_the_meeting_day(linked_session):
    doc = documents.minutes(linked_session)
    assert doc.date_line == "Hạ Hòa, ngày 12 tháng 5 năm 2026"
    assert "Hạ Hòa, ngày 12 tháng 5 năm 2026" in pdf_text(documents.minutes_download(linked_session, "pdf").content)


def test_petitions_are_numbered_with_who_asked_and_who_answered(linked_session):
    asker = AttendeeFactory(session=linked_session, full_name="Lò Thị Mời", gender="F", village="Thôn Đồng Xuân")
    PetitionFactory(session=linked_session, attendee=asker, raised_by="Lò Thị Mời", status="answered",
                    content="Đề nghị sửa đường.", answered_by="Ông A Blúp, Chủ tịch UBND xã",
                    answer="Xã đưa vào kế hoạch năm sau.")
    PetitionFactory(session=linked_session, raised_by="Ông Hà Văn Bình", content="Mở lớp dạy nghề.",
                    status="referred", referral_level="province", responsible_body="", due_date=None)
    PetitionFactory(session=linked_session, raised_by="Bà Hà Thị Lan", content="Vay vốn.", status="answered",
                    answered_by="Phó Chủ tịch UBND xã", answer="Sẽ hỗ trợ.")
    lines = _lines(linked_session)
    assert "1. Bà Lò Thị Mời (Thôn Đồng Xuân), lĩnh vực nhà ở: Đề nghị sửa đường." in lines
    assert "- Trả lời của Ông A Blúp – Chủ tịch UBND xã: Xã đưa vào kế hoạch năm sau." in lines
    assert "2. Ông Hà Văn Bình, lĩnh vực nhà ở: Mở lớp dạy nghề." in lines
    assert "- Trả lời của Phó Chủ tịch UBND xã: Sẽ hỗ trợ." in lines  # a position typed, no name
    assert "- Chuyển cơ quan có thẩm quyền (UBND cấp tỉnh)." in lines


@pytest.mark.parametrize("secretary", ["", "Bà", "  "])
def test_without_a_secretary_the_minutes_leave_room_to_write_one(linked_session, secretary):
    linked_session.secretary, linked_session.chair = secretary, ""
    doc = documents.minutes(linked_session)
    assert doc.co_signature.signer == "" and doc.signature.signer == ""
    lines = [b.display_text for b in doc.blocks]
    assert any(line.startswith("2. Thư ký hội nghị: ……") for line in lines)
    assert any(line.startswith("1. Chủ trì hội nghị: ……") for line in lines)
    assert "THƯ KÝ" in pdf_text(documents.minutes_download(linked_session, "pdf").content)


def test_empty_conclusion_leaves_lines_to_write_by_hand(linked_session):
    linked_session.conclusion = "\n  \n"
    lines = _lines(linked_session)
    conclusion = lines[lines.index("V. KẾT LUẬN CỦA CHỦ TRÌ HỘI NGHỊ") + 1]
    assert set(conclusion) == {"…"}


def test_the_minutes_form_requires_a_secretary_by_name(linked_session):
    for value, message in [("", "Ghi họ tên thư ký hội nghị"), ("Bà", "không chỉ danh xưng"),
                           ("ông. ", "không chỉ danh xưng"), ("Công chức Văn hóa - Xã hội", "hay chức vụ")]:
        form = MinutesForm({"secretary": value, "proceedings": "Khai mạc.", "conclusion": ""},
                           instance=linked_session)
        assert not form.is_valid() and message in form.errors["secretary"][0]
    form = MinutesForm({"secretary": " Bà  Lê Thị Cúc,  công chức ", "proceedings": "Khai mạc.", "conclusion": ""},
                       instance=linked_session)
    assert form.is_valid() and form.cleaned_data["secretary"] == "Bà Lê Thị Cúc, công chức"


def test_the_minutes_page_saves_the_secretary_then_the_minutes_print_it(client_as, commune_staff, own_unit):
    session = ScheduledSessionFactory(commune=own_unit, status=SessionStatus.HELD)
    url = reverse("dialogues:session-minutes", args=[session.pk])
    bad = client_as(commune_staff).post(url, {"secretary": "", "proceedings": "Khai mạc.", "conclusion": "Xong."})
    assert bad.status_code == 200 and "Ghi họ tên thư ký hội nghị" in bad.content.decode()
    client_as(commune_staff).post(url, {"secretary": "Ông Vi Văn Tâm, văn phòng", "proceedings": "Khai mạc.",
                                        "conclusion": "Xong."})
    response = client_as(commune_staff).get(reverse("dialogues:minutes-file", args=[session.pk, "docx"]))
    text = docx_text(b"".join(response))
    # The dash of «Vi Văn Tâm – Văn phòng» is held to its word by a no-break space when printed.
    assert "Thư ký hội nghị: Ông Vi Văn Tâm\u00a0– Văn phòng." in text and "THƯ KÝ" in text


def test_long_titles_and_names_stay_inside_the_margins(linked_session):
    linked_session.chair = ("Ông Nguyễn Văn Trường Giang Thượng, Phó Chủ tịch Ủy ban nhân dân xã Hạ Hòa kiêm "
                            "Trưởng ban Chỉ đạo các chương trình mục tiêu quốc gia xã")
    linked_session.secretary = "Bà Hoàng Thị Phương Thảo Nguyên Ngọc, công chức Văn phòng - Thống kê"
    SessionOfficial.objects.create(session=linked_session, level="organisation", name="Bà " + "Ngọc Ánh " * 6,
                                   position="Phó Chủ tịch Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh " * 2)
    pdf = documents.minutes_download(linked_session, "pdf").content
    assert words_outside_text_area(pdf) == []
    assert "Hoàng Thị Phương Thảo Nguyên Ngọc" in " ".join(pdf_pages(pdf)[-1].split())


def test_names_typed_in_lower_case_print_and_sign_as_written_on_paper(client_as, commune_staff, linked_session):
    linked_session.chair = "ông a blúp - chủ tịch ubnd xã"
    linked_session.secretary = "bà lê thị cúc, công chức văn hóa - xã hội"
    linked_session.save()
    response = client_as(commune_staff).get(reverse("dialogues:minutes-file", args=[linked_session.pk, "pdf"]))
    text = pdf_text(b"".join(response)).replace("\u00a0", " ")
    assert "Ông A Blúp – Chủ tịch UBND xã" in text and "Bà Lê Thị Cúc – Công chức văn hóa - xã hội" in text
    last = text.split("THƯ KÝ")[-1]
    assert "A Blúp" in last and "Lê Thị Cúc" in last and "a blúp" not in text and "lê thị cúc" not in text


def test_a_chair_typed_as_a_position_only_keeps_the_position(linked_session):
    linked_session.chair = "Phó Chủ tịch UBND xã"
    assert "1. Chủ trì hội nghị: " + "…" * 18 + " – Phó Chủ tịch UBND xã." in _lines(linked_session)
    assert documents.minutes(linked_session).signature.signer == ""


def test_an_official_typed_with_a_short_title_keeps_the_recorded_position(linked_session):
    SessionOfficial.objects.create(session=linked_session, level="district", name="Bà Y Ngọc - Phó Chủ tịch",
                                   position="Phó Chủ tịch UBND huyện Ngọc Hồi")
    assert "- Bà Y Ngọc – Phó Chủ tịch UBND huyện Ngọc Hồi (cấp huyện)." in _lines(linked_session)
