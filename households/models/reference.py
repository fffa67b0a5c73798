"""Reference data that changes with the law: ethnic groups, poverty standards and their indicators."""

import datetime

from django.db import models

from areas import versioned
from areas.models import ValidityMixin, ValidityQuerySet
from vntext import search_words

KINH_CODE = "01"


def ethnic_key(name: str) -> str:
    """Folded form used to match a typed ethnic group name ("H'Mông", "Hmong" → "hmong")."""
    return "".join(search_words(name))


ETHNIC_GROUPS = "ethnic-groups"  # cache namespace, bumped by saves and deletes (households.apps)


class EthnicGroup(ValidityMixin):
    """One of the 54 groups of the GSO list (Danh mục các dân tộc Việt Nam), with its other names."""

    code = models.CharField("Mã dân tộc", max_length=2, unique=True)
    name = models.CharField("Tên dân tộc", max_length=60)
    other_names = models.JSONField(
        "Cách viết khác", default=list, blank=True,
        help_text="Các cách viết thường gặp trong danh sách của xã, ví dụ «H'Mông», «Mông», «Hmong».",
    )

    objects = ValidityQuerySet.as_manager()

    class Meta:
        verbose_name = "Dân tộc"
        verbose_name_plural = "Dân tộc"
        ordering = ["code"]

    def __str__(self):
        return self.name

    @property
    def is_minority(self) -> bool:
        return self.code != KINH_CODE

    @classmethod
    def choices(cls) -> list[tuple[int, str]]:
        """(id, name) of every group in code order, for filter forms; cached until a group changes."""
        return versioned.cached(ETHNIC_GROUPS, "choices",
                                lambda: list(cls.objects.order_by("code").values_list("pk", "name")))

    @classmethod
    def lookup(cls) -> dict[str, "EthnicGroup"]:
        """Every accepted spelling (folded) → its group."""
        table = {}
        for group in cls.objects.all():
            for spelling in [group.name, *group.other_names]:
                table.setdefault(ethnic_key(spelling), group)
        return table


class PovertyStandard(ValidityMixin):
    """A multidimensional poverty standard: income lines and how many deprivations make a household poor."""

    code = models.CharField("Mã", max_length=20, unique=True)
    name = models.CharField("Văn bản quy định", max_length=200)
    rural_line = models.PositiveIntegerField("Chuẩn thu nhập nông thôn (đồng/người/tháng)")
    urban_line = models.PositiveIntegerField("Chuẩn thu nhập thành thị/đô thị (đồng/người/tháng)")
    mid_rural = models.PositiveIntegerField(
        "Mức sống trung bình, nông thôn (đồng/người/tháng)", null=True, blank=True,
        help_text="Để trống khi văn bản chưa quy định.",
    )
    mid_urban = models.PositiveIntegerField(
        "Mức sống trung bình, thành thị (đồng/người/tháng)", null=True, blank=True
    )
    min_deprivations = models.PositiveSmallIntegerField("Số chỉ số thiếu hụt để là hộ nghèo", default=3)
    basis = models.CharField(
        "Văn bản quy định (như viết trong kế hoạch)", max_length=200, blank=True,
        help_text="Ví dụ: Nghị định số 351/2025/NĐ-CP ngày 30/12/2025 của Chính phủ")
    urban_term = models.CharField(
        "Tên gọi khu vực thành thị trong văn bản", max_length=40, default="khu vực thành thị",
        help_text="Nghị định 07/2021/NĐ-CP: «khu vực thành thị»; Nghị định 351/2025/NĐ-CP: "
        "«khu vực đô thị».")
    note = models.TextField("Ghi chú", blank=True)

    objects = ValidityQuerySet.as_manager()

    class Meta:
        verbose_name = "Chuẩn nghèo"
        verbose_name_plural = "Chuẩn nghèo"
        ordering = ["valid_from"]

    def __str__(self):
        return self.name

    @property
    def basis_name(self) -> str:
        return self.basis or self.name

    @property
    def area_labels(self) -> tuple[str, str]:
        """(rural, urban) as the standard's decree names them."""
        return "khu vực nông thôn", self.urban_term

    @classmethod
    def for_year(cls, year: int) -> "PovertyStandard | None":
        """The standard that measures the given review year (in force on 1 January of it)."""
        return cls.objects.active_on(datetime.date(year, 1, 1)).first()


class Indicator(models.Model):
    """One deprivation indicator (chỉ số đo lường mức độ thiếu hụt) of a standard."""

    standard = models.ForeignKey(
        PovertyStandard, verbose_name="Chuẩn nghèo", on_delete=models.CASCADE, related_name="indicators"
    )
    number = models.PositiveSmallIntegerField("Số thứ tự")
    dimension = models.CharField("Chiều thiếu hụt", max_length=100)
    name = models.CharField("Chỉ số", max_length=150)
    verified = models.BooleanField(
        "Đã đối chiếu văn bản gốc", default=True,
        help_text="Bỏ chọn khi chỉ số được chép tạm (chưa đối chiếu với nghị định, thông tư).")

    class Meta:
        verbose_name = "Chỉ số thiếu hụt"
        verbose_name_plural = "Chỉ số thiếu hụt"
        ordering = ["standard", "number"]
        constraints = [
            models.UniqueConstraint(fields=["standard", "number"], name="indicator_number_unique")
        ]

    def __str__(self):
        return f"{self.number}. {self.name}"
