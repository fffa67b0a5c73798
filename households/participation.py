"""A household's part in the dialogues: the sessions it was registered for or attended.

The dialogues models are looked up when asked for, so the registry keeps no import-time or
migration dependency on the dialogues app.
"""

import datetime
import re
from dataclasses import dataclass

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.db import transaction

from audit.models import Action
from audit.services import record
from households.permissions import can_edit_household
from vntext import search_key


@dataclass
class Participation:
    """One session the household was on the list of, and whether it came."""

    session: object
    present: bool
    can_open: bool


def dialogue_participation(household, user) -> list[Participation]:
    """Every dialogue session with this household on its list, newest first; links only to sessions the user sees."""
    attendee = apps.get_model("dialogues", "Attendee")
    session = apps.get_model("dialogues", "DialogueSession")
    rows = (attendee.objects.filter(household=household).select_related("session__commune")
            .order_by("-session__year", "-session__starts_at", "-session__pk"))
    visible = set(session.objects.visible_to(user).filter(
        pk__in=[row.session_id for row in rows]).values_list("pk", flat=True))
    return [Participation(row.session, row.present, row.session_id in visible) for row in rows]


ATTENDED = re.compile(r"\b(?:da\s+)?(?:tham\s+gia|tham\s+du|du|co\s+mat\s+(?:tai|o))\s+(?:\w+\s+){0,3}?"
                      r"(?:doi\s+thoai|dt)\b")
NEGATED = re.compile(r"\b(?:chua|khong|ko|k|chang)\s+(?:\w+\s+){0,2}?(?:tham\s+gia|tham\s+du|du|doi\s+thoai|dt)\b")
YEAR = re.compile(r"(?<!\d)(?:19[89]\d|20\d\d)(?!\d)")
# «năm 23», «đối thoại 22»: a two-digit year only where nothing else can be meant (not «năm 2 lần»,
# «đối thoại 15 người»).
SHORT_YEAR = re.compile(r"\b(?:nam|doi\s+thoai|dt)\s+(\d\d)\b(?!\s+(?:nguoi|ho|lan|thang|ngay|tuoi|khau|phut))")
FIRST_YEAR = 2000  # earlier four-digit numbers in a note are birth years, not dialogues


@dataclass(frozen=True)
class PastNote:
    """A household's note says it already attended a dialogue: the years it names (may be none), and
    the years it names that have not come yet (a slip of the pen: never recorded)."""

    years: tuple[int, ...]
    note: str
    future: tuple[int, ...] = ()

    @property
    def offered(self) -> bool:
        """Whether the note can be recorded as past participation: it names a past year, or no year at all."""
        return bool(self.years) or not self.future

    @property
    def message(self) -> str:
        if not self.offered:
            return (f"Ghi chú nói hộ đã tham gia đối thoại năm {_years(self.future)}, là năm chưa tới: không ghi "
                    "nhận; hãy kiểm tra lại ghi chú")
        text = offer_text(self.years)
        if self.future:
            text += f" (năm {_years(self.future)} chưa tới nên bỏ qua)"
        return text


def _years(years) -> str:
    return ", ".join(map(str, years))


def offer_text(years) -> str:
    """What the preview says of a note recorded as past participation."""
    when = f"năm {_years(years)}" if years else "(ghi chú không nói năm nào)"
    return f"Ghi chú cho biết hộ đã tham gia đối thoại {when}"


def past_participation(note: str, *, today: datetime.date | None = None) -> PastNote | None:
    """What a «Ghi chú» says of a past dialogue («đã tham gia đối thoại năm 2024», «dự HN đối thoại
    2022», «Đã dự hội nghị đối thoại chính sách 2023», «da du DT nam 23»); None when it says nothing of
    one, or says the household did not attend («chưa tham gia đối thoại»). Years after ``today``'s
    are kept apart (``future``)."""
    words = " ".join(re.split(r"[^0-9a-z]+", search_key(note or ""))).strip()
    if not ATTENDED.search(words) or NEGATED.search(words):
        return None
    found = {int(y) for y in YEAR.findall(words)} | {2000 + int(y) for y in SHORT_YEAR.findall(words)}
    this_year = (today or datetime.date.today()).year
    return PastNote(tuple(sorted(y for y in found if FIRST_YEAR <= y <= this_year)), note,
                             tuple(sorted(y for y in found if y > this_year)))


@transaction.atomic
def remove_past(item, *, by, request=None) -> None:
    """Delete a past participation (households.PastParticipation) recorded by mistake; audited."""
    if not can_edit_household(by, item.household):
        raise PermissionDenied
    record(by, Action.DELETE, item.household, request=request,
           description=f"Xóa ghi nhận đã tham gia đối thoại năm {item.year_text} ({item.get_source_display().lower()})",
           changes={"year": item.year, "source": item.source, "note": item.note, "batch": item.batch_id})
    type(item).objects.filter(pk=item.pk).delete()
