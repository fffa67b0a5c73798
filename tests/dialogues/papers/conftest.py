"""Fixtures and readers of the tests of the dialogue letters, minutes and result report."""

import datetime
import io

import pytest
from django.utils import timezone
from docx import Document
from docx.oxml.ns import qn
from pypdf import PdfReader

from dialogues.models import SessionStatus
from plans.models import Status
from tests.dialogues.factories import ScheduledSessionFactory
from tests.plans.conftest import body, plan  # noqa: F401  (fixtures of the plans tests)

RECIPIENTS = "Như Điều 3;\nSở Nông nghiệp và Môi trường tỉnh Phú Thọ (b/c);\nMặt trận Tổ quốc xã;\nLưu: VT, VHXH."


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def pdf_pages(content: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(content)).pages]


def docx_text(content: bytes) -> str:
    """Every paragraph of the Word file, body and table cells, in reading order."""
    word = Document(io.BytesIO(content))
    body_xml = word.element.body
    return "\n".join("".join(t.text or "" for t in p.iter(qn("w:t"))) for p in body_xml.iter(qn("w:p")))


def at(day: datetime.date, hour: int = 8) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def issue_directly(plan, *, number: int = 1, day=datetime.date(2026, 3, 5)):  # noqa: F811
    """The plan as issued (number and day taken), without the issue service's PDF."""
    plan.number, plan.issue_date, plan.status = number, day, Status.ISSUED
    plan.recipients = RECIPIENTS
    plan.save()
    return plan


@pytest.fixture
def issued_plan(plan):  # noqa: F811
    return issue_directly(plan)


@pytest.fixture
def linked_session(own_unit, issued_plan):
    return ScheduledSessionFactory(commune=own_unit, plan=issued_plan, chair="Ông A Blúp, Chủ tịch UBND xã",
                                   secretary="Bà Lê Thị Cúc, công chức Văn hóa - Xã hội",
                                   status=SessionStatus.HELD, proceedings="Khai mạc hội nghị.",
                                   conclusion="Giao UBND xã trả lời bằng văn bản.")


MM = 72 / 25.4


def words_outside_text_area(content: bytes, *, left_mm: float = 30, right_mm: float = 195) -> list[str]:
    """Words poppler places left of the left margin or right of the right one (A4 portrait), with
    a millimetre's allowance: a justified line's last glyph box may end a little past the margin."""
    import re
    import subprocess

    xhtml = subprocess.run(["pdftotext", "-bbox", "-", "-"], input=content, capture_output=True,
                           check=True).stdout.decode()
    outside = []
    for x_min, x_max, word in re.findall(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" '
                                         r'yMax="[\d.]+">([^<]*)</word>', xhtml):
        if float(x_min) < (left_mm - 1) * MM or float(x_max) > (right_mm + 1) * MM:
            outside.append(word)
    return outside
