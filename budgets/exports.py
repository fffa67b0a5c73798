"""The rows of the finance-office spreadsheet, streamed from the database sheet by sheet.

Rows are read with ``iterator()`` and group subtotals by one aggregate query, so the writer
never holds more than one chunk of lines in memory whatever the size of the estimate.
"""

from collections.abc import Iterator
from dataclasses import dataclass, field

from django.db.models import Count, FloatField, Sum
from django.db.models.functions import Cast, Coalesce

from budgets.models import Estimate, EstimateLine, FundingSource, SubProject

UNSORTED = "Chưa phân loại"
EFFECTIVE_SUB = Coalesce("sub_project", "group__sub_project", "estimate__sub_project")
# Quantities come as the floats the sheet writes (the database rounds to the nearest double, as
# float(Decimal) does), not as Decimals that SQLite's backend builds and rounds for every line first.
LINE_FIELDS = ("group_id", "content", "unit_of_measure", Cast("quantity", FloatField()),
               Cast("days", FloatField()), "unit_price", "amount", "note", "funding_source_id")


@dataclass
class SheetGroup:
    group_id: int
    title: str
    subtotal: int
    line_count: int


@dataclass
class SheetPlan:
    """One sheet: the lines of one sub-project (or of none), by group."""

    sub_project: SubProject | None
    groups: list[SheetGroup] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.sub_project.code if self.sub_project else UNSORTED

    @property
    def total(self) -> int:
        return sum(g.subtotal for g in self.groups)


def _lines(estimate: Estimate):
    return EstimateLine.objects.filter(estimate=estimate).annotate(sub=EFFECTIVE_SUB)


def line_totals(estimate: Estimate) -> list[dict]:
    """Sums and counts of the lines by sheet, group and funding source, in group order: one query
    for both the sheets' groups (``sheet_plans``) and the summary's matrix (``summary_matrix``)."""
    return list(_lines(estimate).values("sub", "group_id", "group__title", "group__order", "funding_source__code")
                .annotate(total=Sum("amount"), count=Count("pk")).order_by("group__order", "group_id"))


def sheet_plans(estimate: Estimate, *, totals: list[dict] | None = None) -> list[SheetPlan]:
    """The sheets in sub-project code order, each with its groups' titles and subtotals."""
    groups: dict[tuple[int | None, int], SheetGroup] = {}
    for row in line_totals(estimate) if totals is None else totals:
        group = groups.setdefault((row["sub"], row["group_id"]),
                                  SheetGroup(row["group_id"], row["group__title"], 0, 0))
        group.subtotal += row["total"]
        group.line_count += row["count"]
    subs = {s.pk: s for s in SubProject.objects.filter(pk__in={sub for sub, _ in groups} - {None})}
    plans: dict[int | None, SheetPlan] = {}
    for (sub, _group_id), group in groups.items():
        plans.setdefault(sub, SheetPlan(subs.get(sub))).groups.append(group)
    return sorted(plans.values(), key=lambda p: (p.sub_project is None, p.name))


def sheet_lines(estimate: Estimate, plan: SheetPlan) -> Iterator[tuple]:
    """The sheet's lines as tuples of LINE_FIELDS, in group then line order, streamed."""
    sub_id = plan.sub_project.pk if plan.sub_project else None
    lines = _lines(estimate).filter(sub=sub_id) if sub_id else _lines(estimate).filter(sub__isnull=True)
    return lines.order_by("group__order", "group_id", "order", "pk").values_list(
        *LINE_FIELDS).iterator(chunk_size=2000)


def summary_matrix(estimate: Estimate, *, totals: list[dict] | None = None
                   ) -> tuple[list[str], list[str], dict[tuple[str, str], int]]:
    """Sub-project × funding source amounts: (row names, column codes, amounts)."""
    subs = dict(SubProject.objects.values_list("pk", "code"))
    matrix: dict[tuple[str, str], int] = {}
    for row in line_totals(estimate) if totals is None else totals:
        key = (subs.get(row["sub"], UNSORTED), row["funding_source__code"] or "")
        matrix[key] = matrix.get(key, 0) + row["total"]
    names = sorted({k[0] for k in matrix}, key=lambda n: (n == UNSORTED, n))
    order = list(FundingSource.objects.values_list("code", flat=True))
    codes = [c for c in order if any(k[1] == c for k in matrix)]
    if any(k[1] == "" for k in matrix):
        codes.append("")
    return names, codes, matrix
