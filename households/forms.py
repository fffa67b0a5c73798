import datetime
import re
import uuid

from django import forms

from households.idnumber import check_id, digits_of
from households.imports.cells import clean_text
from households.imports.rows import NAME_CHARS
from households.models import EthnicGroup, Household, HouseholdClass
from households.models.batch import MAX_UPLOAD_BYTES
from households.permissions import importable_communes
from spreadsheets import UPLOAD_ERRORS

YEARS = range(2022, 2031)


class ImportForm(forms.Form):
    """Shape of an upload; the file itself is checked by the import service."""

    commune = forms.ModelChoiceField(label="Xã/phường", queryset=None, empty_label=None)
    year = forms.TypedChoiceField(label="Năm rà soát", coerce=int,
                                  choices=[(y, str(y)) for y in YEARS])
    file = forms.FileField(
        label="Tệp danh sách hộ (.xlsx hoặc .xls)",
        help_text=f"Tối đa {MAX_UPLOAD_BYTES // 1024 // 1024} MB. Giữ nguyên mẫu của xã: dòng tiêu đề, "
                  "dòng thôn, dòng tổng cộng và phần ký tên được tự động bỏ qua.",
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.xls"}), error_messages=UPLOAD_ERRORS,
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commune"].queryset = importable_communes(user)
        self.fields["commune"].label_from_instance = lambda unit: unit.full_name


class HouseholdForm(forms.ModelForm):
    """Shape of a household record; uniqueness and ID-number rules are checked by the service."""

    notice_given = forms.BooleanField(
        label="Tôi đã thông báo cho chủ hộ về việc xử lý dữ liệu cá nhân (mục đích, loại dữ liệu, thời hạn "
              "lưu trữ, quyền của chủ hộ) theo thông báo ở trên.",
        required=True, initial=False,
        error_messages={"required": "Cần xác nhận đã thông báo cho chủ hộ về việc xử lý dữ liệu cá nhân."},
    )
    # One-use token of this form: sent twice (a double click, a resend after a timeout),
    # it registers one household.
    submission = forms.UUIDField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Household
        fields = ["commune", "code", "head_name", "gender", "birth_year", "ethnic_group", "id_number", "village",
                  "members", "phone", "meritorious", "social_protection", "no_labour_capacity"]
        widgets = {"birth_year": forms.NumberInput(attrs={"min": 1900, "max": 2100}),
                   "id_number": forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
                   "phone": forms.TextInput(attrs={"inputmode": "tel"})}
        error_messages = {"head_name": {"required": "Cần nhập họ và tên chủ hộ."},
                          "commune": {"required": "Cần chọn xã/phường."},
                          "birth_year": {"invalid": "Năm sinh phải là số, ví dụ 1985."},
                          "members": {"invalid": "Số nhân khẩu phải là số nguyên, ví dụ 4."}}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commune"].queryset = importable_communes(user)
        self.fields["commune"].label_from_instance = lambda unit: unit.full_name
        self.fields["commune"].empty_label = None
        self.fields["gender"].required = True
        self.fields["gender"].error_messages["required"] = "Cần chọn giới tính chủ hộ (để biết hộ có chủ hộ là nữ)."
        self.fields["ethnic_group"].queryset = EthnicGroup.objects.order_by("code")
        self.fields["id_number"].max_length = 20
        self.fields["id_number"].widget.attrs["maxlength"] = 20
        self.fields["phone"].widget.attrs["maxlength"] = 20
        self.fields["id_number"].help_text = "12 chữ số (CMND cũ 9 chữ số vẫn nhận và được đánh dấu)."
        if self.instance.pk:
            del self.fields["commune"], self.fields["notice_given"], self.fields["submission"]
        elif not self.is_bound:
            self.fields["submission"].initial = uuid.uuid4()

    def clean_head_name(self):
        name, _ = clean_text(self.cleaned_data["head_name"])
        if not name:
            raise forms.ValidationError("Cần nhập họ và tên chủ hộ.")
        if not NAME_CHARS.match(name):
            odd = "".join(sorted({c for c in name if not (c.isalpha() or c in " '’.-")}))[:10]
            raise forms.ValidationError(f"Họ tên chỉ gồm chữ cái; có ký tự không hợp lệ: «{odd}».")
        return name

    def clean_code(self):
        return clean_text(self.cleaned_data["code"])[0]

    def clean_village(self):
        return clean_text(self.cleaned_data["village"])[0]

    def clean_birth_year(self):
        year = self.cleaned_data["birth_year"]
        if year is not None and year > datetime.date.today().year:
            raise forms.ValidationError(f"Năm sinh {year} ở tương lai.")
        if year is not None and year < 1900:
            raise forms.ValidationError(f"Năm sinh {year} không hợp lệ (trước 1900).")
        return year

    def clean_members(self):
        members = self.cleaned_data["members"]
        if members is not None and not 1 <= members <= 50:
            raise forms.ValidationError("Số nhân khẩu phải từ 1 đến 50.")
        return members

    def clean_phone(self):
        phone = re.sub(r"[\s.\-]", "", clean_text(self.cleaned_data["phone"])[0])
        if phone and not re.fullmatch(r"(0|\+84)\d{9,10}", phone):
            raise forms.ValidationError("Số điện thoại không hợp lệ: cần 10 chữ số bắt đầu bằng 0 (hoặc +84).")
        return phone

    def clean_id_number(self):
        raw = self.cleaned_data["id_number"]
        digits = digits_of(raw)
        if digits and not digits.isdigit():
            raise forms.ValidationError("Số định danh chỉ gồm chữ số.")
        if digits and len(digits) not in (9, 12):
            raise forms.ValidationError(f"Số định danh có {len(digits)} chữ số; cần 12 chữ số (hoặc 9 với CMND cũ).")
        return digits

    def clean(self):
        data = super().clean()
        number = data.get("id_number")
        if number and len(number) == 12:
            # The service checks this too; here it is shown with every other problem of the form at once.
            checked = check_id(number, gender=data.get("gender", ""), birth_year=data.get("birth_year"))
            for problem in checked.errors + checked.warnings:
                self.add_error("id_number", problem)
        return data

    def _get_validation_exclusions(self):
        # Uniqueness of code and ID number is a rule: the service checks it and words the message.
        return super()._get_validation_exclusions() | {"code", "id_number"}


class ClassificationForm(forms.Form):
    """Shape of a yearly classification; the deprivations offered are those of the year's standard."""

    year = forms.TypedChoiceField(label="Năm rà soát", coerce=int, choices=[(y, str(y)) for y in YEARS])
    household_class = forms.ChoiceField(label="Phân loại", choices=HouseholdClass.choices)
    escaped_on = forms.DateField(label="Ngày công nhận thoát nghèo", required=False,
                                 widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                                 help_text="Bắt buộc với hộ mới thoát nghèo: tính thời hạn hưởng chính sách 36 tháng.")
    income_per_person = forms.IntegerField(label="Thu nhập bình quân (đồng/người/tháng)", required=False,
                                           min_value=0, max_value=1_000_000_000, error_messages={
                                               "invalid": "Thu nhập phải là số nguyên (đồng), ví dụ 1200000.",
                                               "min_value": "Thu nhập không được âm.",
                                               "max_value": "Thu nhập quá lớn (tối đa 1.000.000.000 đồng)."})
    deprivations = forms.TypedMultipleChoiceField(label="Chỉ số thiếu hụt", coerce=int, required=False,
                                                  widget=forms.CheckboxSelectMultiple, error_messages={
                                                      "invalid_choice": "Chỉ số thiếu hụt %(value)s không nằm trong "
                                                                        "chuẩn nghèo của năm này."})

    def __init__(self, *args, indicators, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["deprivations"].choices = [
            (i.number, f"{i.number}. {i.dimension}: {i.name}"
                       + ("" if i.verified else " (chưa đối chiếu văn bản gốc)")) for i in indicators]
        if not indicators:
            self.fields["deprivations"].help_text = "Năm này chưa có chuẩn nghèo trong hệ thống."

    def clean(self):
        data = super().clean()
        if data.get("household_class") == HouseholdClass.NEWLY_ESCAPED and not data.get("escaped_on"):
            self.add_error("escaped_on", "Hộ mới thoát nghèo cần ngày công nhận thoát nghèo.")
        escaped = data.get("escaped_on")
        if escaped and escaped > datetime.date.today():
            self.add_error("escaped_on", "Ngày công nhận thoát nghèo ở tương lai.")
        if escaped and data.get("household_class") != HouseholdClass.NEWLY_ESCAPED:
            self.add_error("escaped_on", "Chỉ ghi ngày thoát nghèo cho hộ mới thoát nghèo.")
        return data


class VillageNameForm(forms.Form):
    """A village name to add or rename to; the service checks it against the commune's list."""

    name = forms.CharField(label="Tên thôn/bản/tổ dân phố", max_length=120)

    def clean_name(self):
        return clean_text(self.cleaned_data["name"])[0]


class VillageMergeForm(forms.Form):
    """Two villages of one commune: ``drop`` goes into ``keep``."""

    keep = forms.ModelChoiceField(label="Giữ thôn", queryset=None)
    drop = forms.ModelChoiceField(label="Gộp thôn này vào", queryset=None)

    def __init__(self, *args, villages, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["keep"].queryset = self.fields["drop"].queryset = villages
        self.fields["keep"].empty_label = self.fields["drop"].empty_label = None


class VillageMapForm(forms.Form):
    """A spelling met in the commune's households, said to mean one of its villages."""

    text = forms.CharField(max_length=120)
    village = forms.ModelChoiceField(label="Là thôn", queryset=None)

    def __init__(self, *args, villages, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = villages
        self.fields["village"].empty_label = None


class CodeRuleForm(forms.Form):
    pattern = forms.CharField(label="Quy tắc mã hộ", max_length=60)
