"""Households of the registry and their yearly classification."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from areas.models import AdminUnit, UnitScopedQuerySet
from households.idnumber import FEMALE, MALE, mask
from households.models.reference import KINH_CODE, EthnicGroup, PovertyStandard
from vntext import search_key

URBAN_KINDS = ("Phường", "Thị trấn")
ESCAPE_WINDOW_MONTHS = 36


class Gender(models.TextChoices):
    MALE = MALE, "Nam"
    FEMALE = FEMALE, "Nữ"


class HouseholdClass(models.TextChoices):
    POOR = "poor", "Hộ nghèo"
    NEAR_POOR = "near_poor", "Hộ cận nghèo"
    NEWLY_ESCAPED = "newly_escaped", "Hộ mới thoát nghèo"
    MIDDLE = "middle", "Hộ có mức sống trung bình"
    OTHER = "other", "Khác"


class HouseholdQuerySet(UnitScopedQuerySet):
    unit_field = "commune"  # commune staff: their commune and the communes it replaced

    def search(self, text: str):
        """Accent- and case-insensitive match on the head's name; typed digits search codes and ID endings.

        Names never hold digits, so a query without digits is a name search only, which the
        trigram index on ``search_name`` answers without reading the table.
        """
        from vntext import search_words

        words = search_words(text)
        if not words:
            return self
        typed = text.strip()
        if not any(c.isdigit() for c in typed):
            return self.with_words(words)
        raw = "".join(words)
        by_number = Q(code__istartswith=typed)
        if raw.isdigit() and len(raw) >= 3:
            by_number |= Q(id_number__endswith=raw)
        return self.filter(by_number)

    def with_words(self, words):
        """Heads whose folded name holds every one of ``words`` (already folded: ``search_words``)."""
        name = Q()
        for word in words:
            name &= Q(search_name__contains=word)
        return self.filter(name)

    def in_class(self, year: int, household_class: str):
        return self.filter(classifications__year=year, classifications__household_class=household_class)

    def poor_in(self, year: int):
        return self.in_class(year, HouseholdClass.POOR)

    def attended_dialogue_in(self, year: int, attended: bool = True):
        """Households whose head (or a member on their behalf) was present at a dialogue held that year, or
        that attended one that year by an imported list's note (PastParticipation)."""
        # Looked up at query time so the registry does not depend on the dialogues app's migrations.
        from django.apps import apps
        from django.db.models import Exists, OuterRef

        attendee = apps.get_model("dialogues", "Attendee")
        came = (Exists(attendee.objects.filter(household=OuterRef("pk"), present=True, session__year=year))
                | Exists(apps.get_model("households", "PastParticipation").objects.filter(
                    household=OuterRef("pk"), year=year)))
        return self.filter(came if attended else ~came)


class Household(models.Model):
    """A household on a commune's list, identified by its code (mã hộ) in that commune."""

    commune = models.ForeignKey(
        AdminUnit, verbose_name="Xã/phường", on_delete=models.PROTECT, related_name="households"
    )
    recorded_on = models.DateField("Ngày ghi nhận", default=datetime.date.today,
                                   help_text="Xã/phường phải còn hiệu lực vào ngày này.")
    code = models.CharField("Mã hộ", max_length=40, blank=True)
    head_name = models.CharField("Họ và tên chủ hộ", max_length=150)
    gender = models.CharField("Giới tính chủ hộ", max_length=1, choices=Gender.choices, blank=True)
    birth_year = models.PositiveSmallIntegerField("Năm sinh", null=True, blank=True)
    ethnic_group = models.ForeignKey(
        EthnicGroup, verbose_name="Dân tộc", null=True, blank=True, on_delete=models.PROTECT,
        related_name="households",
    )
    id_number = models.CharField("Số định danh (CCCD/CMND)", max_length=12, blank=True)
    village = models.CharField("Thôn/xóm/bản/tổ dân phố", max_length=120, blank=True,
                               help_text="Như danh sách đã ghi; thôn trong danh mục của xã ở trường dưới.")
    village_unit = models.ForeignKey(
        "households.Village", verbose_name="Thôn (danh mục của xã)", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="households")
    members = models.PositiveSmallIntegerField("Số nhân khẩu", null=True, blank=True)
    phone = models.CharField("Số điện thoại", max_length=20, blank=True)
    meritorious = models.BooleanField("Có người có công với cách mạng", default=False)
    social_protection = models.BooleanField("Có đối tượng bảo trợ xã hội", default=False)
    no_labour_capacity = models.BooleanField("Không có khả năng lao động", default=False)
    search_name = models.CharField(max_length=150, editable=False, default="")
    created_at = models.DateTimeField("Tạo lúc", auto_now_add=True)
    updated_at = models.DateTimeField("Sửa lúc", auto_now=True)

    objects = HouseholdQuerySet.as_manager()

    class Meta:
        verbose_name = "Hộ gia đình"
        verbose_name_plural = "Hộ gia đình"
        ordering = ["search_name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["commune", "code"], condition=~Q(code=""),
                                    name="household_code_unique_in_commune"),
            models.UniqueConstraint(fields=["id_number"], condition=~Q(id_number=""),
                                    name="household_id_number_unique"),
        ]
        indexes = [
            models.Index(fields=["commune", "village", "search_name"], name="household_commune_village"),
            models.Index(fields=["commune", "search_name"], name="household_commune_name"),
        ]

    def __str__(self):
        return f"{self.head_name} ({self.code})" if self.code else self.head_name

    def save(self, *args, **kwargs):
        self.search_name = search_key(self.head_name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("households:household-detail", args=[self.pk])

    @property
    def is_woman_head(self) -> bool:
        return self.gender == Gender.FEMALE

    @property
    def is_ethnic_minority(self) -> bool:
        return self.ethnic_group_id is not None and self.ethnic_group.code != KINH_CODE

    @property
    def id_is_legacy(self) -> bool:
        return len(self.id_number) == 9

    @property
    def masked_id(self) -> str:
        return mask(self.id_number)

    @property
    def is_urban(self) -> bool:
        return self.commune.kind in URBAN_KINDS


class Classification(models.Model):
    """The household's class in one review year, with the figures it was based on."""

    household = models.ForeignKey(Household, verbose_name="Hộ", on_delete=models.CASCADE,
                                  related_name="classifications")
    year = models.PositiveSmallIntegerField("Năm rà soát")
    household_class = models.CharField("Phân loại", max_length=15, choices=HouseholdClass.choices)
    escaped_on = models.DateField("Ngày công nhận thoát nghèo", null=True, blank=True)
    income_per_person = models.PositiveIntegerField(
        "Thu nhập bình quân (đồng/người/tháng)", null=True, blank=True
    )
    deprivations = models.JSONField("Chỉ số thiếu hụt", default=list, blank=True,
                                    help_text="Số thứ tự các chỉ số thiếu hụt của chuẩn nghèo.")
    deprivation_count = models.PositiveSmallIntegerField(
        "Số chỉ số thiếu hụt", null=True, blank=True,
        help_text="Số chỉ số thiếu hụt khi danh sách chỉ ghi con số, không ghi đó là những chỉ số nào.")
    standard = models.ForeignKey(PovertyStandard, verbose_name="Chuẩn nghèo", null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+")
    computed_class = models.CharField("Phân loại theo chuẩn", max_length=15, blank=True,
                                      choices=HouseholdClass.choices)
    disagrees = models.BooleanField("Phân loại khác với chuẩn", default=False)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = "Phân loại hộ theo năm"
        verbose_name_plural = "Phân loại hộ theo năm"
        ordering = ["household", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["household", "year"], name="classification_once_a_year")
        ]
        indexes = [models.Index(fields=["year", "household_class"], name="classification_year_class")]

    def __str__(self):
        return f"{self.year}: {self.get_household_class_display()}"

    @property
    def escape_window_end(self) -> datetime.date | None:
        """Last day of the 36 months a newly escaped household still benefits from the Program."""
        if not self.escaped_on:
            return None
        return add_months(self.escaped_on, ESCAPE_WINDOW_MONTHS) - datetime.timedelta(days=1)

    def in_escape_window(self, day: datetime.date) -> bool:
        end = self.escape_window_end
        return end is not None and self.escaped_on <= day <= end


def deprived_count(listed: list | None, count: int | None) -> int | None:
    """The number of deprived indicators from a list of their numbers and/or a bare count; a list,
    when given, is the more precise record. None when neither is known."""
    if listed:
        return len(listed)
    return count


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` later (the last day of the month when it does not exist)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return datetime.date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise ValueError(day)
