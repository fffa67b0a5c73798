"""A household's part in the dialogues: the sessions it was registered for or attended.

The dialogues models are looked up when asked for, so the registry keeps no import-time or
migration dependency on the dialogues app.
"""

import re
from dataclasses import dataclass

from django.apps import apps

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
NEGATED = re.compile(r"\b(?:chua|khong|ko|k|chang)\s+(?:\w+\s+){0,2}?(?:tham\s+gia|tham\s+du|du)\b")
YEAR = re.compile(r"(?<!\d)(?:19[89]\d|20\d\d)(?!\d)")


@dataclass(frozen=True)
class PastParticipation:
    """A household's note says it already attended a dialogue: the years it names (may be none)."""

    years: tuple[int, ...]
    note: str

    @property
    def message(self) -> str:
        when = ", ".join(map(str, self.years)) if self.years else "(không rõ năm)"
        return (f"Ghi chú cho biết hộ đã tham gia hội nghị đối thoại năm {when}: có thể ghi nhận là đã tham gia "
                "đối thoại")


def past_participation(note: str) -> PastParticipation | None:
    """What a «Ghi chú» says of a past dialogue («đã tham gia đối thoại năm 2024», «dự HN đối thoại
    2022», «Đã dự hội nghị đối thoại chính sách 2023»); None when it says nothing of one, or says
    the household did not attend («chưa tham gia đối thoại»)."""
    words = " ".join(re.split(r"[^0-9a-z]+", search_key(note or ""))).strip()
    if not ATTENDED.search(words) or NEGATED.search(words):
        return None
    return PastParticipation(tuple(sorted({int(y) for y in YEAR.findall(words)})), note)
