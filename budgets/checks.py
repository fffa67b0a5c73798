"""Problems of an estimate shown on its page and fed into the plan's checks."""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import F, Sum

from budgets.models import Allocation, Estimate, EstimateLine, Severity, StatedTotal
from documents.money import format_vnd
from documents.numbering import roman

# A unit price under 1.000 đồng is almost always a price typed in nghìn or triệu đồng.
SMALL_PRICE = 1_000
PERSON_UNITS = {"người", "đại biểu", "học viên", "hộ", "lượt người", "người/ngày", "thành viên"}


@dataclass(frozen=True)
class Problem:
    blocking: bool
    message: str
    where: str


def stated_total_problem(stated: int, parts: int, where: str) -> Problem | None:
    """A blocking problem when a stated total differs from the sum of its parts, with the difference."""
    if stated == parts:
        return None
    diff = stated - parts
    sign = "lớn hơn" if diff > 0 else "nhỏ hơn"
    return Problem(
        True,
        f"Tổng ghi {format_vnd(stated)} đồng {sign} tổng các khoản ({format_vnd(parts)} đồng) "
        f"{format_vnd(abs(diff))} đồng.",
        where,
    )


@dataclass(frozen=True)
class StatedConflict:
    """A total stated in the plan or the allocation beside the sum of the lines it covers."""

    stated: StatedTotal
    parts: int

    @property
    def difference(self) -> int:
        return self.stated.amount - self.parts

    @property
    def kept(self) -> bool:
        """The user recorded that this very difference is kept (a later change of either figure reopens it)."""
        return self.stated.kept_difference is not None and self.stated.kept_difference == self.difference

    @property
    def label(self) -> str:
        sub = self.stated.sub_project
        return f"{sub.code} – {sub.name}" if sub else "Cả dự toán"

    @property
    def message(self) -> str:
        where = f" ({self.stated.source})" if self.stated.source else ""
        text = (f"{self.label}: tổng ghi{where} {format_vnd(self.stated.amount)} đồng, tổng các khoản "
                f"{format_vnd(self.parts)} đồng, chênh lệch {signed_vnd(self.difference)} đồng")
        if self.kept:
            return text + f"; đã ghi nhận giữ chênh lệch: {self.stated.kept_reason}."
        return text + "; hãy sửa một trong hai số hoặc ghi nhận giữ chênh lệch (kèm lý do)."

    @property
    def signed_difference(self) -> str:
        return signed_vnd(self.difference)


def signed_vnd(amount: int) -> str:
    return ("+" if amount > 0 else "−" if amount < 0 else "") + format_vnd(abs(amount))


def stated_totals(estimate: Estimate) -> list[StatedConflict]:
    """Every stated total of the estimate (the whole estimate first) with the sum of the lines it covers."""
    return _stated_by_estimate([estimate.pk]).get(estimate.pk, [])


def stated_conflicts_by_estimate(estimate_ids) -> dict[int, list[StatedConflict]]:
    """The stated totals that differ from their parts, kept or not, of each of the estimates (a list
    page's): two queries, whatever their number."""
    found = {pk: [c for c in stated if c.difference] for pk, stated in _stated_by_estimate(estimate_ids).items()}
    return {pk: conflicts for pk, conflicts in found.items() if conflicts}


def _stated_by_estimate(estimate_ids) -> dict[int, list[StatedConflict]]:
    """Each estimate's stated totals (the whole estimate first) with the sum of the lines each covers:
    one query, and a second only when some total is stated (most estimates state none)."""
    from budgets.exports import EFFECTIVE_SUB

    stated_list = list(StatedTotal.objects.filter(estimate__in=list(estimate_ids)).select_related("sub_project")
                       .order_by("estimate", F("sub_project__order").asc(nulls_first=True), "sub_project__code", "pk"))
    if not stated_list:
        return {}
    rows = (EstimateLine.objects.filter(estimate__in={s.estimate_id for s in stated_list})
            .annotate(sub=EFFECTIVE_SUB).values("estimate", "sub").annotate(total=Sum("amount")))
    by_sub: dict[tuple[int, int | None], int] = {}
    whole: dict[int, int] = defaultdict(int)
    for row in rows:
        by_sub[(row["estimate"], row["sub"])] = row["total"]
        whole[row["estimate"]] += row["total"]
    found: dict[int, list[StatedConflict]] = defaultdict(list)
    for stated in stated_list:
        parts = (whole[stated.estimate_id] if stated.sub_project_id is None
                 else by_sub.get((stated.estimate_id, stated.sub_project_id), 0))
        found[stated.estimate_id].append(StatedConflict(stated, parts))
    return dict(found)


def stated_total_conflicts(estimate: Estimate, *, include_kept: bool = True) -> list[StatedConflict]:
    """The stated totals that differ from their parts; a kept difference only with ``include_kept``."""
    return [c for c in stated_totals(estimate) if c.difference and (include_kept or not c.kept)]


def below_paid(lowered: dict[int, tuple[str, int]]) -> list[str]:
    """For lines (id → content, new amount) an import or an undo would lower, one message each
    whose new amount falls under what was already paid on it (one query)."""
    if not lowered:
        return []
    from budgets.models import Disbursement

    paid = (Disbursement.objects.filter(line__in=list(lowered)).values("line").annotate(total=Sum("amount"))
            .order_by("line").values_list("line", "total"))
    return [f"Dòng «{lowered[pk][0]}» đã giải ngân {format_vnd(total)} đồng, lớn hơn thành tiền mới "
            f"{format_vnd(lowered[pk][1])} đồng; hãy giữ số cũ của dòng này trong tệp."
            for pk, total in paid if total > lowered[pk][1]]


def line_problems(line: EstimateLine, where: str) -> list[Problem]:
    """Problems of one line on its own: quantities, prices, funding source, magnitude, norm."""
    problems = []
    if line.quantity <= 0:
        problems.append(Problem(True, "Số lượng phải lớn hơn 0.", where))
    elif line.unit_of_measure.strip().lower() in PERSON_UNITS and line.quantity != int(line.quantity):
        problems.append(Problem(True, f"Số lượng {line.unit_of_measure} phải là số nguyên.", where))
    if line.days is not None and line.days <= 0:
        problems.append(Problem(True, "Số ngày/buổi phải lớn hơn 0 (hoặc để trống).", where))
    if line.unit_price <= 0:
        problems.append(Problem(True, "Đơn giá phải lớn hơn 0.", where))
    elif line.unit_price < SMALL_PRICE:
        problems.append(Problem(
            False, f"Đơn giá {format_vnd(line.unit_price)} đồng rất nhỏ: có thể đã nhập theo "
            "nghìn đồng hoặc triệu đồng thay vì đồng.", where))
    if line.funding_source_id is None:
        problems.append(Problem(True, "Chưa ghi nguồn vốn.", where))
    if line.norm_id and line.unit_price > line.norm.amount:
        norm = line.norm
        problems.append(Problem(
            norm.severity == Severity.ERROR,
            f"Đơn giá {format_vnd(line.unit_price)} đồng vượt định mức «{norm.name}» "
            f"{format_vnd(norm.amount)} đồng/{norm.unit_of_measure}"
            f"{' (mức minh hoạ)' if norm.illustrative else ''}.", where))
    return problems


def _lines(estimate: Estimate):
    return (estimate.lines.select_related("group", "norm", "funding_source", "sub_project")
            .order_by("group__order", "group_id", "order", "pk"))


def estimate_problems(estimate: Estimate) -> list[Problem]:
    """Every problem of the estimate: its lines, then over-allocation (blocking) per sub-project and source."""
    problems = []
    numbers: dict[int, int] = {}
    for line in _lines(estimate):
        group_no = numbers.setdefault(line.group_id, len(numbers) + 1)
        where = f"Nhóm {roman(group_no)}, dòng «{line.content}»"
        problems += line_problems(line, where)
        if line.effective_sub_project_id(line.group, estimate) is None:
            problems.append(Problem(True, "Chưa xác định tiểu dự án.", where))
    stated = [Problem(not c.kept, c.message, "Tổng kinh phí ghi trong văn bản")
              for c in stated_total_conflicts(estimate)]
    return stated + problems + allocation_problems(estimate)


def planned_by_key(unit_id: int, year: int) -> dict[tuple[int, int], int]:
    """Planned amounts of every estimate of the unit and year, by (sub-project, funding source)."""
    planned: dict[tuple[int, int], int] = defaultdict(int)
    lines = EstimateLine.objects.filter(estimate__unit_id=unit_id, estimate__year=year)
    rows = lines.values("sub_project_id", "group__sub_project_id", "estimate__sub_project_id",
                        "funding_source_id").annotate(total=Sum("amount"))
    for row in rows:
        sub = row["sub_project_id"] or row["group__sub_project_id"] or row["estimate__sub_project_id"]
        if sub and row["funding_source_id"]:
            planned[(sub, row["funding_source_id"])] += row["total"]
    return planned


def allocation_problems(estimate: Estimate) -> list[Problem]:
    """Blocking problems where the unit's estimates for the year exceed what was allocated."""
    planned = planned_by_key(estimate.unit_id, estimate.year)
    mine = planned_by_key_for(estimate)
    allocated = _allocated(estimate.unit_id, estimate.year)
    names = _names(mine)
    problems = []
    for key in sorted(mine, key=lambda k: names[k]):
        given, total = allocated.get(key, 0), planned[key]
        if given == 0:
            problems.append(Problem(
                False, f"{names[key]}: chưa có quyết định giao vốn cho {estimate.unit} năm "
                f"{estimate.year}.", "Đối chiếu vốn được giao"))
        elif total > given:
            problems.append(Problem(
                True, f"{names[key]}: dự toán năm {estimate.year} của {estimate.unit} là "
                f"{format_vnd(total)} đồng, vượt {format_vnd(total - given)} đồng so với vốn được "
                f"giao {format_vnd(given)} đồng.", "Đối chiếu vốn được giao"))
    return problems


def planned_by_key_for(estimate: Estimate) -> dict[tuple[int, int], int]:
    planned: dict[tuple[int, int], int] = defaultdict(int)
    for line in estimate.lines.select_related("group"):
        sub = line.effective_sub_project_id(line.group, estimate)
        if sub and line.funding_source_id:
            planned[(sub, line.funding_source_id)] += line.amount
    return planned


def _allocated(unit_id: int, year: int) -> dict[tuple[int, int], int]:
    rows = (Allocation.objects.filter(unit_id=unit_id, year=year)
            .values("sub_project_id", "funding_source_id").annotate(total=Sum("amount")))
    return {(r["sub_project_id"], r["funding_source_id"]): r["total"] for r in rows}


def _names(keys) -> dict[tuple[int, int], str]:
    from budgets.models import FundingSource, SubProject

    subs = dict(SubProject.objects.filter(pk__in={k[0] for k in keys}).values_list("pk", "code"))
    sources = {s.pk: str(s) for s in FundingSource.objects.filter(pk__in={k[1] for k in keys})}
    return {k: f"{subs[k[0]]}, {sources[k[1]]}" for k in keys}
