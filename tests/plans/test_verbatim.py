"""A plan keeps what its author typed: the case of headings, literal stars, bold and italic
inside a paragraph (pasted from Word's HTML clipboard or typed as **…**/*…*), in the preview,
the PDF and the DOCX, and never as HTML."""

import io

from django.urls import reverse
from docx import Document

from documents import inline
from documents.official import BULLET, CLAUSE, PARAGRAPH, POINT, SECTION
from plans import outline
from plans.documents import plan_docx, plan_pdf
from plans.parsing import html_to_text, parse_clipboard, parse_outline
from tests.documents.test_layout_styles import pdf_words

# What Word for Windows puts on the clipboard for three paragraphs (trimmed, not cleaned).
WORD_HTML = """<html xmlns:o="urn:schemas-microsoft-com:office:office"
xmlns:w="urn:schemas-microsoft-com:office:word"><head><meta charset="utf-8">
<style><!-- p.MsoNormal {margin:0cm; font-size:14.0pt; font-family:"Times New Roman"} --></style>
<!--[if gte mso 9]><xml><w:WordDocument><w:View>Normal</w:View></w:WordDocument></xml><![endif]-->
</head><body lang=VI style='tab-interval:36.0pt'><!--StartFragment-->
<p class=MsoNormal style='text-indent:1.0cm'><b><span style='mso-bidi-font-weight:normal'>II.
NỘI DUNG, HÌNH THỨC<o:p></o:p></span></b></p>
<p class=MsoNormal><b>1.</b> Đối tượng truyền thông<o:p></o:p></p>
<p class=MsoNormal style='text-align:justify'><span lang=VI>- <strong>Thành phần:</strong>
đại diện <i>hộ nghèo</i>, <em>hộ cận nghèo</em> và <span style='font-weight:bold'>hộ mới
thoát nghèo</span>; ghi chú (*) theo <b>mẫu <span style='font-weight:normal'>số</span> 02</b>
&lt;script&gt;alert(1)&lt;/script&gt; a\\b<o:p></o:p></span></p>
<!--EndFragment--></body></html>"""


def test_headings_keep_the_authors_case_and_stars_stay_unless_clearly_markdown():
    blocks = parse_outline("I. Mục đích, yêu cầu\n1. Mục đích\n- Ghi chú (*) và 5 * 3 = 15\n"
                           "a) Địa điểm *\n- Một **mệnh đề** và *chú thích*")
    assert [b.kind for b in blocks] == [SECTION, CLAUSE, BULLET, POINT, BULLET]
    assert blocks[0].text == "Mục đích, yêu cầu"
    assert inline.plain(blocks[2].text) == "Ghi chú (*) và 5 * 3 = 15"
    assert inline.plain(blocks[3].text) == "Địa điểm *"
    assert inline.parse(blocks[4].text) == [inline.Run("Một "), inline.Run("mệnh đề", bold=True),
                                            inline.Run(" và "), inline.Run("chú thích", italic=True)]


def test_word_clipboard_html_keeps_bold_and_italic_and_nothing_else():
    text = html_to_text(WORD_HTML)
    lines = text.splitlines()
    assert lines[0] == "**II. NỘI DUNG, HÌNH THỨC**"
    assert lines[1] == "**1.** Đối tượng truyền thông"
    runs = inline.parse(lines[2])
    assert inline.plain(lines[2]) == ("- Thành phần: đại diện hộ nghèo, hộ cận nghèo và hộ mới "
                                      "thoát nghèo; ghi chú (*) theo mẫu số 02 "
                                      "<script>alert(1)</script> a\\b")
    bold = [r.text for r in runs if r.bold]
    assert bold == ["Thành phần:", "hộ mới thoát nghèo", "mẫu", "02"]
    assert [r.text for r in runs if r.italic] == ["hộ nghèo", "hộ cận nghèo"]
    blocks = parse_clipboard("plain text that is ignored", WORD_HTML)
    assert [b.kind for b in blocks] == [SECTION, CLAUSE, BULLET]
    # A heading bold all through is bold by its level: no markup left to hide it from checks.
    assert blocks[0].text == "NỘI DUNG, HÌNH THỨC" and blocks[1].text == "Đối tượng truyền thông"


def test_a_clipboard_without_html_is_read_as_plain_text():
    assert [b.text for b in parse_clipboard("- **Đậm** và *nghiêng*", "  ")] == [
        "**Đậm** và *nghiêng*"]


def test_pasted_runs_render_in_the_preview_the_pdf_and_the_docx(plan, officer, client_as):
    client = client_as(officer)
    response = client.post(reverse("plans:paste", args=[plan.pk]),
                            {"text": "ignored", "html": WORD_HTML})
    assert response.status_code == 200
    block = plan.blocks.order_by("-position").first()
    assert block.kind == BULLET and "**Thành phần:**" in block.text and "*hộ nghèo*" in block.text

    preview = client.get(reverse("plans:plan-preview", args=[plan.pk])).content.decode()
    assert '<span class="b n">Thành phần:</span>' in preview
    assert '<span class="r i">hộ nghèo</span>' in preview
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in preview and "<script>alert" not in preview

    words = pdf_words(plan_pdf(plan))
    style = {w: (b, i) for w, b, i in words}
    assert style["phần:"] == (True, False) and style["thoát"] == (True, False)
    assert style["cận"] == (False, True) and style["(*)"] == (False, False)

    runs = [(r.text, bool(r.bold), bool(r.italic)) for p in Document(io.BytesIO(plan_docx(plan))).paragraphs
            for r in p.runs]
    assert ("Thành phần:", True, False) in runs and ("hộ cận nghèo", False, True) in runs
    assert any("ghi chú (*)" in text and not bold for text, bold, _ in runs)


def test_typed_markup_in_the_editor_renders_and_cannot_inject_html(plan, officer, client_as):
    block = plan.blocks.filter(kind=PARAGRAPH).exclude(text="").first() or outline.add_block(
        plan, by=officer, text="x")
    outline.update_block(block, by=officer, text='**<img src=x onerror=alert(1)>** và *"nghiêng"*')
    preview = client_as(officer).get(reverse("plans:plan-preview", args=[plan.pk])).content.decode()
    assert '<span class="b n">&lt;img src=x onerror=alert(1)&gt;</span>' in preview
    assert "<img src=x" not in preview
    assert '<span class="r i">&quot;nghiêng&quot;</span>' in preview


def test_broken_markup_of_the_seeds_is_read_as_the_author_meant_it():
    """Seed 002 writes «***Cấp xã:**» and «*** Lĩnh vực giảm nghèo**»: stars, never text."""
    assert inline.parse("***Cấp xã:**") == [inline.Run("Cấp xã:", bold=True)]
    assert inline.plain("*** Lĩnh vực giảm nghèo**").strip() == "Lĩnh vực giảm nghèo"
    assert inline.plain("a) Địa điểm * và (*)") == "a) Địa điểm * và (*)"
