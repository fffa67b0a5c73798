"""The citations library in the admin: each document's validity and which new plans cite it
by default (commune or province plans, of which kinds), every change kept in the audit log."""

from django import forms
from django.contrib import admin

from areas.admin import AdministratorOnly
from areas.validity import validity_mark
from audit.models import Action
from audit.services import record
from plans.models import BasisLevel, CitedDocument, PlanKind


class CitedDocumentAdminForm(forms.ModelForm):
    default_levels = forms.MultipleChoiceField(
        label="Căn cứ mặc định của kế hoạch", choices=BasisLevel.choices, required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Kế hoạch mới lập từ mẫu ở các cấp đã chọn tự dẫn văn bản này khi còn hiệu lực.")
    default_kinds = forms.MultipleChoiceField(
        label="Chỉ cho các loại kế hoạch", choices=PlanKind.choices, required=False,
        widget=forms.CheckboxSelectMultiple, help_text="Để trống: mọi loại kế hoạch.")

    class Meta:
        model = CitedDocument
        fields = ["kind", "doc_type", "number", "date", "issuer", "title", "valid_from", "valid_to",
                  "default_levels", "default_kinds", "default_order"]

    def clean(self):
        data = super().clean()
        if data.get("valid_from") and data.get("valid_to") and data["valid_from"] > data["valid_to"]:
            self.add_error("valid_to", "Ngày hết hiệu lực phải sau hoặc trùng ngày bắt đầu hiệu lực.")
        return data


@admin.register(CitedDocument)
class CitedDocumentAdmin(AdministratorOnly, admin.ModelAdmin):
    form = CitedDocumentAdminForm
    list_display = ["document", "valid_from", "valid_to", "defaults"]
    list_filter = ["kind", "doc_type"]
    search_fields = ["number", "title", "issuer"]

    @admin.display(description="Văn bản", ordering="-date")
    def document(self, document):
        return document.citation

    @admin.display(description="Căn cứ mặc định")
    def defaults(self, document):
        levels = ", ".join(BasisLevel(level).label for level in document.default_levels
                           if level in BasisLevel.values)
        return f"{levels} {validity_mark(document)}".strip() or "—"

    def save_model(self, request, obj, form, change):
        before = {name: str(form.initial.get(name, "")) for name in form.changed_data} if change else {}
        super().save_model(request, obj, form, change)
        record(request.user, Action.CHANGE if change else Action.CREATE, obj, request=request,
               changes={name: [before.get(name, ""), str(form.cleaned_data.get(name, ""))]
                        for name in form.changed_data})
