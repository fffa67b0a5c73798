"""Which units a leader may roll up (their units and every unit below or before them), and the
refusal, in Vietnamese, of any other."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError

from areas import scope as areas_scope
from areas import versioned
from areas.models import AdminUnit, Role
from areas.reach import UNITS

MAX_UNITS = 500  # a province has about a hundred communes; more ids than this is not a form


def can_roll_up(user) -> bool:
    return areas_scope.has_role(user, Role.LEADER)


def leader_roots(user) -> list[AdminUnit]:
    """The units where the user leads, highest level first (read once per request: kept on the user)."""
    roots = getattr(user, "_leader_roots", None)
    if roots is None:
        roots = user._leader_roots = list(
            AdminUnit.objects.filter(assignments__user=user, assignments__role=Role.LEADER)
            .select_related("parent").distinct().order_by("level", "name"))
    return roots


def _lived_in(year: int):
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    return AdminUnit.objects.exclude(valid_from__gt=last).exclude(valid_to__lt=first)


def choices(user, year: int) -> list[AdminUnit]:
    """The units offered on the form: the user's own and those below them that existed in the year
    (those below cached until the unit tree changes, areas.reach)."""
    roots = leader_roots(user)
    ids = [u.pk for u in roots]

    def below():
        return list(_lived_in(year).within(ids).exclude(pk__in=ids).select_related("parent")
                    .order_by("level", "parent__name", "name"))

    return roots + versioned.cached(UNITS, f"rollup-choices:{year}:{','.join(map(str, ids))}", below)


def reach(unit_ids) -> object:
    """The ids the rows of ``unit_ids`` live under (the units, those below and before them), as
    areas.scope computes a user's scope; usable in ``filter(field__in=…)``."""
    if hasattr(areas_scope, "Scope"):
        return areas_scope.Scope(unit_ids)
    return areas_scope.closure(unit_ids)


def _names(units) -> str:
    return ", ".join(u.full_name for u in units)


def selected_units(user, raw_ids: list[str]) -> list[AdminUnit]:
    """The units asked for (the user's own when none is), each within the user's leader scope.

    Raises PermissionDenied for a user who leads nowhere, ValidationError naming every unit
    refused and what may be chosen instead."""
    if not can_roll_up(user):
        raise PermissionDenied("Chỉ lãnh đạo đơn vị xem được báo cáo tổng hợp.")
    roots = leader_roots(user)
    wanted = [text.strip() for text in raw_ids if text.strip()]
    if not wanted:
        return roots
    if len(wanted) > MAX_UNITS:
        raise ValidationError(f"Chọn tối đa {MAX_UNITS} đơn vị một lần.")
    bad_text = [text for text in wanted if not text.isdigit()]
    if bad_text:
        raise ValidationError(f"Mã đơn vị không hợp lệ: {', '.join(bad_text[:5])}.")
    ids = {int(text) for text in wanted}
    found = {u.pk: u for u in AdminUnit.objects.filter(pk__in=ids).select_related("parent__parent")}
    allowed = areas_scope.units_in_role(user, Role.LEADER)
    refused = [found[pk] for pk in sorted(ids) if pk in found and pk not in allowed]
    missing = sorted(ids - set(found))
    if refused or missing:
        parts = [_names(refused)] if refused else []
        parts += [f"mã {pk} (không có đơn vị này)" for pk in missing]
        raise ValidationError(
            f"Không tổng hợp được cho {'; '.join(parts)}: ngoài phạm vi bạn được giao. "
            f"Bạn chỉ chọn được {_names(roots)} và các đơn vị trực thuộc.")
    return sorted(found.values(), key=lambda u: (u.level, u.name))
