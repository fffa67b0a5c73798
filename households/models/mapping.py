"""A commune's remembered column mapping for one header layout of its Excel lists."""

from django.conf import settings
from django.db import models

from areas.models import AdminUnit


class ColumnMapping(models.Model):
    """Which column holds which field, for files whose header rows have this fingerprint."""

    commune = models.ForeignKey(AdminUnit, verbose_name="Xã/phường", on_delete=models.CASCADE,
                                related_name="+")
    fingerprint = models.CharField("Dấu vân tay dòng tiêu đề", max_length=64)
    height = models.PositiveSmallIntegerField("Số dòng tiêu đề", default=1)
    fields = models.JSONField("Cột của từng trường", default=dict)
    labels = models.JSONField("Tiêu đề cột trong tệp", default=list, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="Người ghép cột",
                                   on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField("Cập nhật lúc", auto_now=True)

    class Meta:
        verbose_name = "Cách ghép cột"
        verbose_name_plural = "Các cách ghép cột"
        ordering = ["commune", "-updated_at"]
        constraints = [
            models.UniqueConstraint(fields=["commune", "fingerprint"], name="column_mapping_once_per_header")
        ]

    def __str__(self):
        return f"Cách ghép cột {len(self.fields)} trường ({self.updated_at:%d/%m/%Y})"

    @property
    def columns(self) -> dict[str, int]:
        return {name: int(col) for name, col in self.fields.items()}
