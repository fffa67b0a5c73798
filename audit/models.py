"""Append-only audit log: who did what to which record, when and from where."""

from django.conf import settings
from django.db import models


class Action(models.TextChoices):
    CREATE = "create", "Tạo mới"
    CHANGE = "change", "Sửa"
    DELETE = "delete", "Xóa"
    VIEW_SENSITIVE = "reveal", "Xem dữ liệu nhạy cảm"
    EXPORT = "export", "Xuất tệp"
    IMPORT = "import", "Nhập tệp"
    ISSUE = "issue", "Ban hành"
    WORKFLOW = "workflow", "Chuyển trạng thái"


class AppendOnlyError(Exception):
    """Audit entries are never changed or deleted from the app."""


class AuditEntryQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("Nhật ký không được sửa.")

    def delete(self):
        raise AppendOnlyError("Nhật ký không được xóa.")


class AuditEntry(models.Model):
    at = models.DateTimeField("Thời điểm", auto_now_add=True, db_index=True)
    # The actor's id, username and name are kept as written: deleting the user leaves the row
    # untouched (no database constraint, nothing done on delete), so ``user`` may point nowhere.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="Người thực hiện", null=True,
        on_delete=models.DO_NOTHING, db_constraint=False, related_name="+",
    )
    username = models.CharField("Tên đăng nhập", max_length=150, blank=True)
    user_full_name = models.CharField("Họ và tên", max_length=300, blank=True)
    action = models.CharField("Hành động", max_length=10, choices=Action.choices)
    object_type = models.CharField("Loại dữ liệu", max_length=100, db_index=True)
    object_id = models.CharField("Mã bản ghi", max_length=64, blank=True)
    object_repr = models.CharField("Bản ghi", max_length=300, blank=True)
    changes = models.JSONField("Nội dung thay đổi", default=dict, blank=True)
    ip_address = models.GenericIPAddressField("Địa chỉ IP", null=True, blank=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        verbose_name = "Mục nhật ký"
        verbose_name_plural = "Nhật ký"
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self):
        return f"{self.at:%d/%m/%Y %H:%M} {self.username} {self.get_action_display()} {self.object_repr}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("Nhật ký không được sửa.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Nhật ký không được xóa.")

    @property
    def actor(self) -> str:
        """Who acted, as written at the time: "Nguyễn Văn An (kehoach)", or the username alone."""
        if self.user_full_name and self.username:
            return f"{self.user_full_name} ({self.username})"
        return self.user_full_name or self.username
