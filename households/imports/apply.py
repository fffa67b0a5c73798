"""Writing a plan: every new household, update and classification in one transaction."""

import datetime
from collections import defaultdict
from types import SimpleNamespace

from django.db import transaction
from django.utils import timezone

from households.classify import refresh_computed
from households.imports.bulk import insert_rows
from households.imports.cells import fast_key
from households.imports.past import record_past
from households.imports.plan import CLASS_FIELDS, HOUSEHOLD_FIELDS, Plan, Step
from households.models import Classification, Household, PovertyStandard, Village, village_key
from households.models.household import URBAN_KINDS
from households.villages import reserve_codes

BATCH = 1000
HOUSEHOLD_DEFAULTS = {"code": "", "head_name": "", "gender": "", "birth_year": None, "id_number": "",
                      "village": "", "members": None, "phone": "", "meritorious": False,
                      "social_protection": False, "no_labour_capacity": False}
HOUSEHOLD_COLUMNS = [*HOUSEHOLD_DEFAULTS, "ethnic_group_id", "search_name", "village_unit_id"]
# "deprivations" last: _computed_figures makes its list a tuple to key on it.
NEW_CLASS = {"household_class": "", "escaped_on": None, "income_per_person": None, "deprivation_count": None,
             "deprivations": []}
CLASS_COLUMNS = ["household_id", *NEW_CLASS, "standard_id", "computed_class", "disagrees"]
HOUSEHOLD_ITEMS, NEW_CLASS_ITEMS = tuple(HOUSEHOLD_DEFAULTS.items()), tuple(NEW_CLASS.items())


@transaction.atomic
def apply_plan(plan: Plan, *, commune, year: int, by, batch=None) -> dict:
    """Create and update the plan's households and their class for ``year``, and record the past
    participation the officer accepted on ``batch``'s preview; all or nothing."""
    now, today = timezone.now(), datetime.date.today()
    new_steps = [step for step in plan.steps if step.household is None]
    villages = _villages_and_codes(new_steps, commune)
    rows = (_household_row(step, villages) for step in new_steps)
    new_ids = insert_rows(Household, HOUSEHOLD_COLUMNS, rows, count=len(new_steps),
                          same={"commune_id": commune.pk, "recorded_on": today, "created_at": now, "updated_at": now})
    del new_steps
    updated = _changed_households(plan.steps, now)
    if updated:
        Household.objects.bulk_update(updated, HOUSEHOLD_FIELDS + ["search_name", "updated_at"], batch_size=BATCH)
    classes = _write_classifications(plan, new_ids, commune=commune, year=year, by=by)
    written = {"created": len(new_ids), "updated": len(updated), "classified": classes}
    if batch is not None and batch.past_accepted:
        written["past_participations"] = record_past(plan, new_ids, batch=batch, by=by)
    return written


def _household_row(step: Step, villages: dict[str, Village | None]) -> tuple:
    get = step.values.get
    group = get("ethnic_group")
    village = villages[get("village", "")]
    return (*[get(name, default) for name, default in HOUSEHOLD_ITEMS],
            group.pk if group is not None else None, step.search_name,
            village.pk if village is not None else None)


def _commune_villages(commune) -> dict[str, Village]:
    """The commune's villages by the key of their name and of each spelling merged into them, read
    once: ``resolve_village``'s rule (the first village in order that a key matches) for many texts."""
    found: dict[str, Village] = {}
    for village in Village.objects.filter(commune=commune).order_by("number", "name"):
        for key in (village.key, *(village_key(alias) for alias in village.aliases)):
            found.setdefault(key, village)
    return found


def _villages_and_codes(new_steps: list[Step], commune) -> dict[str, Village | None]:
    """The commune's village each new household's text names, by text (any spelling; an unknown one
    stays unlinked and waits on the villages page), and a code by the commune's rule for every new
    household the file gives none, reserved in this transaction.

    Each text is keyed once: a list of 100,000 households spells a few hundred villages.
    """
    known = _commune_villages(commune)
    villages: dict[str, Village | None] = {}
    for step in new_steps:
        text = step.values.get("village", "")
        if text not in villages:
            key = village_key(text)
            villages[text] = known.get(key) if key else None
    without_code = defaultdict(list)
    for step in new_steps:
        if not step.values.get("code"):
            without_code[villages[step.values.get("village", "")]].append(step)
    for village, steps in without_code.items():
        for step, code in zip(steps, reserve_codes(commune, village, len(steps)), strict=True):
            step.values["code"] = code
    return villages


def _changed_households(steps: list[Step], now) -> list[Household]:
    updated = []
    for step in steps:
        if step.household is not None and step.household_changes:
            for name in step.household_changes:
                setattr(step.household, name, step.values[name])
            step.household.search_name = fast_key(step.household.head_name)
            step.household.updated_at = now
            updated.append(step.household)
    return updated


def _write_classifications(plan: Plan, new_ids: list[int], *, commune, year: int, by) -> int:
    standard = PovertyStandard.for_year(year)
    current = {c.household_id: c for c in Classification.objects.filter(household__commune=commune, year=year)}
    urban = commune.kind in URBAN_KINDS
    computed = _computed_figures(year, urban=urban, standard=standard)
    changed, written = [], 0

    def new_rows():
        nonlocal written
        new_pks = iter(new_ids)
        for step in plan.steps:
            household_id = step.household.pk if step.household is not None else next(new_pks)
            if not step.class_changes:
                continue
            values, existing = step.values, current.get(household_id)
            if existing is not None:
                for name in CLASS_FIELDS:
                    if name in values:
                        setattr(existing, name, values[name])
                changed.append(refresh_computed(existing, urban=urban, standard=standard))
                continue
            written += 1
            get = values.get  # a list, not a generator: quicker at 100,000 rows
            figures = tuple([get(name, default) for name, default in NEW_CLASS_ITEMS])
            yield household_id, *figures, *computed(figures)

    insert_rows(Classification, CLASS_COLUMNS, new_rows(), same={"year": year, "recorded_by_id": by.pk})
    if changed:
        Classification.objects.bulk_update(
            changed, CLASS_FIELDS + ["standard", "computed_class", "disagrees"], batch_size=BATCH)
    return written + len(changed)


def _computed_figures(year: int, *, urban: bool, standard):
    """(standard id, computed class, disagrees) of a new classification with the given figures.

    ``refresh_computed`` depends on nothing but the figures, so each distinct set of figures is
    worked out once: a commune file holds only a few.
    """
    known = {}

    def computed(figures: tuple) -> tuple:
        key = (*figures[:-1], tuple(figures[-1]))
        if key not in known:
            target = refresh_computed(SimpleNamespace(year=year, **dict(zip(NEW_CLASS, figures, strict=True))),
                                      urban=urban, standard=standard)
            known[key] = (getattr(target.standard, "pk", None), target.computed_class, target.disagrees)
        return known[key]

    return computed
