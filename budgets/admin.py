"""Django admin for the program catalog and norms, for administrators only."""

from django.contrib import admin

from areas.admin import AdministratorOnly
from budgets.models import Component, FundingSource, Norm, Program, SubProject


class ComponentInline(admin.TabularInline):
    model = Component
    extra = 1


@admin.register(Program)
class ProgramAdmin(AdministratorOnly, admin.ModelAdmin):
    list_display = ("code", "name", "valid_from", "valid_to")
    search_fields = ("code", "name")
    inlines = [ComponentInline]


class SubProjectInline(admin.TabularInline):
    model = SubProject
    extra = 1


@admin.register(Component)
class ComponentAdmin(AdministratorOnly, admin.ModelAdmin):
    list_display = ("code", "name", "program", "order")
    list_filter = ("program",)
    search_fields = ("code", "name")
    inlines = [SubProjectInline]


@admin.register(SubProject)
class SubProjectAdmin(AdministratorOnly, admin.ModelAdmin):
    list_display = ("code", "short_code", "name", "component", "valid_from", "valid_to")
    list_filter = ("component__program",)
    search_fields = ("code", "name")
    list_select_related = ("component",)


@admin.register(FundingSource)
class FundingSourceAdmin(AdministratorOnly, admin.ModelAdmin):
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
