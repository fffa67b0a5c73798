"""What the sign-in sheet and the officials list say, as columns and rows; pdfsheet.py and exports.py
give them a format. The payment sheet is in payment.py; both use ``build_sheet`` here.

Every sheet carries the session block (programme, basis, time, place, rates); one printed before
the meeting (nobody checked in yet) ends with numbered blank rows for walk-ins.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.utils import timezone

from areas.models import IssuingBody
from dialogues.columns import Column, Measure, lay_out
from dialogues.models import Attendee, DialogueSession
from dialogues.pdfsheet import Sheet
from dialogues.roles import RoleHolder
from dialogues.session_block import session_block
from documents.dates import date_line
from households.people import household_codes
from vntext import nfc
from vntext.collation import vi_sort_key

NAME = Column("name", "Họ và tên", "whole", least_mm=42)
NUMBER = Column("number", "STT", "number", "center", least_mm=10)
SIGN_IN_TITLE = "DANH SÁCH NGƯỜI DÂN THAM DỰ HỘI NGHỊ ĐỐI THOẠI CHÍNH SÁCH"
OFFICIALS_TITLE = "DANH SÁCH ĐẠI BIỂU THAM DỰ HỘI NGHỊ ĐỐI THOẠI CHÍNH SÁCH"
OFFICIAL_BLANK_ROWS = 3
# Where a position names its body: «Phó Chủ tịch UBND huyện» is Chức vụ «Phó Chủ tịch», Đơn vị «UBND huyện».
BODY_WORDS = ("UBND", "HĐND", "Ủy ban", "Uỷ ban", "Hội đồng", "Hội ", "Mặt trận", "MTTQ", "Đảng ủy",
              "Đảng uỷ", "Huyện ủy", "Huyện uỷ", "Phòng ", "Sở ", "Ban ", "Đoàn ", "Ngân hàng", "Chi nhánh",
              "Trạm ", "Trung tâm", "Trường ", "Công an", "Chi hội", "Chi bộ", "Thôn ", "Bản ", "Tổ ")


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
    return in_calling_order(attendees)


def in_calling_order(attendees) -> list[Attendee]:
    """Village, then name, in Vietnamese order (Đinh after Dương, before Y), as the people are called; the
    database's own order is byte order (C collation: Đ after Z, «Thôn Đắk» after «Thôn Làng»)."""
    return sorted(attendees.order_by("pk"), key=lambda a: (vi_sort_key(a.village), vi_sort_key(a.full_name)))


def blank_rows(session: DialogueSession, listed: int = 0) -> int:
    """Room for walk-ins on a sheet printed before the session: a tenth of the target, at least 5."""
    if session.attendees.filter(present=True).exists():
        return 0
    return max(5, session.target // 10)


def name_cells(people: list[Attendee]) -> list[str]:
    """Each person's name; two of one name, birth year and village also get their household code
    (as households.people labels them), or, typed in without one, which of them they are, so two rows
    are never the same."""
    key = [(p.full_name.casefold(), p.birth_year, p.village.casefold()) for p in people]
    twins = {k for k, n in Counter(key).items() if n > 1}
    codes = household_codes([p for p, k in zip(people, key, strict=True) if k in twins]) if twins else {}
    seen: Counter = Counter()
    names = []
    for person, k in zip(people, key, strict=True):
        if k not in twins:
            names.append(person.full_name)
        elif person.household_id in codes:
            names.append(f"{person.full_name} (mã hộ {codes[person.household_id]})")
        else:  # typed in without a household: nothing recorded tells them apart but their order
            seen[k] += 1
            names.append(f"{person.full_name} (người thứ {seen[k]} cùng họ tên)")
    return names


def sign_cell(number: int, stagger: bool) -> str:
    return f"{number}." if stagger else ""


def build_sheet(session: DialogueSession, title: str, columns: list[Column], rows: list[list], *,
                signatures: list[str], total_rows: list[list] | None = None,
                after_lines: list[str] | None = None) -> Sheet:
    """The sheet value: header, title, session block, columns laid out for these rows."""
    header = session_header(session)
    measure = Measure()
    laid, landscape = lay_out(columns, rows + (total_rows or []), measure)
    day_line = date_line(header.place_name or session.commune.short_name, session.day, year=session.year)
    return Sheet(header.parent_lines, header.issuer_lines, day_line, f"{title} TẠI {session.commune.name.upper()}",
                 session_block(session).lines(), laid, rows, total_rows=total_rows or [],
                 after_lines=after_lines or [], signatures=signatures, landscape=landscape, measure=measure)


def list_signatures(session: DialogueSession) -> list[str]:
    """Who signs a list: its maker, and the People's Committee of the commune, ward or special zone
    («XÁC NHẬN CỦA UBND PHƯỜNG» in a phường, not «… XÃ»)."""
    return ["NGƯỜI LẬP DANH SÁCH", f"XÁC NHẬN CỦA UBND {(session.commune.kind or 'xã').upper()}"]


def sign_in_columns(*, show_ethnicity: bool, stagger: bool) -> list[Column]:
    columns = [NUMBER, NAME, Column("gender_year", "Giới tính / Năm sinh", "whole", "center", least_mm=22),
               Column("ethnic", "Dân tộc", "whole", "center", least_mm=18), Column("village", "Thôn", least_mm=24),
               Column("class", "Loại hộ", least_mm=24), Column("sign", "Ký tên", "sign", stagger=stagger)]
    return columns if show_ethnicity else [c for c in columns if c.key != "ethnic"]


def sign_in_rows(session: DialogueSession, *, show_ethnicity: bool, stagger: bool = False) -> list[list]:
    """STT | Họ và tên | Giới tính / Năm sinh | (Dân tộc) | Thôn | Loại hộ | Ký tên, then blank rows."""
    people = listed_attendees(session)
    rows = []
    for i, (person, name) in enumerate(zip(people, name_cells(people), strict=True), start=1):
        ethnic = [person.ethnic_group.name if person.ethnic_group else ""] if show_ethnicity else []
        rows.append([str(i), name, person.gender_year, *ethnic, person.village,
                     person.get_household_class_display() if person.household_class else "", sign_cell(i, stagger)])
    width = 5 if show_ethnicity else 4
    start = len(rows) + 1
    return rows + [[str(n), *[""] * width, sign_cell(n, stagger)]
                   for n in range(start, start + blank_rows(session))]


def sign_in_sheet(session: DialogueSession, *, show_ethnicity: bool, stagger: bool = False) -> Sheet:
    """The sign-in sheet of one session as a drawable value."""
    rows = sign_in_rows(session, show_ethnicity=show_ethnicity, stagger=stagger)
    return build_sheet(session, SIGN_IN_TITLE, sign_in_columns(show_ethnicity=show_ethnicity, stagger=stagger),
                       rows, signatures=list_signatures(session))


def split_position(position: str) -> tuple[str, str]:
    """(Chức vụ, Đơn vị) of a recorded position: split at a comma followed by the body's name («Trưởng
    Ban Dân vận, Đảng ủy xã»), else where the body's name starts («Phó Chủ tịch UBND huyện Ngọc Hồi, tỉnh
    Kon Tum»: the comma is inside the body), else at a comma."""
    position = " ".join(position.split())
    title, comma, rest = position.partition(", ")
    if comma and rest.startswith(BODY_WORDS):
        return title, rest
    starts = [i for word in BODY_WORDS if 0 < (i := position.find(word)) < len(title)]
    if starts:
        cut = min(starts)
        return position[:cut].strip(), position[cut:].strip()
    return title, rest


def official_name_position(official) -> tuple[str, str]:
    """The official's bare name for «Họ và tên» and the position: a name typed with its honorific or its
    title («Bà Y Ngọc - Phó Chủ tịch UBND xã») prints neither twice; the recorded position wins."""
    holder = RoleHolder.parse(official.name, position=official.position)
    return holder.name or nfc(official.name), holder.position


def officials_sheet(session: DialogueSession, *, stagger: bool = False) -> Sheet:
    """Danh sách đại biểu: STT | Họ và tên | Chức vụ | Đơn vị | Ký tên | Ghi chú, blank rows before the meeting."""
    columns = [NUMBER, NAME, Column("position", "Chức vụ", least_mm=25), Column("body", "Đơn vị", least_mm=25),
               Column("sign", "Ký tên", "sign", stagger=stagger), Column("note", "Ghi chú", least_mm=16)]
    rows = []
    for i, official in enumerate(session.officials.all(), start=1):
        name, position = official_name_position(official)
        title, body = split_position(position)
        rows.append([str(i), name, title, body, sign_cell(i, stagger), ""])
    # Officials do not check in: their list has room for late ones until the session is marked held, even
    # once citizens are checked in (the day itself, when this list is printed to be signed).
    if not session.was_held:
        start = len(rows) + 1
        rows += [[str(n), "", "", "", sign_cell(n, stagger), ""]
                 for n in range(start, start + OFFICIAL_BLANK_ROWS)]
    return build_sheet(session, OFFICIALS_TITLE, columns, rows,
                       signatures=list_signatures(session))


def stamp() -> str:
    return timezone.localtime().strftime("%Y%m%d-%H%M")
