"""Appendix tables get fixed column widths only where that changes nothing a reader sees."""

import datetime
import io
from types import SimpleNamespace

from pypdf import PdfReader

from budgets.documents import COLUMNS, WEIGHTS
from documents.official import Appendix, Table
from documents.pdf import appendix_html, document_html, render_pdf
from documents.sample import sample_document

HA_HOA = SimpleNamespace(
    parent_lines=[], name_lines=["ỦY BAN NHÂN DÂN", "HUYỆN HẠ HÒA"], abbreviation="UBND",
    place_name="Hạ Hoà", display_name="UBND huyện Hạ Hoà", is_collective=True,
    collective_name="ỦY BAN NHÂN DÂN", head_title="CHỦ TỊCH", deputy_title="PHÓ CHỦ TỊCH",
)
LANDSCAPE_TEXT_MM = 297 - 20 - 20


def _words(pdf: bytes) -> list[tuple[str, float, float]]:
    """Every piece of text on the appendix's pages with where it starts."""
    found = []
    for page in PdfReader(io.BytesIO(pdf)).pages[-2:]:
        def visit(text, cm, tm, *_):
            if text.strip():
                found.append((text.strip(), cm[4] + tm[4], cm[5] + tm[5]))
        page.extract_text(visitor_text=visit)
    return found


def test_a_table_whose_columns_hold_their_text_prints_exactly_where_the_automatic_layout_puts_it():
    doc = sample_document(HA_HOA, number=5, issue_date=datetime.date(2024, 1, 5), year=2024)
    assert doc.appendices[0].fixed_table_layout
    main, fixed = document_html(doc), appendix_html(doc)[0]
    assert '<table class="data fixed">' in fixed
    automatic = fixed.replace('<table class="data fixed">', '<table class="data">')

    ours, theirs = _words(render_pdf(main, appendices=[fixed])), _words(render_pdf(main, appendices=[automatic]))

    assert [text for text, _, _ in ours] == [text for text, _, _ in theirs]
    assert max(max(abs(a[1] - b[1]), abs(a[2] - b[2])) for a, b in zip(ours, theirs, strict=True)) < 0.05


def test_a_number_wider_than_its_column_leaves_the_widths_to_the_automatic_layout():
    table = Table(columns=["STT", "Nội dung", "Thành tiền"], rows=[["1", "Hỗ trợ", "1.234.567.890.000"]],
                  numeric={2}, weights=[1, 12, 1])
    appendix = Appendix(label="Phụ lục", title="DỰ TOÁN", reference="", table=table, landscape=True)

    assert not appendix.fixed_table_layout
    assert Table(columns=table.columns, rows=table.rows, numeric={2}, weights=[1, 6, 3]).fits(LANDSCAPE_TEXT_MM)


def test_a_number_is_measured_whole_and_a_no_break_space_does_not_break_a_word():
    wide = "Số\u00a0lượng\u00a0người\u00a0tham\u00a0dự"
    assert not Table(columns=["TT", "Số"], rows=[["1", wide]], weights=[1, 1]).fits(60)
    assert Table(columns=["TT", "Số"], rows=[["1", wide.replace("\u00a0", " ")]], weights=[1, 1]).fits(60)
    assert not Table(columns=["TT", "Số"], rows=[["1", "1.000 2.000 3.000 4.000"]], numeric={1},
                     weights=[1, 1]).fits(60)


def test_the_budget_appendix_keeps_the_automatic_layout_while_its_heading_stt_is_wider_than_its_column():
    table = Table(columns=COLUMNS, rows=[["1", "Nước uống đại biểu", "người", "120", "1", "40.000",
                                         "4.800.000", ""]], numeric={3, 4, 5, 6}, weights=WEIGHTS)

    assert not table.fits(LANDSCAPE_TEXT_MM)
    assert Table(columns=["TT", *COLUMNS[1:]], rows=table.rows, numeric={3, 4, 5, 6},
                 weights=WEIGHTS).fits(LANDSCAPE_TEXT_MM)
