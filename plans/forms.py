"""Plan forms: they check the shape of input (services check the rules) and never let a
control character through (PostgreSQL refuses NUL; the documents have no use for the rest)."""

import uuid

from django import forms
from django.db import models
from django.utils import timezone

from areas.models import IssuingBody
from areas.validity import (
    DatedChoiceField,
    DatedMultipleChoiceField,
    filter_valid_in_year,
    marked_label,
    names_list,
    valid_in_year,
)
from plans.models import Authority, CitationKind, CitedDocument, Plan, PlanKind, Status
from plans.parsing import strip_controls


def _without_controls(data):
    if hasattr(data, "lists"):  # a QueryDict: every value of every key
        cleaned = data.copy()
        for key, values in data.lists():
            cleaned.setlist(key, [strip_controls(v) if isinstance(v, str) else v for v in values])
        return cleaned
    return {key: strip_controls(v) if isinstance(v, str) else v for key, v in data.items()}


class ControlFree:
    """Mixin: the submitted data without control characters, before any field sees it."""

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(None if data is None else _without_controls(data), *args, **kwargs)


class OneUse(ControlFree, forms.Form):
    """A form that creates something once: a one-use token, sent back by the page, marks
    the object so that a second submit of the same page finds it instead of making another."""

    token = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["token"].initial = uuid.uuid4()


class IssueForm(ControlFree, forms.Form):
    """The confirmation page: the date, the number it showed, and the warnings ticked."""

    issue_date = forms.DateField(
        label="Ngày ban hành", required=False, input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        error_messages={"invalid": "Ngày ban hành không hợp lệ (định dạng ngày/tháng/năm)."})
    expected_number = forms.IntegerField(required=False, min_value=1, max_value=10**9,
                                         widget=forms.HiddenInput)
    acknowledged = forms.MultipleChoiceField(required=False, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, warnings=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["acknowledged"].choices = [(w.key, w.message) for w in warnings]
        # A warning gone since the page was shown is not an error: the service decides.
        self.fields["acknowledged"].valid_value = lambda value: True


class WithdrawForm(ControlFree, forms.Form):
    reason = forms.CharField(
        label="Lý do thu hồi", max_length=5000, widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Hãy ghi lý do thu hồi: lý do được lưu cùng văn bản."})


class LibrarySearchForm(ControlFree, forms.Form):
    q = forms.CharField(label="Tìm", required=False)

    def clean_q(self):
        return self.cleaned_data["q"][:100]


def _check_body_in_year(form, year_field: str = "year") -> None:
    """The issuing body chosen must be in force in the year typed on the same form; the
    message names the bodies that are (the page hides the others, static/js/validity.js)."""
    body, year = form.cleaned_data.get("issuing_body"), form.cleaned_data.get(year_field)
    if body is None or year is None or valid_in_year(body, year):
        return
    valid = [b for b in form.fields["issuing_body"].queryset if valid_in_year(b, year)]
    form.add_error("issuing_body", f"{body} không có hiệu lực trong năm {year} "
                                   f"({body.validity_text}). Cơ quan ban hành có hiệu lực trong "
                                   f"năm {year}: {names_list(valid)}.")


def _body_field(**kwargs) -> DatedChoiceField:
    field = DatedChoiceField(label="Cơ quan ban hành", queryset=IssuingBody.objects.none(),
                             error_messages={"invalid_choice": "Cơ quan ban hành không hợp lệ."},
                             **kwargs)
    field.widget.attrs["data-validity-year"] = "id_year"
    return field


class PlanCreateForm(OneUse):
    kind = forms.ChoiceField(label="Loại kế hoạch", choices=PlanKind.choices,
                             widget=forms.RadioSelect)
    issuing_body = _body_field(
        help_text="Chỉ các cơ quan có hiệu lực trong năm kế hoạch được chọn; cơ quan đã giải thể "
                  "vẫn hiện (kèm ngày hết hiệu lực) để lập kế hoạch của những năm trước.")
    year = forms.IntegerField(label="Năm kế hoạch", min_value=2000, max_value=2100)

    def __init__(self, *args, bodies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issuing_body"].queryset = bodies
        self.fields["year"].initial = timezone.localdate().year

    def clean(self):
        data = super().clean()
        _check_body_in_year(self)
        return data


class PlanCopyForm(OneUse):
    year = forms.IntegerField(label="Năm của kế hoạch mới", min_value=2000, max_value=2100)
    issuing_body = _body_field(
        required=False,
        help_text="Để trống để giữ cơ quan ban hành của kế hoạch gốc (nếu còn hiệu lực).")

    def __init__(self, *args, bodies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issuing_body"].queryset = bodies

    def clean(self):
        data = super().clean()
        _check_body_in_year(self)
        return data


class PlanHeaderForm(ControlFree, forms.ModelForm):
    class Meta:
        model = Plan
        fields = ["title", "year", "subprojects", "estimate", "intro", "basis_text", "closing",
                  "recipients", "authority", "collective_line", "collective_name", "signer_name",
                  "signer_title", "stated_total"]
        widgets = {
            "title": forms.Textarea(attrs={"rows": 2}),
            "intro": forms.Textarea(attrs={"rows": 3}),
            "basis_text": forms.Textarea(attrs={"rows": 2}),
            "closing": forms.Textarea(attrs={"rows": 3}),
            "recipients": forms.Textarea(attrs={"rows": 5}),
            "authority": forms.Select(choices=Authority.choices),
            "subprojects": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, user=None, **kwargs):
        from budgets.models import Estimate, SubProject

        super().__init__(*args, **kwargs)
        subprojects = SubProject.objects.with_catalog()
        if self.instance.pk:  # the year's programme, and what the plan already refers to
            year_rows = filter_valid_in_year(subprojects, self.instance.year)
            subprojects = subprojects.filter(pk__in=year_rows.values("pk")) | subprojects.filter(
                plans=self.instance)
        self.fields["subprojects"].queryset = subprojects.distinct().order_by(
            "component__program__valid_from", "code")
        self.fields["subprojects"].label_from_instance = marked_label
        estimates = Estimate.objects.visible_to(user) if user is not None else Estimate.objects.none()
        if self.instance.pk:
            estimates = estimates.filter(unit=self.instance.unit_id)
        self.fields["estimate"].queryset = estimates.order_by("-year", "title")
        self.fields["estimate"].empty_label = "Chưa gắn dự toán"
        self.fields["estimate"].help_text = ("Mục «Kinh phí» và phụ biểu lấy số liệu từ dự toán này; "
                                             "không gõ lại số tiền.")

    # A select, not a checkbox: autosave sends only the fields present, and an unticked box
    # is absent from the request.
    collective_line = forms.TypedChoiceField(
        label="Dòng «TM. …» (thay mặt tập thể)", coerce=lambda value: value == "True",
        required=False, empty_value=None,
        choices=[(True, "In dòng «TM. <tên tập thể>»"), (False, "Không in")],
        help_text="Mặc định theo cơ quan ban hành; bỏ khi người đứng đầu ký với tư cách cá nhân.")

    def clean_stated_total(self):
        value = self.cleaned_data.get("stated_total")
        if value is not None and value < 0:
            raise forms.ValidationError("Tổng kinh phí không được âm.")
        return value


class BasesForm(ControlFree, forms.Form):
    """The plan's bases: the library's documents valid in the plan's year, and those the plan
    already cites (an ended one stays, marked «(hết hiệu lực từ …)»)."""

    documents = DatedMultipleChoiceField(
        label="Văn bản căn cứ", queryset=CitedDocument.objects.all(), required=False,
        widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, plan=None, **kwargs):
        super().__init__(*args, **kwargs)
        if plan is not None:
            cited = plan.basis_links.values("document")
            valid = filter_valid_in_year(CitedDocument.objects.all(), plan.year).values("pk")
            self.fields["documents"].queryset = CitedDocument.objects.filter(
                models.Q(pk__in=valid) | models.Q(pk__in=cited)).order_by("-date")
            self.fields["documents"].error_messages["invalid_choice"] = (
                f"Văn bản căn cứ đã chọn không có hiệu lực trong năm {plan.year} của kế hoạch "
                "(hoặc không còn trong thư viện); hãy chọn văn bản còn hiệu lực.")


class CitedDocumentForm(ControlFree, forms.ModelForm):
    class Meta:
        model = CitedDocument
        fields = ["kind", "doc_type", "number", "date", "issuer", "title", "valid_from", "valid_to"]
        widgets = {"date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                   "valid_from": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                   "valid_to": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def clean(self):
        data = super().clean()
        document = CitedDocument(**{k: data.get(k) for k in self.Meta.fields if k in data})
        if data.get("kind") and data.get("kind") != CitationKind.LAW and not data.get("number"):
            self.add_error("number", "Văn bản (trừ Luật, pháp lệnh) phải có số, ký hiệu.")
        elif data.get("kind") and data.get("number") and not document.number_is_valid:
            self.add_error("number", f"Số hiệu «{data['number']}» không đúng mẫu "
                                     f"{CitationKind(data['kind']).label}.")
        if data.get("valid_from") and data.get("valid_to") and data["valid_from"] > data["valid_to"]:
            self.add_error("valid_to", "Ngày hết hiệu lực phải sau hoặc trùng ngày bắt đầu hiệu lực.")
        return data


class PlanFilterForm(ControlFree, forms.Form):
    q = forms.CharField(label="Tìm", required=False, max_length=100)
    year = forms.IntegerField(label="Năm", required=False, min_value=2000, max_value=2100)
    kind = forms.ChoiceField(label="Loại", required=False, choices=[("", "Tất cả")] + PlanKind.choices,
                             widget=forms.Select(attrs={"class": "form-select"}))
    status = forms.ChoiceField(label="Trạng thái", required=False,
                               choices=[("", "Tất cả")] + Status.choices,
                               widget=forms.Select(attrs={"class": "form-select"}))
    body = forms.ModelChoiceField(label="Cơ quan ban hành", required=False,
                                  queryset=IssuingBody.objects.none(), empty_label="Tất cả",
                                  widget=forms.Select(attrs={"class": "form-select"}))

    def __init__(self, *args, bodies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = bodies
        self.fields["body"].label_from_instance = marked_label
