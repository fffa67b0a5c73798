"""Registering and editing a household, and recording its class for a review year."""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render

from households import services
from households.forms import YEARS, ClassificationForm, HouseholdForm
from households.models import Household, PovertyStandard
from households.permissions import can_create_household, can_edit_household


def _save(request, form, save, **options):
    """Run the service; its rule problems go back onto the form's fields."""
    try:
        return save(form.instance, by=request.user, request=request, **options)
    except ValidationError as error:
        form.add_error(None, error)
        return None


def _id_note(request, household):
    if household.id_is_legacy:
        messages.warning(request, "Số định danh là số CMND cũ 9 chữ số; nên cập nhật số định danh 12 chữ số.")


def household_create(request):
    if not can_create_household(request.user):
        raise PermissionDenied
    form = HouseholdForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        household = _save(request, form, services.create_household, token=form.cleaned_data["submission"])
        if household is not None and household is not form.instance:
            messages.info(request, f"Biểu mẫu đã được gửi hai lần; hộ {household.head_name} "
                                   "chỉ được thêm một lần.")
            return redirect(household)
        if household is not None:
            messages.success(request, f"Đã thêm hộ {household.head_name} vào sổ hộ.")
            _id_note(request, household)
            return redirect(household)
    return render(request, "households/household_form.html", {"form": form, "household": None})


def household_edit(request, pk):
    household = get_object_or_404(Household.objects.visible_to(request.user).select_related("commune"), pk=pk)
    if not can_edit_household(request.user, household):
        raise PermissionDenied
    form = HouseholdForm(request.POST or None, instance=household, user=request.user)
    if request.method == "POST" and form.is_valid():
        if _save(request, form, services.change_household):
            messages.success(request, "Đã lưu thay đổi của hộ.")
            _id_note(request, household)
            return redirect(household)
    return render(request, "households/household_form.html", {"form": form, "household": household})


def _year(value) -> int:
    try:
        year = int(value)
    except (TypeError, ValueError):
        year = datetime.date.today().year
    return year if year in YEARS else min(max(year, YEARS.start), YEARS.stop - 1)


def household_classify(request, pk):
    household = get_object_or_404(Household.objects.visible_to(request.user).select_related("commune"), pk=pk)
    if not can_edit_household(request.user, household):
        raise PermissionDenied
    year = _year(request.POST.get("year") or request.GET.get("year"))
    standard = PovertyStandard.for_year(year)
    indicators = list(standard.indicators.all()) if standard else []
    current = household.classifications.filter(year=year).first()
    initial = {"year": year}
    if current:
        initial |= {"household_class": current.household_class, "escaped_on": current.escaped_on,
                    "income_per_person": current.income_per_person, "deprivations": current.deprivations}
    form = ClassificationForm(request.POST or None, initial=initial, indicators=indicators)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        classification = services.classify_household(
            household, year=data["year"], household_class=data["household_class"], by=request.user,
            request=request, income_per_person=data["income_per_person"], deprivations=data["deprivations"],
            escaped_on=data["escaped_on"])
        messages.success(request, f"Đã ghi phân loại năm {data['year']}: {classification.get_household_class_display()}.")
        if classification.disagrees:
            messages.warning(request, "Phân loại đã ghi khác với phân loại theo chuẩn nghèo "
                             f"({classification.get_computed_class_display()}); hãy kiểm tra lại số liệu.")
        return redirect(household)
    context = {"form": form, "household": household, "year": year, "standard": standard, "current": current}
    return render(request, "households/household_classify.html", context)
