"""The minutes (biên bản) of a held session: time and place, who took part, what was said, the
petitions and their answers, the chair's conclusion; signed by the secretary and the chair."""

from dataclasses import replace

from django.utils import timezone

from dialogues.letterhead import commune_document, letterhead, unit_in_text
from dialogues.models import DialogueSession, PetitionStatus
from dialogues.roles import RoleHolder
from documents.dates import short_date, vn_date_text
from documents.docx import render_docx
from documents.official import (
    BULLET,
    CLAUSE,
    PARAGRAPH,
    SECTION,
    Block,
    OfficialDocument,
    Signature,
)
from documents.pdf import official_pdf
from web.downloads import DOCX, PDF, Download

# Room to write by hand what the record does not hold yet: a line of the body's width (an
# ellipsis is 1 em, 4.9 mm at 14 pt; the text is 165 mm less a 1 cm indent), and a field
# after its label («Thư ký hội nghị: ……»).
HAND_LINE = "\u2026" * 31
HAND_FIELD = "\u2026" * 18


def _paragraphs(text: str) -> list[Block]:
    lines = [Block(PARAGRAPH, line) for line in text.splitlines() if line.strip()]
    return lines or [Block(PARAGRAPH, HAND_LINE), Block(PARAGRAPH, HAND_LINE)]


def _held_when(session: DialogueSession) -> str:
    if not session.starts_at:
        return f"\u2026 giờ \u2026, ngày \u2026 tháng \u2026 năm {session.year}"
    local = timezone.localtime(session.starts_at)
    return f"{local:%H} giờ {local:%M}, {vn_date_text(local.date())}"


def _named(holder: RoleHolder) -> str:
    """The holder's line; a position typed without a name keeps it after room for the name."""
    if holder:
        return holder.line
    return f"{HAND_FIELD} – {holder.position}" if holder.position else HAND_FIELD


def _participants(session: DialogueSession) -> list[Block]:
    chair, secretary = RoleHolder.parse(session.chair), RoleHolder.parse(session.secretary)
    blocks = [Block(CLAUSE, f"Chủ trì hội nghị: {_named(chair)}."),
              Block(CLAUSE, f"Thư ký hội nghị: {_named(secretary)}.")]
    officials = list(session.officials.all())
    # an official who chairs or takes the minutes is named as the record names them there
    honorifics = {holder.name: holder.honorific for holder in (chair, secretary) if holder.honorific}
    if officials:
        blocks.append(Block(CLAUSE, "Đại biểu tham dự:"))
        last = len(officials) - 1
        for index, official in enumerate(officials):
            holder = RoleHolder.parse(official.name, position=official.position)
            if holder.honorific == "Ông/Bà" and holder.name in honorifics:
                holder = replace(holder, honorific=honorifics[holder.name])
            blocks.append(Block(BULLET, f"{holder.line} ({official.get_level_display().lower()})"
                                        f"{'.' if index == last else ';'}"))
    present = list(session.attendees.filter(present=True).select_related("ethnic_group"))
    women = sum(a.gender == "F" for a in present)
    minority = sum(a.is_ethnic_minority for a in present)
    blocks.append(Block(CLAUSE, f"Người dân tham dự: {len(present)} người (nữ {women} người, "
                                f"dân tộc thiểu số {minority} người; danh sách kèm theo)."))
    return blocks


def _petition_blocks(session: DialogueSession) -> list[Block]:
    blocks = []
    for petition in session.petitions.select_related("attendee").order_by("created_at", "pk"):
        person = petition.attendee
        who = RoleHolder.parse(petition.raised_by or (person.full_name if person else ""),
                               gender=person.gender if person else "")
        where = f" ({person.village})" if person and person.village else ""
        blocks.append(Block(CLAUSE, f"{who.line}{where}, lĩnh vực {petition.get_policy_field_display().lower()}: "
                                    f"{petition.content}"))
        if petition.status == PetitionStatus.ANSWERED or petition.answer:
            by = RoleHolder.parse(petition.answered_by).line
            blocks.append(Block(BULLET, f"Trả lời{f' của {by}' if by else ''}: {petition.answer or HAND_FIELD}"))
        if petition.status == PetitionStatus.IN_WRITING and petition.due_date:
            blocks.append(Block(BULLET, f"Sẽ trả lời bằng văn bản trước ngày {short_date(petition.due_date)}."))
        if petition.status == PetitionStatus.REFERRED:
            due = f" trả lời trước ngày {short_date(petition.due_date)}" if petition.due_date else ""
            blocks.append(Block(BULLET, f"Chuyển {petition.responsible_body or 'cơ quan có thẩm quyền'} "
                                        f"({petition.get_referral_level_display()}){due}."))
    return blocks or [Block(PARAGRAPH, "Không có ý kiến, kiến nghị.")]


def minutes(session: DialogueSession) -> OfficialDocument:
    """The minutes of a held session, dated its day, numbered I./II. and 1./2. as Decree 30 numbers
    mục and khoản, signed by the secretary (left) and the chair (right)."""
    blocks = [Block(SECTION, "THỜI GIAN, ĐỊA ĐIỂM"),
              Block(CLAUSE, f"Thời gian: {_held_when(session)}."),
              Block(CLAUSE, f"Địa điểm: {session.venue or HAND_FIELD}."),
              Block(SECTION, "THÀNH PHẦN THAM DỰ"), *_participants(session),
              Block(SECTION, "NỘI DUNG HỘI NGHỊ"), *_paragraphs(session.proceedings),
              Block(SECTION, "Ý KIẾN, KIẾN NGHỊ CỦA NGƯỜI DÂN VÀ TRẢ LỜI"), *_petition_blocks(session),
              Block(SECTION, "KẾT LUẬN CỦA CHỦ TRÌ HỘI NGHỊ"), *_paragraphs(session.conclusion),
              Block(PARAGRAPH, "Biên bản đã được đọc lại tại hội nghị, những người tham dự thống nhất "
                               "với nội dung biên bản./.")]
    chair, secretary = RoleHolder.parse(session.chair), RoleHolder.parse(session.secretary)
    return commune_document(session, letterhead(session), type_name="Biên bản", type_abbr="BB",
                        title=f"Hội nghị đối thoại chính sách về giảm nghèo tại {unit_in_text(session.commune)}",
                        blocks=blocks, signature=Signature(["CHỦ TRÌ HỘI NGHỊ"], signer=chair.name),
                        co_signature=Signature(["THƯ KÝ"], signer=secretary.name),
                        recipients=[f"UBND {unit_in_text(session.commune)}", "Lưu: VT"])


def minutes_download(session: DialogueSession, fmt: str) -> Download:
    doc = minutes(session)
    name = f"bien-ban-doi-thoai-{session.commune.short_name}-{session.year}.{fmt}"
    return Download(name, PDF, official_pdf(doc)) if fmt == "pdf" else Download(name, DOCX, render_docx(doc))
