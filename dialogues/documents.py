"""This app's prose documents on the Decree 30 layer: invitations here; the minutes (dialogues.minutes)
and the plan's result report (dialogues.report_document) are re-exported for the download views."""

from django.template.loader import render_to_string
from django.utils import timezone
from weasyprint import HTML

from dialogues.letterhead import (
    Letterhead,
    commune_document,
    dotted_blanks,
    letterhead,
    unit_in_text,
)
from dialogues.minutes import minutes, minutes_download
from dialogues.models import Attendee, DialogueSession
from dialogues.report_document import report_download, result_report
from dialogues.roles import RoleHolder, honorific_for
from dialogues.session_block import SessionBlock, session_block
from documents.dates import vn_date_text
from documents.docx import render_docx
from documents.official import BULLET, PARAGRAPH, Block, OfficialDocument
from documents.pdf import BASE_URL, StaticOnlyFetcher
from vntext import nfc
from web.downloads import DOCX, PDF, Download

__all__ = ["invitation", "invitations_docx", "invitations_name", "invitations_pdf", "minutes",
           "minutes_download", "report_download", "result_report"]


def time_line(session: DialogueSession, block_time: str) -> str:
    """«08 giờ 00, ngày 12 tháng 5 năm 2026 (01 buổi)»: the day in full when fixed, else the
    session block's blanks for the văn thư to fill in."""
    if not session.starts_at:
        return dotted_blanks(block_time)
    local = timezone.localtime(session.starts_at)
    return f"{local:%H} giờ {local:%M}, {vn_date_text(local.date())} ({session.half_days:02d} buổi)"


def _address(person: Attendee, session: DialogueSession) -> str:
    return ", ".join(p for p in (person.village, unit_in_text(session.commune)) if p)


def invitation(session: DialogueSession, person: Attendee, *, head: Letterhead | None = None,
               block: SessionBlock | None = None) -> OfficialDocument:
    """The invitation letter (giấy mời) of one attendee, dated the session's day (blanks before
    it is fixed), with the session block and the signer's name when the data gives it."""
    head, block = head or letterhead(session), block or session_block(session)
    name = nfc(person.full_name).strip("*")  # a star would close the bold markup early
    who = honorific_for(name, person.gender)
    blocks = [Block(PARAGRAPH, f"{dotted_blanks(block.basis)};")] if block.basis else []
    doing = f"Thực hiện {block.programme}, {head.issuer}" if block.programme else head.issuer
    blocks += [Block(PARAGRAPH, f"{doing} tổ chức Hội nghị đối thoại chính sách với chủ đề: "
                                f"{session.theme}."),
               Block(PARAGRAPH, f"{head.issuer} trân trọng kính mời: **{who} {name}**"),
               Block(PARAGRAPH, f"Địa chỉ: {_address(person, session) or '…'}."),
               Block(PARAGRAPH, "Đến dự hội nghị, cụ thể như sau:"),
               Block(BULLET, f"Thời gian: {time_line(session, block.time)}."),
               Block(BULLET, f"Địa điểm: {block.place or '… (sẽ thông báo sau)'}.")]
    chair = RoleHolder.parse(session.chair)
    if chair or chair.position:  # a position typed without a name still says who chairs
        blocks.append(Block(BULLET, f"Chủ trì: {chair.line}."))
    blocks.append(Block(PARAGRAPH, f"Đề nghị {who} sắp xếp thời gian đến dự đúng giờ./."))
    return commune_document(session, head, type_name="Giấy mời", type_abbr="GM",
                            title="Dự Hội nghị đối thoại chính sách về giảm nghèo", blocks=blocks,
                            recipients=["Như trên", "Lưu: VT"])


def invitations_name(session: DialogueSession, people: list[Attendee], fmt: str = "pdf") -> str:
    if len(people) == 1:
        return f"giay-moi-{people[0].full_name}.{fmt}"
    return f"giay-moi-{session.commune.short_name}-{session.year}.{fmt}"


def _letters(session: DialogueSession, people: list[Attendee]) -> list[OfficialDocument]:
    head, block = letterhead(session), session_block(session)
    return [invitation(session, person, head=head, block=block) for person in people]


INVITATIONS_PER_PASS = 10


def invitations_pdf(session: DialogueSession, people: list[Attendee], *, progress=None) -> Download:
    """Every invitation in one PDF, one page each; laid out ten at a time so progress can be reported."""
    fetcher, first, pages = StaticOnlyFetcher(), None, []
    docs = _letters(session, people)
    chunks = [docs[i:i + INVITATIONS_PER_PASS] for i in range(0, len(docs), INVITATIONS_PER_PASS)]
    for done, chunk in enumerate(chunks, start=1):
        html = render_to_string("dialogues/documents/invitations.html", {"docs": chunk})
        rendered = HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher).render()
        first = first or rendered
        pages += rendered.pages
        if progress is not None:
            progress(done / len(chunks))
    return Download(invitations_name(session, people), PDF, first.copy(pages).write_pdf())


def invitations_docx(session: DialogueSession, people: list[Attendee]) -> Download:
    """The same invitations as an editable Word file, one section (page) per person."""
    first, *more = _letters(session, people)
    return Download(invitations_name(session, people, "docx"), DOCX, render_docx(first, more=more))
