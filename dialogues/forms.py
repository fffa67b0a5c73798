"""Forms check the shape of input; services check the rules."""

import datetime

from django import forms
from django.utils import timezone

from areas.models import AdminUnit, UnitLevel
from budgets.models import EstimateLine
from dialogues.models import (
    Criterion,
    DialogueSession,
    OfficialLevel,
    Petition,
    PetitionStatus,
    PolicyField,
    Quarter,
)
from dialogues.roles import RoleHolder
from households.models import EthnicGroup, Gender, HouseholdClass
from households.people import person_label
from vntext import nfc

CONSENT_LABEL = ("Người dân đã được thông báo mục đích, loại dữ liệu (họ tên, giới tính, năm sinh, dân tộc, "
                 "thôn, loại hộ), thời hạn lưu trữ và quyền của mình, và đồng ý cho xử lý dữ liệu để tổ chức "
                 "hội nghị đối thoại.")


def consent_field():
    return forms.BooleanField(label=CONSENT_LABEL, required=False, initial=False)


class SessionForm(forms.ModelForm):
    half_days = forms.IntegerField(label="Số buổi", required=False, min_value=1, max_value=20,
                                   help_text="Để trống: 1 buổi. Cả ngày là 2 buổi.",
                                   error_messages={"min_value": "Số buổi ít nhất là 1.",
                                                   "max_value": "Số buổi nhiều nhất là 20."})
    policy_fields = forms.MultipleChoiceField(label="Lĩnh vực chính sách", choices=PolicyField.choices,
                                              required=False, widget=forms.CheckboxSelectMultiple)
    starts_at = forms.DateTimeField(label="Thời gian tổ chức", required=False,
                                    widget=forms.DateTimeInput(attrs={"type": "datetime-local"},
                                                               format="%Y-%m-%dT%H:%M"),
                                    input_formats=["%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M"])

    class Meta:
        model = DialogueSession
        fields = ["commune", "plan", "year", "quarter", "starts_at", "venue", "chair", "theme", "policy_fields",
                  "half_days", "target", "women_share", "minority_share", "first_timer_share", "budget_line",
                  "travel_line"]

    def __init__(self, *args, communes=None, plans=None, lines=None, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["commune"], self.fields["plan"]
        else:
            self.fields["commune"].queryset = communes
            self.fields["plan"].queryset = plans
        for name in ("budget_line", "travel_line"):
            self.fields[name].queryset = lines if lines is not None else EstimateLine.objects.none()
            self.fields[name].label_from_instance = lambda line: f"{line.estimate.year} – {line.content}"
        for name in ("women_share", "minority_share", "first_timer_share"):
            self.fields[name].widget.attrs.update(min=0, max=100)
        # No district since 1 July 2025: a commune's leader, or the province's department.
        self.fields["chair"].help_text = ("Ví dụ: Bà Hà Thị Mai, Phó Chủ tịch UBND xã; hoặc lãnh đạo "
                                          "Sở Nông nghiệp và Môi trường")
        if self.instance.starts_at:
            self.initial["starts_at"] = timezone.localtime(self.instance.starts_at).strftime("%Y-%m-%dT%H:%M")

    def clean_half_days(self) -> int:
        return self.cleaned_data.get("half_days") or 1

    def clean(self):
        data = super().clean()
        for name in ("women_share", "minority_share", "first_timer_share"):
            if data.get(name) is not None and data[name] > 100:
                self.add_error(name, "Tỷ lệ phải từ 0 đến 100%.")
        return data


class SeriesForm(forms.Form):
    communes = forms.ModelMultipleChoiceField(label="Các xã tổ chức", queryset=AdminUnit.objects.none(),
                                              widget=forms.CheckboxSelectMultiple)
    quarter = forms.TypedChoiceField(label="Quý dự kiến", choices=[("", "Chưa xác định"), *Quarter.choices],
                                     coerce=int, required=False, empty_value=None)
    target = forms.IntegerField(label="Số người dân mỗi hội nghị", min_value=1, max_value=1000, initial=50)
    theme = forms.CharField(label="Chủ đề", max_length=500,
                            initial="Đối thoại chính sách về thực hiện Chương trình mục tiêu quốc gia giảm nghèo bền vững")
    policy_fields = forms.MultipleChoiceField(label="Lĩnh vực chính sách", choices=PolicyField.choices,
                                              required=False, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, communes=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["communes"].queryset = communes


def plan_communes(plan):
    """Communes of the plan's unit as they existed in the plan's year."""
    day = datetime.date(plan.year, 1, 1)
    return (AdminUnit.objects.within([plan.unit_id]).filter(level=UnitLevel.COMMUNE).active_on(day)
            .order_by("name"))


class CitizenForm(forms.Form):
    full_name = forms.CharField(label="Họ và tên", max_length=150)
    gender = forms.ChoiceField(label="Giới tính", choices=[("", "—"), *Gender.choices], required=False)
    birth_year = forms.IntegerField(label="Năm sinh", min_value=1900, max_value=2030, required=False)
    ethnic_group = forms.ModelChoiceField(label="Dân tộc", queryset=EthnicGroup.objects.all(), required=False)
    village = forms.CharField(label="Thôn", max_length=120, required=False)
    household_class = forms.ChoiceField(label="Loại hộ", choices=[("", "—"), *HouseholdClass.choices],
                                        required=False)
    consent = consent_field()


class WalkInForm(CitizenForm):
    client_ref = forms.CharField(required=False, max_length=40, widget=forms.HiddenInput)


class OfficialForm(forms.Form):
    """One official's row; a row left wholly blank is no official (the page offers spare rows)."""

    level = forms.ChoiceField(label="Cấp", choices=[("", "— Chọn cấp —"), *OfficialLevel.choices], required=False,
                              widget=forms.Select(attrs={"class": "form-select"}))
    position = forms.CharField(label="Chức vụ", max_length=200, required=False,
                               widget=forms.TextInput(attrs={"class": "form-control"}))
    name = forms.CharField(label="Họ và tên", max_length=150, required=False,
                           widget=forms.TextInput(attrs={"class": "form-control"}))

    MISSING = {"level": "Chọn cấp của đại biểu.", "position": "Ghi chức vụ.", "name": "Ghi họ và tên."}

    def clean(self):
        data = super().clean()
        for key in ("position", "name"):
            data[key] = nfc(data.get(key) or "")
        if self.is_blank() or data.get("DELETE"):
            return data
        for key, message in self.MISSING.items():
            if not data.get(key) and key not in self.errors:
                self.add_error(key, message)
        return data

    def is_blank(self) -> bool:
        return not any(self.cleaned_data.get(key) for key in self.MISSING)

    def official(self) -> dict | None:
        """The row as (level, position, name), or None when it is blank or marked for removal."""
        if self.is_blank() or self.cleaned_data.get("DELETE"):
            return None
        return {key: self.cleaned_data[key] for key in self.MISSING}


class BaseOfficialFormSet(forms.BaseFormSet):
    def officials(self) -> list[dict]:
        return [row for form in self.forms if (row := form.official())]


OfficialFormSet = forms.formset_factory(OfficialForm, formset=BaseOfficialFormSet, extra=3, can_delete=True,
                                        max_num=30, validate_max=True)


class MinutesForm(forms.ModelForm):
    """The minutes' text; the secretary signs beside the chair, so the minutes need one by name."""

    class Meta:
        model = DialogueSession
        fields = ["secretary", "proceedings", "conclusion"]
        widgets = {"proceedings": forms.Textarea(attrs={"rows": 8}), "conclusion": forms.Textarea(attrs={"rows": 5})}
        help_texts = {"secretary": "Ghi «Ông/Bà Họ và tên, chức vụ», ví dụ «Bà Lê Thị Cúc, công chức "
                                   "Văn hóa - Xã hội»: biên bản in «Bà Lê Thị Cúc – Công chức …» và tên "
                                   "dưới chữ ký của thư ký."}
        error_messages = {"secretary": {"required": "Ghi họ tên thư ký hội nghị (người ký biên bản cùng chủ trì)."}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["secretary"].required = True

    def clean_secretary(self):
        secretary = nfc(self.cleaned_data["secretary"])
        if not RoleHolder.parse(secretary).name:
            raise forms.ValidationError("Ghi họ tên thư ký, không chỉ danh xưng hay chức vụ (ví dụ «Bà Lê Thị Cúc, "
                                        "công chức Văn hóa - Xã hội»).")
        return secretary


def _attendee_label(attendee) -> str:
    """Two attendees of one name are told apart by birth year, village and household code."""
    codes = {attendee.household_id: attendee.household.code} if attendee.household_id else {}
    return person_label(attendee, codes)


class PetitionForm(forms.ModelForm):
    class Meta:
        model = Petition
        fields = ["attendee", "raised_by", "policy_field", "content", "answered_by", "answer", "status",
                  "due_date", "referral_level", "responsible_body"]
        widgets = {"content": forms.Textarea(attrs={"rows": 4}), "answer": forms.Textarea(attrs={"rows": 3}),
                   "due_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, session=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attendee"].queryset = session.attendees.select_related("household").order_by("full_name")
        self.fields["attendee"].label_from_instance = _attendee_label
        self.fields["raised_by"].required = False
        self.fields["raised_by"].help_text = "Để trống nếu đã chọn người trong danh sách."
        self.fields["status"].choices = [c for c in PetitionStatus.choices if c[0] != PetitionStatus.CLOSED]
        self.fields["content"].max_length = None

    def clean(self):
        data = super().clean()
        if not data.get("attendee") and not data.get("raised_by"):
            self.add_error("raised_by", "Chọn người trong danh sách hoặc ghi tên người nêu ý kiến.")
        return data


class FollowUpForm(forms.Form):
    date = forms.DateField(label="Ngày", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                           initial=datetime.date.today)
    note = forms.CharField(label="Nội dung", widget=forms.Textarea(attrs={"rows": 3}))
    closes = forms.BooleanField(label="Đã giải quyết xong (đóng ý kiến)", required=False)


class PriorityForm(forms.Form):
    def __init__(self, *args, weights=None, **kwargs):
        super().__init__(*args, **kwargs)
        for criterion in Criterion:
            self.fields[criterion.value] = forms.IntegerField(
                label=criterion.label, min_value=0, max_value=20, initial=(weights or {}).get(criterion.value, 0))
