"""Writes on households that carry a rule: revealing an ID number, classifying a household."""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from audit.models import Action
from audit.services import record
from households.classify import refresh_computed
from households.models import Classification, Household
from households.permissions import can_edit_household, can_reveal_id


@transaction.atomic
def reveal_id(household: Household, *, by, request=None) -> str:
    """The full ID number, for roles that need it; every reveal is written to the audit log."""
    if not can_reveal_id(by, household):
        raise PermissionDenied
    record(by, Action.VIEW_SENSITIVE, household, request=request, changes={"fields": ["id_number"]},
           description=f"Xem số định danh đầy đủ của hộ {household}")
    return household.id_number


@transaction.atomic
def classify_household(household: Household, *, year: int, household_class: str, by, request=None,
                       income_per_person: int | None = None, deprivations: list[int] | None = None,
                       escaped_on=None) -> Classification:
    """Record (or change) the household's class for a review year, with the class the standard gives."""
    if not can_edit_household(by, household):
        raise PermissionDenied
    classification, created = Classification.objects.get_or_create(
        household=household, year=year, defaults={"household_class": household_class, "recorded_by": by})
    before = {"household_class": classification.household_class, "income": classification.income_per_person,
              "deprivations": classification.deprivations, "escaped_on": classification.escaped_on}
    classification.household_class = household_class
    classification.income_per_person = income_per_person
    classification.deprivations = sorted(set(deprivations or []))
    classification.escaped_on = escaped_on
    refresh_computed(classification, urban=household.is_urban)
    classification.save()
    after = {"household_class": household_class, "income": income_per_person,
             "deprivations": classification.deprivations, "escaped_on": escaped_on}
    from audit.services import diff

    record(by, Action.CREATE if created else Action.CHANGE, classification, request=request,
           changes=diff({} if created else before, after), description=f"Phân loại năm {year} của hộ {household}")
    return classification
