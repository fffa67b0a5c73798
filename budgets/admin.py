"""Django admin for the program catalog and norms, for administrators only."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect

from areas.admin import AdministratorOnly
from audit.models import Action
from audit.services import record
from budgets.catalog import refuse_deletion
from budgets.models import Component, FundingSource, Norm, Program, SubProject


class CatalogHistory:
    """Every change of a catalog row kept in the audit log with its old and new values (the
    ministries publish the programme's contents piece by piece; who changed what stays known),
    and a row in use refused deletion with what to do instead."""

    def save_model(self, request, obj, form, change):
        before = {} if not change else {name: str(form.initial.get(name, "")) for name in form.changed_data}
        super().save_model(request, obj, form, change)
        after = {name: str(form.cleaned_data.get(name, "")) for name in form.changed_data}
        record(request.user, Action.CHANGE if change else Action.CREATE, obj,
               changes={name: [before.get(name, ""), after[name]] for name in after}, request=request)

    def delete_view(self, request, object_id, extra_context=None):
        row = self.get_object(request, object_id)
        if row is not None and isinstance(row, (Component, SubProject)):
            try:
                refuse_deletion(row)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
                return redirect(f"admin:budgets_{row._meta.model_name}_change", row.pk)
        return super().delete_view(request, object_id, extra_context)

    def delete_queryset(self, request, queryset):
        for row in queryset:
            try:
                refuse_deletion(row)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
                return
        for row in queryset:
            record(request.user, Action.DELETE, row, request=request)
        super().delete_queryset(request, queryset)

    def delete_model(self, request, obj):
        record(request.user, Action.DELETE, obj, request=request)
        super().delete_model(request, obj)


class ComponentInline(admin.TabularInline):
    model = Component
    extra = 1
    fields = ("code", "name", "order", "valid_from", "valid_to", "verified")


@admin.register(Program)
class ProgramAdmin(CatalogHistory, AdministratorOnly, admin.ModelAdmin):
    list_display = ("code", "name", "valid_from", "valid_to")
    search_fields = ("code", "name")
    inlines = [ComponentInline]


class SubProjectInline(admin.TabularInline):
    model = SubProject
    extra = 1
    fields = ("code", "short_code", "name", "order", "valid_from", "valid_to", "verified")


@admin.register(Component)
class ComponentAdmin(CatalogHistory, AdministratorOnly, admin.ModelAdmin):
    list_display = ("code", "name", "program", "order", "valid_from", "valid_to", "verified")
    list_filter = ("program", "verified")
    search_fields = ("code", "name")
    inlines = [SubProjectInline]


@admin.register(SubProject)
class SubProjectAdmin(CatalogHistory, AdministratorOnly, admin.ModelAdmin):
    list_display = ("code", "short_code", "name", "component", "valid_from", "valid_to", "verified")
    list_filter = ("component__program",)
    search_fields = ("code", "name")
    list_select_related = ("component",)


@admin.register(FundingSource)
class FundingSourceAdmin(CatalogHistory, AdministratorOnly, admin.ModelAdmin):
    list_display = ("code", "short_name", "name", "order", "valid_from", "valid_to")
    search_fields = ("code", "name")


@admin.register(Norm)
class NormAdmin(AdministratorOnly, admin.ModelAdmin):
    list_display = ("code", "name", "province", "amount", "unit_of_measure", "severity", "illustrative",
                    "valid_from", "valid_to")
    list_filter = ("severity", "illustrative")
    search_fields = ("code", "name")
    autocomplete_fields = ("province",)
    list_select_related = ("province",)
