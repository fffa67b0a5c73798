"""The official-document layer on the sample plan: PDF against bare WeasyPrint, and DOCX."""

from __future__ import annotations

import datetime
import tempfile
from pathlib import Path
from types import SimpleNamespace

from weasyprint import HTML

from bench.fairness import check_same_document, render_checked
from bench.runner import benchmark, overhead_target
from bench.static_mirror import mirror_static
from documents.docx import render_docx
from documents.official import OfficialDocument
from documents.pdf import appendix_html, document_html, official_pdf
from documents.sample import sample_document

HA_HOA = SimpleNamespace(
    parent_lines=[],
    name_lines=["ỦY BAN NHÂN DÂN", "HUYỆN HẠ HOÀ"],
    abbreviation="UBND",
    place_name="Hạ Hoà",
    display_name="UBND huyện Hạ Hoà",
    is_collective=True,
    collective_name="ỦY BAN NHÂN DÂN",
    head_title="CHỦ TỊCH",
    deputy_title="PHÓ CHỦ TỊCH",
)


def sample() -> OfficialDocument:
    """Kế hoạch số 05/KH-UBND of UBND huyện Hạ Hoà, 12/05/2023: 3 pages with its appendix."""
    return sample_document(HA_HOA, number=5, issue_date=datetime.date(2023, 5, 12), year=2023)


@benchmark("pdf.document_layer", "official_pdf(doc): templates, static-only fetcher, WeasyPrint, appendix merge")
def pdf_document_layer():
    doc = sample()
    yield lambda: official_pdf(doc)


@benchmark("pdf.bare_weasyprint", "WeasyPrint alone on the same pre-rendered HTML, default fetcher, file:// static files")
def pdf_bare_weasyprint():
    doc = sample()
    html = [document_html(doc), *appendix_html(doc)]
    with tempfile.TemporaryDirectory(prefix="bench-static-") as root:
        parts = mirror_static(html, Path(root))
        base_url = Path(root).as_uri() + "/"
        check_same_document(
            render_checked(lambda: official_pdf(doc), "pdf.document_layer"),
            render_checked(lambda: bare_pdf(parts, base_url), "pdf.bare_weasyprint"),
        )
        yield lambda: bare_pdf(parts, base_url)


def bare_pdf(parts: list[str], base_url: str) -> bytes:
    """Main part and appendices paginated separately, pages merged: as render_pdf does."""
    main = HTML(string=parts[0], base_url=base_url).render()
    pages = list(main.pages)
    for part in parts[1:]:
        pages += HTML(string=part, base_url=base_url).render().pages
    return main.copy(pages).write_pdf()


@benchmark("docx.document_layer", "render_docx(doc): python-docx, header and closing tables, appendix section")
def docx_document_layer():
    doc = sample()
    yield lambda: render_docx(doc)


overhead_target(
    "PDF document layer over bare WeasyPrint on the same HTML",
    subject="pdf.document_layer",
    baseline="pdf.bare_weasyprint",
    limit=0.10,
)
