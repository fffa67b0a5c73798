from django.contrib import admin

from households.models import EthnicGroup, Indicator, PovertyStandard


@admin.register(EthnicGroup)
class EthnicGroupAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "other_names"]
    search_fields = ["name", "code"]


class IndicatorInline(admin.TabularInline):
    model = Indicator
    extra = 0


@admin.register(PovertyStandard)
class PovertyStandardAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "rural_line", "urban_line", "valid_from", "valid_to"]
    inlines = [IndicatorInline]
