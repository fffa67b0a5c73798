"""Execution: the disbursements (giải ngân) recorded against estimate lines."""

import unicodedata

from django.conf import settings
from django.db import models

from budgets.models.estimates import EstimateLine

# Separators typed in a voucher number at will: «PC-01», «PC.01», «PC 01» and «pc01» are one voucher.
# The slash is kept: it separates the number from the year or the register («01/2026» is not «012026»).
VOUCHER_SEPARATORS = frozenset("-_.·–—")


def voucher_key(number: str) -> str:
    """The voucher number as compared for duplicates: compatibility-normalised, case-folded, no separators."""
    text = unicodedata.normalize("NFKC", number or "").casefold()
    return "".join(ch for ch in text if not ch.isspace() and ch not in VOUCHER_SEPARATORS
                   and unicodedata.category(ch) != "Cf")[:120]


class Disbursement(models.Model):
    """An amount paid out for one estimate line, with its voucher (chứng từ)."""

    line = models.ForeignKey(
        EstimateLine, verbose_name="Dòng dự toán", on_delete=models.PROTECT,
        related_name="disbursements",
    )
    date = models.DateField("Ngày chi")
    voucher_number = models.CharField("Số chứng từ", max_length=60)
    voucher_key = models.CharField(max_length=120, editable=False,
                                   help_text="Số chứng từ đã chuẩn hóa để phát hiện ghi trùng.")
    amount = models.BigIntegerField("Số tiền (đồng)")
    note = models.CharField("Ghi chú", max_length=300, blank=True)
    overrun_reason = models.CharField(
        "Lý do chi vượt dòng dự toán", max_length=500, blank=True,
        help_text="Chỉ khi khoản chi vượt phần còn lại của dòng; do cán bộ tài chính ghi.",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "Giải ngân"
        verbose_name_plural = "Giải ngân"
        ordering = ["date", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="disbursement_amount_positive"),
            # A voucher pays a line once; a second entry with it is a double submit or a typing slip.
            models.UniqueConstraint(fields=["line", "voucher_key"], name="disbursement_voucher_once_per_line"),
        ]

    def __str__(self):
        return f"{self.voucher_number} – {self.amount}"

    def save(self, *args, **kwargs):
        # A derived key, like Petition.search_text: every way of writing a payment keeps it true.
        self.voucher_key = voucher_key(self.voucher_number)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "voucher_key"}
        super().save(*args, **kwargs)
