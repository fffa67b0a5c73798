"""Execution: the disbursements (giải ngân) recorded against estimate lines."""

from django.conf import settings
from django.db import models

from budgets.models.estimates import EstimateLine


class Disbursement(models.Model):
    """An amount paid out for one estimate line, with its voucher (chứng từ)."""

    line = models.ForeignKey(
        EstimateLine, verbose_name="Dòng dự toán", on_delete=models.PROTECT,
        related_name="disbursements",
    )
    date = models.DateField("Ngày chi")
    voucher_number = models.CharField("Số chứng từ", max_length=60)
    amount = models.BigIntegerField("Số tiền (đồng)")
    note = models.CharField("Ghi chú", max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "Giải ngân"
        verbose_name_plural = "Giải ngân"
        ordering = ["date", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="disbursement_amount_positive")
        ]

    def __str__(self):
        return f"{self.voucher_number} – {self.amount}"
