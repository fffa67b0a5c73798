"""Yes/no predicates on plans; services enforce them, templates get them as flags."""

from areas.models import IssuingBody, Role
from areas.scope import has_role, is_administrator, units_in_role
from plans.models import Plan, Status


def _in_role(user, unit_id: int, *roles: str) -> bool:
    return is_administrator(user) or unit_id in units_in_role(user, *roles)


def can_create_plan(user, body: IssuingBody) -> bool:
    return _in_role(user, body.unit_id, Role.PLANNER)


def can_create_any_plan(user) -> bool:
    """Whether the user may draft plans at all (for the "Lập kế hoạch" button)."""
    return is_administrator(user) or has_role(user, Role.PLANNER)


def can_edit_plan(user, plan: Plan) -> bool:
    return plan.is_editable and _in_role(user, plan.unit_id, Role.PLANNER)


def can_submit_plan(user, plan: Plan) -> bool:
    return plan.status in (Status.DRAFT, Status.RETURNED) and _in_role(
        user, plan.unit_id, Role.PLANNER
    )


def can_review_plan(user, plan: Plan) -> bool:
    """Return or approve: a leader of the plan's unit, once it has been submitted."""
    return plan.status == Status.SUBMITTED and _in_role(user, plan.unit_id, Role.LEADER)


def can_return_plan(user, plan: Plan) -> bool:
    """Back to the drafter: a submitted plan, or an approved one the issuing guard stops."""
    return plan.status in (Status.SUBMITTED, Status.APPROVED) and _in_role(
        user, plan.unit_id, Role.LEADER)


def can_issue_plan(user, plan: Plan) -> bool:
    return plan.status == Status.APPROVED and _in_role(user, plan.unit_id, Role.LEADER)


def can_withdraw_plan(user, plan: Plan) -> bool:
    """Thu hồi: a leader of the plan's unit, once it has been issued."""
    return plan.status == Status.ISSUED and _in_role(user, plan.unit_id, Role.LEADER)


def can_manage_library(user) -> bool:
    """Add to the shared library of cited documents: planners, leaders, administrators."""
    return is_administrator(user) or has_role(user, Role.PLANNER, Role.LEADER)


def can_copy_plan(user, plan: Plan) -> bool:
    return _in_role(user, plan.unit_id, Role.PLANNER)


def flags(user, plan: Plan) -> dict[str, bool]:
    """Every predicate for one plan, for templates."""
    return {
        "can_edit": can_edit_plan(user, plan),
        "can_submit": can_submit_plan(user, plan),
        "can_review": can_review_plan(user, plan),
        "can_issue": can_issue_plan(user, plan),
        "can_return": can_return_plan(user, plan),
        "can_withdraw": can_withdraw_plan(user, plan),
        "can_copy": can_copy_plan(user, plan),
    }
