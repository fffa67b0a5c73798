"""Every PDF the app produces, rendered with production's static files (manifest storage after
collectstatic, DEBUG off): the shipped font is embedded, the Decree 30 header keeps its two
columns and the title its centring, and the fetcher refuses nothing.

The settings come from config/settings.py itself, read with DJANGO_ENV=production, so the
profile follows production when its storage changes. The layout is measured on the page with
poppler's ``pdftotext -bbox`` (.ci/run installs poppler-utils).
"""

import datetime
import html
import io
import logging
import os
import re
import runpy
import shutil
import subprocess
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from unittest import mock

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.templatetags.static import static
from django.test import override_settings
from django.urls import reverse
from pypdf import PdfReader

from dialogues import documents as dialogue_documents
from dialogues.models import SessionStatus
from documents.official import QUOC_HIEU, OfficialDocument
from documents.pdf import StaticOnlyFetcher, warm_up
from documents.sample import sample_document
from plans import services
from plans.documents import plan_document
from tests.dialogues.factories import AttendeeFactory, PetitionFactory, ScheduledSessionFactory
from tests.plans.conftest import body, issue, plan, type_live_blocks  # noqa: F401  (fixtures)

MM = 72 / 25.4
# A4 portrait with Decree 30's margins (30 mm left, 15 mm right): the header table's columns
# are 65 mm and 100 mm wide, the title is centred on the text area.
LEFT_COLUMN, RIGHT_COLUMN, TEXT_AREA = (30 * MM, 95 * MM), (95 * MM, 195 * MM), (30 * MM, 195 * MM)
TOP_MARGIN = 20 * MM
SHIPPED_FONTS = {"Liberation-Serif", "Liberation-Serif-Bold", "Liberation-Serif-Italic"}


@pytest.fixture(scope="session")
def production_settings() -> dict:
    """The static-file settings config/settings.py gives with DJANGO_ENV=production."""
    env = {"DJANGO_ENV": "production", "SECRET_KEY": "production-profile-" + "x" * 40,
           "DATABASE_URL": "postgres://u@127.0.0.1:5432/unused", "ALLOWED_HOSTS": "testserver",
           "CACHE_URL": "locmem://"}
    with mock.patch.dict(os.environ, env):
        production = runpy.run_path(str(settings.BASE_DIR / "config" / "settings.py"))
    return {name: value for name, value in production.items()
            if name in ("STORAGES", "STATIC_URL", "DEBUG") or name.startswith("WHITENOISE_")}


@pytest.fixture(scope="session")
def production_static_root(production_settings, tmp_path_factory):
    """``collectstatic`` run once, with production's storage, into a temporary STATIC_ROOT.

    WhiteNoise's compression is skipped (a minute of brotli): it only writes .gz/.br copies
    beside the files, which neither the manifest nor the PDF fetcher reads.
    """
    root = tmp_path_factory.mktemp("staticfiles")
    extensions = sorted({Path(name).suffix.lstrip(".") for finder in finders.get_finders()
                         for name, _ in finder.list([]) if Path(name).suffix})
    with override_settings(**{**production_settings, "STATIC_ROOT": root,
                              "WHITENOISE_SKIP_COMPRESS_EXTENSIONS": extensions}):
        call_command("collectstatic", interactive=False, verbosity=0)
    return root


@pytest.fixture
def production(production_settings, production_static_root, caplog):
    """Production's static files for one test; yields the log of what went wrong while rendering."""
    with override_settings(**production_settings, STATIC_ROOT=production_static_root):
        caplog.set_level(logging.WARNING)
        yield caplog


def _problems(caplog) -> list[str]:
    """What the renderer or the fetcher complained about: a refused URL, a stylesheet not loaded."""
    return [r.getMessage() for r in caplog.records
            if r.name.startswith(("weasyprint", "documents")) and r.levelno >= logging.WARNING]


# --- Reading the PDF back -------------------------------------------------------------------

def _fonts(pdf: bytes) -> dict[str, bool]:
    """Every font the PDF uses, without its subset prefix, and whether its file is embedded."""
    fonts = {}
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = descendant.get("/FontDescriptor", {})
            embedded = any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
            fonts[str(font["/BaseFont"]).split("+")[-1]] = embedded
    return fonts


@dataclass(frozen=True)
class Word:
    text: str
    left: float
    top: float
    right: float
    bottom: float


_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>')


def _first_page_words(pdf: bytes, tmp_path) -> list[Word]:
    if not shutil.which("pdftotext"):
        pytest.skip("poppler-utils (pdftotext) is not installed; .ci/run installs it")
    path = tmp_path / "document.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdftotext", "-bbox", "-f", "1", "-l", "1", str(path), "-"],
                         capture_output=True, check=True, text=True).stdout
    return [Word(unicodedata.normalize("NFC", html.unescape(m[5])), *map(float, m.groups()[:4]))
            for m in _WORD.finditer(out)]


def _line(words: list[Word], phrase: str, column: tuple[float, float]) -> Word:
    """The box of the line that starts ``phrase`` inside ``column`` (its first line if it wraps)."""
    tokens = phrase.split()
    for first in words:
        if first.text != tokens[0] or not column[0] <= first.left < column[1]:
            continue
        line = sorted((w for w in words if abs(w.top - first.top) < 1 and first.left <= w.left < column[1]),
                      key=lambda w: w.left)
        if [w.text for w in line] == tokens[:len(line)]:
            return Word(" ".join(w.text for w in line), line[0].left, min(w.top for w in line),
                        line[-1].right, max(w.bottom for w in line))
    raise AssertionError(f"«{phrase}» is not laid out on one line between {column[0]:.0f} and "
                         f"{column[1]:.0f} pt: {' '.join(w.text for w in words[:40])}")


def _centre(box: Word) -> float:
    return (box.left + box.right) / 2


def _column_centre(column: tuple[float, float]) -> float:
    return (column[0] + column[1]) / 2


def assert_decree30_pdf(pdf: bytes, doc: OfficialDocument, caplog, tmp_path) -> None:
    """Shipped font embedded and no fallback; Quốc hiệu top right, the issuing body top left in
    the same band, the document type centred below; nothing refused while rendering."""
    assert pdf[:4] == b"%PDF"
    assert _problems(caplog) == []
    fonts = _fonts(pdf)
    assert SHIPPED_FONTS <= {name for name, embedded in fonts.items() if embedded}, fonts
    assert not [name for name in fonts if "DejaVu" in name], fonts

    words = _first_page_words(pdf, tmp_path)
    quoc_hieu = _line(words, QUOC_HIEU, RIGHT_COLUMN)
    assert _centre(quoc_hieu) == pytest.approx(_column_centre(RIGHT_COLUMN), abs=3)
    assert TOP_MARGIN - 1 <= quoc_hieu.top <= TOP_MARGIN + 6
    first_left = _line(words, (doc.parent_lines or doc.issuer_lines)[0].upper(), LEFT_COLUMN)
    assert first_left.top == pytest.approx(quoc_hieu.top, abs=1)
    issuer = _line(words, doc.issuer_lines[0].upper(), LEFT_COLUMN)
    assert _centre(issuer) == pytest.approx(_column_centre(LEFT_COLUMN), abs=3)
    doc_type = _line(words, doc.type_heading, TEXT_AREA)
    assert _centre(doc_type) == pytest.approx(_column_centre(TEXT_AREA), abs=3)
    assert doc_type.top > max(quoc_hieu.bottom, issuer.bottom) + 20


# --- The profile itself ---------------------------------------------------------------------

def test_the_profile_is_production_hashed_names_and_debug_off(production):
    assert settings.DEBUG is False
    assert "Manifest" in settings.STORAGES["staticfiles"]["BACKEND"]
    assert re.fullmatch(r"/static/documents/decree30\.[0-9a-f]{12}\.css", static("documents/decree30.css"))


def test_fetcher_serves_hashed_and_original_names_from_static_root(production, production_static_root):
    fetcher = StaticOnlyFetcher()
    css = fetcher.fetch("https://static.documents.invalid" + static("documents/decree30.css"))
    text = css.read().decode()
    hashed_font = re.search(r'url\("(/static/fonts/LiberationSerif-Bold\.[0-9a-f]{12}\.ttf)"\)', text)
    assert hashed_font, "collectstatic did not rewrite the font URLs of the stylesheet"
    font = fetcher.fetch("https://static.documents.invalid" + hashed_font[1]).read()
    assert font == (production_static_root / "fonts" / "LiberationSerif-Bold.ttf").read_bytes()
    assert fetcher.fetch("https://static.documents.invalid/static/documents/decree30.css").read()
    assert fetcher.refused == []


@pytest.fixture(params=["development", "production"])
def either_profile(request):
    """The test runs twice: with the finders (development) and with production's manifest."""
    if request.param == "production":
        request.getfixturevalue("production")
    return request.param


def test_fetcher_still_refuses_everything_but_the_sites_static_files(either_profile):
    fetcher = StaticOnlyFetcher()
    hashed = static("documents/decree30.css")
    refused = [
        "https://example.com" + hashed,
        "http://static.documents.invalid" + hashed,
        "file:///etc/passwd",
        "data:text/css,body{color:red}",
        "https://static.documents.invalid/media/plans/KH-01-2026-1.pdf",
        "https://static.documents.invalid/static/../config/settings.py",
        "https://static.documents.invalid/static/%2e%2e/%2e%2e/config/settings.py",
        "https://static.documents.invalid/static/documents/decree30.000000000000.css",
        "https://static.documents.invalid/static/documents/nothing-here.css",
        "https://static.documents.invalid/static/staticfiles.json",
        "https://static.documents.invalid" + hashed + ".gz",
        "https://static.documents.invalid/static/",
        "https://static.documents.invalid/static//etc/passwd",
        "https://static.documents.invalid/static/documents\\..\\..\\config\\settings.py",
    ]
    for url in refused:
        with pytest.raises(ValueError):
            fetcher.fetch(url)
    assert fetcher.refused == refused


def test_warm_up_loads_the_stylesheet_production_serves(production):
    warm_up()
    assert _problems(production) == []


# --- Every PDF the app produces -------------------------------------------------------------

@pytest.fixture
def held_session(own_unit, plan):  # noqa: F811
    session = ScheduledSessionFactory(commune=own_unit, plan=plan, status=SessionStatus.HELD,
                                      proceedings="Khai mạc hội nghị.\nNgười dân phát biểu ý kiến.",
                                      conclusion="Giao UBND xã trả lời bằng văn bản.",
                                      secretary="Bà Đinh Thị Thư Ký")
    AttendeeFactory(session=session, present=True, full_name="Hà Thị Ngọc Ánh", gender="F")
    AttendeeFactory(session=session, present=True, full_name="Y Bluêk Niê", gender="M")
    PetitionFactory(session=session, content="Đề nghị hỗ trợ sửa nhà cho hộ nghèo ở thôn Đồng Xuân.")
    return session


def test_issued_plan_pdf_keeps_the_decree30_layout_in_production(
        production, plan, officer, leader, settings, tmp_path,  # noqa: F811
        django_capture_on_commit_callbacks):
    settings.MEDIA_ROOT = tmp_path / "media"
    services.submit_plan(type_live_blocks(plan), by=officer)
    services.approve_plan(plan, by=leader)
    with django_capture_on_commit_callbacks(execute=True):  # the PDF is stored once committed
        issued = issue(plan, by=leader)
    assert_decree30_pdf(issued.issued_pdf.read(), plan_document(issued), production, tmp_path)


def test_invitations_pdf_keeps_the_decree30_layout_in_production(production, held_session, tmp_path):
    people = list(held_session.attendees.order_by("pk"))
    download = dialogue_documents.invitations_pdf(held_session, people)
    assert len(PdfReader(io.BytesIO(download.content)).pages) == 2
    doc = dialogue_documents.invitation(held_session, people[0])
    assert_decree30_pdf(download.content, doc, production, tmp_path)


def test_minutes_pdf_keeps_the_decree30_layout_in_production(production, held_session, tmp_path):
    download = dialogue_documents.minutes_download(held_session, "pdf")
    assert_decree30_pdf(download.content, dialogue_documents.minutes(held_session), production, tmp_path)


def test_result_report_pdf_keeps_the_decree30_layout_in_production(production, client_as, officer,
                                                                   held_session, tmp_path):
    linked = held_session.plan
    response = client_as(officer).get(reverse("dialogues:plan-report-file", args=[linked.pk, "pdf"]))
    assert response.status_code == 200
    pdf = b"".join(response)
    assert_decree30_pdf(pdf, dialogue_documents.result_report(linked), production, tmp_path)


def test_sample_pdf_keeps_the_decree30_layout_in_production(production, client_as, administrator,
                                                            body, tmp_path):  # noqa: F811
    query = {"body": body.pk, "number": 7, "issue_date": "2026-03-05"}
    response = client_as(administrator).get(reverse("documents:sample-pdf"), query)
    assert response.status_code == 200
    doc = sample_document(body, number=7, issue_date=datetime.date(2026, 3, 5), year=2026)
    assert_decree30_pdf(b"".join(response), doc, production, tmp_path)
