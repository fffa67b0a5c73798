"""An estimate as the table everyone reads: groups with Roman numerals, lines, subtotals, total.

The page, the plan appendix and the finance-office spreadsheet all read this one structure,
so they always show the same numbers.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch, Sum
from django.db.models.functions import Coalesce

from budgets.models import Estimate, EstimateGroup, EstimateLine
from documents.money import format_vnd, vi_money_words
from documents.numbering import roman


@dataclass
class GroupRows:
    numeral: str
    group: EstimateGroup
    lines: list[EstimateLine] = field(default_factory=list)

    @property
    def subtotal(self) -> int:
        return sum(line.amount for line in self.lines)


@dataclass
class EstimateTable:
    estimate: Estimate
    groups: list[GroupRows]

    @property
    def total(self) -> int:
        return sum(g.subtotal for g in self.groups)

    @property
    def words(self) -> str:
        return vi_money_words(self.total)

    @property
    def paid(self) -> int:
        return sum(line.paid for g in self.groups for line in g.lines)

    @property
    def line_count(self) -> int:
        return sum(len(g.lines) for g in self.groups)


def estimate_table(estimate: Estimate) -> EstimateTable:
    """The estimate's groups in order with their lines, in two queries."""
    lines = (EstimateLine.objects.select_related("funding_source", "sub_project", "norm")
             .annotate(paid=Coalesce(Sum("disbursements__amount"), 0)).order_by("order", "pk"))
    groups = (estimate.groups.select_related("sub_project")
              .prefetch_related(Prefetch("lines", queryset=lines)).order_by("order", "pk"))
    return EstimateTable(estimate, [
        GroupRows(roman(i), g, list(g.lines.all())) for i, g in enumerate(groups, start=1)
    ])


def number_text(value: Decimal | int | None) -> str:
    """A quantity as Vietnamese writes it: "50", "1,5", "12.500"; empty for None."""
    if value is None:
        return ""
    value = Decimal(value)
    whole = int(value)
    text = format_vnd(whole) if whole >= 0 else "-" + format_vnd(-whole)
    fraction = abs(value - whole).normalize()
    if fraction:
        text += "," + str(fraction).split(".")[1]
    return text


def in_display_unit(amount: int, unit: int) -> str:
    """An amount of đồng shown in đồng, nghìn đồng or triệu đồng, exact (decimals with ",")."""
    if unit == 1:
        return format_vnd(amount) if amount >= 0 else "-" + format_vnd(-amount)
    return number_text(Decimal(amount) / unit)
