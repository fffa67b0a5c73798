"""What part of the country a user sees: their units, the units below, and the units those replaced.

After the 2025 reform an officer of the new Xã Hạ Hòa must still reach the records of the
former huyện Hạ Hòa and its communes, so predecessors (and what lay below them) are included.
"""

from django.db.models import Q

from areas.models import AdminUnit, Assignment, Role


def is_administrator(user) -> bool:
    if not user.is_authenticated:
        return False
    return user.is_superuser or role_codes(user) >= {Role.ADMIN}


def role_codes(user) -> set[str]:
    """The roles a user holds in any unit (cached on the user object for the request)."""
    if not user.is_authenticated:
        return set()
    if not hasattr(user, "_role_codes"):
        user._role_codes = set(
            Assignment.objects.filter(user=user).values_list("role", flat=True)
        )
    return user._role_codes


def has_role(user, *roles: str) -> bool:
    return bool(role_codes(user) & set(roles))


def visible_unit_ids(user) -> set[int] | None:
    """Ids of the units the user may see; ``None`` means every unit (administrators)."""
    if not user.is_authenticated:
        return set()
    if is_administrator(user):
        return None
    if not hasattr(user, "_visible_unit_ids"):
        roots = set(Assignment.objects.filter(user=user).values_list("unit_id", flat=True))
        user._visible_unit_ids = _closure(roots)
    return user._visible_unit_ids


def units_in_role(user, *roles: str) -> set[int]:
    """The units (with everything below and before them) where the user holds one of ``roles``."""
    if not user.is_authenticated:
        return set()
    roots = set(
        Assignment.objects.filter(user=user, role__in=roles).values_list("unit_id", flat=True)
    )
    return _closure(roots)


def _closure(roots: set[int]) -> set[int]:
    """Roots, their descendants and their predecessors' descendants, until nothing new appears."""
    seen: set[int] = set()
    frontier = set(roots)
    through = AdminUnit.successors.through
    while frontier:
        below = set(
            AdminUnit.objects.filter(
                Q(pk__in=frontier) | Q(parent__in=frontier) | Q(parent__parent__in=frontier)
            ).values_list("pk", flat=True)
        )
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
