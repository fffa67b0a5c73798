"""Commune staff write the minutes on a phone: the secretary is asked for by name, then the Word
file names the secretary with the dash and signs with the secretary and the chair."""

import io

import pytest
from docx import Document

from dialogues.models import SessionStatus
from tests.dialogues.factories import ScheduledSessionFactory
from tests.e2e.journey import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_minutes_need_a_secretary_and_print_both_signatures(page, live_server, commune_staff, own_unit):
    session = ScheduledSessionFactory(commune=own_unit, status=SessionStatus.HELD,
                                      chair="Ông A Blúp, Chủ tịch UBND xã")
    log_in(page, live_server.url, commune_staff.username)
    page.goto(f"{live_server.url}/doi-thoai/{session.pk}/bien-ban/")
    page.get_by_label("Diễn biến hội nghị").fill("Khai mạc hội nghị.")
    page.get_by_label("Kết luận của chủ trì").fill("Giao UBND xã trả lời bằng văn bản.")
    page.get_by_label("Thư ký hội nghị").fill("Bà")
    page.get_by_role("button", name="Lưu biên bản").click()
    page.get_by_text("Ghi họ tên thư ký, không chỉ danh xưng").wait_for()
    page.get_by_label("Thư ký hội nghị").fill("Bà Lê Thị Cúc, công chức Văn hóa - Xã hội")
    page.get_by_role("button", name="Lưu biên bản").click()
    page.get_by_text("Đã lưu biên bản.").wait_for()
    with page.expect_download() as download:
        page.get_by_role("link", name="Biên bản (DOCX)").click()
    word = Document(io.BytesIO(open(download.value.path(), "rb").read()))
    # A dash joining two names is held to the word before it by a no-break space when printed.
    text = "\n".join(p.text for p in word.paragraphs).replace("\u00a0", " ")
    assert "Thư ký hội nghị: Bà Lê Thị Cúc – Công chức Văn hóa - Xã hội." in text
    closing = word.tables[-1].rows[0].cells
    assert "THƯ KÝ" in closing[0].text and "Lê Thị Cúc" in closing[0].text and "A Blúp" in closing[1].text
