"""PDF rendering with WeasyPrint that can only ever read the project's own static files."""

from __future__ import annotations

import gc
import logging
import mimetypes
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.template.loader import render_to_string
from django.templatetags.static import static
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from documents.docx_fonts import STYLES, font_subset
from documents.official import OfficialDocument
from documents.static_files import static_file

logger = logging.getLogger(__name__)

# Documents are rendered with this base URL; "/static/…" in a template resolves under it.
BASE_URL = "https://static.documents.invalid/"
_ORIGIN = urlsplit(BASE_URL)


class ExternalURLRefused(ValueError):
    """A document asked for something that is not one of our static files."""


class StaticOnlyFetcher(URLFetcher):
    """Serves ``/static/…`` as the site serves it (hashed names in production) and refuses
    every other URL; each refusal is logged, since WeasyPrint drops a missing font silently."""

    def __init__(self):
        super().__init__(allowed_protocols=("https",))
        self.refused: list[str] = []

    def fetch(self, url, headers=None):
        path = _static_path(url)
        if path is None:
            self.refused.append(url)
            logger.warning("PDF: refused to fetch %.200s (not one of the site's static files)", url)
            raise ExternalURLRefused(f"refused to fetch {url!r}: only static files are served")
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, _read(path), {"Content-Type": content_type})


def _static_path(url: str) -> Path | None:
    parts = urlsplit(url)
    static_prefix = urlsplit(settings.STATIC_URL).path
    if (parts.scheme, parts.netloc) != (_ORIGIN.scheme, _ORIGIN.netloc):
        return None
    if not parts.path.startswith(static_prefix):
        return None
    return static_file(unquote(parts.path.removeprefix(static_prefix)))


@lru_cache(maxsize=64)
def _read(path: Path) -> bytes:
    return path.read_bytes()


# The stylesheets every official document links (templates/documents/base.html).
SHARED_STYLESHEETS = ("documents/decree30.css", "documents/levels.css")


@dataclass(frozen=True)
class _Shared:
    fonts: FontConfiguration
    sheets: tuple[CSS, ...]
    links: re.Pattern


@lru_cache(maxsize=4)
def _shared(hrefs: tuple[str, ...]) -> _Shared:
    """The shared stylesheets parsed once per process, their four @font-face rules registered
    once in one font configuration: each PDF then neither parses the CSS again nor loads the
    fonts again (about 15 % of a plan's PDF, bench/plans.py). They are files shipped with the
    release, not data: a deploy restarts every process. Keyed by the URLs the templates print,
    which are the hashed names in production."""
    fonts, fetcher = FontConfiguration(), StaticOnlyFetcher()
    sheets = tuple(CSS(url=BASE_URL.rstrip("/") + href, url_fetcher=fetcher, font_config=fonts)
                   for href in hrefs)
    links = re.compile("|".join(f'<link rel="stylesheet" href="{re.escape(href)}">' for href in hrefs))
    return _Shared(fonts, sheets, links)


def _render(html: str, fetcher: StaticOnlyFetcher, shared: _Shared):
    """Lay out ``html``; when it links the shared stylesheets, the parsed ones are used instead
    (same cascade: nothing else in our templates precedes them)."""
    if not shared.links.search(html):
        return HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher).render()
    html = shared.links.sub("", html)
    return HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher).render(
        stylesheets=list(shared.sheets), font_config=shared.fonts)


def render_pdf(html: str, *, appendices: list[str] | tuple[str, ...] = ()) -> bytes:
    """PDF bytes of ``html``; each appendix is paginated on its own (its own page numbers).

    Only the project's static files can be loaded: any other URL in the HTML or CSS is
    refused, so user text can never make the server fetch something.
    """
    fetcher = StaticOnlyFetcher()
    shared = _shared(tuple(static(name) for name in SHARED_STYLESHEETS))
    main = _render(html, fetcher, shared)
    pages = list(main.pages)
    for part in appendices:
        pages += _render(part, fetcher, shared).pages
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
    """Lay out a made-up document with every part a real one has, once, when a worker starts
    (config/wsgi.py), through the whole document layer (documents.warm_up), so the first real
    PDF does not load the templates, the font metrics, WeasyPrint's code and fonts itself;
    and put the DOCX's embedded font subsets in the shared cache, so no officer's first DOCX
    waits the ~3 s that cutting them takes.

    The subsets are computed here rather than shipped as generated files: they follow from the
    shipped font files (their hash is in the cache key), the character list and fontTools'
    version, so a computed one can never be stale, there is no second copy to regenerate and
    commit, and with the production cache (Redis) only the first worker ever computes them.

    The layout's garbage is collected here too: left behind, it made the cycle collector run
    during the first real PDF, which then took 1.5× a warm one. What survives (Django, the
    app's modules, WeasyPrint, the parsed stylesheets and fonts: about 160,000 objects that live
    as long as the worker) is then frozen out of the cycle collector's reach, as the gc module
    advises for a server that starts once: collection still runs on everything a request
    allocates, but its full passes stop walking the worker's start-up heap again and again,
    which cost a plan's PDF about 40 ms CPU on average (bench/plans.py); an RQ job forked from
    the worker also stops copying those pages.
    """
    from documents.warm_up import warm_up_document

    official_pdf(warm_up_document())
    for _, bold, italic in STYLES:
        font_subset(bold, italic)
    gc.collect()
    gc.freeze()
