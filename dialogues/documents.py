"""This app's prose documents on the Decree 30 layer: invitations, minutes, the plan's result report."""

from django.template.loader import render_to_string
from weasyprint import HTML

from dialogues.models import Attendee, DialogueSession, PetitionStatus
from dialogues.report import Figures, percent, plan_figures
from dialogues.sheets import session_header
from documents.dates import short_date, vn_date_text
from documents.docx import render_docx
from documents.downloads import DOCX, PDF, Download
from documents.official import (
    BULLET,
    CLAUSE,
    PARAGRAPH,
    SECTION,
    Appendix,
    Block,
    OfficialDocument,
    Signature,
    Table,
)
from documents.pdf import BASE_URL, StaticOnlyFetcher, official_pdf


def _address(person: Attendee, session: DialogueSession) -> str:
    return ", ".join(p for p in (person.village, session.commune.name) if p)


def _salutation(person: Attendee) -> str:
    return {"M": "Ông", "F": "Bà"}.get(person.gender, "Ông/Bà")


def _when(session: DialogueSession) -> str:
    if session.starts_at:
        return f"{session.when_text.split(' ngày ')[0]}, {vn_date_text(session.day)}"
    return session.when_text


def _commune_doc(session, *, type_name, type_abbr, title, blocks, signature, recipients) -> OfficialDocument:
    header = session_header(session)
    return OfficialDocument(parent_lines=header.parent_lines, issuer_lines=header.issuer_lines,
                            type_name=type_name, type_abbr=type_abbr, issuer_abbr="UBND",
                            place_name=header.place_name or session.commune.short_name, year=session.year,
                            title=title, blocks=blocks, recipients=recipients, signature=signature)


def invitation(session: DialogueSession, person: Attendee) -> OfficialDocument:
    """The invitation letter (giấy mời) of one attendee."""
    who = _salutation(person)
    blocks = [Block(PARAGRAPH, "Trân trọng kính mời:"),
              Block(PARAGRAPH, f"{who}: {person.full_name}"),
              Block(PARAGRAPH, f"Địa chỉ: {_address(person, session)}"),
              Block(PARAGRAPH, f"Đến dự Hội nghị đối thoại chính sách: {session.theme}."),
              Block(BULLET, f"Thời gian: {_when(session)}."),
              Block(BULLET, f"Địa điểm: {session.venue or 'sẽ thông báo sau'}.")]
    if session.chair:
        blocks.append(Block(BULLET, f"Chủ trì: {session.chair}."))
    blocks.append(Block(PARAGRAPH, f"Đề nghị {who} sắp xếp thời gian đến dự đúng giờ./."))
    return _commune_doc(session, type_name="Giấy mời", type_abbr="GM",
                        title="Dự Hội nghị đối thoại chính sách về giảm nghèo", blocks=blocks,
                        signature=Signature(["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], signer=""),
                        recipients=["Như trên", "Lưu: VT"])


INVITATIONS_PER_PASS = 10


def invitations_name(session: DialogueSession, people: list[Attendee]) -> str:
    if len(people) == 1:
        return f"giay-moi-{people[0].full_name}.pdf"
    return f"giay-moi-{session.commune.short_name}-{session.year}.pdf"


def invitations_pdf(session: DialogueSession, people: list[Attendee], *, progress=None) -> Download:
    """Every invitation in one PDF, one page each; laid out ten at a time so progress can be reported."""
    fetcher, first, pages = StaticOnlyFetcher(), None, []
    chunks = [people[i:i + INVITATIONS_PER_PASS] for i in range(0, len(people), INVITATIONS_PER_PASS)]
    for done, chunk in enumerate(chunks, start=1):
        html = render_to_string("dialogues/documents/invitations.html",
                                {"docs": [invitation(session, person) for person in chunk]})
        rendered = HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher).render()
        first = first or rendered
        pages += rendered.pages
        if progress is not None:
            progress(done / len(chunks))
    return Download(invitations_name(session, people), PDF, first.copy(pages).write_pdf())


def _petition_blocks(session: DialogueSession) -> list[Block]:
    blocks = []
    for petition in session.petitions.order_by("created_at", "pk"):
        blocks.append(Block(CLAUSE, f"{petition.raised_by} ({petition.get_policy_field_display()}): {petition.content}"))
        if petition.status == PetitionStatus.ANSWERED or petition.answer:
            by = f"{petition.answered_by} " if petition.answered_by else ""
            blocks.append(Block(BULLET, f"Trả lời của {by}: {petition.answer}".replace(" :", ":")))
        if petition.status == PetitionStatus.IN_WRITING:
            blocks.append(Block(BULLET, f"Sẽ trả lời bằng văn bản trước ngày {short_date(petition.due_date)}."))
        if petition.status == PetitionStatus.REFERRED:
            blocks.append(Block(BULLET, f"Chuyển {petition.responsible_body} ({petition.get_referral_level_display()}) "
                                        f"trả lời trước ngày {short_date(petition.due_date)}."))
    return blocks or [Block(PARAGRAPH, "Không có ý kiến, kiến nghị.")]


def minutes(session: DialogueSession) -> OfficialDocument:
    """The minutes (biên bản) of a held session: who came, what was said, what was asked, the conclusion."""
    present = session.attendees.filter(present=True).select_related("ethnic_group")
    count = present.count()
    women = present.filter(gender="F").count()
    minority = sum(a.is_ethnic_minority for a in present)
    blocks = [Block(PARAGRAPH, f"Thời gian: {_when(session)}."), Block(PARAGRAPH, f"Địa điểm: {session.venue}."),
              Block(SECTION, "Thành phần"), Block(BULLET, f"Chủ trì: {session.chair}."),
              Block(BULLET, f"Thư ký: {session.secretary}.")]
    blocks += [Block(BULLET, f"{o.name}, {o.position} ({o.get_level_display()}).") for o in session.officials.all()]
    blocks.append(Block(BULLET, f"Người dân tham dự: {count} người (nữ {women} người, "
                                f"dân tộc thiểu số {minority} người)."))
    blocks.append(Block(SECTION, "Nội dung hội nghị"))
    blocks += [Block(PARAGRAPH, line) for line in session.proceedings.splitlines() if line.strip()]
    blocks.append(Block(SECTION, "Ý kiến, kiến nghị của người dân và trả lời"))
    blocks += _petition_blocks(session)
    blocks.append(Block(SECTION, "Kết luận của chủ trì hội nghị"))
    blocks += [Block(PARAGRAPH, line) for line in session.conclusion.splitlines() if line.strip()]
    blocks.append(Block(PARAGRAPH, f"Biên bản được lập và thông qua tại hội nghị. Thư ký: {session.secretary}./."))
    return _commune_doc(session, type_name="Biên bản", type_abbr="BB",
                        title=f"Hội nghị đối thoại chính sách về giảm nghèo tại {session.commune.name}",
                        blocks=blocks, signature=Signature(["CHỦ TRÌ HỘI NGHỊ"], signer=session.chair),
                        recipients=["UBND xã", "Lưu: VT"])


def minutes_download(session: DialogueSession, fmt: str) -> Download:
    doc = minutes(session)
    name = f"bien-ban-doi-thoai-{session.commune.short_name}-{session.year}.{fmt}"
    return Download(name, PDF, official_pdf(doc)) if fmt == "pdf" else Download(name, DOCX, render_docx(doc))


def _report_blocks(figures: Figures) -> list[Block]:
    f = figures
    blocks = [Block(SECTION, "Kết quả tổ chức hội nghị"),
              Block(BULLET, f"Số hội nghị đã tổ chức: {f.held}/{f.planned} hội nghị theo kế hoạch."),
              Block(BULLET, f"Người dân tham dự: {f.present} người (kế hoạch {f.target} người); nữ {f.women} người "
                            f"({percent(f.women, f.present)}); dân tộc thiểu số {f.minority} người "
                            f"({percent(f.minority, f.present)}); lần đầu tham dự {f.first_time} người "
                            f"({percent(f.first_time, f.present)})."),
              Block(BULLET, "Theo loại hộ: " + "; ".join(f"{label} {n}" for label, n in f.by_class) + "."
                    if f.by_class else "Theo loại hộ: chưa có số liệu."),
              Block(BULLET, "Theo dân tộc: " + "; ".join(f"{label} {n}" for label, n in f.by_ethnicity) + "."
                    if f.by_ethnicity else "Theo dân tộc: chưa có số liệu."),
              Block(SECTION, "Ý kiến, kiến nghị của người dân"),
              Block(BULLET, f"Tổng số ý kiến, kiến nghị: {f.petitions}; quá hạn chưa trả lời: {f.overdue}.")]
    if f.by_field:
        blocks.append(Block(BULLET, "Theo lĩnh vực: " + "; ".join(f"{label} {n}" for label, n in f.by_field) + "."))
    if f.by_status:
        blocks.append(Block(BULLET, "Theo tình trạng: " + "; ".join(f"{label} {n}" for label, n in f.by_status) + "."))
    blocks.append(Block(PARAGRAPH, "Chi tiết từng hội nghị tại phụ lục kèm theo./."))
    return blocks


def _report_table(figures: Figures) -> Table:
    rows = [[str(i), line.session.commune.name, short_date(line.session.day) if line.session.starts_at else
             line.session.when_text, line.session.get_status_display(), str(line.session.target), str(line.present),
             str(line.women), str(line.minority), str(line.first_time), str(line.petitions)]
            for i, line in enumerate(figures.lines, start=1)]
    rows.append(["", "Tổng cộng", "", "", str(figures.target), str(figures.present), str(figures.women),
                 str(figures.minority), str(figures.first_time), str(figures.petitions)])
    return Table(columns=["STT", "Xã", "Ngày", "Tình trạng", "Dự kiến", "Có mặt", "Nữ", "DTTS", "Lần đầu",
                          "Ý kiến"], rows=rows, numeric={4, 5, 6, 7, 8, 9}, bold_rows={len(rows) - 1},
                 weights=[1, 5, 3, 3, 2, 2, 1.5, 1.5, 2, 2])


def result_report(plan) -> OfficialDocument:
    """The plan's result report (báo cáo kết quả tổ chức đối thoại): every figure counted from the data."""
    figures = plan_figures(plan)
    lines = [f"TM. {plan.collective_name}"] if plan.is_collective and plan.collective_name else []
    lines += [f"KT. {plan.head_title}", plan.deputy_title] if plan.deputy_title else [plan.head_title]
    reference = f"(Kèm theo Báo cáo kết quả thực hiện Kế hoạch số {plan.symbol} của {plan.issuer_name})"
    return OfficialDocument(
        parent_lines=plan.parent_lines, issuer_lines=plan.name_lines, type_name="Báo cáo", type_abbr="BC",
        issuer_abbr=plan.issuer_abbr, place_name=plan.place_name, year=plan.year,
        title=f"Kết quả tổ chức hội nghị đối thoại chính sách năm {plan.year}",
        blocks=[Block(PARAGRAPH, f"Thực hiện Kế hoạch số {plan.symbol} về {plan.title[0].lower()}{plan.title[1:]}, "
                                 f"{plan.issuer_name} báo cáo kết quả như sau:"), *_report_blocks(figures)],
        recipients=["UBND cấp trên", "Lưu: VT"], signature=Signature(lines, signer=plan.signer_name),
        appendices=[Appendix(label="Phụ lục", title="KẾT QUẢ TỪNG HỘI NGHỊ ĐỐI THOẠI", reference=reference,
                             table=_report_table(figures), landscape=True)])


def report_download(plan, fmt: str) -> Download:
    doc = result_report(plan)
    name = f"bao-cao-ket-qua-doi-thoai-{plan.year}.{fmt}"
    return Download(name, PDF, official_pdf(doc)) if fmt == "pdf" else Download(name, DOCX, render_docx(doc))
