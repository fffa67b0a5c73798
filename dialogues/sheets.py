"""What the sign-in and payment sheets say, as rows; pdfsheet.py and exports.py give them a format."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone

from areas.models import IssuingBody
from budgets.models import Norm
from dialogues.models import Attendee, DialogueSession
from dialogues.pdfsheet import Column, Sheet
from documents.dates import date_line, vn_date_text
from documents.money import format_vnd, vi_money_words

MEAL_NORM_CODE = "AN_XA"  # TT 40/2017 Art. 12.4: meetings organised by a commune
SIGN_IN_COLUMNS = [Column("STT", 10, "center"), Column("Họ và tên", 45), Column("Giới tính / Năm sinh", 24, "center"),
                   Column("Dân tộc", 18, "center"), Column("Thôn", 28), Column("Loại hộ", 23),
                   Column("Ký tên", 17)]
PAYMENT_COLUMNS = [Column("STT", 10, "center"), Column("Họ và tên", 50), Column("Địa chỉ", 45),
                   Column("Số tiền", 30, "right"), Column("Ký nhận", 30)]
SIGNATURES = ["NGƯỜI LẬP", "KẾ TOÁN", "THỦ TRƯỞNG"]


@dataclass
class Header:
    parent_lines: list[str]
    issuer_lines: list[str]
    place_name: str


def session_header(session: DialogueSession) -> Header:
    """The commune's own issuing body if it has one in the session's year, else the plan's snapshot."""
    day = session.reference_date
    body = IssuingBody.objects.filter(unit=session.commune).active_on(day).first()
    if body is not None:
        return Header(body.parent_lines, body.name_lines, body.place_name)
    if session.plan_id:
        plan = session.plan
        return Header(plan.parent_lines, plan.name_lines, plan.place_name)
    return Header([], ["ỦY BAN NHÂN DÂN", session.commune.name.upper()], session.commune.short_name)


def listed_attendees(session: DialogueSession) -> list[Attendee]:
    """Who the sheets list: once anyone is checked in, those who came; before that, those registered."""
    attendees = session.attendees.select_related("ethnic_group")
    if attendees.filter(present=True).exists():
        attendees = attendees.filter(present=True)
    else:
        attendees = attendees.filter(is_walk_in=False)
    return list(attendees.order_by("village", "full_name", "pk"))


def blank_rows(session: DialogueSession, listed: int) -> int:
    """Room for walk-ins on a sheet printed before the session: a tenth of the target, at least 5."""
    if session.attendees.filter(present=True).exists():
        return 0
    return max(5, session.target // 10)


def support_amount(session: DialogueSession) -> tuple[int, str]:
    """Meal support per person from the budget line's norm, else the commune-meeting norm of the province."""
    line = session.budget_line
    if line is not None and line.norm_id:
        return line.norm.amount, str(line.norm.legal_basis or line.norm.name)
    norm = (Norm.objects.for_unit(session.commune).filter(code=MEAL_NORM_CODE)
            .active_on(session.reference_date).order_by("-valid_from").first())
    if norm is None:
        return 0, ""
    return norm.amount, str(norm.legal_basis or norm.name)


def _subtitles(session: DialogueSession) -> list[str]:
    when = vn_date_text(session.day) if session.starts_at else session.when_text
    lines = [f"Hội nghị đối thoại chính sách tại {session.commune.name}, {when}"]
    if session.venue:
        lines.append(f"Địa điểm: {session.venue}")
    return lines


def _date_line(header: Header, session: DialogueSession) -> str:
    return date_line(header.place_name or session.commune.short_name, session.day, year=session.year)


def sign_in_rows(session: DialogueSession, *, show_ethnicity: bool) -> list[list[str]]:
    """STT | Họ và tên | Giới tính / Năm sinh | Dân tộc | Thôn | Loại hộ | Ký tên, then blank rows."""
    people = listed_attendees(session)
    rows = [[str(i), a.full_name, a.gender_year,
             (a.ethnic_group.name if a.ethnic_group and show_ethnicity else ""), a.village,
             a.get_household_class_display() if a.household_class else "", ""]
            for i, a in enumerate(people, start=1)]
    start = len(rows) + 1
    rows += [[str(n)] + [""] * 6 for n in range(start, start + blank_rows(session, len(rows)))]
    return rows


def payment_rows(session: DialogueSession) -> tuple[list[list], int, int]:
    """(rows of STT | Họ và tên | Địa chỉ | Số tiền | Ký nhận, amount per person, total)."""
    amount, _ = support_amount(session)
    people = listed_attendees(session)
    commune = session.commune.name
    rows = [[i, a.full_name, ", ".join(p for p in (a.village, commune) if p), amount, ""]
            for i, a in enumerate(people, start=1)]
    return rows, amount, amount * len(rows)


def sign_in_sheet(session: DialogueSession, *, show_ethnicity: bool) -> Sheet:
    """The sign-in sheet of one session as a drawable value."""
    header = session_header(session)
    return Sheet(header.parent_lines, header.issuer_lines, _date_line(header, session),
                 "DANH SÁCH NGƯỜI DÂN THAM DỰ HỘI NGHỊ ĐỐI THOẠI CHÍNH SÁCH", _subtitles(session),
                 SIGN_IN_COLUMNS, sign_in_rows(session, show_ethnicity=show_ethnicity), row_height_mm=9,
                 signatures=["NGƯỜI LẬP DANH SÁCH", "XÁC NHẬN CỦA UBND XÃ"])


def payment_sheet(session: DialogueSession) -> Sheet:
    """The support payment sheet of one session: amount per person from the norm, total and words."""
    header = session_header(session)
    rows, amount, total = payment_rows(session)
    _, basis = support_amount(session)
    text_rows = [[str(r[0]), r[1], r[2], format_vnd(r[3]), ""] for r in rows]
    after = [f"Tổng số tiền bằng chữ: {vi_money_words(total)}./." if total else
             "Chưa có định mức hỗ trợ cho hội nghị này (cần liên kết dòng dự toán hoặc định mức của tỉnh)."]
    subtitles = _subtitles(session) + [f"Mức hỗ trợ tiền ăn: {format_vnd(amount)} đồng/người"
                                       + (f" ({basis})" if basis else "")]
    return Sheet(header.parent_lines, header.issuer_lines, _date_line(header, session),
                 "DANH SÁCH KÝ NHẬN TIỀN HỖ TRỢ NGƯỜI DÂN THAM DỰ HỘI NGHỊ ĐỐI THOẠI", subtitles,
                 PAYMENT_COLUMNS, text_rows, row_height_mm=9,
                 total_rows=[["", "Tổng cộng", f"{len(rows)} người", format_vnd(total), ""]],
                 after_lines=after, signatures=SIGNATURES)


def stamp() -> str:
    return timezone.localtime().strftime("%Y%m%d-%H%M")
