"""The roll-up as an official report (Báo cáo, Decree 30 layout, its tables as appendices, PDF
and DOCX on the document layer) and as a workbook (one sheet per table), all from one Rollup."""

import datetime
import io

import xlsxwriter

from areas.models import IssuingBody
from budgets.workbook import MONEY
from documents.dates import draft_date_text
from documents.docx import render_docx
from documents.numbering import number_blocks
from documents.official import (
    BULLET,
    PARAGRAPH,
    SECTION,
    Appendix,
    Block,
    OfficialDocument,
    Signature,
    Table,
)
from documents.pdf import official_pdf
from documents.symbols import NUMBER_BLANK
from households.sheets import safe_text
from rollup.figures import Rollup
from rollup.tables import all_tables, cell_text
from vntext import search_key
from web.downloads import DOCX, PDF, XLSX, Download


def issuing_body(rollup: Rollup) -> IssuingBody | None:
    """The people's committee of the highest unit rolled up, valid at the end of the year."""
    units = sorted(rollup.units, key=lambda u: (u.level, u.name))
    bodies = IssuingBody.objects.filter(unit__in=[u.pk for u in units[:1]]).active_on(
        datetime.date(rollup.year, 12, 31)).order_by("-valid_from")
    return next((b for b in bodies if b.abbreviation.upper() == "UBND"), bodies.first())


def _blocks(r: Rollup, issuer: str) -> list[Block]:
    t = r.budget_total
    blocks = [
        Block(PARAGRAPH, f"{issuer} báo cáo kết quả tổ chức hội nghị đối thoại chính sách, ý kiến của người dân "
                         f"và kinh phí thực hiện năm {r.year} của {r.unit_names} như sau:"),
        Block(SECTION, "KẾT QUẢ TỔ CHỨC HỘI NGHỊ ĐỐI THOẠI"),
        Block(BULLET, f"Số hội nghị đã tổ chức: {cell_text(r.held)}/{cell_text(r.planned)} hội nghị theo kế hoạch."),
        Block(BULLET, f"Người dân có mặt: {cell_text(r.present)} người (dự kiến {cell_text(r.target)} người); "
                      f"nữ {cell_text(r.women)} người ({r.share(r.women)}); người dân tộc thiểu số "
                      f"{cell_text(r.minority)} người ({r.share(r.minority)}); lần đầu tham dự "
                      f"{cell_text(r.first_time)} người ({r.share(r.first_time)})."),
        Block(SECTION, "Ý KIẾN, KIẾN NGHỊ CỦA NGƯỜI DÂN"),
        Block(BULLET, f"Tổng số ý kiến, kiến nghị: {cell_text(r.petitions)}; được trả lời đúng hạn "
                      f"{cell_text(r.on_time)}/{cell_text(r.judged)} ý kiến đã đến hạn ({r.on_time_rate}); "
                      f"quá hạn chưa trả lời: {cell_text(r.overdue)}."),
        Block(SECTION, "KINH PHÍ THỰC HIỆN"),
        Block(BULLET, f"Vốn được giao {cell_text(t.allocated)} đồng; dự toán {cell_text(t.estimated)} đồng; "
              f"đã giải ngân {cell_text(t.disbursed)} đồng."),
        Block(PARAGRAPH, "Số liệu chi tiết tại các Phụ lục kèm theo./."),
    ]
    return number_blocks(blocks)


def report(r: Rollup) -> OfficialDocument:
    """The Báo cáo: every figure from the roll-up, a draft (blank number and day) for the văn thư."""
    body = issuing_body(r)
    unit = min(r.units, key=lambda u: (u.level, u.name)) if r.units else None
    issuer_lines = body.name_lines if body else ["ỦY BAN NHÂN DÂN", unit.name.upper() if unit else ""]
    issuer = body.display_name if body else f"UBND {unit.name}" if unit else "Ủy ban nhân dân"
    doc = OfficialDocument(
        parent_lines=body.parent_lines if body else [], issuer_lines=issuer_lines, type_name="Báo cáo",
        type_abbr="BC", issuer_abbr=body.abbreviation if body else "UBND",
        place_name=body.place_name if body else (unit.short_name if unit else ""), year=r.year,
        title=f"Tổng hợp kết quả đối thoại chính sách năm {r.year}",
        blocks=_blocks(r, issuer), recipients=["Lưu: VT"],
        signature=Signature.for_body(body, deputy=False, signer="") if body else Signature(["CHỦ TỊCH"], ""))
    reference = f"(Kèm theo Báo cáo số{NUMBER_BLANK}/{doc.symbol.split('/', 1)[1]} {draft_date_text(r.year)} " \
                f"của {issuer})"
    doc.appendices = [
        Appendix(label=t.label, title=t.title, reference=reference, unit_caption=t.unit_caption, landscape=True,
                 table=Table(columns=t.columns, rows=t.text_rows(), numeric=t.numeric, bold_rows=t.bold_rows,
                             weights=t.weights))
        for t in all_tables(r)]
    return doc


def workbook(r: Rollup) -> bytes:
    """One sheet per table: counts and amounts as numbers («.» thousands), text always as text."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    title = book.add_format({"bold": True, "font_size": 13})
    head = book.add_format({"bold": True, "border": 1, "text_wrap": True, "align": "center", "valign": "vcenter"})
    plain = {False: book.add_format({"border": 1, "text_wrap": True}),
             True: book.add_format({"border": 1, "text_wrap": True, "bold": True})}
    number = {False: book.add_format({"border": 1, "num_format": MONEY}),
              True: book.add_format({"border": 1, "num_format": MONEY, "bold": True})}
    for table in all_tables(r):
        sheet = book.add_worksheet(table.label)
        sheet.write_string(0, 0, safe_text(f"{table.title} NĂM {r.year}"), title)
        sheet.write_string(1, 0, safe_text(f"Đơn vị: {r.unit_names}. {table.unit_caption}".strip()))
        for col, (name, weight) in enumerate(zip(table.columns, table.weights, strict=True)):
            sheet.write_string(3, col, name, head)
            sheet.set_column(col, col, max(6, weight * 5))
        for i, row in enumerate(table.rows):
            bold = i in table.bold_rows
            for col, cell in enumerate(row):
                if isinstance(cell, int):
                    sheet.write_number(4 + i, col, cell, number[bold])
                else:
                    sheet.write_string(4 + i, col, safe_text(cell), plain[bold])
        sheet.freeze_panes(4, 0)
        sheet.set_landscape()
        sheet.set_paper(9)
        sheet.repeat_rows(3)
    book.close()
    return buffer.getvalue()


def download(r: Rollup, user, fmt: str) -> Download:
    stem = f"tong-hop-doi-thoai-{r.year}-{search_key(r.units[0].short_name).replace(' ', '-')}" if r.units \
        else f"tong-hop-doi-thoai-{r.year}"
    if fmt == "pdf":
        return Download(f"{stem}.pdf", PDF, official_pdf(report(r)))
    if fmt == "docx":
        return Download(f"{stem}.docx", DOCX, render_docx(report(r)))
    return Download(f"{stem}.xlsx", XLSX, workbook(r))
