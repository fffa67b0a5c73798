"""What a plan may refer to in its year: an issuing body in force in it, the contents of its
year's programme, the legal bases in force; each refusal names the valid choices."""

import datetime

from django.core.exceptions import ValidationError

from areas.models import IssuingBody
from plans.models import CitedDocument, Plan


def body_active_in_year(body: IssuingBody, year: int) -> bool:
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    return (body.valid_from is None or body.valid_from <= last) and (
        body.valid_to is None or body.valid_to >= first
    )


def check_body_year(body: IssuingBody, year: int) -> None:
    """Refuse a body not in force in ``year``, naming the bodies of the same unit and its
    predecessors or successors that are (a plan for 2024 by a commune of July 2025 is told
    to choose the district of then)."""
    if not body_active_in_year(body, year):
        from areas.validity import names_list

        valid = [other for other in related_bodies(body) if body_active_in_year(other, year)]
        hint = (f"Cơ quan ban hành có hiệu lực trong năm {year}: {names_list(valid)}." if valid
                else "Hãy chọn cơ quan ban hành kế thừa hoặc năm khác.")
        raise ValidationError(
            {"year": f"{body} không có hiệu lực trong năm {year} (hiệu lực {body.validity_text}). "
                     + hint}
        )


def related_bodies(body: IssuingBody) -> list[IssuingBody]:
    """Bodies of the body's unit, of the units it came from and of the units that followed it."""
    unit = body.unit
    units = {unit.pk, *unit.predecessors.values_list("pk", flat=True),
             *unit.successors.values_list("pk", flat=True),
             *unit.predecessors.values_list("parent", flat=True)}
    if unit.parent_id:
        units.add(unit.parent_id)
    units.discard(None)
    return list(IssuingBody.objects.filter(unit__in=units).exclude(pk=body.pk)
                .order_by("display_name"))


def check_subprojects_in_year(plan: Plan, subprojects) -> None:
    """A sub-project (content) newly linked must be of the programme valid in the plan's year
    (a 2027 plan refers to the 2026–2035 programme); one already linked may stay."""
    from budgets.catalog import check_sub_project_in_year

    linked = set(plan.subprojects.values_list("pk", flat=True)) if plan.pk else set()
    for sub in subprojects:
        if sub.pk not in linked:
            check_sub_project_in_year(sub, plan.year, field="subprojects")


def check_bases_in_year(plan: Plan, documents: list) -> None:
    """A basis newly cited must be in force in the plan's year (one already cited may stay)."""
    from areas.validity import filter_valid_in_year, names_list, valid_in_year

    cited = set(plan.basis_links.values_list("document", flat=True))
    if wrong := [d for d in documents if d.pk not in cited and not valid_in_year(d, plan.year)]:
        valid = filter_valid_in_year(CitedDocument.objects.order_by("default_order", "-date"),
                                     plan.year)[:8]
        raise ValidationError(
            f"Văn bản «{wrong[0].citation[:120]}» không có hiệu lực trong năm {plan.year} "
            f"({wrong[0].validity_text}). Văn bản có hiệu lực: {names_list(valid)}.")
