"""User text stays text: in every page, PDF, DOCX and spreadsheet the project produces.

Hostile text is written into the own commune's plan, household, session, attendee, petition
and estimate; then every route is walked by the roles that reach them.
"""

import io
from unittest import mock

import openpyxl
import pytest

from areas.models import Role
from documents import pdf
from tests.security.reading import body, visible_text
from tests.security.routes import all_routes

SCRIPT = '<script>alert("xss")</script>'
IMAGE = '<img src="file:///etc/passwd">'
FORMULA = '=HYPERLINK("http://127.0.0.1:9/x","bấm")'
HOSTILE = f"{SCRIPT} {IMAGE}"


@pytest.fixture
def hostile(worlds):
    """The own world with hostile text in every free-text field people fill in."""
    from budgets.models import Estimate, EstimateLine
    from dialogues.models import Attendee, DialogueSession, Petition
    from households.models import Household
    from plans.models import Plan, PlanBlock

    base = worlds["own"].base
    Plan.objects.filter(pk=base).update(title=f"Kế hoạch {HOSTILE}")
    block = PlanBlock.objects.filter(plan_id=base, live="").order_by("position").last()
    PlanBlock.objects.filter(pk=block.pk).update(text=f"Nội dung {HOSTILE}")
    Household.objects.filter(pk=base).update(head_name=FORMULA, village=HOSTILE)
    DialogueSession.objects.filter(pk=base).update(theme=f"Đối thoại {HOSTILE}", venue=FORMULA)
    Attendee.objects.filter(pk=base).update(full_name=FORMULA, village=HOSTILE)
    Petition.objects.filter(pk=base).update(content=f"Ý kiến {HOSTILE}", raised_by=FORMULA)
    Estimate.objects.filter(pk=base).update(title=f"Dự toán {HOSTILE}")
    EstimateLine.objects.filter(pk=base).update(content=FORMULA)
    return worlds["own"]


@pytest.mark.parametrize("role", list(Role))
def test_no_page_lets_user_text_become_markup_or_a_formula(client, hostile, role):
    """Also: no route answers 500 to any role's GET, hostile text or not."""
    client.raise_request_exception = False
    client.force_login(hostile.users[role])
    failures = []
    for route in all_routes():
        response = client.get(route.url(hostile.base))
        if response.status_code >= 500:
            failures.append(f"{route}: {response.status_code}")
        if response.status_code != 200:
            continue
        kind = response.get("Content-Type", "")
        if kind.startswith("text/html"):
            page = body(response).decode()
            failures += [f"{route}: raw {raw}" for raw in (SCRIPT, IMAGE) if raw in page]
        elif "spreadsheetml" in kind:
            failures += [f"{route}: {cell}" for cell in _live_user_formulas(body(response))]
    assert not failures


def _live_user_formulas(content: bytes) -> list[str]:
    """Cells that hold a formula built from user text (the finance layouts' SUMs are ours)."""
    book = openpyxl.load_workbook(io.BytesIO(content))
    return [f"{sheet.title}!{cell.coordinate}" for sheet in book.worksheets
            for row in sheet.iter_rows() for cell in row
            if cell.data_type == "f" and "HYPERLINK" in str(cell.value).upper()]


def _url(name, hostile, *extra):
    return next(r for r in all_routes() if r.name == name).url(hostile.base)


def test_exports_keep_a_formula_typed_by_a_user_as_plain_text(client, hostile):
    client.force_login(hostile.users[Role.COMMUNE_STAFF])
    for name in ("households:household-export", "dialogues:session-sheet"):
        url = _url(name, hostile).replace(".pdf", ".xlsx")
        response = client.get(url)
        assert response.status_code == 200, name
        assert FORMULA in visible_text(response), name
        assert not _live_user_formulas(body(response)), name
    client.force_login(hostile.users[Role.FINANCE])
    response = client.get(_url("budgets:estimate-xlsx", hostile))
    assert FORMULA in visible_text(response) and not _live_user_formulas(body(response))


def test_plan_pdf_and_docx_print_markup_as_text_and_fetch_only_static_files(client, hostile):
    fetched = []
    real_fetch = pdf.StaticOnlyFetcher.fetch

    def spy(self, url, headers=None):
        fetched.append(url)
        return real_fetch(self, url, headers)

    client.force_login(hostile.users[Role.PLANNER])
    pdf._shared.cache_clear()  # the shared stylesheets and fonts are fetched once per process
    with mock.patch.object(pdf.StaticOnlyFetcher, "fetch", spy):
        pdf_text = visible_text(client.get(_url("plans:plan-pdf", hostile)))
    docx_text = visible_text(client.get(_url("plans:plan-docx", hostile)))
    for text in (pdf_text, docx_text):
        assert "<script>" in text and "file:///etc/passwd" in text
    assert fetched and all(pdf._static_path(url) for url in fetched), fetched


def test_an_image_tag_reaching_the_renderer_is_refused_not_fetched():
    fetcher_refusals = []
    real_init = pdf.StaticOnlyFetcher.__init__

    def keep(self):
        real_init(self)
        fetcher_refusals.append(self.refused)

    with mock.patch.object(pdf.StaticOnlyFetcher, "__init__", keep):
        pdf.render_pdf(f"<p>Khối kế hoạch</p>{IMAGE}<img src='http://127.0.0.1:9/x.png'>")
    assert fetcher_refusals[0] == ["file:///etc/passwd", "http://127.0.0.1:9/x.png"]


def test_petition_and_session_documents_print_markup_as_text(client, hostile):
    client.force_login(hostile.users[Role.PLANNER])
    for fmt in ("pdf", "docx"):
        url = _url("dialogues:plan-report-file", hostile).replace(".pdf", f".{fmt}")
        response = client.get(url)
        assert response.status_code == 200
        assert "<script>" in visible_text(response), fmt
