"""Detailed estimates (dự toán): groups of lines whose amounts are computed, never typed."""

from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db import models
from django.urls import reverse

from areas.models import AdminUnit, UnitScopedQuerySet
from budgets.models.catalog import FundingSource, SubProject
from budgets.models.norms import Norm
from documents.numbering import roman


class DisplayUnit(models.IntegerChoices):
    DONG = 1, "đồng"
    THOUSAND = 1000, "nghìn đồng"
    MILLION = 1_000_000, "triệu đồng"


class EstimateQuerySet(UnitScopedQuerySet):

    def with_total(self):
        return self.annotate(total_amount=models.functions.Coalesce(models.Sum("lines__amount"), 0))


class Estimate(models.Model):
    """A detailed estimate of one unit for one year, in groups (I, II, …) of costed lines."""

    unit = models.ForeignKey(
        AdminUnit, verbose_name="Đơn vị", on_delete=models.PROTECT, related_name="estimates"
    )
    year = models.PositiveSmallIntegerField("Năm")
    title = models.CharField("Tên dự toán", max_length=500)
    sub_project = models.ForeignKey(
        SubProject, verbose_name="Tiểu dự án (mặc định)", null=True, blank=True,
        on_delete=models.PROTECT, help_text="Áp dụng cho các dòng không ghi tiểu dự án riêng.",
    )
    display_unit = models.PositiveIntegerField(
        "Đơn vị tính hiển thị", choices=DisplayUnit.choices, default=DisplayUnit.DONG
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="Người lập", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    created_at = models.DateTimeField("Ngày tạo", auto_now_add=True)
    updated_at = models.DateTimeField("Cập nhật", auto_now=True)

    objects = EstimateQuerySet.as_manager()

    class Meta:
        verbose_name = "Dự toán"
        verbose_name_plural = "Dự toán"
        ordering = ["-year", "title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("budgets:estimate-detail", args=[self.pk])

    @property
    def total(self) -> int:
        return self.lines.aggregate(t=models.Sum("amount"))["t"] or 0


class EstimateGroup(models.Model):
    """A group of lines (an activity or a sub-project), numbered I, II, … by its position."""

    estimate = models.ForeignKey(
        Estimate, verbose_name="Dự toán", on_delete=models.CASCADE, related_name="groups"
    )
    title = models.CharField("Nội dung nhóm", max_length=500)
    sub_project = models.ForeignKey(
        SubProject, verbose_name="Tiểu dự án", null=True, blank=True, on_delete=models.PROTECT
    )
    order = models.PositiveIntegerField("Thứ tự", default=0)

    class Meta:
        verbose_name = "Nhóm nội dung chi"
        verbose_name_plural = "Nhóm nội dung chi"
        ordering = ["estimate", "order", "pk"]

    def __str__(self):
        return self.title


def line_amount(quantity: Decimal, days: Decimal | None, unit_price: int) -> int:
    """Quantity × days × unit price, rounded half up to a whole đồng."""
    product = Decimal(quantity) * (Decimal(days) if days is not None else 1) * unit_price
    return int(product.quantize(Decimal(1), rounding=ROUND_HALF_UP))


class EstimateLine(models.Model):
    """One cost line: quantity × days × unit price = amount (computed and stored by the service)."""

    estimate = models.ForeignKey(
        Estimate, verbose_name="Dự toán", on_delete=models.CASCADE, related_name="lines"
    )
    group = models.ForeignKey(
        EstimateGroup, verbose_name="Nhóm", on_delete=models.CASCADE, related_name="lines"
    )
    order = models.PositiveIntegerField("Thứ tự", default=0)
    content = models.CharField("Nội dung chi", max_length=500)
    unit_of_measure = models.CharField("Đơn vị tính", max_length=40)
    quantity = models.DecimalField("Số lượng", max_digits=14, decimal_places=2)
    days = models.DecimalField("Số ngày/buổi/lớp", max_digits=10, decimal_places=2, null=True, blank=True)
    unit_price = models.BigIntegerField("Định mức/Đơn giá (đồng)")
    amount = models.BigIntegerField("Thành tiền (đồng)", editable=False, default=0)
    note = models.CharField("Căn cứ/Ghi chú", max_length=500, blank=True)
    funding_source = models.ForeignKey(
        FundingSource, verbose_name="Nguồn vốn", null=True, blank=True, on_delete=models.PROTECT
    )
    sub_project = models.ForeignKey(
        SubProject, verbose_name="Tiểu dự án", null=True, blank=True, on_delete=models.PROTECT,
        help_text="Để trống: theo nhóm hoặc theo dự toán.",
    )
    norm = models.ForeignKey(
        Norm, verbose_name="Định mức áp dụng", null=True, blank=True, on_delete=models.PROTECT
    )

    class Meta:
        verbose_name = "Dòng dự toán"
        verbose_name_plural = "Dòng dự toán"
        ordering = ["group__order", "group_id", "order", "pk"]

    def __str__(self):
        return self.content

    def compute_amount(self) -> int:
        return line_amount(self.quantity, self.days, self.unit_price)

    def effective_sub_project_id(self, group: EstimateGroup, estimate: Estimate) -> int | None:
        return self.sub_project_id or group.sub_project_id or estimate.sub_project_id


def group_numerals(groups) -> list[tuple[str, EstimateGroup]]:
    """Pair each group, in order, with its Roman numeral."""
    return [(roman(index), group) for index, group in enumerate(groups, start=1)]


class StatedTotal(models.Model):
    """The total an estimate (or one sub-project in it) carries in the plan or the allocation.

    When it differs from the sum of the lines, every place showing the total shows both, until the
    figures agree or the user records that this very difference is kept (``kept_difference``).
    """

    estimate = models.ForeignKey(Estimate, verbose_name="Dự toán", on_delete=models.CASCADE,
                                 related_name="stated_totals")
    sub_project = models.ForeignKey(SubProject, verbose_name="Tiểu dự án", null=True, blank=True,
                                    on_delete=models.PROTECT, help_text="Để trống: tổng của cả dự toán.")
    amount = models.BigIntegerField("Tổng kinh phí ghi (đồng)")
    source = models.CharField("Ghi trong", max_length=300, blank=True,
                              help_text="Ví dụ: Kế hoạch số 12/KH-UBND; Quyết định giao vốn số 45/QĐ-UBND.")
    kept_difference = models.BigIntegerField("Chênh lệch được giữ (đồng)", null=True, blank=True)
    kept_reason = models.CharField("Lý do giữ chênh lệch", max_length=500, blank=True)

    class Meta:
        verbose_name = "Tổng kinh phí ghi trong văn bản"
        verbose_name_plural = "Tổng kinh phí ghi trong văn bản"
        ordering = ["estimate", "sub_project__order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["estimate"], condition=models.Q(sub_project__isnull=True),
                                    name="stated_total_once_per_estimate"),
            models.UniqueConstraint(fields=["estimate", "sub_project"], name="stated_total_once_per_sub_project"),
            models.CheckConstraint(condition=models.Q(amount__gte=0), name="stated_total_not_negative"),
        ]

    def __str__(self):
        return f"{self.sub_project.name if self.sub_project else self.estimate}: {self.amount}"
