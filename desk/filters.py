"""The filters a desk number stands for, shared by the desk (which counts) and the lists (which
show the rows): a number and the list it opens can never disagree.

Each list reads its desk filter from the query string (``DESK_PARAMS``) and names it above
the rows, with a link that removes it.
"""

import datetime

from django.db.models import (
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.db.models.lookups import IsNull

from budgets.models import Allocation, Disbursement, EstimateLine, StatedTotal
from dialogues.models import Attendee, SessionStatus
from households.models import BatchStatus

HELD = (SessionStatus.HELD, SessionStatus.REPORTED)
OPEN_SESSION = (SessionStatus.PLANNED, SessionStatus.SCHEDULED)


def week_start(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def parse_day(text: str | None) -> datetime.date | None:
    """A date from the query string (YYYY-MM-DD); anything else is no date, never an error."""
    try:
        return datetime.date.fromisoformat(text or "")
    except ValueError:
        return None


# Sessions -----------------------------------------------------------------------------------

def sessions_between(sessions, first: datetime.date, last: datetime.date):
    """Sessions dated from ``first`` to ``last`` (both included, local days)."""
    return sessions.filter(starts_at__date__gte=first, starts_at__date__lte=last)


def short_of_registrations(sessions, today: datetime.date):
    """Sessions still to be held (undated, or dated today or later) with fewer people registered
    ahead than their target."""
    ahead = (Attendee.objects.filter(session=OuterRef("pk"), is_walk_in=False).order_by().values("session")
             .annotate(n=Count("pk")).values("n"))
    return (sessions.filter(status__in=OPEN_SESSION)
            .filter(Q(starts_at__isnull=True, year__gte=today.year) | Q(starts_at__date__gte=today))
            .annotate(ahead=Coalesce(Subquery(ahead, output_field=IntegerField()), Value(0)))
            .filter(ahead__lt=F("target")))


def awaiting_payment(sessions):
    """Sessions held whose estimate line has nothing paid yet: the support to citizens waits."""
    paid = Disbursement.objects.filter(line=OuterRef("budget_line"))
    return sessions.filter(status__in=HELD, budget_line__isnull=False).exclude(Exists(paid))


def session_filter(params, sessions, today: datetime.date):
    """(sessions, label) for the desk filter in ``params``; label is empty when none applies."""
    first, last = parse_day(params.get("tu")), parse_day(params.get("den"))
    label = ""
    if first and last and first <= last:
        sessions = sessions_between(sessions, first, last)
        label = f"tổ chức từ {first:%d/%m/%Y} đến {last:%d/%m/%Y}"
    if params.get("thieu-dang-ky") == "1":
        sessions = short_of_registrations(sessions, today)
        label = "chưa đủ số người đăng ký so với dự kiến"
    if params.get("chua-chi") == "1":
        sessions = awaiting_payment(sessions)
        label = "đã tổ chức, chưa chi trả hỗ trợ người dân"
    return sessions, label


# Budgets ------------------------------------------------------------------------------------

EFFECTIVE_SUB = Coalesce("sub_project", "group__sub_project", "estimate__sub_project")


def _covered_parts():
    """The sum of the lines a stated total covers: its estimate's lines, those of its sub-project
    only when it names one (one subquery)."""
    covered = Q(IsNull(OuterRef("sub_project"), True)) | Q(sub=OuterRef("sub_project"))
    lines = (EstimateLine.objects.filter(estimate=OuterRef("estimate")).annotate(sub=EFFECTIVE_SUB)
             .filter(covered).order_by().values("estimate").annotate(total=Sum("amount")).values("total"))
    return Coalesce(Subquery(lines, output_field=IntegerField()), Value(0))


def open_stated_conflicts(stated=None):
    """Stated totals that differ from the sum of the lines they cover and whose difference was
    not kept (``budgets.checks.stated_total_conflicts(include_kept=False)`` in one query).

    «Differs and was not kept» is written as one test, the difference in neither 0 nor the kept
    one (0 when none was kept), so the database computes the lines' sum once per stated total."""
    stated = StatedTotal.objects.all() if stated is None else stated
    return (stated.annotate(difference=F("amount") - _covered_parts())
            .exclude(difference__in=[Value(0), Coalesce("kept_difference", Value(0))]))


def estimates_in_conflict(estimates):
    return estimates.filter(pk__in=open_stated_conflicts().values("estimate"))


def over_allocated(year: int, unit_ids=None):
    """Sub-projects whose estimated lines of ``year`` exceed a non-zero allocation, over
    ``unit_ids`` (every unit when None): the rows budgets.overview marks «vượt vốn giao»
    (``over_allocation and allocated``), as one query of the year's allocations grouped by
    sub-project, the lines' sum a subquery."""
    allocations = Allocation.objects.filter(year=year)
    lines = EstimateLine.objects.filter(estimate__year=year)
    if unit_ids is not None:
        allocations, lines = allocations.filter(unit__in=unit_ids), lines.filter(estimate__unit__in=unit_ids)
    planned = (lines.annotate(sub=EFFECTIVE_SUB).filter(sub=OuterRef("sub_project")).order_by().values("sub")
               .annotate(total=Sum("amount")).values("total"))
    return (allocations.order_by().values("sub_project").annotate(allocated=Sum("amount")).exclude(allocated=0)
            .filter(allocated__lt=Coalesce(Subquery(planned, output_field=IntegerField()), Value(0))))


# Household imports --------------------------------------------------------------------------

def unfinished_imports(batches):
    """Imports waiting for the officer: a preview to confirm, columns to match, or rows left out
    of a finished import that nobody has continued yet."""
    left = Q(status=BatchStatus.DONE, continued_by__isnull=True) & ~Q(pending={})
    return batches.filter(left | Q(status__in=(BatchStatus.PREVIEW, BatchStatus.MAPPING)))
