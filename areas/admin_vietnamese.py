"""What Django's admin and the third-party apps show in English that no message catalogue can
translate, because they never pass it through gettext: the yes/no icons' text, the names
django-axes gives its log rows, django-tasks-db's computed columns, and the permission names
Django stores in English when it creates them («Can add …»).

Imported by areas/admin.py, so it applies wherever the admin is loaded.
"""

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.admin.templatetags import admin_list
from django.contrib.auth.forms import AdminPasswordChangeForm
from django.contrib.staticfiles.storage import staticfiles_storage
from django.utils import timezone
from django.utils.html import format_html
from django_tasks_db.admin import DBTaskResultAdmin
from django_tasks_db.models import DBTaskResult

YES_NO = {True: ("yes", "Có"), False: ("no", "Không"), None: ("unknown", "Chưa rõ")}
ACTIONS = {"add": "Được thêm", "change": "Được sửa", "delete": "Được xóa", "view": "Được xem"}


def boolean_icon(value):
    """Django's tick or cross, with its text in Vietnamese (Django writes «True», «False»)."""
    icon, text = YES_NO[value]
    return format_html('<img src="{}" alt="{}">', staticfiles_storage.url(f"admin/img/icon-{icon}.svg"), text)


admin_list._boolean_icon = boolean_icon  # read at call time by admin.utils and admin.helpers


def permission_name(permission) -> str:
    """«Được thêm Đơn vị hành chính» for Django's four default permissions, the stored name otherwise."""
    action, _, model_name = permission.codename.partition("_")
    model = permission.content_type.model_class()
    if action in ACTIONS and model is not None and model_name == model._meta.model_name:
        return f"{ACTIONS[action]} {model._meta.verbose_name}"
    return permission.name


def permission_label(permission) -> str:
    """A permission as the user and group forms list it: «Đơn vị hành chính | Được sửa …»."""
    model = permission.content_type.model_class()
    where = f"{model._meta.app_config.verbose_name} | {model._meta.verbose_name}" if model else str(
        permission.content_type)
    return f"{where} | {permission_name(permission)}"


class VietnamesePermissions:
    """Admin mixin: the permissions of a user or group are listed by their Vietnamese names."""

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if db_field.name in ("permissions", "user_permissions") and field is not None:
            field.queryset = field.queryset.select_related("content_type")
            field.label_from_instance = permission_label
        return field


class PasswordSetForm(AdminPasswordChangeForm):
    """The administrator's «set a new password» form: Django appends an English warning to the
    help text outside gettext; the warning keeps its id (the admin's script shows and hides it)."""

    usable_password_help_text = (
        "Người dùng có được đăng nhập bằng mật khẩu hay không."
        '<ul id="id_unusable_warning" class="messagelist"><li class="warning">'
        "Nếu tắt, mật khẩu hiện tại của người dùng này sẽ bị xóa.</li></ul>"
    )


def _moment(value) -> str:
    return timezone.localtime(value).strftime("%d/%m/%Y %H:%M:%S") if value else "—"


AccessLog.__str__ = lambda log: f"Lần đăng nhập của «{log.username}» lúc {_moment(log.attempt_time)}"
AccessAttempt.__str__ = lambda attempt: f"Lần đăng nhập bị chặn lúc {_moment(attempt.attempt_time)}"
AccessFailureLog.__str__ = lambda failure: (
    f"Đăng nhập sai: «{failure.username}»{' (đã khóa)' if failure.locked_out else ''} lúc "
    f"{_moment(failure.attempt_time)} từ {failure.ip_address}")


class TaskResultAdmin(DBTaskResultAdmin):
    """django-tasks-db's list and page, with its computed columns named in Vietnamese."""

    list_display = ("id", "task_shown", "status", "enqueued_at", "started_at", "finished_at", "priority",
                    "queue_name")

    @admin.display(description="Tác vụ")
    def task_shown(self, result):
        return result.task_name

    @admin.display(description="Vết lỗi")
    def formatted_traceback(self, result):
        return super().formatted_traceback(result)

    @admin.display(description="Chạy sau thời điểm")
    def display_run_after(self, result):
        return super().display_run_after(result)


admin.site.unregister(DBTaskResult)
admin.site.register(DBTaskResult, TaskResultAdmin)
