"""Django admin, for administrators only: reference data, users and their assignments."""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group

from areas.models import AdminUnit, Assignment, IssuingBody
from areas.scope import is_administrator


def _administrators_only(request) -> bool:
    return request.user.is_active and is_administrator(request.user)


# The whole admin site opens for administrators (role or superuser), nobody else.
admin.site.has_permission = _administrators_only


class AdministratorOnly:
    """Model permissions follow the administrator role rather than Django's per-model flags."""

    def has_module_permission(self, request):
        return _administrators_only(request)

    def has_view_permission(self, request, obj=None):
        return _administrators_only(request)

    def has_add_permission(self, request, *args):
        return _administrators_only(request)

    def has_change_permission(self, request, obj=None):
        return _administrators_only(request)

    def has_delete_permission(self, request, obj=None):
        return _administrators_only(request)


@admin.register(AdminUnit)
class AdminUnitAdmin(AdministratorOnly, admin.ModelAdmin):
    list_display = ("code", "name", "level", "parent", "valid_from", "valid_to")
    list_filter = ("level", "valid_to")
    search_fields = ("search_key", "code")
    autocomplete_fields = ("parent", "successors")
    readonly_fields = ("search_key",)
    list_select_related = ("parent",)

    def get_search_results(self, request, queryset, search_term):
        """Accent-insensitive, like the app's own search ("ha hoa" finds "Hạ Hoà")."""
        if not search_term:
            return queryset, False
        if search_term.strip().isdigit():
            return queryset.filter(code=search_term.strip()), False
        return queryset.search(search_term), False


@admin.register(IssuingBody)
class IssuingBodyAdmin(AdministratorOnly, admin.ModelAdmin):
    list_display = ("display_name", "abbreviation", "place_name", "unit", "valid_from", "valid_to")
    search_fields = ("display_name", "place_name")
    autocomplete_fields = ("unit",)
    list_select_related = ("unit",)
    fieldsets = (
        ("Tiêu đề văn bản", {"fields": ("parent_name", "name", "display_name", "abbreviation",
                                        "place_name")}),
        ("Khối chữ ký", {"fields": ("is_collective", "collective_name", "head_title",
                                    "deputy_title")}),
        ("Đơn vị và hiệu lực", {"fields": ("unit", "valid_from", "valid_to")}),
    )


class AssignmentInline(admin.TabularInline):
    model = Assignment
    extra = 1
    autocomplete_fields = ("unit",)


class AppUserAdmin(AdministratorOnly, UserAdmin):
    inlines = [AssignmentInline]
    list_display = ("username", "first_name", "last_name", "is_active", "roles")

    @admin.display(description="Vai trò")
    def roles(self, user):
        return ", ".join(sorted({a.get_role_display() for a in user.assignments.all()}))

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("assignments")


class AppGroupAdmin(AdministratorOnly, GroupAdmin):
    pass


User = get_user_model()
admin.site.unregister(User)
admin.site.register(User, AppUserAdmin)
admin.site.unregister(Group)
admin.site.register(Group, AppGroupAdmin)
