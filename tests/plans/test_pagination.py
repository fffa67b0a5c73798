"""Headings never end a page, in every kind of plan and every wording (issue #14, item 2).

Each kind's first draft, in the wording of a commune after the 2025 reform and of an office
before it, is laid out with its introduction grown two lines at a time over a page's height, so
every page break sweeps every heading of the outline: the paragraph after a heading keeps its
first two lines together (``orphans: 2``), so without the rule a page could end on the heading at
two line positions at least, one of which the sweep meets."""

import datetime
import io
from dataclasses import replace

import pytest
from docx import Document

from areas.models import Role
from documents.docx import render_docx
from documents.official import BULLET, CLAUSE, PARAGRAPH, POINT, SECTION, SUBBULLET, SUBCLAUSE
from documents.pdf import official_pdf
from plans.documents import plan_document
from plans.models import PlanKind
from plans.services import create_plan
from tests.documents.test_layout_pagination import page_lines
from tests.factories import AssignmentFactory, IssuingBodyFactory
from tests.plans.conftest import type_live_blocks

# About one printed line of body text (165 mm at 14 pt).
LINE = "Nội dung bổ sung để dời chỗ ngắt trang xuống thêm đúng một dòng văn bản in ra giấy "
OFFSETS = range(0, 36, 2)  # a page holds about 35 lines of body text
_DEPTH = {SECTION: 0, CLAUSE: 1, SUBCLAUSE: 2, POINT: 3, BULLET: 4, SUBBULLET: 5}


def _heads(block, following) -> bool:
    """What a reader takes for a heading: a section, a block marked as a title, a line that
    announces what follows, or any block with the next one below it in the outline."""
    if block.kind == SECTION or block.titled or block.display_text.rstrip().endswith(":"):
        return True
    if following is None or block.kind not in _DEPTH:
        return False
    if following.kind == PARAGRAPH:
        return block.kind in (SECTION, CLAUSE, SUBCLAUSE)
    return following.kind in _DEPTH and _DEPTH[following.kind] > _DEPTH[block.kind]


def _squeeze(text: str) -> str:
    return "".join(text.split())


def headings_ending_pages(doc, pages: list[list[str]]) -> list[str]:
    """The headings printed as the last line of a page (the last page aside): the pages'
    lines are followed through the body's text, so each page's last line is matched to the
    place it ends (lines outside the body, and page numbers, match nothing near)."""
    body, ends, position = "", {}, 0
    for index, block in enumerate(doc.blocks):
        body += _squeeze(block.display_text)
        ends[len(body)] = index
    found = []
    for page in pages[:-1]:
        matched = False
        for line in (line for line in page if not line.isdigit()):  # the page number aside
            at = body.find(_squeeze(line), position)
            matched = 0 <= at - position < 400
            if matched:
                position = at + len(_squeeze(line))
        assert matched, f"the page's last line is not body text: {page[-3:]}"
        index = ends.get(position)
        if index is not None and _heads(doc.blocks[index], (doc.blocks + [None])[index + 1]):
            found.append(doc.blocks[index].display_text)
    return found


WORDINGS = {"commune": 2026, "pre_reform": 2024}


@pytest.fixture
def plan_of(own_unit, province):
    def make(kind: str, wording: str):
        unit = province if wording == "province" else own_unit
        body = IssuingBodyFactory(unit=unit, valid_from=datetime.date(2020, 1, 1))
        officer = AssignmentFactory(role=Role.PLANNER, unit=unit).user
        plan = create_plan(kind=kind, issuing_body=body, year=WORDINGS[wording], by=officer)
        plan.signer_name = "Ngô Anh Vũ"
        plan.save()
        return type_live_blocks(plan)
    return make


@pytest.mark.parametrize("wording", WORDINGS)
@pytest.mark.parametrize("kind", [kind for kind in PlanKind.values if kind != PlanKind.BLANK])
def test_no_page_of_a_plan_ends_with_a_heading(plan_of, kind, wording):
    base = plan_document(plan_of(kind, wording))
    intro = next(i for i, block in enumerate(base.blocks) if block.kind == PARAGRAPH)
    failures = {}
    for lines in OFFSETS:
        blocks = list(base.blocks)
        blocks[intro] = replace(blocks[intro], text=f"{blocks[intro].text} {LINE * lines}")
        doc = replace(base, blocks=blocks)
        pages = page_lines(official_pdf(doc))
        if found := headings_ending_pages(doc, pages):
            failures[lines] = found
    assert not failures, failures


@pytest.mark.parametrize("wording", WORDINGS)
@pytest.mark.parametrize("kind", [kind for kind in PlanKind.values if kind != PlanKind.BLANK])
def test_every_heading_of_a_plan_keeps_with_the_next_paragraph_in_the_docx(plan_of, kind, wording):
    doc = plan_document(plan_of(kind, wording))
    paragraphs = {" ".join(p.text.split()): p for p in Document(io.BytesIO(render_docx(doc))).paragraphs}
    headings = [block for block, following in zip(doc.blocks, doc.blocks[1:], strict=False) if _heads(block, following)]
    assert headings
    loose = [block.display_text for block in headings
             if not paragraphs[" ".join(block.display_text.split())].paragraph_format.keep_with_next]
    assert not loose
