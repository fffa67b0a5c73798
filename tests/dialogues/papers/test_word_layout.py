"""The Word files as LibreOffice lays them out: the PDF's pages, the signatures where the PDF has them."""

import shutil
import subprocess

import pytest
from pypdf import PdfReader

from dialogues import documents
from tests.dialogues.factories import AttendeeFactory
from tests.dialogues.papers.conftest import pdf_pages

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")


def _laid_out(content: bytes, tmp_path, name: str) -> list[str]:
    source = tmp_path / f"{name}.docx"
    source.write_bytes(content)
    subprocess.run([SOFFICE, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
                   check=True, capture_output=True, timeout=180)
    return [" ".join(page.extract_text().split()) for page in PdfReader(tmp_path / f"{name}.pdf").pages]


def test_invitations_docx_prints_one_signed_page_per_person(linked_session, tmp_path):
    people = [AttendeeFactory(session=linked_session, full_name=f"Hà Thị Số {n}") for n in range(3)]
    pages = _laid_out(documents.invitations_docx(linked_session, people).content, tmp_path, "giay-moi")
    assert len(pages) == 3
    for n, page in enumerate(pages):
        assert f"Hà Thị Số {n}" in page and "A Blúp" in page and "Hạ Hòa, ngày 12 tháng 5 năm 2026" in page
        assert not page.startswith("2")  # no page number on a letter's only page


def test_minutes_docx_keeps_the_pdfs_pages_and_both_signatures_together(linked_session, tmp_path):
    pages = _laid_out(documents.minutes_download(linked_session, "docx").content, tmp_path, "bien-ban")
    assert len(pages) == len(pdf_pages(documents.minutes_download(linked_session, "pdf").content))
    last = pages[-1]
    assert all(word in last for word in ("THƯ KÝ", "CHỦ TRÌ HỘI NGHỊ", "Lê Thị Cúc", "A Blúp", "Nơi nhận"))
