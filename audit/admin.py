from django.contrib import admin

from areas.admin import AdministratorOnly
from audit.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(AdministratorOnly, admin.ModelAdmin):
    """Administrators read and filter the log; nobody changes it."""

    list_display = ("at", "username", "action", "object_type", "object_repr", "ip_address")
    list_filter = ("action", "object_type", ("at", admin.DateFieldListFilter))
    search_fields = ("username", "object_repr", "object_id")
    date_hierarchy = "at"
    readonly_fields = [f.name for f in AuditEntry._meta.fields]

    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
