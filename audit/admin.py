from django.contrib import admin

from areas.admin import AdministratorReadsOnly
from audit.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(AdministratorReadsOnly, admin.ModelAdmin):
    """Administrators read and filter the log; nobody changes it."""

    list_display = ("at", "actor", "action", "object_type", "object_repr", "ip_address")
    list_filter = ("action", "object_type", ("at", admin.DateFieldListFilter))
    search_fields = ("username", "user_full_name", "object_repr", "object_id")
    date_hierarchy = "at"
    # The kept id, not the user: the user may have been deleted since.
    readonly_fields = ["actor_id", *(f.name for f in AuditEntry._meta.fields if f.name != "user")]
    exclude = ("user",)

    @admin.display(description="Người thực hiện", ordering="username")
    def actor(self, entry):
        return entry.actor

    @admin.display(description="Mã người thực hiện")
    def actor_id(self, entry):
        return entry.user_id
