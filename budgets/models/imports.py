"""An estimate import from upload to undo: read in the worker, previewed, claimed once, undoable."""

from django.conf import settings
from django.db import models

from budgets.models.estimates import Estimate


class ImportStatus(models.TextChoices):
    QUEUED = "queued", "Đang chờ đọc tệp"
    READING = "reading", "Đang đọc tệp"
    FAILED = "failed", "Tệp có lỗi"
    PREVIEW = "preview", "Đang xem trước"
    IMPORTED = "imported", "Đã nhập"
    UNDONE = "undone", "Đã hoàn tác"


class ImportMode(models.TextChoices):
    REPLACE = "replace", "Thay các dòng của dự toán bằng các dòng trong tệp"
    APPEND = "append", "Thêm các dòng trong tệp sau các dòng hiện có"


class EstimateImport(models.Model):
    """The lines read from one uploaded workbook, for one estimate and the user who uploaded it.

    ``replaced`` keeps the estimate's lines as they were before the import, so that it can be undone.
    """

    estimate = models.ForeignKey(Estimate, verbose_name="Dự toán", on_delete=models.CASCADE,
                                 related_name="imports")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="Người nhập", on_delete=models.CASCADE,
                                   related_name="+")
    status = models.CharField("Trạng thái", max_length=10, choices=ImportStatus.choices,
                              default=ImportStatus.PREVIEW)
    filename = models.CharField("Tên tệp", max_length=255, blank=True)
    content = models.BinaryField("Tệp tải lên", blank=True, default=b"", help_text="Xóa sau khi đọc xong.")
    progress = models.PositiveSmallIntegerField("Tiến độ (%)", default=0)
    problems = models.JSONField("Lỗi", default=list, blank=True)
    notices = models.JSONField("Ghi chú khi đọc", default=list, blank=True)
    sheets = models.JSONField("Trang tính và tiểu dự án", default=list, blank=True)
    groups = models.JSONField("Các nhóm đọc được", default=list, blank=True,
                              help_text="Xóa sau khi đã nhập.")
    line_count = models.PositiveIntegerField("Số dòng", default=0)
    mode = models.CharField("Cách nhập", max_length=8, choices=ImportMode.choices, blank=True)
    replaced = models.JSONField("Các dòng trước khi nhập", default=list, blank=True,
                                help_text="Để hoàn tác lần nhập.")
    created_at = models.DateTimeField("Xem trước lúc", auto_now_add=True)
    imported_at = models.DateTimeField("Nhập lúc", null=True, blank=True)
    undone_at = models.DateTimeField("Hoàn tác lúc", null=True, blank=True)

    class Meta:
        verbose_name = "Lần nhập dự toán từ Excel"
        verbose_name_plural = "Các lần nhập dự toán từ Excel"
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "created_at"], name="estimate_import_status_age")]

    def __str__(self):
        return f"{self.estimate} – {self.line_count} dòng ({self.get_status_display()})"

    @property
    def is_running(self) -> bool:
        return self.status in (ImportStatus.QUEUED, ImportStatus.READING)
