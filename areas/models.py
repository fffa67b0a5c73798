"""Administrative units (time-versioned), issuing bodies and who works where."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.urls import reverse
from django.utils import timezone

from vntext import nfc, nfc_lines, search_words

REFORM_DATE = datetime.date(2025, 7, 1)


def _vn_date(day: datetime.date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def unit_search_key(full_name: str) -> str:
    """Folded words of a unit's full name, each preceded by a space (for word-start matching)."""
    return "".join(" " + word for word in search_words(full_name)) + " "


class UnitLevel(models.TextChoices):
    PROVINCE = "province", "Cấp tỉnh"
    DISTRICT = "district", "Cấp huyện"
    COMMUNE = "commune", "Cấp xã"


class UnitScopedQuerySet(models.QuerySet):
    """``visible_to(user)``: rows of the units the user sees; ``unit_field`` is the path to
    the AdminUnit ("unit", "commune", "session__commune", "pk" for units themselves)."""

    unit_field = "unit"

    def visible_to(self, user):
        from areas.scope import visible_unit_ids

        ids = visible_unit_ids(user)
        return self if ids is None else self.filter(**{f"{self.unit_field}__in": ids})


class ValidityQuerySet(models.QuerySet):
    """Rows that carry ``valid_from``/``valid_to`` (either may be empty = open)."""

    def active_on(self, day: datetime.date):
        return self.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=day),
            Q(valid_to__isnull=True) | Q(valid_to__gte=day),
        )

    def current(self):
        return self.active_on(timezone.localdate())


class ValidityMixin(models.Model):
    valid_from = models.DateField("Hiệu lực từ ngày", null=True, blank=True)
    valid_to = models.DateField("Hiệu lực đến ngày", null=True, blank=True)

    class Meta:
        abstract = True

    def is_active_on(self, day: datetime.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )

    @property
    def is_current(self) -> bool:
        return self.is_active_on(timezone.localdate())

    @property
    def validity_text(self) -> str:
        if self.valid_from and self.valid_to:
            return f"từ {_vn_date(self.valid_from)} đến {_vn_date(self.valid_to)}"
        if self.valid_to:
            return f"đến {_vn_date(self.valid_to)}"
        if self.valid_from:
            return f"từ {_vn_date(self.valid_from)}"
        return "không giới hạn"

    def clean_validity(self):
        if self.valid_from and self.valid_to and self.valid_from > self.valid_to:
            raise ValidationError(
                {"valid_to": "Ngày hết hiệu lực phải sau hoặc trùng ngày bắt đầu hiệu lực."}
            )


class AdminUnitQuerySet(UnitScopedQuerySet, ValidityQuerySet):
    unit_field = "pk"

    def search(self, text: str):
        """Units whose full name (with parents) holds every word typed, accents ignored.

        Every word but the last must match a whole word; the last may be the start of one
        (search as you type). Units where the words stand together come first, shortest
        (highest level) first, so "ha hoa" lists Huyện Hạ Hoà before Hoàn Kiếm, Hà Nội.
        """
        words = search_words(text)
        if not words:
            return self
        qs = self
        for word in words[:-1]:
            qs = qs.filter(search_key__contains=f" {word} ")
        qs = qs.filter(search_key__contains=" " + words[-1])
        phrase = Q(search_key__contains=" " + " ".join(words))
        return qs.annotate(
            phrase_rank=models.Case(models.When(phrase, then=0), default=1,
                                    output_field=models.IntegerField())
        ).order_by("phrase_rank", Length("search_key"), "search_key")

    def within(self, unit_ids):
        """The given units and every unit below them (province → district → commune)."""
        return self.filter(
            Q(pk__in=unit_ids) | Q(parent__in=unit_ids) | Q(parent__parent__in=unit_ids)
        )


class AdminUnit(ValidityMixin):
    """A province, district or commune as it existed between two dates."""

    code = models.CharField("Mã đơn vị", max_length=5, help_text="Mã theo danh mục của TCTK")
    name = models.CharField("Tên đơn vị", max_length=120)
    short_name = models.CharField("Tên riêng", max_length=100, help_text="Không kèm loại đơn vị")
    kind = models.CharField("Loại đơn vị", max_length=40)
    level = models.CharField("Cấp", max_length=10, choices=UnitLevel.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name="Trực thuộc",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    successors = models.ManyToManyField(
        "self",
        verbose_name="Đơn vị kế thừa",
        symmetrical=False,
        blank=True,
        related_name="predecessors",
    )
    search_key = models.CharField(max_length=400, editable=False, db_index=True)

    objects = AdminUnitQuerySet.as_manager()

    class Meta:
        verbose_name = "Đơn vị hành chính"
        verbose_name_plural = "Đơn vị hành chính"
        ordering = ["level", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["level", "code", "valid_to"], name="unit_code_unique_per_period"
            ),
            models.UniqueConstraint(
                fields=["level", "code"],
                condition=Q(valid_to__isnull=True),
                name="unit_code_unique_current",
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name, self.short_name, self.kind = nfc(self.name), nfc(self.short_name), nfc(self.kind)
        self.search_key = self.compute_search_key()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("areas:unit-detail", args=[self.pk])

    @property
    def full_name(self) -> str:
        """Name with its parents, e.g. "Xã Sa Loong, Huyện Ngọc Hồi, Tỉnh Kon Tum"."""
        parts, unit = [], self
        while unit is not None:
            parts.append(unit.name)
            unit = unit.parent
        return ", ".join(parts)

    def compute_search_key(self) -> str:
        return unit_search_key(self.full_name)


class UnitReach(models.Model):
    """``unit`` reaches ``target``: the target is the unit itself, a unit below it or a unit it
    replaced (and, in turn, what those reach). A user working in ``unit`` sees ``target``'s records.

    A closure table kept by areas.reach (signals, ``load_areas``): scoping is an index scan on
    (unit, target) in a subquery, the same on every server, with nothing held in a process.
    """

    unit = models.ForeignKey(AdminUnit, on_delete=models.CASCADE, related_name="reach", db_index=False)
    target = models.ForeignKey(AdminUnit, on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = "Phạm vi đơn vị"
        verbose_name_plural = "Phạm vi đơn vị"
        constraints = [models.UniqueConstraint(fields=["unit", "target"], name="unit_reach_unique")]

    def __str__(self):
        return f"{self.unit_id} → {self.target_id}"


class IssuingBodyQuerySet(UnitScopedQuerySet, ValidityQuerySet):
    pass


class IssuingBody(ValidityMixin):
    """An agency that issues documents, with its header lines as Decree 30/2020 prints them."""

    parent_name = models.TextField(
        "Cơ quan chủ quản",
        blank=True,
        help_text="Dòng trên của tiêu đề (chữ in hoa, không đậm); mỗi dòng một dòng in. "
        "Để trống với UBND.",
    )
    name = models.TextField(
        "Tên cơ quan ban hành",
        help_text="Chữ in hoa, in đậm; mỗi dòng một dòng in, ví dụ «ỦY BAN NHÂN DÂN» rồi «HUYỆN HẠ HÒA».",
    )
    display_name = models.CharField(
        "Tên gọi trong văn bản", max_length=200, help_text="Ví dụ: UBND huyện Hạ Hòa"
    )
    abbreviation = models.CharField(
        "Chữ viết tắt trong ký hiệu", max_length=40, help_text="Ví dụ: UBND (trong 05/KH-UBND)"
    )
    place_name = models.CharField(
        "Địa danh", max_length=100, help_text="Dùng ở dòng «…, ngày … tháng … năm …»"
    )
    unit = models.ForeignKey(
        AdminUnit, verbose_name="Đơn vị hành chính", on_delete=models.PROTECT, related_name="bodies"
    )
    is_collective = models.BooleanField(
        "Cơ quan làm việc theo chế độ tập thể",
        default=True,
        help_text="Có: dòng thẩm quyền ký bắt đầu bằng «TM.» (ví dụ TM. ỦY BAN NHÂN DÂN).",
    )
    collective_name = models.CharField(
        "Tên tập thể trên dòng TM.", max_length=120, blank=True, default="ỦY BAN NHÂN DÂN"
    )
    head_title = models.CharField("Chức danh người đứng đầu", max_length=80, default="CHỦ TỊCH")
    deputy_title = models.CharField("Chức danh cấp phó", max_length=80, default="PHÓ CHỦ TỊCH")

    objects = IssuingBodyQuerySet.as_manager()

    class Meta:
        verbose_name = "Cơ quan ban hành"
        verbose_name_plural = "Cơ quan ban hành"
        ordering = ["display_name", "-valid_from"]

    def __str__(self):
        return self.display_name

    def get_absolute_url(self):
        return reverse("areas:body-detail", args=[self.pk])

    @property
    def parent_lines(self) -> list[str]:
        return [line for line in self.parent_name.splitlines() if line.strip()]

    @property
    def name_lines(self) -> list[str]:
        return [line for line in self.name.splitlines() if line.strip()]

    def clean(self):
        self.parent_name = nfc_lines(self.parent_name).upper()
        self.name = nfc_lines(self.name).upper()
        for field in ("display_name", "abbreviation", "place_name", "collective_name"):
            setattr(self, field, nfc(getattr(self, field)))
        self.head_title = nfc(self.head_title).upper()
        self.deputy_title = nfc(self.deputy_title).upper()
        self.collective_name = self.collective_name.upper()
        self.clean_validity()
        if self.is_collective and not self.collective_name:
            raise ValidationError(
                {"collective_name": "Cơ quan làm việc tập thể cần tên tập thể cho dòng «TM.»."}
            )
        if self.unit_id:
            self._check_within_unit_validity()

    def _check_within_unit_validity(self):
        unit = self.unit
        if unit.valid_to and (self.valid_to is None or self.valid_to > unit.valid_to):
            raise ValidationError(
                {
                    "valid_to": f"{unit.name} chỉ tồn tại đến {_vn_date(unit.valid_to)}; "
                    "cơ quan ban hành không thể có hiệu lực sau ngày đó."
                }
            )
        if unit.valid_from and (self.valid_from is None or self.valid_from < unit.valid_from):
            raise ValidationError(
                {
                    "valid_from": f"{unit.name} chỉ tồn tại từ {_vn_date(unit.valid_from)}; "
                    "cơ quan ban hành không thể có hiệu lực trước ngày đó."
                }
            )


class Role(models.TextChoices):
    PLANNER = "planner", "Cán bộ lập kế hoạch"
    COMMUNE_STAFF = "commune_staff", "Cán bộ cấp xã"
    FINANCE = "finance", "Cán bộ tài chính"
    LEADER = "leader", "Lãnh đạo (phê duyệt, ký)"
    ADMIN = "admin", "Quản trị hệ thống"


class Assignment(models.Model):
    """A user works in a unit with a role; they see that unit, the units below and their predecessors."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="Người dùng",
        on_delete=models.CASCADE,
        related_name="assignments",
    )
    unit = models.ForeignKey(
        AdminUnit, verbose_name="Đơn vị", on_delete=models.PROTECT, related_name="assignments"
    )
    role = models.CharField("Vai trò", max_length=20, choices=Role.choices)

    class Meta:
        verbose_name = "Phân công"
        verbose_name_plural = "Phân công"
        constraints = [
            models.UniqueConstraint(fields=["user", "unit", "role"], name="assignment_unique")
        ]

    def __str__(self):
        return f"{self.user} – {self.get_role_display()} – {self.unit}"

    def clean(self):
        if self.unit_id and not self.unit.is_current:
            successors = ", ".join(u.full_name for u in self.unit.successors.all())
            hint = f" Hãy phân công vào đơn vị kế thừa: {successors}." if successors else ""
            raise ValidationError(
                {
                    "unit": f"{self.unit.full_name} không còn hoạt động "
                    f"(hiệu lực {self.unit.validity_text}).{hint}"
                }
            )
