"""ID numbers held for an administrator, and the one-use tokens of the household form."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.crypto import salted_hmac

from areas.models import AdminUnit


def id_number_hash(number: str) -> str:
    """A keyed hash of an ID number: an administrator can find a review by the number, nobody can
    read the number back from the table."""
    return salted_hmac("households.IdNumberReview", number).hexdigest()


class ReviewStatus(models.TextChoices):
    OPEN = "open", "Chờ kiểm tra"
    CLOSED = "closed", "Đã xử lý"


class IdNumberReview(models.Model):
    """An ID number someone tried to register that is already held by a household outside their scope.

    The user is told only that the number needs checking; the administrator sees which household
    holds it and resolves the case.
    """

    created_at = models.DateTimeField("Thời điểm", auto_now_add=True, db_index=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="Người ghi", null=True,
                                   on_delete=models.SET_NULL, related_name="+")
    username = models.CharField("Tên đăng nhập", max_length=150, blank=True)
    commune = models.ForeignKey(AdminUnit, verbose_name="Xã/phường đang ghi", on_delete=models.PROTECT,
                                related_name="+")
    masked_number = models.CharField("Số định danh (đã che)", max_length=20)
    number_hash = models.CharField("Mã băm của số định danh", max_length=64, db_index=True, editable=False)
    household = models.ForeignKey("households.Household", verbose_name="Hộ đang giữ số này", null=True,
                                  blank=True, on_delete=models.SET_NULL, related_name="+")
    batch = models.ForeignKey("households.ImportBatch", verbose_name="Lần nhập tệp", null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")
    row = models.PositiveIntegerField("Dòng trong tệp", null=True, blank=True)
    status = models.CharField("Trạng thái", max_length=6, choices=ReviewStatus.choices, default=ReviewStatus.OPEN)
    note = models.TextField("Ghi chú xử lý", blank=True)
    closed_at = models.DateTimeField("Xử lý lúc", null=True, blank=True)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="Người xử lý", null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = "Số định danh cần kiểm tra"
        verbose_name_plural = "Số định danh cần kiểm tra"
        ordering = ["status", "-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["batch", "row"], condition=Q(batch__isnull=False),
                                    name="id_review_once_per_import_row"),
        ]

    def __str__(self):
        return f"{self.masked_number} – {self.commune.name} ({self.created_at:%d/%m/%Y %H:%M})"

    @property
    def source(self) -> str:
        return f"Dòng {self.row} của tệp «{self.batch.filename}»" if self.batch_id else "Biểu mẫu thêm/sửa hộ"


class HouseholdSubmission(models.Model):
    """The one-use token of a household form: a second submit of the same form finds the first household."""

    token = models.UUIDField("Mã gửi biểu mẫu", unique=True)
    household = models.OneToOneField("households.Household", verbose_name="Hộ", on_delete=models.CASCADE,
                                     related_name="+")
    created_at = models.DateTimeField("Thời điểm", auto_now_add=True)

    class Meta:
        verbose_name = "Lần gửi biểu mẫu thêm hộ"
        verbose_name_plural = "Các lần gửi biểu mẫu thêm hộ"

    def __str__(self):
        return str(self.token)
