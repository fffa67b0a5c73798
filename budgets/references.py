"""The plan an estimate is attached to, and the "(Kèm theo Kế hoạch số …)" line it gives.

Budgets never imports the plans app: it reads the reverse relation ``estimate.plans`` and the
plan's plain fields (number, issue date, ký hiệu parts, issuer name, header snapshot).
"""

from django.apps import apps
from django.db.models import F, Prefetch

from documents.dates import draft_date_text, vn_date_text
from documents.symbols import NUMBER_BLANK, TYPE_NAMES, symbol_code


def attached_plans(estimate, user=None) -> list:
    """The plans using the estimate (only those the user sees when given), issued ones first."""
    if not apps.is_installed("plans"):
        return []
    plans = estimate.plans.all() if user is None else estimate.plans.visible_to(user)
    return list(plans.order_by(F("issue_date").desc(nulls_last=True), "-updated_at", "-pk"))


def plans_prefetch(user) -> list:
    """Prefetch of each estimate's plans the user sees, in citation order (empty without plans)."""
    if not apps.is_installed("plans"):
        return []
    from budgets.models import Estimate

    plan_model = Estimate._meta.get_field("plans").related_model
    plans = plan_model.objects.visible_to(user).only(
        "estimate_id", "title", "status", "number", "type_abbr", "issuer_abbr", "issue_date", "updated_at")
    return [Prefetch("plans", queryset=plans.order_by(F("issue_date").desc(nulls_last=True), "-updated_at",
                                                       "-pk"), to_attr="visible_plans")]


def is_issued(plan) -> bool:
    return bool(plan.number and plan.issue_date)


def reference_plan(estimate):
    """The plan the spreadsheet cites: the latest issued plan, else the latest draft, else None."""
    plans = attached_plans(estimate)
    return plans[0] if plans else None


def _code(plan) -> str:
    try:
        return symbol_code(plan.type_abbr, plan.issuer_abbr)
    except ValueError:  # a header typed before validation existed: cite it as written
        return f"{plan.type_abbr}-{plan.issuer_abbr}"


def plan_reference(plan) -> str:
    """"(Kèm theo Kế hoạch số 05/KH-UBND ngày 05 tháng 3 năm 2024 của UBND huyện …)"; a draft keeps blanks."""
    kind = TYPE_NAMES.get(plan.type_abbr) or "Kế hoạch"
    if is_issued(plan):
        number, day = f" {plan.number:02d}", vn_date_text(plan.issue_date)
    else:
        number, day = NUMBER_BLANK, draft_date_text(plan.year)
    issuer = f" của {plan.issuer_name}" if plan.issuer_name else ""
    return f"(Kèm theo {kind} số{number}/{_code(plan)} {day}{issuer})"


def blank_reference(year: int) -> str:
    """The reference of an estimate no plan uses yet: number and day left blank for the văn thư."""
    return f"(Kèm theo Kế hoạch số{NUMBER_BLANK}/KH-UBND {draft_date_text(year)})"


def estimate_reference(estimate, plan=None) -> str:
    """The estimate's reference line, from the given plan or the one it is attached to."""
    plan = plan or reference_plan(estimate)
    return plan_reference(plan) if plan else blank_reference(estimate.year)
