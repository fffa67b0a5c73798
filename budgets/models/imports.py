"""An estimate import between its preview and its confirmation, so that a confirmation counts once."""

from django.conf import settings
from django.db import models

from budgets.models.estimates import Estimate


class ImportStatus(models.TextChoices):
    PREVIEW = "preview", "Đang xem trước"
    IMPORTED = "imported", "Đã nhập"


class EstimateImport(models.Model):
    """The lines read from one uploaded workbook, for one estimate and the user who previewed them."""

    estimate = models.ForeignKey(Estimate, verbose_name="Dự toán", on_delete=models.CASCADE,
                                 related_name="imports")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="Người nhập", on_delete=models.CASCADE,
                                   related_name="+")
    status = models.CharField("Trạng thái", max_length=8, choices=ImportStatus.choices,
                              default=ImportStatus.PREVIEW)
    groups = models.JSONField("Các nhóm đọc được", default=list, blank=True,
                              help_text="Xóa sau khi đã nhập.")
    line_count = models.PositiveIntegerField("Số dòng")
    created_at = models.DateTimeField("Xem trước lúc", auto_now_add=True)
    imported_at = models.DateTimeField("Nhập lúc", null=True, blank=True)

    class Meta:
        verbose_name = "Lần nhập dự toán từ Excel"
        verbose_name_plural = "Các lần nhập dự toán từ Excel"
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "created_at"], name="estimate_import_status_age")]

    def __str__(self):
        return f"{self.estimate} – {self.line_count} dòng ({self.get_status_display()})"
