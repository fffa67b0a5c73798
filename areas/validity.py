"""Choices that are valid only for a period (issuing bodies, units, programmes, poverty
standards, norms, cited documents): offered for a document's date, the others kept visible
for old records and marked with their dates, and a refusal that names the valid ones.

Every such row carries ``valid_from``/``valid_to`` (``areas.models.ValidityMixin``). A choice
is valid for a year when its validity touches that year, and for a day when it covers it.
"""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from documents.dates import _month


def day_text(day: datetime.date) -> str:
    """«01/7/2025»: the day padded, the month as ND 30 writes it (only 01 and 02 padded)."""
    return f"{day.day:02d}/{_month(day.month)}/{day.year}"


def first_day_out(row) -> datetime.date | None:
    """The first day the row is no longer valid (the day after ``valid_to``)."""
    return row.valid_to + datetime.timedelta(days=1) if row.valid_to else None


def period_of(year: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def valid_between(row, first: datetime.date, last: datetime.date) -> bool:
    return (row.valid_from is None or row.valid_from <= last) and (
        row.valid_to is None or row.valid_to >= first)


def valid_in_year(row, year: int) -> bool:
    return valid_between(row, *period_of(year))


def filter_valid_in_year(queryset, year: int):
    """The rows of ``queryset`` whose validity touches ``year`` (SQL, for form querysets)."""
    first, last = period_of(year)
    from django.db.models import Q

    return queryset.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=last),
                           Q(valid_to__isnull=True) | Q(valid_to__gte=first))


def validity_mark(row) -> str:
    """«(hết hiệu lực từ 01/7/2025)», «(hiệu lực từ 01/01/2027)» or "" for an open row."""
    if (out := first_day_out(row)) is not None:
        return f"(hết hiệu lực từ {day_text(out)})"
    if row.valid_from is not None and row.valid_from > timezone.localdate():
        return f"(hiệu lực từ {day_text(row.valid_from)})"
    return ""


def marked_label(row, label: str | None = None) -> str:
    """The row's label followed by its validity mark, for a select option or a list."""
    label = str(row) if label is None else label
    mark = validity_mark(row)
    return f"{label} {mark}" if mark else label


def names_list(rows) -> str:
    names = [f"«{row}»" for row in rows]
    return ", ".join(names) if names else "(chưa có lựa chọn nào)"


def refuse_outside_year(row, year: int, *, what: str, valid_rows, field: str | None = None):
    """A ValidationError naming what was chosen, its validity and the valid choices of ``year``."""
    message = (f"{what} «{row}» không có hiệu lực trong năm {year} ({row.validity_text}). "
               f"Các lựa chọn có hiệu lực trong năm {year}: {names_list(valid_rows)}.")
    raise ValidationError({field: message} if field else message)


class DatedSelect(forms.Select):
    """A select whose options carry ``data-valid-from``/``data-valid-to`` (ISO dates), so the
    page hides the choices not valid for the year typed on the same form (static/js/validity.js)."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        row = getattr(value, "instance", None)
        if row is not None:
            if row.valid_from:
                option["attrs"]["data-valid-from"] = row.valid_from.isoformat()
            if row.valid_to:
                option["attrs"]["data-valid-to"] = row.valid_to.isoformat()
        return option


class DatedChoiceField(forms.ModelChoiceField):
    """Options labelled with their validity mark («(hết hiệu lực từ 01/7/2025)»)."""

    widget = DatedSelect

    def label_from_instance(self, obj):
        return marked_label(obj)


class DatedMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return marked_label(obj)


def make_dated(form, name: str, *, year_input: str = "", date_input: str = "") -> None:
    """Turn ``form.fields[name]`` into a DatedChoiceField (same queryset, label, requiredness)
    whose options the page filters by the year or the date typed in the named input."""
    old = form.fields[name]
    field = DatedChoiceField(queryset=old.queryset, required=old.required, label=old.label,
                             help_text=old.help_text, empty_label=old.empty_label)
    if year_input:
        field.widget.attrs["data-validity-year"] = year_input
    if date_input:
        field.widget.attrs["data-validity-date"] = date_input
    form.fields[name] = field


def check_choice_in_year(form, name: str, year: int | None, *, what: str) -> None:
    """Add an error on ``name`` when its choice is not valid in ``year``, naming the valid ones."""
    row = form.cleaned_data.get(name)
    if row is None or year is None or valid_in_year(row, year):
        return
    valid = [r for r in form.fields[name].queryset if valid_in_year(r, year)]
    form.add_error(name, f"{what} «{row}» không có hiệu lực trong năm {year} ({row.validity_text}). "
                         f"Có hiệu lực trong năm {year}: {names_list(valid)}.")


def check_choice_on_day(form, name: str, day: datetime.date | None, *, what: str) -> None:
    """The same for a document dated ``day`` (a decision, an issue date)."""
    row = form.cleaned_data.get(name)
    if row is None or day is None or row.is_active_on(day):
        return
    valid = [r for r in form.fields[name].queryset if r.is_active_on(day)]
    form.add_error(name, f"{what} «{row}» không có hiệu lực vào ngày {day_text(day)} "
                         f"({row.validity_text}). Có hiệu lực vào ngày đó: {names_list(valid)}.")
