"""Writes on households that carry a rule: registering, changing, classifying, revealing an ID number,
forgetting a remembered column mapping."""

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from audit.models import Action
from audit.services import diff, record
from households.classify import refresh_computed
from households.id_lookups import registry_problem
from households.idnumber import check_id, mask
from households.models import Classification, Household, HouseholdSubmission
from households.permissions import (
    can_edit_household,
    can_import_into,
    can_manage_mapping,
    can_reveal_id,
)
from households.villages import next_household_code, resolve_village

RACE = "Hộ vừa được người khác sửa hoặc ghi cùng lúc nên chưa lưu được; hãy kiểm tra lại rồi lưu lần nữa."
AUDITED = ["commune", "code", "head_name", "gender", "birth_year", "ethnic_group", "id_number", "village",
           "members", "phone", "meritorious", "social_protection", "no_labour_capacity"]


def _snapshot(household: Household) -> dict:
    """The audited fields as plain values; the ID number masked, so the log does not spread it."""
    values = {name: getattr(household, name) for name in AUDITED}
    values["commune"] = household.commune.name if household.commune_id else None
    values["ethnic_group"] = household.ethnic_group.name if household.ethnic_group_id else None
    values["id_number"] = mask(household.id_number)
    return values


def _rule_problems(household: Household, *, by, request=None, look_up: bool = True) -> dict[str, list[str]]:
    """ID structure against gender and birth year, and the uniqueness of code and ID number.

    The ID number is looked up in the whole registry only when ``look_up`` (a new or changed
    number): a logged look-up under the user's hourly limit (households.id_lookups).
    """
    problems: dict[str, list[str]] = {}
    if household.id_number:
        checked = check_id(household.id_number, gender=household.gender, birth_year=household.birth_year)
        found = checked.errors + (checked.warnings if len(household.id_number) == 12 else [])
        if found:
            problems["id_number"] = found
    others = Household.objects.exclude(pk=household.pk)
    if household.code and others.filter(commune=household.commune_id, code=household.code).exists():
        problems.setdefault("code", []).append(f"Mã hộ «{household.code}» đã có trong sổ hộ của xã/phường này.")
    if household.id_number and look_up and "id_number" not in problems and (
            taken := registry_problem(household.id_number, household=household, by=by, request=request)):
        problems["id_number"] = [taken]
    return problems


def _stored(household: Household, token=None) -> bool:
    """Save in a savepoint; False when a concurrent save took the code, the number or the token first."""
    adding = household._state.adding
    try:
        with transaction.atomic():
            household.save()
            if token:
                HouseholdSubmission.objects.create(token=token, household=household)
    except IntegrityError:
        if adding:  # the insert was rolled back with the savepoint
            household.pk, household._state.adding = None, True
        return False
    return True


def _save_checked(household: Household, *, by, request, look_up: bool, token=None):
    """Check the rules and save: the problems (nothing saved), or the household submitted first with
    ``token``, or None once saved. Look-ups made on the way are kept either way."""
    if problems := _rule_problems(household, by=by, request=request, look_up=look_up):
        return problems
    if _stored(household, token):
        return None
    if token and (first := _submitted(token, by)):
        return first
    # Another save won the race: its code or number now shows like any other duplicate.
    return _rule_problems(household, by=by, request=request, look_up=look_up) or {NON_FIELD_ERRORS: [RACE]}


def _submitted(token, by) -> Household | None:
    """The household a form with this one-use token already registered (None if none, or not the user's)."""
    first = HouseholdSubmission.objects.filter(token=token).select_related("household").first()
    return first.household if first and can_edit_household(by, first.household) else None


def _link_village(household: Household) -> None:
    """Link the household to the commune's village its text names, if the commune lists it."""
    if household.village and household.village_unit_id is None:
        household.village_unit = resolve_village(household.commune, household.village)[0]


def create_household(household: Household, *, by, request=None, token=None) -> Household:
    """Register a household in a current commune of the user; every field written is in the audit log.

    A household without a code gets the next one by the commune's rule (households.villages).

    A form sent twice with the same one-use ``token`` registers one household: the second send
    returns the first one. A concurrent save of the same code or number is a form error, never a 500.
    """
    if not can_import_into(by, household.commune):
        raise PermissionDenied
    if token and (first := _submitted(token, by)):
        return first
    with transaction.atomic():
        _link_village(household)
        generated = not household.code
        if generated:  # in this transaction: the commune's code counter stays locked until it ends
            household.code = next_household_code(household.commune, household.village_unit)
            # A second send of the form waited here for the first one's lock: it is committed now.
            if token and (first := _submitted(token, by)):
                return first
        outcome = _save_checked(household, by=by, request=request, look_up=True, token=token)
        if isinstance(outcome, Household):
            return outcome
        if outcome is None:
            record(by, Action.CREATE, household, request=request, changes=diff({}, _snapshot(household)),
                   description=f"Đăng ký hộ {household}")
            return household
    if generated:
        household.code = ""
    raise ValidationError(outcome)  # after the block: the look-ups' log and reviews are kept


def change_household(household: Household, *, by, request=None) -> Household:
    """Save the edited household (its commune is kept); the audit entry lists each changed field."""
    before = Household.objects.select_related("commune", "ethnic_group").get(pk=household.pk)
    if not can_edit_household(by, before):
        raise PermissionDenied
    household.commune_id = before.commune_id
    with transaction.atomic():
        if household.village != before.village or household.village_unit_id is None:
            household.village_unit = None
            _link_village(household)
        if not household.code:
            household.code = before.code or next_household_code(household.commune, household.village_unit)
        problems = _save_checked(household, by=by, request=request,
                                 look_up=household.id_number != before.id_number)
        if problems is None:
            changes = diff(_snapshot(before), _snapshot(household))
            if before.id_number != household.id_number and "id_number" not in changes:
                changes["id_number"] = [mask(before.id_number), mask(household.id_number) + " (đổi các chữ số giữa)"]
            if changes:
                record(by, Action.CHANGE, household, request=request, changes=changes,
                       description=f"Sửa hộ {household}")
            return household
    raise ValidationError(problems)


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
    record(by, Action.CREATE if created else Action.CHANGE, classification, request=request,
           changes=diff({} if created else before, after), description=f"Phân loại năm {year} của hộ {household}")
    return classification


@transaction.atomic
def delete_column_mapping(mapping, *, by, request=None) -> None:
    """Forget a remembered column mapping; the next file with that header is recognised or mapped anew."""
    if not can_manage_mapping(by, mapping):
        raise PermissionDenied
    record(by, Action.DELETE, mapping, request=request, changes={"fields": mapping.fields, "labels": mapping.labels},
           description=f"{mapping} – {mapping.commune.name}")
    mapping.delete()
