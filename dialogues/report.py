"""The figures of a plan's result report, counted from the sessions, attendance and petitions."""

from collections import Counter
from dataclasses import dataclass, field

from django.utils import timezone

from dialogues.models import (
    Attendee,
    DialogueSession,
    Petition,
    PetitionStatus,
    PolicyField,
    SessionStatus,
)
from households.models import HouseholdClass
from vntext.collation import vi_sort_key

DONE = (SessionStatus.HELD, SessionStatus.REPORTED)


@dataclass
class SessionLine:
    session: DialogueSession
    present: int
    women: int
    minority: int
    first_time: int
    petitions: int


@dataclass
class Figures:
    planned: int = 0
    held: int = 0
    target: int = 0
    present: int = 0
    women: int = 0
    men: int = 0
    minority: int = 0
    first_time: int = 0
    by_ethnicity: list[tuple[str, int]] = field(default_factory=list)
    by_class: list[tuple[str, int]] = field(default_factory=list)
    petitions: int = 0
    by_field: list[tuple[str, int]] = field(default_factory=list)
    by_status: list[tuple[str, int]] = field(default_factory=list)
    overdue: int = 0
    lines: list[SessionLine] = field(default_factory=list)


def session_order(session: DialogueSession) -> tuple:
    """A report's order: sessions by their day (hour ignored), then those not yet dated by their
    planned quarter; within one day, the communes in Vietnamese alphabetical order."""
    day = session.day
    return (day is None, day or session.reference_date, vi_sort_key(session.commune.name), session.pk)


def _labelled(counter: Counter, choices) -> list[tuple[str, int]]:
    return [(label, counter[value]) for value, label in choices if counter[value]]


def plan_figures(plan) -> Figures:
    """Sessions held against planned; people who came by gender, ethnicity, class; petitions by field and status."""
    sessions = sorted(plan.dialogue_sessions.select_related("commune"), key=session_order)
    people = list(Attendee.objects.filter(session__plan=plan, session__status__in=DONE, present=True)
                  .select_related("ethnic_group"))
    petitions = list(Petition.objects.filter(session__plan=plan))
    figures = Figures(planned=len(sessions), held=sum(s.status in DONE for s in sessions),
                      target=sum(s.target for s in sessions), present=len(people),
                      women=sum(p.gender == "F" for p in people), men=sum(p.gender == "M" for p in people),
                      minority=sum(p.is_ethnic_minority for p in people),
                      first_time=sum(p.first_time for p in people), petitions=len(petitions))
    ethnic = Counter(p.ethnic_group.name if p.ethnic_group else "Chưa ghi" for p in people)
    figures.by_ethnicity = ethnic.most_common()
    figures.by_class = _labelled(Counter(p.household_class or HouseholdClass.OTHER for p in people),
                                 HouseholdClass.choices)
    figures.by_field = _labelled(Counter(p.policy_field for p in petitions), PolicyField.choices)
    figures.by_status = _labelled(Counter(p.status for p in petitions), PetitionStatus.choices)
    today = timezone.localdate()
    figures.overdue = sum(p.is_overdue(today) for p in petitions)
    figures.lines = [_line(s, people, petitions) for s in sessions]
    return figures


def _line(session, people, petitions) -> SessionLine:
    mine = [p for p in people if p.session_id == session.pk]
    return SessionLine(session, len(mine), sum(p.gender == "F" for p in mine),
                       sum(p.is_ethnic_minority for p in mine), sum(p.first_time for p in mine),
                       sum(p.session_id == session.pk for p in petitions))


def percent(part: int, whole: int) -> str:
    return f"{part * 100 / whole:.1f}".replace(".", ",") + "%" if whole else "0%"
