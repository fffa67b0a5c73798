"""What part of the country a user sees: their units, the units below, and the units those replaced.

After the 2025 reform an officer of the new Xã Hạ Hòa must still reach the records of the
former huyện Hạ Hòa and its communes, so predecessors (and what lay below them) are included.
Who reaches which unit is a table in the database (``UnitReach``, kept by areas.reach), read
on every request: the same on every server the moment a unit or an assignment changes.
A user's assignments, with the units each reaches, are read in one query per request
(``request.user`` is a new object each time), so a change of scope shows on the next request.
"""

from collections.abc import Set
from functools import cached_property

from django.db.models import BooleanField, ExpressionWrapper, Q
from django.utils import timezone

from areas.models import Assignment, Role, UnitLevel, UnitReach


class Scope(Set):
    """The units that ``roots`` reach, for ``filter(commune__in=scope)`` and ``pk in scope``.

    A user's scopes come with the rows of the table read together with their assignments
    (``known``: root → (unit reached, whether it is a commune in force today)): asking what is in
    them costs no query, and filters get those ids as a list. Measured (bench/scope.py), PostgreSQL
    misjudges ``commune_id IN (subquery)`` over a province's households and probes the table once
    per household (23 ms against 12 ms for 8,400), while it plans a list of ids as it always did.
    A scope made from bare ids (no user) filters with the subquery and reads its rows when asked.
    """

    def __init__(self, roots, *, known: dict[int, list[tuple[int, bool]]] | None = None):
        self.roots = frozenset(pk for pk in roots if pk is not None)
        self._known = known

    def queryset(self):
        """The reached unit ids, as a queryset of one column."""
        return UnitReach.objects.filter(unit__in=sorted(self.roots)).values("target")

    def resolve_expression(self, *args, **kwargs):
        if self._known is not None:
            return sorted(self.ids)
        return self.queryset().query.resolve_expression(*args, **kwargs)

    @cached_property
    def ids(self) -> frozenset[int]:
        if not self.roots:
            return frozenset()
        if self._known is not None:
            return frozenset(pk for root in self.roots for pk, _ in self._known.get(root, ()))
        return frozenset(self.queryset().values_list("target", flat=True))

    @classmethod
    def _from_iterable(cls, ids):
        """``scope | other``, ``scope & other``: plain sets of ids (not roots of a new scope)."""
        return frozenset(ids)

    def __contains__(self, pk) -> bool:
        return pk in self.ids

    def __iter__(self):
        return iter(self.ids)

    def __len__(self) -> int:
        return len(self.ids)

    def __bool__(self) -> bool:
        # Every unit reaches itself, and an assignment's unit cannot be deleted: no query.
        return bool(self.roots)

    def __repr__(self) -> str:
        return f"Scope(roots={sorted(self.roots)})"

    @property
    def key(self) -> str:
        """The roots as a cache key part (data cached per scope also depends on the "units" version)."""
        return ",".join(str(pk) for pk in sorted(self.roots))


def _current_commune() -> Q:
    """The reached unit (``unit__reach__target``) is a commune in force today."""
    today, target = timezone.localdate(), "unit__reach__target__"
    return (Q(**{f"{target}level": UnitLevel.COMMUNE})
            & (Q(**{f"{target}valid_from__isnull": True}) | Q(**{f"{target}valid_from__lte": today}))
            & (Q(**{f"{target}valid_to__isnull": True}) | Q(**{f"{target}valid_to__gte": today})))


def has_current_commune(scope: "Scope | frozenset[int]") -> bool:
    """Whether a commune in force today is among the units of ``scope`` (from ``units_in_role``)."""
    if not scope:
        return False
    if isinstance(scope, Scope) and scope._known is not None:
        return any(current for root in scope.roots for _, current in scope._known.get(root, ()))
    # A plain set of ids is its own closure: its ids serve as roots as well.
    roots = scope.roots if isinstance(scope, Scope) else frozenset(scope)
    today = timezone.localdate()
    return UnitReach.objects.filter(unit__in=sorted(roots), target__level=UnitLevel.COMMUNE).filter(
        Q(target__valid_from__isnull=True) | Q(target__valid_from__lte=today),
        Q(target__valid_to__isnull=True) | Q(target__valid_to__gte=today),
    ).exists()


def is_administrator(user) -> bool:
    if not user.is_authenticated:
        return False
    return user.is_superuser or role_codes(user) >= {Role.ADMIN}


def role_codes(user) -> set[str]:
    """The roles a user holds in any unit (read once per request)."""
    if not user.is_authenticated:
        return set()
    return {role for role, _ in _assignments(user)}


def _assignments(user) -> list[tuple[str, int]]:
    """(role, unit id) of every assignment, read once per request and kept on the user object."""
    if not hasattr(user, "_assignments"):
        _read(user)
    return user._assignments


def _read(user) -> None:
    """The user's assignments with every unit each one reaches, in one query (an index scan of
    the table per assignment): the request's scopes then answer without another query."""
    rows = (Assignment.objects.filter(user=user)
            .annotate(current=ExpressionWrapper(_current_commune(), output_field=BooleanField()))
            .values_list("role", "unit_id", "unit__reach__target_id", "current"))
    known: dict[int, list[tuple[int, bool]]] = {}
    roles: dict[tuple[str, int], None] = {}
    for role, unit, target, current in rows:
        roles[role, unit] = None
        if target is not None:
            known.setdefault(unit, []).append((target, bool(current)))
    user._assignments, user._reach = list(roles), known


def has_role(user, *roles: str) -> bool:
    return bool(role_codes(user) & set(roles))


def visible_unit_ids(user) -> Scope | None:
    """The units the user may see; ``None`` means every unit (administrators)."""
    if not user.is_authenticated:
        return Scope(())
    if is_administrator(user):
        return None
    if not hasattr(user, "_visible_scope"):
        user._visible_scope = Scope((unit for _, unit in _assignments(user)), known=user._reach)
    return user._visible_scope


def units_in_role(user, *roles: str) -> Scope:
    """The units (with everything below and before them) where the user holds one of ``roles``;
    kept on the user object, so the predicates of one request read each scope once."""
    if not user.is_authenticated:
        return Scope(())
    scopes = user.__dict__.setdefault("_scopes", {})
    key = frozenset(roles)
    if key not in scopes:
        units = [unit for role, unit in _assignments(user) if role in roles]
        scopes[key] = Scope(units, known=user._reach)
    return scopes[key]
