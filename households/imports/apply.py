"""Writing a plan: every new household, update and classification in one transaction."""

import datetime

from django.db import transaction

from documents.text import search_key
from households.classify import refresh_computed
from households.imports.plan import CLASS_FIELDS, HOUSEHOLD_FIELDS, Plan
from households.models import Classification, Household, PovertyStandard
from households.models.household import URBAN_KINDS

BATCH = 1000


@transaction.atomic
def apply_plan(plan: Plan, *, commune, year: int, by) -> dict:
    """Create and update the plan's households and their class for ``year``; all or nothing."""
    standard = PovertyStandard.for_year(year)
    today = datetime.date.today()
    created, updated = [], []
    for step in plan.steps:
        values = step.parsed.values
        if step.household is None:
            household = Household(commune=commune, recorded_on=today)
            _set(household, values, HOUSEHOLD_FIELDS)
            created.append(household)
            step.household = household
        elif step.household_changes:
            _set(step.household, values, step.household_changes)
            updated.append(step.household)
    for household in created + updated:
        household.search_name = search_key(household.head_name)
    Household.objects.bulk_create(created, batch_size=BATCH)
    if updated:
        Household.objects.bulk_update(updated, HOUSEHOLD_FIELDS + ["search_name", "updated_at"],
                                      batch_size=BATCH)
    classes = _write_classifications(plan, commune=commune, year=year, standard=standard, by=by)
    return {"created": len(created), "updated": len(updated), "classified": classes}


def _set(obj, values: dict, fields: list[str]) -> None:
    for name in fields:
        if name in values:
            setattr(obj, name, values[name])


def _write_classifications(plan: Plan, *, commune, year, standard, by) -> int:
    current = {c.household_id: c for c in Classification.objects.filter(household__commune=commune, year=year)}
    urban = commune.kind in URBAN_KINDS
    new, changed = [], []
    for step in plan.steps:
        if not step.class_changes:
            continue
        classification = current.get(step.household.pk) or Classification(
            household=step.household, year=year, recorded_by=by)
        _set(classification, step.parsed.values, CLASS_FIELDS)
        refresh_computed(classification, urban=urban, standard=standard)
        (changed if classification.pk else new).append(classification)
    Classification.objects.bulk_create(new, batch_size=BATCH)
    if changed:
        Classification.objects.bulk_update(
            changed, CLASS_FIELDS + ["standard", "computed_class", "disagrees"], batch_size=BATCH)
    return len(new) + len(changed)

