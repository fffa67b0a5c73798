from django.contrib import admin

from dialogues.models import PriorityRule


@admin.register(PriorityRule)
class PriorityRuleAdmin(admin.ModelAdmin):
    list_display = ["criterion", "unit", "weight"]
    list_filter = ["criterion"]
    raw_id_fields = ["unit"]
