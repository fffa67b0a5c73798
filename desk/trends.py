"""The desk's small charts: sessions held per quarter and petitions answered on time per quarter,
for the current year in the role's units (one grouped query each)."""

import datetime

from django.db.models import Count, IntegerField, Q
from django.db.models.functions import Coalesce, ExtractQuarter

from areas.models import Role
from areas.scope import units_in_role
from desk.filters import HELD
from dialogues.models import DialogueSession, Petition, Quarter
from rollup import rules
from rollup.charts import column_chart

QUARTERS = [label.replace("Quý ", "Q.") for _, label in Quarter.choices]
SESSION_QUARTER = Coalesce(ExtractQuarter("starts_at"), "quarter", output_field=IntegerField())


def sessions_per_quarter(units, year: int) -> tuple[list[int], list[int]]:
    """(planned, held) per quarter: a session counts in its date's quarter, else its planned one."""
    rows = (DialogueSession.objects.filter(commune__in=units, year=year).annotate(q=SESSION_QUARTER)
            .values("q").annotate(planned=Count("pk"), held=Count("pk", filter=Q(status__in=HELD))).order_by())
    planned, held = [0] * 4, [0] * 4
    for row in rows:
        if row["q"]:
            planned[row["q"] - 1], held[row["q"] - 1] = row["planned"], row["held"]
    return planned, held


def on_time_per_quarter(units, year: int, today: datetime.date) -> list[int] | None:
    """Percent of petitions answered on time among those that can be judged, per session quarter;
    ``None`` when no petition can be judged yet."""
    rows = (Petition.objects.filter(session__commune__in=units, session__year=year)
            .annotate(q=Coalesce(ExtractQuarter("session__starts_at"), "session__quarter",
                                output_field=IntegerField())).values("q")
            .annotate(judged=Count("pk", filter=rules.judged(today)), on_time=Count("pk", filter=rules.ON_TIME))
            .order_by())
    shares, judged = [0] * 4, False
    for row in rows:
        if row["q"] and row["judged"]:
            shares[row["q"] - 1] = round(row["on_time"] * 100 / row["judged"])
            judged = True
    return shares if judged else None


def chart_for(role, user, today: datetime.date) -> str:
    """The role's chart, or an empty string where no trend helps."""
    if role in (Role.LEADER, Role.PLANNER):
        planned, held = sessions_per_quarter(units_in_role(user, role), today.year)
        return column_chart(f"Hội nghị đối thoại năm {today.year}", QUARTERS,
                            [("Kế hoạch", planned), ("Đã tổ chức", held)])
    if role == Role.COMMUNE_STAFF:
        shares = on_time_per_quarter(units_in_role(user, role), today.year, today)
        return column_chart(f"Ý kiến được trả lời đúng hạn năm {today.year}", QUARTERS,
                            [("Đúng hạn", shares or [0] * 4)], suffix="%", top=100 if shares else 0)
    return ""
