from django import forms

from households.models.batch import MAX_UPLOAD_BYTES
from households.permissions import importable_communes

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
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.xls"}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commune"].queryset = importable_communes(user)
        self.fields["commune"].label_from_instance = lambda unit: unit.full_name
