"""Allocation decisions (quyết định giao vốn) and the amounts they give each unit."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from areas.models import AdminUnit, UnitScopedQuerySet
from budgets.models.catalog import FundingSource, SubProject
from documents.dates import short_date
from documents.symbols import classify_number
from vntext import nfc


class AllocationDecisionQuerySet(UnitScopedQuerySet):
    pass


class AllocationDecision(models.Model):
    """A decision that allocates funds, e.g. Quyết định số 1096/QĐ-UBND ngày 12/05/2023."""

    unit = models.ForeignKey(
        AdminUnit, verbose_name="Đơn vị quản lý", on_delete=models.PROTECT,
        related_name="allocation_decisions",
    )
    number = models.CharField("Số, ký hiệu", max_length=60, help_text="Ví dụ: 1096/QĐ-UBND")
    date = models.DateField("Ngày ban hành")
    issuer = models.CharField("Cơ quan ban hành", max_length=200, help_text="Ví dụ: UBND huyện Hạ Hoà")
    title = models.CharField("Trích yếu", max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AllocationDecisionQuerySet.as_manager()

    class Meta:
        verbose_name = "Quyết định giao vốn"
        verbose_name_plural = "Quyết định giao vốn"
        ordering = ["-date", "number"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "number", "date"], name="allocation_decision_unique")
        ]

    def __str__(self):
        return f"Quyết định số {self.number} ngày {short_date(self.date)}"

    def get_absolute_url(self):
        return reverse("budgets:decision-detail", args=[self.pk])

    @property
    def citation(self) -> str:
        return f"{self} của {self.issuer}" if self.issuer else str(self)

    def clean(self):
        self.number, self.issuer, self.title = nfc(self.number), nfc(self.issuer), nfc(self.title)
        if self.number and classify_number(self.number) != "state":
            raise ValidationError(
                {"number": f"Số, ký hiệu «{self.number}» không đúng mẫu (ví dụ: 1096/QĐ-UBND)."}
            )


class AllocationQuerySet(UnitScopedQuerySet):
    pass


class Allocation(models.Model):
    """The amount a decision gives one unit for one year, sub-project and funding source."""

    decision = models.ForeignKey(
        AllocationDecision, verbose_name="Quyết định", on_delete=models.CASCADE,
        related_name="allocations",
    )
    unit = models.ForeignKey(
        AdminUnit, verbose_name="Đơn vị được giao", on_delete=models.PROTECT, related_name="allocations"
    )
    year = models.PositiveSmallIntegerField("Năm")
    sub_project = models.ForeignKey(SubProject, verbose_name="Tiểu dự án", on_delete=models.PROTECT)
    funding_source = models.ForeignKey(FundingSource, verbose_name="Nguồn vốn", on_delete=models.PROTECT)
    amount = models.BigIntegerField("Số tiền (đồng)")

    objects = AllocationQuerySet.as_manager()

    class Meta:
        verbose_name = "Vốn được giao"
        verbose_name_plural = "Vốn được giao"
        ordering = ["year", "sub_project__code", "funding_source__order"]
        constraints = [
            models.UniqueConstraint(
                fields=["decision", "unit", "year", "sub_project", "funding_source"],
                name="allocation_unique_per_decision",
            ),
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="allocation_amount_positive"),
        ]

    def __str__(self):
        return f"{self.sub_project.code} – {self.unit} – {self.year}"
