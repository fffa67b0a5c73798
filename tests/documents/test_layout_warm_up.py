"""A worker that has started (config/wsgi.py calls warm_up) writes a DOCX without cutting fonts."""

import io
import zipfile

import pytest
from django.core.cache import cache

from documents import docx_fonts
from documents.docx import render_docx
from documents.pdf import warm_up
from documents.sample import sample_document
from tests.documents.test_rendering import HA_HOA


@pytest.fixture
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def test_after_the_warm_up_a_docx_embeds_its_fonts_from_the_cache(empty_cache, monkeypatch):
    warm_up()

    def no_cutting(path):
        raise AssertionError(f"{path.name} cut again in a request")

    monkeypatch.setattr(docx_fonts, "_subset", no_cutting)
    data = render_docx(sample_document(HA_HOA, number=None, issue_date=None, year=2026))
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert {f"word/fonts/font{n}.odttf" for n in range(1, 5)} <= set(names)
