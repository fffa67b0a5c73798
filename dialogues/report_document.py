"""The plan's result report (báo cáo kết quả tổ chức đối thoại) as an official document.

It cites the plan by number and date («Kế hoạch số 01/KH-UBND ngày 05/03/2027 của UBND xã …»;
a plan not yet issued keeps the blanks the văn thư fills in), goes to the plan's own recipients,
is signed as the plan is, and lists every session in its appendix by date, then in Vietnamese
order of the commune's name (dialogues.report).
"""

from budgets.references import is_issued
from dialogues.letterhead import dotted_blanks
from dialogues.report import Figures, percent, plan_figures
from documents.dates import draft_date_text, short_date
from documents.docx import render_docx
from documents.numbering import number_blocks
from documents.official import BULLET, PARAGRAPH, SECTION, Appendix, Block, OfficialDocument, Table
from documents.pdf import official_pdf
from documents.symbols import NUMBER_BLANK
from plans.documents import signature as plan_signature
from vntext import nfc, search_key
from web.downloads import DOCX, PDF, Download

# Lines of a plan's «Nơi nhận» that point back into the plan itself («Như Điều 3», «Như trên»):
# they name no one once copied into another document.
_POINTING_BACK = ("nhu tren", "nhu dieu", "nhu muc", "nhu khoan", "nhu phan")


def plan_citation(plan) -> str:
    """«Kế hoạch số 01/KH-UBND ngày 05/03/2027 của UBND xã …», blanks for a plan not yet issued."""
    issuer = f" của {plan.issuer_name}" if plan.issuer_name else ""
    if is_issued(plan):
        return f"Kế hoạch số {plan.symbol} ngày {short_date(plan.issue_date)}{issuer}"
    year = plan.issue_date.year if plan.issue_date else plan.year
    return dotted_blanks(f"Kế hoạch số{NUMBER_BLANK}/{plan.type_abbr}-{plan.issuer_abbr} "
                         f"{draft_date_text(year)}{issuer}")


def report_recipients(plan) -> list[str]:
    """The plan's own recipients, without its lines that point back into the plan, ending with
    the plan's «Lưu: VT, …» line (or «Lưu: VT» when it has none)."""
    lines = [nfc(line).rstrip(";.") for line in plan.recipient_list]
    keep = [line for line in lines if line and not search_key(line).startswith(_POINTING_BACK)]
    archive = [line for line in keep if search_key(line).startswith("luu")]
    others = [line for line in keep if not search_key(line).startswith("luu")]
    return [*others, archive[-1] if archive else "Lưu: VT"]


def _share(part: int, whole: int) -> str:
    return f"{part} người ({percent(part, whole)})"


def _counted(label: str, pairs: list[tuple[str, int]]) -> Block:
    text = "; ".join(f"{name} {n}" for name, n in pairs) if pairs else "chưa có số liệu"
    return Block(BULLET, f"{label}: {text}.")


def _report_blocks(figures: Figures) -> list[Block]:
    f = figures
    blocks = [Block(SECTION, "KẾT QUẢ TỔ CHỨC HỘI NGHỊ"),
              Block(BULLET, f"Số hội nghị đã tổ chức: {f.held}/{f.planned} hội nghị theo kế hoạch."),
              Block(BULLET, f"Người dân tham dự: {f.present} người (kế hoạch {f.target} người); "
                            f"nữ {_share(f.women, f.present)}; dân tộc thiểu số "
                            f"{_share(f.minority, f.present)}; lần đầu tham dự "
                            f"{_share(f.first_time, f.present)}."),
              _counted("Theo loại hộ", f.by_class), _counted("Theo dân tộc", f.by_ethnicity),
              Block(SECTION, "Ý KIẾN, KIẾN NGHỊ CỦA NGƯỜI DÂN"),
              Block(BULLET, f"Tổng số ý kiến, kiến nghị: {f.petitions}; quá hạn chưa trả lời: "
                            f"{f.overdue}.")]
    if f.by_field:
        blocks.append(_counted("Theo lĩnh vực", f.by_field))
    if f.by_status:
        blocks.append(_counted("Theo tình trạng", f.by_status))
    blocks.append(Block(PARAGRAPH, "Chi tiết từng hội nghị tại Phụ lục kèm theo./."))
    return blocks


def _day(session) -> str:
    return short_date(session.day) if session.starts_at else session.when_text


def _report_table(figures: Figures) -> Table:
    rows = [[str(i), line.session.commune.name, _day(line.session), line.session.get_status_display(),
             str(line.session.target), str(line.present), str(line.women), str(line.minority),
             str(line.first_time), str(line.petitions)]
            for i, line in enumerate(figures.lines, start=1)]
    rows.append(["", "Tổng cộng", "", "", str(figures.target), str(figures.present), str(figures.women),
                 str(figures.minority), str(figures.first_time), str(figures.petitions)])
    return Table(columns=["STT", "Xã", "Ngày", "Tình trạng", "Dự kiến", "Có mặt", "Nữ", "DTTS",
                          "Lần đầu", "Ý kiến"], rows=rows, numeric={4, 5, 6, 7, 8, 9},
                 bold_rows={len(rows) - 1}, weights=[1, 5, 3, 3, 2, 2, 1.5, 1.5, 2, 2])


def result_report(plan) -> OfficialDocument:
    """The plan's result report: every figure counted from the data; a draft (blank number and
    day) for the văn thư to register."""
    figures = plan_figures(plan)
    title = plan.title[:1].lower() + plan.title[1:]
    doc = OfficialDocument(
        parent_lines=plan.parent_lines, issuer_lines=plan.name_lines, type_name="Báo cáo",
        type_abbr="BC", issuer_abbr=plan.issuer_abbr, place_name=plan.place_name, year=plan.year,
        title=f"Kết quả tổ chức hội nghị đối thoại chính sách năm {plan.year}",
        blocks=number_blocks([Block(PARAGRAPH, f"Thực hiện {plan_citation(plan)} về {title}, "
                                               f"{plan.issuer_name} báo cáo kết quả như sau:"),
                              *_report_blocks(figures)]),
        recipients=report_recipients(plan), signature=plan_signature(plan))
    reference = f"(Kèm theo Báo cáo số{NUMBER_BLANK}/{doc.symbol.split('/', 1)[1]} " \
                f"{draft_date_text(plan.year)} của {plan.issuer_name})"
    doc.appendices = [Appendix(label="Phụ lục", title="KẾT QUẢ TỪNG HỘI NGHỊ ĐỐI THOẠI",
                               reference=reference, table=_report_table(figures), landscape=True)]
    return doc


def report_download(plan, fmt: str) -> Download:
    doc = result_report(plan)
    name = f"bao-cao-ket-qua-doi-thoai-{plan.year}.{fmt}"
    if fmt == "pdf":
        return Download(name, PDF, official_pdf(doc))
    return Download(name, DOCX, render_docx(doc))
