"""Allocated vs planned vs disbursed per sub-project, over the units a user sees, in three queries."""

from dataclasses import dataclass

from django.db.models import Sum
from django.db.models.functions import Coalesce

from areas.scope import visible_unit_ids
from budgets.models import Allocation, Disbursement, EstimateLine, SubProject
from documents.money import format_vnd

CHART_WIDTH = 100  # bars are drawn in percent of the largest amount


@dataclass
class ExecutionRow:
    sub_project: SubProject
    allocated: int = 0
    planned: int = 0
    disbursed: int = 0

    @property
    def remaining(self) -> int:
        return self.allocated - self.disbursed

    @property
    def over_plan(self) -> bool:
        return self.disbursed > self.planned

    @property
    def over_allocation(self) -> bool:
        return self.planned > self.allocated

    def bars(self, scale: int) -> list[tuple[str, str, float, int]]:
        """(label, css class, width in %, amount) of the three bars, for the SVG chart."""
        return [
            ("Được giao", "alloc", self.allocated * CHART_WIDTH / scale, self.allocated),
            ("Dự toán", "plan", self.planned * CHART_WIDTH / scale, self.planned),
            ("Đã giải ngân", "paid", self.disbursed * CHART_WIDTH / scale, self.disbursed),
        ]


def _limit(qs, user, field):
    ids = visible_unit_ids(user)
    return qs if ids is None else qs.filter(**{f"{field}__in": ids})


def execution_rows(user, year: int) -> list[ExecutionRow]:
    """One row per sub-project with money allocated, planned or paid in the year, in the user's units."""
    allocated = (_limit(Allocation.objects.filter(year=year), user, "unit")
                 .values("sub_project").annotate(total=Sum("amount")).order_by())
    effective = Coalesce("sub_project", "group__sub_project", "estimate__sub_project")
    planned = (_limit(EstimateLine.objects.filter(estimate__year=year), user, "estimate__unit")
               .annotate(sub=effective).values("sub").annotate(total=Sum("amount")))
    paid_sub = Coalesce("line__sub_project", "line__group__sub_project", "line__estimate__sub_project")
    paid = (_limit(Disbursement.objects.filter(line__estimate__year=year), user, "line__estimate__unit")
            .annotate(sub=paid_sub).values("sub").annotate(total=Sum("amount")))
    amounts: dict[int, dict[str, int]] = {}
    for key, rows, field in (("allocated", allocated, "sub_project"), ("planned", planned, "sub"),
                             ("disbursed", paid, "sub")):
        for row in rows:
            if row[field] is not None:
                amounts.setdefault(row[field], {})[key] = row["total"]
    subs = SubProject.objects.filter(pk__in=amounts).order_by("code")
    return [ExecutionRow(sub, **amounts[sub.pk]) for sub in subs]


def chart_scale(rows: list[ExecutionRow]) -> int:
    return max([1] + [max(r.allocated, r.planned, r.disbursed) for r in rows])


def warnings(rows: list[ExecutionRow]) -> list[str]:
    """Vietnamese warnings: disbursement past the plan, plan past the allocation."""
    out = []
    for row in rows:
        if row.over_plan:
            out.append(f"{row.sub_project.code}: đã giải ngân {format_vnd(row.disbursed)} đồng, "
                       f"vượt dự toán {format_vnd(row.planned)} đồng "
                       f"({format_vnd(row.disbursed - row.planned)} đồng).")
        if row.over_allocation and row.allocated:
            out.append(f"{row.sub_project.code}: dự toán {format_vnd(row.planned)} đồng vượt vốn được "
                       f"giao {format_vnd(row.allocated)} đồng.")
    return out
