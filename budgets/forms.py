"""Forms check the shape of input; services check the rules."""

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.utils import timezone

from areas.models import AdminUnit
from areas.validity import (
    check_choice_in_year,
    check_choice_on_day,
    filter_valid_in_year,
    make_dated,
    marked_label,
)
from budgets.checks import PERSON_UNITS
from budgets.models import (
    AllocationDecision,
    Estimate,
    EstimateGroup,
    EstimateLine,
    FundingSource,
    Norm,
    SubProject,
)
from vntext import nfc

_GROUPED = re.compile(r"^-?\d{1,3}(\.\d{3})+$")
_CURRENCY = re.compile(r"(?:đồng|vnđ|vnd|đ)$", re.IGNORECASE)  # as the household import reads incomes


def parse_amount(text: str) -> int:
    """Whole đồng from "100.000", "100 000", "100000", "100.000đ" or "100.000 đồng"; ValueError with a
    Vietnamese message otherwise."""
    cleaned = _CURRENCY.sub("", nfc(str(text)).strip().replace(" ", "").replace("\u00a0", ""))
    if _GROUPED.match(cleaned):
        cleaned = cleaned.replace(".", "")
    if not re.fullmatch(r"-?\d+", cleaned):
        raise ValueError(f"«{text}» không phải số tiền nguyên (đồng); ví dụ: 100.000")
    return int(cleaned)


def parse_quantity(text: str) -> Decimal:
    """A quantity as Vietnamese write it: "50", "1.500" (thousands) or "2,5" (decimal)."""
    cleaned = str(text).strip().replace(" ", "")
    if "," in cleaned:
        cleaned = cleaned.replace(".", "").replace(",", ".")
    elif _GROUPED.match(cleaned):
        cleaned = cleaned.replace(".", "")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(f"«{text}» không phải là số; ví dụ: 50 hoặc 2,5") from None
    if not value.is_finite():
        raise ValueError(f"«{text}» không phải là số.")
    return value


class AmountField(forms.CharField):
    """Whole đồng typed with or without thousands dots; never negative."""

    def __init__(self, *args, allow_zero=False, **kwargs):
        self.allow_zero = allow_zero
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "numeric"}))
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        try:
            amount = parse_amount(value)
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None
        if amount < 0 and self.allow_zero:
            raise forms.ValidationError("Số tiền không được âm.")
        if amount < 0 or (amount == 0 and not self.allow_zero):
            raise forms.ValidationError("Số tiền phải lớn hơn 0.")
        if amount >= 10**15:
            raise forms.ValidationError("Số tiền quá lớn.")
        return amount

    def prepare_value(self, value):
        if isinstance(value, int):
            return f"{value:,}".replace(",", ".")
        return value


class QuantityField(forms.CharField):
    """A non-negative quantity with at most two decimals, below 10 tỷ (or ``below``, said in words)."""

    def __init__(self, *args, below: tuple[int, str] = (10**10, "10 tỷ"), **kwargs):
        self.below = below
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal"}))
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        try:
            number = parse_quantity(value)
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None
        if number < 0:
            raise forms.ValidationError("Không được là số âm.")
        if number != number.quantize(Decimal("0.01")) or number >= self.below[0]:
            raise forms.ValidationError(f"Tối đa hai chữ số thập phân và nhỏ hơn {self.below[1]}.")
        return number

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            text = format(value.normalize(), "f")
            return text.replace(".", ",")
        return value


def _current_sub_projects():
    return SubProject.objects.with_catalog().order_by("component__program__valid_from", "code")


def _sub_projects_of(year: int, keep=None):
    """The sub-projects (contents) valid in ``year``, and the one a record already refers to."""
    rows = filter_valid_in_year(_current_sub_projects(), year)
    if keep is not None:
        rows = rows | _current_sub_projects().filter(pk=keep)
    return rows


def _check_year(form) -> None:
    """The unit and the sub-project chosen must be valid in the year typed on the same form (a
    2027 estimate refers to the 2026–2035 programme and to a unit of today)."""
    year = form.cleaned_data.get("year")
    if "unit" in form.fields:
        check_choice_in_year(form, "unit", year, what="Đơn vị")
    check_choice_in_year(form, "sub_project", year, what="Tiểu dự án / nội dung")


class EstimateForm(forms.ModelForm):
    class Meta:
        model = Estimate
        fields = ["unit", "year", "title", "sub_project", "display_unit"]

    def __init__(self, *args, unit_ids, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = AdminUnit.objects.filter(pk__in=unit_ids).select_related("parent")
        self.fields["sub_project"].queryset = _current_sub_projects()
        make_dated(self, "sub_project", year_input="id_year")
        make_dated(self, "unit", year_input="id_year")
        self.fields["year"].initial = timezone.localdate().year
        self.fields["year"].widget.attrs.update(min=2021, max=2035)
        if self.instance.pk:
            self.fields.pop("unit")

    def clean(self):
        data = super().clean()
        _check_year(self)
        return data

    def clean_year(self):
        year = self.cleaned_data["year"]
        if not 2021 <= year <= 2035:
            raise forms.ValidationError("Năm phải trong giai đoạn 2021–2035.")
        return year


class GroupForm(forms.ModelForm):
    class Meta:
        model = EstimateGroup
        fields = ["title", "sub_project"]

    def __init__(self, *args, estimate=None, **kwargs):
        super().__init__(*args, **kwargs)
        estimate = estimate or (self.instance.estimate if self.instance.estimate_id else None)
        if estimate is None:
            self.fields["sub_project"].queryset = _current_sub_projects()
        else:
            self.fields["sub_project"].queryset = _sub_projects_of(estimate.year,
                                                                   self.instance.sub_project_id)
        self.fields["sub_project"].label_from_instance = marked_label


class LineForm(forms.ModelForm):
    quantity = QuantityField(label="Số lượng")
    days = QuantityField(label="Số ngày/buổi/lớp", required=False, help_text="Để trống nếu không tính theo ngày.",
                         below=(10**8, "100 triệu"))  # as the column stores it
    unit_price = AmountField(label="Định mức/Đơn giá (đồng)", allow_zero=True,
                             help_text="Nhập theo đồng, ví dụ 100.000")

    class Meta:
        model = EstimateLine
        fields = ["content", "unit_of_measure", "quantity", "days", "unit_price", "funding_source",
                  "sub_project", "norm", "note"]

    def __init__(self, *args, estimate, **kwargs):
        super().__init__(*args, **kwargs)
        # Offered: what is valid in the estimate's year, and what the line already refers to.
        year, line = estimate.year, self.instance
        sources = filter_valid_in_year(FundingSource.objects.all(), year)
        norms = filter_valid_in_year(Norm.objects.for_unit(estimate.unit), year)
        if line.pk:
            sources = sources | FundingSource.objects.filter(pk=line.funding_source_id)
            norms = norms | Norm.objects.filter(pk=line.norm_id)
        self.fields["funding_source"].queryset = sources.distinct()
        self.fields["funding_source"].required = True
        self.fields["sub_project"].queryset = _sub_projects_of(year, line.sub_project_id)
        self.fields["norm"].queryset = norms.distinct().select_related("province")
        for name in ("funding_source", "sub_project", "norm"):
            self.fields[name].label_from_instance = marked_label

    def clean(self):
        data = super().clean()
        unit, quantity = (data.get("unit_of_measure") or "").strip().lower(), data.get("quantity")
        if quantity is not None and unit in PERSON_UNITS and quantity != int(quantity):
            self.add_error("quantity", f"Số lượng tính theo «{unit}» phải là số nguyên.")
        price, days = data.get("unit_price"), data.get("days")
        if quantity is not None and price is not None and quantity * (days if days is not None else 1) * price >= 10**15:
            self.add_error("unit_price", "Thành tiền (Số lượng × Số ngày × Đơn giá) quá lớn; hãy kiểm tra lại các số.")
        return data


class DisbursementForm(forms.Form):
    date = forms.DateField(label="Ngày chi", widget=forms.DateInput(attrs={"type": "date"}))
    voucher_number = forms.CharField(label="Số chứng từ", max_length=60)
    amount = AmountField(label="Số tiền (đồng)")
    note = forms.CharField(label="Ghi chú", max_length=300, required=False)
    overrun_reason = forms.CharField(
        label="Lý do chi vượt dòng dự toán", max_length=500, required=False,
        help_text="Chỉ điền khi khoản chi vượt phần còn lại của dòng và việc chi vượt là đúng "
                  "(ví dụ: đã có quyết định điều chỉnh dự toán số …).")


class DecisionForm(forms.ModelForm):
    class Meta:
        model = AllocationDecision
        fields = ["unit", "number", "date", "issuer", "title"]
        widgets = {"date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, unit_ids, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = AdminUnit.objects.filter(pk__in=unit_ids)
        make_dated(self, "unit", date_input="id_date")

    def clean(self):
        data = super().clean()
        check_choice_on_day(self, "unit", data.get("date"), what="Đơn vị")
        return data


class DecisionEditForm(forms.ModelForm):
    """The fields of a saved decision that may be corrected (its unit stays)."""

    class Meta:
        model = AllocationDecision
        fields = ["number", "date", "issuer", "title"]
        widgets = {"date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}


class AllocationForm(forms.Form):
    unit = forms.ModelChoiceField(label="Đơn vị được giao", queryset=AdminUnit.objects.none())
    year = forms.IntegerField(label="Năm", min_value=2021, max_value=2035)
    sub_project = forms.ModelChoiceField(label="Tiểu dự án", queryset=SubProject.objects.none())
    funding_source = forms.ModelChoiceField(label="Nguồn vốn", queryset=FundingSource.objects.all())
    amount = AmountField(label="Số tiền (đồng)")

    def __init__(self, *args, unit_ids, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = AdminUnit.objects.filter(pk__in=unit_ids)
        self.fields["sub_project"].queryset = _current_sub_projects()
        make_dated(self, "sub_project", year_input="id_year")
        make_dated(self, "unit", year_input="id_year")
        self.fields["funding_source"].queryset = FundingSource.objects.current()

    def clean(self):
        data = super().clean()
        _check_year(self)
        return data


class StatedTotalForm(forms.Form):
    sub_project = forms.ModelChoiceField(label="Tổng của", queryset=SubProject.objects.none(), required=False,
                                         empty_label="Cả dự toán")
    amount = AmountField(label="Tổng kinh phí ghi (đồng)", allow_zero=True)
    source = forms.CharField(label="Ghi trong văn bản", max_length=300, required=False,
                             help_text="Ví dụ: Kế hoạch số 12/KH-UBND; Quyết định giao vốn số 45/QĐ-UBND.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sub_project"].queryset = SubProject.objects.order_by("order", "code")


class KeepDifferenceForm(forms.Form):
    reason = forms.CharField(label="Lý do giữ chênh lệch", max_length=500)
