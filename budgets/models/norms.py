"""Spending norms (định mức) per province and period, which an estimate line may reference."""

from django.core.exceptions import ValidationError
from django.db import models

from areas.models import AdminUnit, UnitLevel, ValidityMixin, ValidityQuerySet


class Severity(models.TextChoices):
    WARNING = "warning", "Cảnh báo"
    ERROR = "error", "Lỗi (chặn)"


class NormQuerySet(ValidityQuerySet):
    def for_unit(self, unit: AdminUnit):
        """Norms of the province the unit lies in."""
        province = unit
        while province.parent_id and province.level != UnitLevel.PROVINCE:
            province = province.parent
        return self.filter(province=province)


class Norm(ValidityMixin):
    """A ceiling on a unit price, e.g. meal support 100.000 đồng per person per day at a commune meeting."""

    province = models.ForeignKey(
        AdminUnit, verbose_name="Tỉnh", on_delete=models.PROTECT, related_name="norms",
        limit_choices_to={"level": UnitLevel.PROVINCE},
    )
    code = models.CharField("Mã định mức", max_length=40)
    name = models.CharField("Nội dung", max_length=300)
    unit_of_measure = models.CharField("Đơn vị tính", max_length=40)
    amount = models.BigIntegerField("Mức tối đa (đồng)")
    severity = models.CharField(
        "Khi vượt định mức", max_length=10, choices=Severity.choices, default=Severity.WARNING
    )
    legal_basis = models.CharField("Căn cứ", max_length=300, blank=True)
    illustrative = models.BooleanField(
        "Mức minh hoạ", default=False,
        help_text="Mức chưa được đối chiếu với nghị quyết HĐND tỉnh; chỉ dùng để minh hoạ.",
    )

    objects = NormQuerySet.as_manager()

    class Meta:
        verbose_name = "Định mức"
        verbose_name_plural = "Định mức"
        ordering = ["province", "code", "-valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["province", "code", "valid_from"], name="norm_unique_per_period"),
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="norm_amount_positive"),
        ]

    def __str__(self):
        return f"{self.name} ({self.unit_of_measure})"

    def clean(self):
        self.clean_validity()
        if self.province_id and self.province.level != UnitLevel.PROVINCE:
            raise ValidationError({"province": "Định mức được quy định theo tỉnh."})
