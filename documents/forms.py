from django import forms
from django.utils import timezone

from areas.models import IssuingBody


class SampleDocumentForm(forms.Form):
    """Which issuing body, number and date the sample document is shown with."""

    body = forms.ModelChoiceField(
        label="Cơ quan ban hành", queryset=IssuingBody.objects.none(),
        error_messages={"invalid_choice": "Cơ quan ban hành không tồn tại hoặc ngoài phạm vi."},
    )
    number = forms.IntegerField(
        label="Số văn bản", required=False, min_value=1, max_value=99999,
    )
    issue_date = forms.DateField(
        label="Ngày ban hành", required=False, widget=forms.DateInput(attrs={"type": "date"}),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
    )
    year = forms.IntegerField(
        label="Năm (bản dự thảo)", required=False, min_value=2000, max_value=2100,
    )

    def __init__(self, *args, bodies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = bodies

    def clean(self):
        data = super().clean()
        body, number, day = data.get("body"), data.get("number"), data.get("issue_date")
        if number and not day:
            self.add_error("issue_date", "Văn bản đã có số phải có ngày ban hành.")
        if day and not number:
            self.add_error("number", "Văn bản đã có ngày ban hành phải có số.")
        if body and day and not body.is_active_on(day):
            self.add_error(
                "issue_date",
                f"Ngày {day:%d/%m/%Y} nằm ngoài thời gian hiệu lực của {body} "
                f"({body.validity_text}).",
            )
        if not data.get("year"):
            data["year"] = day.year if day else timezone.localdate().year
        return data
