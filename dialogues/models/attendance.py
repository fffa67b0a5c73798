"""Who is registered for a session, who came, and the weights that rank suggestions."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from areas.models import AdminUnit
from dialogues.models.choices import Criterion
from dialogues.models.sessions import DialogueSession
from households.models import EthnicGroup, Gender, HouseholdClass


class Attendee(models.Model):
    """A citizen on a session's list: from the registry or typed in, registered ahead or walked in."""

    session = models.ForeignKey(DialogueSession, verbose_name="Hội nghị", on_delete=models.CASCADE,
                                related_name="attendees")
    household = models.ForeignKey("households.Household", verbose_name="Hộ trong sổ", null=True,
                                  blank=True, on_delete=models.PROTECT, related_name="dialogue_attendances")
    full_name = models.CharField("Họ và tên", max_length=150)
    gender = models.CharField("Giới tính", max_length=1, choices=Gender.choices, blank=True)
    birth_year = models.PositiveSmallIntegerField("Năm sinh", null=True, blank=True)
    ethnic_group = models.ForeignKey(EthnicGroup, verbose_name="Dân tộc", null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")
    village = models.CharField("Thôn", max_length=120, blank=True)
    household_class = models.CharField("Loại hộ", max_length=15, choices=HouseholdClass.choices, blank=True)
    first_time = models.BooleanField("Lần đầu tham dự", default=False)
    reasons = models.JSONField("Lý do ưu tiên", default=list, blank=True)
    consent = models.BooleanField("Đã được thông báo và đồng ý xử lý dữ liệu cá nhân", default=False)
    is_walk_in = models.BooleanField("Đến trực tiếp (không đăng ký trước)", default=False)
    client_ref = models.CharField(max_length=40, blank=True, editable=False,
                                  help_text="Mã do điện thoại tạo khi thêm tại hội nghị (gửi lại không tạo trùng).")
    present = models.BooleanField("Có mặt", default=False)
    checked_in_at = models.DateTimeField("Điểm danh lúc", null=True, blank=True)
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="Người đăng ký", null=True,
                                      on_delete=models.SET_NULL, related_name="+")
    registered_at = models.DateTimeField("Đăng ký lúc", auto_now_add=True)
    updated_at = models.DateTimeField("Cập nhật", auto_now=True)

    class Meta:
        verbose_name = "Người dân tham dự"
        verbose_name_plural = "Người dân tham dự"
        ordering = ["session", "is_walk_in", "village", "full_name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["session", "household"], condition=Q(household__isnull=False),
                                    name="attendee_household_once_per_session"),
            models.UniqueConstraint(fields=["session", "client_ref"], condition=~Q(client_ref=""),
                                    name="attendee_client_ref_unique"),
        ]
        indexes = [models.Index(fields=["household", "present"], name="attendee_household_present")]

    def __str__(self):
        return self.full_name

    @property
    def is_ethnic_minority(self) -> bool:
        return self.ethnic_group is not None and self.ethnic_group.is_minority

    @property
    def gender_year(self) -> str:
        gender = self.get_gender_display() if self.gender else ""
        year = str(self.birth_year) if self.birth_year else ""
        return " / ".join(p for p in (gender, year) if p)


class PriorityRule(models.Model):
    """The weight a unit gives one criterion when suggesting attendees (no unit: the default)."""

    unit = models.ForeignKey(AdminUnit, verbose_name="Đơn vị", null=True, blank=True,
                             on_delete=models.CASCADE, related_name="dialogue_priority_rules",
                             help_text="Để trống: áp dụng cho mọi đơn vị chưa có quy tắc riêng.")
    criterion = models.CharField("Tiêu chí", max_length=20, choices=Criterion.choices)
    weight = models.PositiveSmallIntegerField("Điểm ưu tiên", default=1,
                                              help_text="0 là không tính tiêu chí này.")

    class Meta:
        verbose_name = "Quy tắc ưu tiên mời dự đối thoại"
        verbose_name_plural = "Quy tắc ưu tiên mời dự đối thoại"
        ordering = ["unit", "criterion"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "criterion"], name="priority_rule_unique"),
            models.UniqueConstraint(fields=["criterion"], condition=Q(unit__isnull=True),
                                    name="priority_rule_default_unique"),
        ]

    def __str__(self):
        return f"{self.get_criterion_display()}: {self.weight}"
