"""Yes/no predicates on what a user may do with budgets (seeing is ``visible_to``)."""

from areas.models import Role, UnitLevel
from areas.scope import units_in_role

# Planners and finance officers edit the estimates of their units; commune staff only those
# of a commune (never a district's budget, even one their commune inherited in 2025).
_EDITORS = (Role.PLANNER, Role.FINANCE)


def _units(user, *roles) -> set[int]:
    cache = user.__dict__.setdefault("_budget_units", {})
    key = tuple(sorted(roles))
    if key not in cache:
        cache[key] = units_in_role(user, *roles)
    return cache[key]


def can_edit_unit_estimates(user, unit) -> bool:
    if unit.pk in _units(user, *_EDITORS):
        return True
    return unit.level == UnitLevel.COMMUNE and unit.pk in _units(user, Role.COMMUNE_STAFF)


def can_create_estimate(user) -> bool:
    return bool(_units(user, *_EDITORS) or _units(user, Role.COMMUNE_STAFF))


def can_edit_estimate(user, estimate) -> bool:
    return can_edit_unit_estimates(user, estimate.unit)


def can_manage_allocations(user, unit) -> bool:
    """Allocation decisions are recorded by the finance office of the unit."""
    return unit.pk in _units(user, Role.FINANCE)


def can_add_allocations(user) -> bool:
    return bool(_units(user, Role.FINANCE))


def can_record_disbursement(user, estimate) -> bool:
    return estimate.unit_id in _units(user, Role.FINANCE)


def editable_unit_ids(user) -> set[int]:
    return _units(user, *_EDITORS) | _units(user, Role.COMMUNE_STAFF)
