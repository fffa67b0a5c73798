"""The roll-up's budget: allocated, estimated and disbursed per component (Dự án) and funding
source, over the units reached, in đồng (three grouped sums in one query, and two small look-ups)."""

from dataclasses import dataclass

from django.db.models import F, Sum, Value
from django.db.models.functions import Coalesce

from budgets.models import Allocation, Disbursement, EstimateLine, FundingSource, SubProject

NO_SOURCE = "Chưa ghi nguồn vốn"
NO_COMPONENT = "Chưa gắn dự án"


@dataclass
class BudgetRow:
    component: str
    source: str
    allocated: int = 0
    estimated: int = 0
    disbursed: int = 0


def budget_rows(reached, year: int) -> list[BudgetRow]:
    """One row per (component, funding source) with money allocated, estimated or paid in the year."""
    sub = Coalesce("sub_project", "group__sub_project", "estimate__sub_project")
    paid_sub = Coalesce("line__sub_project", "line__group__sub_project", "line__estimate__sub_project")
    kinds = ("allocated", "estimated", "disbursed")
    sums = [
        Allocation.objects.filter(unit__in=reached, year=year)
        .values(sub_id=F("sub_project"), source_id=F("funding_source")),
        EstimateLine.objects.filter(estimate__unit__in=reached, estimate__year=year)
        .values(sub_id=sub, source_id=F("funding_source")),
        Disbursement.objects.filter(line__estimate__unit__in=reached, line__estimate__year=year)
        .values(sub_id=paid_sub, source_id=F("line__funding_source")),
    ]
    sums = [rows.order_by().annotate(total=Sum("amount"), kind=Value(k)) for k, rows in enumerate(sums)]
    amounts: dict[tuple, dict[str, int]] = {}
    for row in sums[0].union(*sums[1:], all=True):  # the three sums in one round trip
        money = amounts.setdefault((row["sub_id"], row["source_id"]), {})
        money[kinds[row["kind"]]] = money.get(kinds[row["kind"]], 0) + row["total"]
    subs = {s.pk: s for s in SubProject.objects.filter(pk__in={k[0] for k in amounts}).select_related("component")}
    names = {pk: (order, name) for pk, order, name in FundingSource.objects.filter(
        pk__in={k[1] for k in amounts}).values_list("pk", "order", "name")}
    grouped: dict[tuple, BudgetRow] = {}
    for (sub_id, source_id), money in amounts.items():
        component = subs[sub_id].component if sub_id in subs else None
        order = (component.order, component.code) if component else (999, "")
        label = f"{component.code} – {component.name}" if component else NO_COMPONENT
        key = (order, label, names.get(source_id, (999, NO_SOURCE)))
        row = grouped.setdefault(key, BudgetRow(label, key[2][1]))
        row.allocated += money.get("allocated", 0)
        row.estimated += money.get("estimated", 0)
        row.disbursed += money.get("disbursed", 0)
    return [grouped[key] for key in sorted(grouped)]
