"""The attendee mix of a session against what the plan aimed for (women, ethnic minorities, first-timers)."""

from dataclasses import dataclass

from dialogues.models import DialogueSession


@dataclass
class Share:
    label: str
    count: int
    total: int
    aim: int | None

    @property
    def percent(self) -> int:
        return round(self.count * 100 / self.total) if self.total else 0

    @property
    def below_aim(self) -> bool:
        return self.aim is not None and self.total > 0 and self.percent < self.aim


def session_mix(session: DialogueSession, *, present_only: bool = False) -> list[Share]:
    """Shares of women, ethnic minorities and first-timers among the listed (or present) attendees."""
    attendees = session.attendees.select_related("ethnic_group")
    if present_only:
        attendees = attendees.filter(present=True)
    rows = list(attendees)
    total = len(rows)
    return [
        Share("Nữ", sum(a.gender == "F" for a in rows), total, session.women_share),
        Share("Dân tộc thiểu số", sum(a.is_ethnic_minority for a in rows), total, session.minority_share),
        Share("Lần đầu tham dự", sum(a.first_time for a in rows), total, session.first_timer_share),
    ]
