"""Every write on budgets, each one transaction, each checking its permission first."""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max, Sum

from audit.models import Action
from audit.services import diff, record
from budgets import permissions as perms
from budgets.catalog import check_sub_project_in_year
from budgets.models import (
    Allocation,
    AllocationDecision,
    Disbursement,
    Estimate,
    EstimateGroup,
    EstimateLine,
    StatedTotal,
    SubProject,
)
from budgets.models.execution import voucher_key
from budgets.tables import estimate_table
from documents.dates import short_date
from documents.money import format_vnd
from vntext import nfc

LINE_FIELDS = ("content", "unit_of_measure", "quantity", "days", "unit_price", "note",
               "funding_source", "sub_project", "norm")


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _next_order(qs) -> int:
    return (qs.aggregate(m=Max("order"))["m"] or 0) + 1


def _lock(model, pk) -> None:
    """Lock one row until the transaction ends, so that the same form sent twice at once is seen twice."""
    model.objects.select_for_update().filter(pk=pk).first()


def _same_text(a: str, b: str) -> bool:
    return nfc(a).casefold() == nfc(b).casefold()


@transaction.atomic
def create_estimate(unit, *, by, year: int, title: str, sub_project=None,
                    display_unit: int = 1, request=None) -> Estimate:
    """Create an empty estimate for a unit the user may edit."""
    _require(perms.can_edit_unit_estimates(by, unit))
    check_sub_project_in_year(sub_project, year)
    _lock(type(unit), unit.pk)
    if any(_same_text(other, title) for other in Estimate.objects.filter(unit=unit, year=year)
           .values_list("title", flat=True)):
        raise ValidationError({"title": f"Đơn vị đã có dự toán «{nfc(title)}» năm {year}; không tạo lại."})
    estimate = Estimate.objects.create(unit=unit, year=year, title=nfc(title), sub_project=sub_project,
                                       display_unit=display_unit, created_by=by)
    record(by, Action.CREATE, estimate, request=request)
    return estimate


@transaction.atomic
def update_estimate(estimate: Estimate, *, by, request=None, **fields) -> Estimate:
    """Change the heading fields of an estimate (title, year, default sub-project, display unit)."""
    _require(perms.can_edit_estimate(by, estimate))
    for name, value in fields.items():
        setattr(estimate, name, nfc(value) if isinstance(value, str) else value)
    estimate.save()
    record(by, Action.CHANGE, estimate, changes={k: str(v) for k, v in fields.items()}, request=request)
    return estimate


@transaction.atomic
def add_group(estimate: Estimate, *, by, title: str, sub_project=None, request=None) -> EstimateGroup:
    """Append a group (numbered I, II, … by position) to an estimate."""
    _require(perms.can_edit_estimate(by, estimate))
    _lock(Estimate, estimate.pk)
    for other in estimate.groups.filter(sub_project=sub_project):
        if _same_text(other.title, title):
            raise ValidationError(f"Dự toán đã có nhóm «{other.title}»; không thêm lại.")
    group = EstimateGroup.objects.create(estimate=estimate, title=nfc(title), sub_project=sub_project,
                                         order=_next_order(estimate.groups))
    record(by, Action.CREATE, group, request=request)
    return group


@transaction.atomic
def update_group(group: EstimateGroup, *, by, title: str, sub_project=None, request=None) -> EstimateGroup:
    """Rename a group or change its sub-project."""
    _require(perms.can_edit_estimate(by, group.estimate))
    before = {"title": group.title, "sub_project": str(group.sub_project or "")}
    group.title, group.sub_project = nfc(title), sub_project
    group.save()
    after = {"title": group.title, "sub_project": str(group.sub_project or "")}
    record(by, Action.CHANGE, group, changes=diff(before, after), request=request)
    return group


@transaction.atomic
def delete_group(group: EstimateGroup, *, by, request=None) -> None:
    """Delete a group and its lines, unless money was already paid against one of them."""
    _require(perms.can_edit_estimate(by, group.estimate))
    if Disbursement.objects.filter(line__group=group).exists():
        raise ValidationError(f"Nhóm «{group.title}» có khoản đã giải ngân nên không thể xoá.")
    record(by, Action.DELETE, group, request=request)
    group.delete()


def _prepare_line(line: EstimateLine, values: dict) -> EstimateLine:
    for name in LINE_FIELDS:
        if name in values:
            value = values[name]
            setattr(line, name, nfc(value) if isinstance(value, str) else value)
    if line.quantity is not None:
        line.quantity = Decimal(line.quantity)
    line.amount = line.compute_amount()
    return line


def _set_line(line: EstimateLine, values: dict) -> EstimateLine:
    _prepare_line(line, values).save()
    return line


def _same_line(line: EstimateLine) -> EstimateLine | None:
    """A line of the group identical in every value typed (a double submit of the line form)."""
    lookup = {}
    for name in ("quantity", "days", "unit_price", "funding_source_id", "sub_project_id", "norm_id"):
        value = getattr(line, name)
        lookup.update({name: value} if value is not None else {f"{name}__isnull": True})
    candidates = line.group.lines.filter(**lookup)
    for other in candidates:
        if all(_same_text(getattr(other, n), getattr(line, n)) for n in ("content", "unit_of_measure", "note")):
            return other
    return None


@transaction.atomic
def add_line(group: EstimateGroup, *, by, request=None, **values) -> EstimateLine:
    """Append a line to a group; its amount is computed from quantity × days × unit price."""
    _require(perms.can_edit_estimate(by, group.estimate))
    _lock(Estimate, group.estimate_id)
    line = EstimateLine(estimate=group.estimate, group=group, order=_next_order(group.lines))
    _prepare_line(line, values)
    if twin := _same_line(line):
        raise ValidationError(f"Nhóm đã có dòng «{twin.content}» với cùng số lượng, đơn giá và ghi chú; "
                              "không thêm lại (nếu cần, hãy tăng số lượng của dòng đó).")
    line.save()
    record(by, Action.CREATE, line, changes={"amount": line.amount}, request=request)
    return line


@transaction.atomic
def update_line(line: EstimateLine, *, by, request=None, **values) -> EstimateLine:
    """Change a line and recompute its amount; it may not fall under what was already paid."""
    _require(perms.can_edit_estimate(by, line.estimate))
    before = line.amount
    _set_line(line, values)
    paid = line.disbursements.aggregate(s=Sum("amount"))["s"] or 0
    if line.amount < paid:
        raise ValidationError(
            f"Dòng «{line.content}» đã giải ngân {paid:,} đồng, lớn hơn thành tiền mới.".replace(",", ".")
        )
    record(by, Action.CHANGE, line, changes={"amount": [before, line.amount]}, request=request)
    return line


@transaction.atomic
def delete_line(line: EstimateLine, *, by, request=None) -> None:
    """Delete a line unless money was already paid against it."""
    _require(perms.can_edit_estimate(by, line.estimate))
    if line.disbursements.exists():
        raise ValidationError(f"Dòng «{line.content}» đã có giải ngân nên không thể xoá.")
    record(by, Action.DELETE, line, request=request)
    line.delete()


def _voucher_taken(line: EstimateLine, number: str) -> ValidationError | None:
    earlier = line.disbursements.filter(voucher_key=voucher_key(number)).first()
    if earlier is None:
        return None
    return ValidationError({"voucher_number": (
        f"Chứng từ «{earlier.voucher_number}» đã được ghi cho dòng này ngày {short_date(earlier.date)} "
        f"({format_vnd(earlier.amount)} đồng); không ghi lại. Nếu là chứng từ khác, hãy kiểm tra lại số chứng từ.")})


def _overrun(line: EstimateLine, amount: int) -> int:
    """How far a new payment of ``amount`` would take the line beyond its amount (0 when it fits)."""
    paid = line.disbursements.aggregate(s=Sum("amount"))["s"] or 0
    return max(0, paid + amount - line.amount)


@transaction.atomic
def record_disbursement(line: EstimateLine, *, by, date, voucher_number: str, amount: int,
                        note: str = "", overrun_reason: str = "", request=None) -> Disbursement:
    """Record a payment against a line, once per voucher and within the line's remaining amount.

    A payment beyond it is refused unless the finance officer records the over-run's reason (audited).
    """
    _require(perms.can_record_disbursement(by, line.estimate))
    if amount <= 0:
        raise ValidationError("Số tiền giải ngân phải lớn hơn 0.")
    number, reason = nfc(voucher_number), nfc(overrun_reason).strip()
    if not voucher_key(number):
        raise ValidationError({"voucher_number": "Số chứng từ phải có chữ hoặc số."})
    _lock(EstimateLine, line.pk)  # two payments at once must see each other's amount
    if taken := _voucher_taken(line, number):
        raise taken
    line.refresh_from_db(fields=["amount"])
    if (over := _overrun(line, amount)) and not reason:
        remaining = max(0, amount - over)
        raise ValidationError({"amount": (
            f"Khoản chi {format_vnd(amount)} đồng vượt phần còn lại của dòng «{line.content}» "
            f"({format_vnd(remaining)} đồng) {format_vnd(over)} đồng. Không ghi. Nếu khoản chi vượt là đúng, "
            "hãy ghi «Lý do chi vượt dòng dự toán».")})
    try:
        with transaction.atomic():
            payment = Disbursement.objects.create(line=line, date=date, voucher_number=number, amount=amount,
                                                  note=nfc(note), overrun_reason=reason if over else "",
                                                  created_by=by)
    except IntegrityError:
        # The same voucher sent twice at once: the other request wrote it between the check and here.
        raise _voucher_taken(line, number) or ValidationError("Không ghi được khoản giải ngân; hãy thử lại.") \
            from None
    changes = {"amount": amount} | ({"overrun": over, "overrun_reason": reason} if over else {})
    record(by, Action.CREATE, payment, changes=changes, request=request)
    return payment


@transaction.atomic
def create_decision(unit, *, by, number: str, date, issuer: str, title: str = "",
                    request=None) -> AllocationDecision:
    """Record an allocation decision of a unit after checking its number and date."""
    _require(perms.can_manage_allocations(by, unit))
    decision = AllocationDecision(unit=unit, number=number, date=date, issuer=issuer, title=title)
    decision.full_clean(validate_constraints=False)
    if AllocationDecision.objects.filter(unit=unit, number=decision.number, date=date).exists():
        raise _decision_taken(decision)
    try:
        with transaction.atomic():
            decision.save()
    except IntegrityError:  # the same form sent twice at once: the other request saved it first
        raise _decision_taken(decision) from None
    record(by, Action.CREATE, decision, request=request)
    return decision


def _decision_taken(decision: AllocationDecision) -> ValidationError:
    return ValidationError({"number": f"{decision} của đơn vị này đã được ghi; không ghi lại."})


DECISION_FIELDS = ("number", "date", "issuer", "title")


@transaction.atomic
def update_decision(decision: AllocationDecision, *, by, request=None, **fields) -> AllocationDecision:
    """Correct a decision's number, date, issuer or title; checked like a new one, each change audited."""
    _require(perms.can_manage_allocations(by, decision.unit))
    if unknown := set(fields) - set(DECISION_FIELDS):
        raise TypeError(f"not editable: {', '.join(sorted(unknown))}")
    decision = AllocationDecision.objects.select_for_update().get(pk=decision.pk)
    before = {name: getattr(decision, name) for name in DECISION_FIELDS}
    for name, value in fields.items():
        setattr(decision, name, value)
    decision.full_clean()
    if changes := diff(before, {name: getattr(decision, name) for name in DECISION_FIELDS}):
        try:
            with transaction.atomic():
                decision.save(update_fields=list(changes))
        except IntegrityError:  # another decision took this number and date at the same moment
            raise _decision_taken(decision) from None
        record(by, Action.CHANGE, decision, changes=changes, request=request)
    return decision


@transaction.atomic
def add_allocation(decision: AllocationDecision, *, by, unit, year: int, sub_project,
                   funding_source, amount: int, request=None) -> Allocation:
    """Add one allocated amount to a decision (unit, year, sub-project and source must be new)."""
    _require(perms.can_manage_allocations(by, decision.unit))
    _require(perms.can_manage_allocations(by, unit))
    if amount <= 0:
        raise ValidationError("Số tiền được giao phải lớn hơn 0.")
    check_sub_project_in_year(sub_project, year)
    taken = ValidationError("Quyết định đã có khoản giao cho đơn vị, năm, tiểu dự án và nguồn vốn này.")
    if decision.allocations.filter(unit=unit, year=year, sub_project=sub_project,
                                   funding_source=funding_source).exists():
        raise taken
    try:
        with transaction.atomic():
            allocation = Allocation.objects.create(decision=decision, unit=unit, year=year,
                                                   sub_project=sub_project, funding_source=funding_source,
                                                   amount=amount)
    except IntegrityError:  # the same form sent twice at once: the other request saved it first
        raise taken from None
    record(by, Action.CREATE, allocation, changes={"amount": amount}, request=request)
    return allocation


@transaction.atomic
def delete_allocation(allocation: Allocation, *, by, request=None) -> None:
    """Remove one allocated amount of a decision."""
    _require(perms.can_manage_allocations(by, allocation.decision.unit))
    record(by, Action.DELETE, allocation, request=request)
    allocation.delete()


@dataclass(frozen=True)
class EstimateSummary:
    total: int
    by_sub_project: dict  # SubProject | None -> int
    by_funding_source: dict  # FundingSource | None -> int


def estimate_summary(estimate: Estimate) -> EstimateSummary:
    """The estimate's total and its split by sub-project and by funding source, in integer đồng."""
    by_sub: dict = defaultdict(int)
    by_source: dict = defaultdict(int)
    table = estimate_table(estimate)
    subs = {s.pk: s for s in SubProject.objects.filter(
        pk__in={estimate.sub_project_id} | {g.group.sub_project_id for g in table.groups})}
    for rows in table.groups:
        for line in rows.lines:
            sub_id = line.effective_sub_project_id(rows.group, estimate)
            by_sub[line.sub_project or subs.get(sub_id)] += line.amount
            by_source[line.funding_source] += line.amount
    return EstimateSummary(table.total, dict(by_sub), dict(by_source))


@transaction.atomic
def set_stated_total(estimate: Estimate, *, by, sub_project=None, amount: int, source: str = "",
                     request=None) -> StatedTotal:
    """Record (or correct) the total the plan or the allocation states for the estimate or one sub-project."""
    _require(perms.can_edit_estimate(by, estimate))
    _lock(Estimate, estimate.pk)
    if amount < 0:
        raise ValidationError({"amount": "Tổng kinh phí không được âm."})
    stated = StatedTotal.objects.filter(estimate=estimate, sub_project=sub_project).first()
    before = {"amount": stated.amount, "source": stated.source} if stated else {}
    if stated is None:
        stated = StatedTotal(estimate=estimate, sub_project=sub_project)
    stated.amount, stated.source = amount, nfc(source).strip()
    if before.get("amount") != amount:
        stated.kept_difference, stated.kept_reason = None, ""  # a new figure: the difference is looked at again
    stated.save()
    record(by, Action.CHANGE if before else Action.CREATE, stated, request=request,
           changes=diff(before, {"amount": amount, "source": stated.source}) if before else {"amount": amount})
    return stated


@transaction.atomic
def keep_stated_difference(stated: StatedTotal, *, by, reason: str, request=None) -> StatedTotal:
    """Record that the current difference between a stated total and its parts is kept, with its reason."""
    from budgets.checks import stated_totals

    _require(perms.can_edit_estimate(by, stated.estimate))
    reason = nfc(reason).strip()
    if not reason:
        raise ValidationError({"reason": "Hãy ghi lý do giữ chênh lệch."})
    conflict = next(c for c in stated_totals(stated.estimate) if c.stated.pk == stated.pk)
    if not conflict.difference:
        raise ValidationError("Tổng ghi đã khớp tổng các khoản; không có chênh lệch để giữ.")
    stated.kept_difference, stated.kept_reason = conflict.difference, reason[:500]
    stated.save(update_fields=["kept_difference", "kept_reason"])
    record(by, Action.CHANGE, stated, request=request,
           changes={"kept_difference": conflict.difference, "kept_reason": stated.kept_reason})
    return stated


@transaction.atomic
def delete_stated_total(stated: StatedTotal, *, by, request=None) -> None:
    """Remove a stated total (the plan or the allocation no longer states one)."""
    _require(perms.can_edit_estimate(by, stated.estimate))
    record(by, Action.DELETE, stated, request=request)
    stated.delete()
