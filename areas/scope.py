"""What part of the country a user sees: their units, the units below, and the units those replaced.

After the 2025 reform an officer of the new Xã Hạ Hòa must still reach the records of the
former huyện Hạ Hòa and its communes, so predecessors (and what lay below them) are included.
"""

from areas.memo import ProcessCache
from areas.models import AdminUnit, Assignment, Role

# The unit tree changes a few times a year (load_areas, an administrator's edit) while every
# scoped page needs the closure of its user's units: keep each closure in the process for a
# minute. Saves and deletes of units and succession links clear it (areas.apps).
closures = ProcessCache(ttl=60.0)
_current_communes = ProcessCache(ttl=60.0)


def forget_closures(**_signal_kwargs) -> None:
    """Drop every cached closure (a unit or a succession link changed)."""
    closures.clear()
    _current_communes.clear()


def has_current_commune(unit_ids: frozenset[int]) -> bool:
    """Whether a commune in force today is among ``unit_ids`` (a scope from ``units_in_role``)."""
    from django.utils import timezone

    from areas.models import UnitLevel

    today = timezone.localdate()
    return _current_communes.get((unit_ids, today), lambda: AdminUnit.objects.active_on(today).filter(
        level=UnitLevel.COMMUNE, pk__in=unit_ids).exists())


def closure(roots) -> frozenset[int]:
    """``_closure`` of ``roots``, cached in the process."""
    key = frozenset(roots)
    return closures.get(key, lambda: frozenset(_closure(set(key))))


def is_administrator(user) -> bool:
    if not user.is_authenticated:
        return False
    return user.is_superuser or role_codes(user) >= {Role.ADMIN}


def role_codes(user) -> set[str]:
    """The roles a user holds in any unit (cached on the user object for the request)."""
    if not user.is_authenticated:
        return set()
    return {role for role, _ in _assignments(user)}


def _assignments(user) -> list[tuple[str, int]]:
    """(role, unit id) of every assignment, read once per request and kept on the user object."""
    if not hasattr(user, "_assignments"):
        user._assignments = list(
            Assignment.objects.filter(user=user).values_list("role", "unit_id")
        )
    return user._assignments


def has_role(user, *roles: str) -> bool:
    return bool(role_codes(user) & set(roles))


def visible_unit_ids(user) -> frozenset[int] | None:
    """Ids of the units the user may see; ``None`` means every unit (administrators)."""
    if not user.is_authenticated:
        return frozenset()
    if is_administrator(user):
        return None
    if not hasattr(user, "_visible_unit_ids"):
        roots = {unit for _, unit in _assignments(user)}
        user._visible_unit_ids = closure(roots)
    return user._visible_unit_ids


def units_in_role(user, *roles: str) -> frozenset[int]:
    """The units (with everything below and before them) where the user holds one of ``roles``."""
    if not user.is_authenticated:
        return frozenset()
    return closure(unit for role, unit in _assignments(user) if role in roles)


def _closure(roots: set[int]) -> set[int]:
    """Roots, their descendants and their predecessors' descendants, until nothing new appears."""
    seen: set[int] = set()
    frontier = set(roots)
    through = AdminUnit.successors.through
    while frontier:
        # Two index scans on parent_id joined by UNION: an OR over the self-join would make
        # PostgreSQL read the whole unit table (4 ms on every scoped page).
        # The frontier holds ids read from foreign keys, so the units exist.
        units = AdminUnit.objects.order_by()
        children = units.filter(parent_id__in=frontier).values_list("pk", flat=True)
        grandchildren = units.filter(parent__parent_id__in=frontier).values_list("pk", flat=True)
        below = frontier | set(children.union(grandchildren, all=True))
        new = below - seen
        seen |= new
        frontier = (
            set(
                through.objects.filter(to_adminunit__in=new).values_list(
                    "from_adminunit", flat=True
                )
            )
            - seen
        )
    return seen
