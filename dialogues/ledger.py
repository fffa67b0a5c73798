"""Writes on the petition ledger: record a petition at a session, follow it up until it is closed."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.html import strip_tags

from audit.models import Action
from audit.services import record
from dialogues.models import DialogueSession, FollowUp, Petition, PetitionStatus
from dialogues.models.petitions import MAX_TEXT
from dialogues.permissions import can_follow_up, can_record_petition, can_run_session
from vntext import nfc_lines


def clean_text(value: str, *, field: str, label: str, required: bool = True) -> str:
    """Plain text: tags removed, NFC, within the length limit; raises a message naming the field."""
    text = nfc_lines(strip_tags(value or ""))
    if required and not text:
        raise ValidationError({field: f"Cần nhập {label}."})
    if len(text) > MAX_TEXT:
        raise ValidationError({field: f"{label.capitalize()} dài {len(text)} ký tự, tối đa {MAX_TEXT}."})
    return text


def petition_problems(petition: Petition) -> dict[str, str]:
    """What each status needs: an answer; a due date; a level, a responsible body and a due date."""
    problems = {}
    if petition.status == PetitionStatus.ANSWERED and not petition.answer:
        problems["answer"] = "Ý kiến đã trả lời tại hội nghị cần ghi nội dung trả lời."
    if petition.status in (PetitionStatus.IN_WRITING, PetitionStatus.REFERRED):
        if not petition.due_date:
            problems["due_date"] = "Cần ghi hạn trả lời."
        elif petition.due_date < petition.session.reference_date:
            problems["due_date"] = "Hạn trả lời không thể trước ngày hội nghị."
        elif petition.due_date.year > petition.session.year + 1:
            problems["due_date"] = f"Hạn trả lời quá xa (sau năm {petition.session.year + 1})."
    if petition.status == PetitionStatus.REFERRED:
        if not petition.referral_level:
            problems["referral_level"] = "Cần chọn cấp được chuyển đến."
        if not petition.responsible_body:
            problems["responsible_body"] = "Cần ghi cơ quan chịu trách nhiệm trả lời."
    if petition.status == PetitionStatus.CLOSED:
        problems["status"] = "Ý kiến mới ghi không thể ở trạng thái đã giải quyết xong."
    return problems


def _words(text: str) -> str:
    return " ".join(text.split()).casefold()


def _same_petition(petition: Petition) -> Petition | None:
    """An earlier petition of the session by the same person with the same content (a double submit)."""
    content, raiser = _words(petition.content), _words(petition.raised_by)
    for earlier in Petition.objects.filter(session=petition.session_id).only(
            "raised_by", "content", "created_at"):
        if _words(earlier.content) == content and _words(earlier.raised_by) == raiser:
            return earlier
    return None


@transaction.atomic
def record_petition(session, *, by, content: str, raised_by: str = "", attendee=None, request=None,
                    **values) -> Petition:
    """A petition of a session with what its status requires; text is stored as plain text."""
    if not can_record_petition(by, session):
        raise PermissionDenied
    if attendee is not None and attendee.session_id != session.pk:
        raise ValidationError({"attendee": "Người nêu không có trong danh sách hội nghị này."})
    name = raised_by or (attendee.full_name if attendee else "")
    petition = Petition(session=session, attendee=attendee, created_by=by,
                        raised_by=clean_text(name, field="raised_by", label="người nêu ý kiến")[:150],
                        content=clean_text(content, field="content", label="nội dung ý kiến"), **values)
    petition.answer = clean_text(petition.answer, field="answer", label="nội dung trả lời", required=False)
    if problems := petition_problems(petition):
        raise ValidationError(problems)
    # The session row is locked so that the same petition sent twice at once is caught by the check below.
    DialogueSession.objects.select_for_update().filter(pk=session.pk).first()
    if earlier := _same_petition(petition):
        raise ValidationError(f"Ý kiến này của {earlier.raised_by} đã được ghi lúc "
                              f"{timezone.localtime(earlier.created_at):%H:%M ngày %d/%m/%Y}; không ghi lại.")
    petition.save()
    record(by, Action.CREATE, petition, request=request, changes={"session": session.pk})
    return petition


@transaction.atomic
def add_follow_up(petition: Petition, *, by, note: str, date: datetime.date, closes: bool,
                  request=None) -> FollowUp:
    """One follow-up entry; closing it closes the petition (which then takes no more entries)."""
    petition = Petition.objects.select_for_update().get(pk=petition.pk)
    if not can_run_session(by, petition.session):
        raise PermissionDenied
    if petition.status == PetitionStatus.CLOSED:  # e.g. the closing entry sent twice
        raise ValidationError(f"Ý kiến đã giải quyết xong ngày {petition.closed_on:%d/%m/%Y}; không ghi thêm.")
    if not can_follow_up(by, petition):
        raise ValidationError(f"Ý kiến «{petition.get_status_display()}» không cần theo dõi giải quyết.")
    earliest = petition.session.day or timezone.localtime(petition.created_at).date()
    if date < earliest or date > timezone.localdate():
        raise ValidationError({"date": "Ngày theo dõi phải từ ngày ghi ý kiến đến hôm nay."})
    note = clean_text(note, field="note", label="nội dung theo dõi")
    if any(_words(f.note) == _words(note) for f in petition.follow_ups.filter(date=date)):
        raise ValidationError("Nội dung theo dõi này đã được ghi; không ghi lại.")
    entry = FollowUp.objects.create(petition=petition, by=by, date=date, closes=closes, note=note)
    if closes:
        old = petition.status
        petition.status, petition.closed_on = PetitionStatus.CLOSED, date
        petition.save(update_fields=["status", "closed_on"])
        record(by, Action.WORKFLOW, petition, request=request,
               changes={"status": [old, petition.status], "follow_up": entry.pk})
    else:
        record(by, Action.CREATE, entry, request=request, changes={"petition": petition.pk, "date": str(date)},
               description=f"Theo dõi ý kiến: {petition}")
    return entry
