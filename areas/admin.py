"""Django admin, for administrators only: reference data, users and their assignments."""

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group
from django.db import transaction

from areas.admin_vietnamese import PasswordSetForm, VietnamesePermissions
from areas.models import AdminUnit, Assignment, IssuingBody, Role
from areas.scope import is_administrator
from audit.models import Action
from audit.services import diff, record


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


class AdministratorReadsOnly(AdministratorOnly):
    """Records kept by the app itself (the audit log, imported facts): administrators read them, nobody
    adds, changes or deletes them here."""

    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AdminUnit)
class AdminUnitAdmin(AdministratorOnly, admin.ModelAdmin):
    list_display = ("code", "name", "level", "parent", "valid_from", "valid_to")
    list_filter = ("level", "valid_to")
    search_fields = ("search_key", "code")
    autocomplete_fields = ("parent", "successors")
    readonly_fields = ("search_key_shown",)
    list_select_related = ("parent",)

    @admin.display(description="Khóa tìm kiếm (tên không dấu)")
    def search_key_shown(self, unit):
        return unit.search_key.strip()

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


class AssignmentInline(AdministratorOnly, admin.TabularInline):
    model = Assignment
    extra = 1
    autocomplete_fields = ("unit",)


# The user's fields that decide what they may reach; changes to them are written to the audit log.
ACCESS_FIELDS = ("is_active", "is_staff", "is_superuser")


def _access(values: dict) -> dict:
    """The access fields and group names out of a user form's initial data or a user's fields."""
    return {**{name: values.get(name) for name in ACCESS_FIELDS},
            "groups": ", ".join(sorted(group.name for group in values.get("groups") or []))}


def _user_access(user) -> dict:
    return _access({**{name: getattr(user, name) for name in ACCESS_FIELDS},
                    "groups": list(user.groups.all())})


def _assignment(unit_id, role) -> dict:
    unit = AdminUnit.objects.filter(pk=unit_id).first()
    return {"unit": unit.full_name if unit else unit_id, "role": Role(role).label if role else role}


class AppUserAdmin(AdministratorOnly, VietnamesePermissions, UserAdmin):
    """Users and their roles and units; every access change made here is in the audit log."""

    inlines = [AssignmentInline]
    list_display = ("username", "first_name", "last_name", "is_active", "roles")
    change_password_form = PasswordSetForm

    @admin.display(description="Vai trò")
    def roles(self, user):
        return ", ".join(sorted({a.get_role_display() for a in user.assignments.all()}))

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("assignments")

    def save_related(self, request, form, formsets, change):
        before = _access(form.initial) if change else {}
        removed = [_assignment(f.instance.unit_id, f.instance.role) | {"pk": f.instance.pk}
                   for formset in formsets if formset.model is Assignment
                   for f in formset.deleted_forms if f.instance.pk]
        super().save_related(request, form, formsets, change)
        user = form.instance
        if changes := diff(before, _user_access(user)):
            record(request.user, Action.CHANGE if change else Action.CREATE, user,
                   changes=changes, request=request)
        for formset in formsets:
            if formset.model is Assignment:
                self._record_assignments(request, formset, removed)

    def _record_assignments(self, request, formset, removed):
        for old in removed:
            record(request.user, Action.DELETE, object_type=Assignment._meta.label,
                   object_id=old.pop("pk"), changes=diff(old, {}), request=request,
                   description=f"{formset.instance} – {old['role']} – {old['unit']}")
        for assignment, _fields in formset.changed_objects:
            initial = next(f.initial for f in formset.forms if f.instance is assignment)
            before = _assignment(initial.get("unit"), initial.get("role"))
            after = _assignment(assignment.unit_id, assignment.role)
            record(request.user, Action.CHANGE, assignment, changes=diff(before, after),
                   request=request)
        for assignment in formset.new_objects:
            after = _assignment(assignment.unit_id, assignment.role)
            record(request.user, Action.CREATE, assignment, changes=diff({}, after), request=request)

    def user_change_password(self, request, id, form_url=""):
        """The password set (or password login turned off) by an administrator is logged."""
        with transaction.atomic():
            response = super().user_change_password(request, id, form_url)
            # Success redirects to the user's page; a refused form answers 200 or comes back here.
            if request.method == "POST" and response.status_code == 302 and (
                    response.url != request.get_full_path()):
                user = self.get_object(request, unquote(id))
                done = ("đã đặt mật khẩu mới" if user.has_usable_password()
                        else "đã tắt đăng nhập bằng mật khẩu")
                record(request.user, Action.CHANGE, user, changes={"password": [None, done]},
                       request=request)
        return response

    def delete_model(self, request, obj):
        self._record_deletion(request, obj)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for user in queryset:
            self._record_deletion(request, user)
        super().delete_queryset(request, queryset)

    def _record_deletion(self, request, user):
        roles = "; ".join(str(a) for a in user.assignments.select_related("unit"))
        record(request.user, Action.DELETE, user, request=request,
               changes=diff({**_user_access(user), "assignments": roles}, {}))


class AppGroupAdmin(AdministratorOnly, VietnamesePermissions, GroupAdmin):
    pass


User = get_user_model()
admin.site.unregister(User)
admin.site.register(User, AppUserAdmin)
admin.site.unregister(Group)
admin.site.register(Group, AppGroupAdmin)
