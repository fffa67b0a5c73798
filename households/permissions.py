"""Yes/no predicates on what a user may do with households and their personal data.

Personal data (domain.md §7.4): full ID numbers only for those who work the lists (planners and
commune staff of the household's commune); ethnicity, income and deprivations also for leaders;
never for finance, who see payment lists only.
"""

from areas.models import Role, UnitLevel
from areas.scope import has_current_commune, units_in_role

ID_ROLES = (Role.PLANNER, Role.COMMUNE_STAFF)
SENSITIVE_ROLES = (Role.PLANNER, Role.COMMUNE_STAFF, Role.LEADER)
EDIT_ROLES = (Role.PLANNER, Role.COMMUNE_STAFF)


def _units(user, roles) -> set[int]:
    cache = user.__dict__.setdefault("_household_units", {})
    if roles not in cache:
        cache[roles] = units_in_role(user, *roles)
    return cache[roles]


def id_unit_ids(user) -> set[int]:
    """Communes where the user may see full ID numbers."""
    return _units(user, ID_ROLES)


def sensitive_unit_ids(user) -> set[int]:
    """Communes where the user may see ethnicity, income and deprivations."""
    return _units(user, SENSITIVE_ROLES)


def can_reveal_id(user, household) -> bool:
    return household.commune_id in id_unit_ids(user)


def can_see_sensitive(user, household) -> bool:
    return household.commune_id in sensitive_unit_ids(user)


def can_see_any_sensitive(user) -> bool:
    return bool(sensitive_unit_ids(user))


def can_edit_household(user, household) -> bool:
    return household.commune_id in _units(user, EDIT_ROLES)


def editable_unit_ids(user) -> frozenset[int]:
    """Units whose lists the user imports and whose households they edit."""
    return _units(user, EDIT_ROLES)


def can_manage_mapping(user, mapping) -> bool:
    """A remembered column mapping belongs to the people who import that commune's lists."""
    return mapping.commune_id in _units(user, EDIT_ROLES)


def can_import_into(user, commune) -> bool:
    """Lists are imported into a current commune where the user plans or works as commune staff."""
    return (commune.level == UnitLevel.COMMUNE and commune.is_current
            and commune.pk in _units(user, EDIT_ROLES))


def importable_communes(user):
    from areas.models import AdminUnit

    return (AdminUnit.objects.current().filter(level=UnitLevel.COMMUNE, pk__in=_units(user, EDIT_ROLES))
            .select_related("parent").order_by("name"))


def can_import(user) -> bool:
    units = _units(user, EDIT_ROLES)
    return bool(units) and has_current_commune(units)


def can_create_household(user) -> bool:
    """Households are registered by the same people, in the same communes, as lists are imported."""
    return can_import(user)


def can_see_import_ids(user, batch) -> bool:
    """Full ID numbers in an import's preview and report: for those who may reveal them in its commune."""
    return batch.commune_id in id_unit_ids(user)
