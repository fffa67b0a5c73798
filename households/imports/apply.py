"""Writing a plan: every new household, update and classification in one transaction."""

import datetime
from types import SimpleNamespace

from django.db import transaction
from django.utils import timezone

from households.classify import refresh_computed
from households.imports.bulk import insert_rows
from households.imports.cells import fast_key
from households.imports.plan import CLASS_FIELDS, HOUSEHOLD_FIELDS, Plan
from households.models import Classification, Household, PovertyStandard
from households.models.household import URBAN_KINDS

BATCH = 1000
HOUSEHOLD_DEFAULTS = {"code": "", "gender": "", "birth_year": None, "ethnic_group": None, "id_number": "",
                      "village": "", "members": None, "phone": "", "meritorious": False,
                      "social_protection": False, "no_labour_capacity": False}


@transaction.atomic
def apply_plan(plan: Plan, *, commune, year: int, by) -> dict:
    """Create and update the plan's households and their class for ``year``; all or nothing."""
    now, today = timezone.now(), datetime.date.today()
    new_steps, new_rows, updated = [], [], []
    for step in plan.steps:
        values = step.parsed.values
        if step.household is None:
            row = {**HOUSEHOLD_DEFAULTS, **{f: values[f] for f in HOUSEHOLD_FIELDS if f in values}}
            row["ethnic_group_id"] = getattr(row.pop("ethnic_group"), "pk", None)
            row |= {"commune_id": commune.pk, "recorded_on": today, "search_name": fast_key(row["head_name"]),
                    "created_at": now, "updated_at": now}
            new_steps.append(step)
            new_rows.append(row)
        elif step.household_changes:
            for name in step.household_changes:
                setattr(step.household, name, values[name])
            step.household.search_name = fast_key(step.household.head_name)
            step.household.updated_at = now
            updated.append(step.household)
    new_ids = insert_rows(Household, new_rows)
    if updated:
        Household.objects.bulk_update(updated, HOUSEHOLD_FIELDS + ["search_name", "updated_at"], batch_size=BATCH)
    ids = {id(step): pk for step, pk in zip(new_steps, new_ids, strict=True)}
    classes = _write_classifications(plan, ids, commune=commune, year=year, by=by)
    return {"created": len(new_rows), "updated": len(updated), "classified": classes}


def _write_classifications(plan: Plan, new_ids: dict, *, commune, year: int, by) -> int:
    standard = PovertyStandard.for_year(year)
    current = {c.household_id: c for c in Classification.objects.filter(household__commune=commune, year=year)}
    urban = commune.kind in URBAN_KINDS
    new_rows, changed = [], []
    for step in plan.steps:
        if not step.class_changes:
            continue
        household_id = step.household.pk if step.household is not None else new_ids[id(step)]
        existing = current.get(household_id)
        target = existing or SimpleNamespace(year=year, household_class="", escaped_on=None, income_per_person=None,
                                             deprivations=[])
        for name in CLASS_FIELDS:
            if name in step.parsed.values:
                setattr(target, name, step.parsed.values[name])
        refresh_computed(target, urban=urban, standard=standard)
        if existing is not None:
            changed.append(existing)
        else:
            new_rows.append({"household_id": household_id, "year": year, "recorded_by_id": by.pk,
                             "standard_id": getattr(target.standard, "pk", None),
                             **{n: getattr(target, n) for n in (*CLASS_FIELDS, "computed_class", "disagrees")}})
    insert_rows(Classification, new_rows)
    if changed:
        Classification.objects.bulk_update(
            changed, CLASS_FIELDS + ["standard", "computed_class", "disagrees"], batch_size=BATCH)
    return len(new_rows) + len(changed)
