"""Dialogues a household took part in outside the app's own sessions (known from an imported list)."""

from django.conf import settings
from django.db import models
from django.db.models import Q


class PastSource(models.TextChoices):
    IMPORT_NOTE = "import_note", "Theo ghi chú danh sách nhập"


class PastParticipation(models.Model):
    """A dialogue the household attended before the app held its sessions: a year (or an unknown one), and
    where that is known from. One record per household and year, so an import written twice records it once."""

    household = models.ForeignKey("households.Household", verbose_name="Hộ", on_delete=models.CASCADE,
                                  related_name="past_participations")
    year = models.PositiveSmallIntegerField("Năm tham gia", null=True, blank=True,
                                            help_text="Để trống: ghi chú không nói năm nào.")
    source = models.CharField("Nguồn", max_length=20, choices=PastSource.choices, default=PastSource.IMPORT_NOTE)
    note = models.CharField("Ghi chú gốc", max_length=200, blank=True)
    batch = models.ForeignKey("households.ImportBatch", verbose_name="Lần nhập tệp", null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="Người ghi nhận", null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField("Ghi nhận lúc", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "Tham gia đối thoại trước đây"
        ordering = ["-year", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["household", "year"], name="past_participation_once_a_year"),
            models.UniqueConstraint(fields=["household"], condition=Q(year__isnull=True),
                                    name="past_participation_once_without_year"),
        ]

    def __str__(self):
        return f"{self.household_id}: đối thoại năm {self.year_text}"

    @property
    def year_text(self) -> str:
        return str(self.year) if self.year else "không rõ"
