"""Check once that two PDFs are the same document, so timing one against the other is fair."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from bench.pdf_facts import embedded_fonts, page_count


class UnfairComparison(RuntimeError):
    """The two renderings differ: comparing their timings would be meaningless."""


def render_checked(render: Callable[[], bytes], label: str) -> bytes:
    """``render()``, failing if WeasyPrint could not load a stylesheet, font or image."""
    with weasyprint_log() as records:
        pdf = render()
    failures = [r.getMessage() for r in records if "Failed to load" in r.getMessage()]
    if failures:
        raise UnfairComparison(f"{label}: WeasyPrint could not load: {failures}")
    return pdf


def check_same_document(subject: bytes, baseline: bytes) -> None:
    """Same page count, same embedded fonts, and those fonts are Liberation Serif."""
    pages = page_count(subject), page_count(baseline)
    if pages[0] != pages[1]:
        raise UnfairComparison(f"page counts differ: {pages[0]} vs {pages[1]}")
    fonts = embedded_fonts(subject), embedded_fonts(baseline)
    if fonts[0] != fonts[1]:
        raise UnfairComparison(f"embedded fonts differ: {sorted(fonts[0])} vs {sorted(fonts[1])}")
    if not any("LiberationSerif" in name.replace("-", "") for name in fonts[0]):
        raise UnfairComparison(f"Liberation Serif is not embedded: {sorted(fonts[0])}")


@contextmanager
def weasyprint_log() -> Iterator[list[logging.LogRecord]]:
    """Every record (debug included) WeasyPrint logs inside the block."""
    handler = _Collector(logging.DEBUG)
    logger = logging.getLogger("weasyprint")
    level, propagate = logger.level, logger.propagate
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    logger.propagate = False  # debug records go to the collector only, not to the console
    try:
        yield handler.records
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
        logger.propagate = propagate


class _Collector(logging.Handler):
    def __init__(self, level: int):
        super().__init__(level)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)
