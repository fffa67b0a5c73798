"""PDF rendering with WeasyPrint that can only ever read the project's own static files."""

from __future__ import annotations

import mimetypes
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from documents.official import OfficialDocument

# Documents are rendered with this base URL; "/static/…" in a template resolves under it.
BASE_URL = "https://static.documents.invalid/"
_ORIGIN = urlsplit(BASE_URL)


class ExternalURLRefused(ValueError):
    """A document asked for something that is not one of our static files."""


class StaticOnlyFetcher(URLFetcher):
    """Serves ``/static/…`` from the project's static files and refuses every other URL."""

    def __init__(self):
        super().__init__(allowed_protocols=("https",))
        self.refused: list[str] = []

    def fetch(self, url, headers=None):
        path = _static_path(url)
        if path is None:
            self.refused.append(url)
            raise ExternalURLRefused(f"refused to fetch {url!r}: only static files are served")
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, _read(path), {"Content-Type": content_type})


def _static_path(url: str) -> Path | None:
    parts = urlsplit(url)
    static_prefix = "/" + settings.STATIC_URL.strip("/") + "/"
    if (parts.scheme, parts.netloc) != (_ORIGIN.scheme, _ORIGIN.netloc):
        return None
    if not parts.path.startswith(static_prefix) or ".." in parts.path:
        return None
    found = finders.find(unquote(parts.path.removeprefix(static_prefix)))
    return Path(found) if found else None


@lru_cache(maxsize=64)
def _read(path: Path) -> bytes:
    return path.read_bytes()


def render_pdf(html: str, *, appendices: list[str] | tuple[str, ...] = ()) -> bytes:
    """PDF bytes of ``html``; each appendix is paginated on its own (its own page numbers).

    Only the project's static files can be loaded: any other URL in the HTML or CSS is
    refused, so user text can never make the server fetch something.
    """
    fetcher = StaticOnlyFetcher()
    main = HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher).render()
    pages = list(main.pages)
    for part in appendices:
        pages += HTML(string=part, base_url=BASE_URL, url_fetcher=fetcher).render().pages
    return main.copy(pages).write_pdf()


def document_html(doc: OfficialDocument, *, template: str = "documents/official.html") -> str:
    """The HTML of the document's main part (header, body, closing block)."""
    return render_to_string(template, {"doc": doc})


def appendix_html(doc: OfficialDocument) -> list[str]:
    return [
        render_to_string("documents/appendix.html", {"doc": doc, "appendix": appendix})
        for appendix in doc.appendices
    ]


def official_pdf(doc: OfficialDocument, *, template: str = "documents/official.html") -> bytes:
    """The document as a Decree 30 PDF, appendices included."""
    return render_pdf(document_html(doc, template=template), appendices=appendix_html(doc))


def warm_up() -> None:
    """Load WeasyPrint, its fonts and our stylesheet once, so the first real PDF is not slower."""
    render_pdf('<p style="font-family: \'Liberation Serif\'">Khởi động <b>đậm</b> <i>nghiêng</i></p>'
               '<link rel="stylesheet" href="/static/documents/decree30.css">')
