"""What a reader of a PDF would check: how many pages, which fonts are embedded."""

from __future__ import annotations

import io

from pypdf import PdfReader


def page_count(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


def embedded_fonts(pdf: bytes) -> set[str]:
    """Base names of the fonts embedded in any page, subset tags dropped ("LiberationSerif-Bold")."""
    names: set[str] = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        names |= _fonts_in(page.get("/Resources"))
    return names


def _fonts_in(resources) -> set[str]:
    if resources is None:
        return set()
    resources = resources.get_object()
    names = {
        str(font.get_object()["/BaseFont"]).lstrip("/").split("+")[-1]
        for font in (resources.get("/Font") or {}).values()
    }
    for xobject in (resources.get("/XObject") or {}).values():
        names |= _fonts_in(xobject.get_object().get("/Resources"))
    return names
