"""A policy dialogue session (hội nghị đối thoại chính sách) and the officials attending it."""

import datetime

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from areas.models import AdminUnit, UnitScopedQuerySet
from dialogues.models.choices import OfficialLevel, PolicyField, Quarter, SessionStatus


class SessionQuerySet(UnitScopedQuerySet):
    unit_field = "commune"  # sessions hosted in a commune the user sees

    def with_counts(self):
        return self.annotate(
            registered=models.Count("attendees", filter=models.Q(attendees__is_walk_in=False), distinct=True),
            present=models.Count("attendees", filter=models.Q(attendees__present=True), distinct=True),
        )


class DialogueSession(models.Model):
    """One dialogue in one commune: when, where, who chairs, for how many citizens, paid by which line."""

    plan = models.ForeignKey("plans.Plan", verbose_name="Kế hoạch", null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="dialogue_sessions")
    commune = models.ForeignKey(AdminUnit, verbose_name="Xã tổ chức", on_delete=models.PROTECT,
                                related_name="dialogue_sessions")
    year = models.PositiveSmallIntegerField("Năm")
    quarter = models.PositiveSmallIntegerField("Quý dự kiến", choices=Quarter.choices, null=True, blank=True)
    starts_at = models.DateTimeField("Thời gian tổ chức", null=True, blank=True)
    venue = models.CharField("Địa điểm", max_length=300, blank=True)
    chair = models.CharField("Người chủ trì", max_length=200, blank=True,
                             help_text="Ví dụ: Ông Nguyễn Văn A, Phó Chủ tịch UBND huyện")
    theme = models.CharField("Chủ đề", max_length=500)
    policy_fields = models.JSONField("Lĩnh vực chính sách", default=list, blank=True)
    target = models.PositiveSmallIntegerField("Số người dân dự kiến", default=50)
    women_share = models.PositiveSmallIntegerField("Tỷ lệ nữ dự kiến (%)", null=True, blank=True)
    minority_share = models.PositiveSmallIntegerField("Tỷ lệ người dân tộc thiểu số dự kiến (%)",
                                                      null=True, blank=True)
    first_timer_share = models.PositiveSmallIntegerField("Tỷ lệ người lần đầu tham dự dự kiến (%)",
                                                         null=True, blank=True)
    half_days = models.PositiveSmallIntegerField("Số buổi", default=1,
                                                 help_text="Thời lượng hội nghị, ví dụ 1 buổi hoặc 2 buổi (cả ngày).")
    budget_line = models.ForeignKey("budgets.EstimateLine", verbose_name="Dòng dự toán tiền ăn",
                                    null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="dialogue_sessions",
                                    help_text="Mức chi trả tiền ăn mỗi người là đơn giá của dòng này.")
    travel_line = models.ForeignKey("budgets.EstimateLine", verbose_name="Dòng dự toán tiền đi lại",
                                    null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                                    help_text="Để trống nếu không hỗ trợ tiền đi lại; danh sách chi trả "
                                              "khi đó không có cột tiền đi lại.")
    status = models.CharField("Trạng thái", max_length=10, choices=SessionStatus.choices,
                              default=SessionStatus.PLANNED, db_index=True)
    secretary = models.CharField("Thư ký hội nghị", max_length=200, blank=True)
    proceedings = models.TextField("Diễn biến hội nghị", blank=True)
    conclusion = models.TextField("Kết luận của chủ trì", blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="Người tạo", null=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField("Tạo lúc", auto_now_add=True)
    updated_at = models.DateTimeField("Cập nhật", auto_now=True)

    objects = SessionQuerySet.as_manager()

    class Meta:
        verbose_name = "Hội nghị đối thoại"
        verbose_name_plural = "Hội nghị đối thoại"
        ordering = ["-year", "quarter", "starts_at", "pk"]
        indexes = [models.Index(fields=["commune", "year"], name="session_commune_year")]
        constraints = [
            models.CheckConstraint(condition=models.Q(target__gte=1), name="session_target_positive"),
            models.CheckConstraint(condition=models.Q(half_days__gte=1), name="session_half_days_positive"),
        ]

    def __str__(self):
        return f"Đối thoại tại {self.commune.name} – {self.when_text}"

    def get_absolute_url(self):
        return reverse("dialogues:session-detail", args=[self.pk])

    @property
    def day(self) -> datetime.date | None:
        return timezone.localtime(self.starts_at).date() if self.starts_at else None

    @property
    def when_text(self) -> str:
        """The date and time when known, else the planned quarter, e.g. "Quý II/2023"."""
        if self.starts_at:
            local = timezone.localtime(self.starts_at)
            return f"{local:%H} giờ {local:%M} ngày {local:%d/%m/%Y}"
        if self.quarter:
            return f"{Quarter(self.quarter).label}/{self.year}"
        return f"năm {self.year}"

    @property
    def schedule_line(self) -> str:
        """One line for a plan's schedule, e.g. "Xã Đan Thượng: Quý II/2023, tại trụ sở UBND xã, 50 người"."""
        parts = [self.when_text]
        if self.venue:
            parts.append(f"tại {self.venue}")
        parts.append(f"{self.target} người")
        return f"{self.commune.name}: " + ", ".join(parts)

    @property
    def policy_field_labels(self) -> list[str]:
        labels = dict(PolicyField.choices)
        return [labels[code] for code in self.policy_fields if code in labels]

    @property
    def reference_date(self) -> datetime.date:
        """The day the session is (or is expected to be) held: its date, else its quarter's end."""
        if self.starts_at:
            return self.day
        if self.quarter:
            month = self.quarter * 3
            return datetime.date(self.year, month, 30 if month in (6, 9) else 31)
        return datetime.date(self.year, 12, 31)

    @property
    def accepts_registration(self) -> bool:
        return self.status in (SessionStatus.PLANNED, SessionStatus.SCHEDULED)

    @property
    def accepts_check_in(self) -> bool:
        return self.status in (SessionStatus.SCHEDULED, SessionStatus.HELD)

    @property
    def was_held(self) -> bool:
        """Held, whether or not reported yet: who came is known, minutes can be written."""
        return self.status in (SessionStatus.HELD, SessionStatus.REPORTED)

    @property
    def accepts_petitions(self) -> bool:
        return self.status in (SessionStatus.SCHEDULED, SessionStatus.HELD, SessionStatus.REPORTED)


class SessionOfficial(models.Model):
    """An official attending a session: level, position and name."""

    session = models.ForeignKey(DialogueSession, on_delete=models.CASCADE, related_name="officials")
    level = models.CharField("Cấp", max_length=15, choices=OfficialLevel.choices)
    position = models.CharField("Chức vụ", max_length=200)
    name = models.CharField("Họ và tên", max_length=150)
    order = models.PositiveSmallIntegerField("Thứ tự", default=0)

    class Meta:
        verbose_name = "Đại biểu cơ quan nhà nước"
        verbose_name_plural = "Đại biểu cơ quan nhà nước"
        ordering = ["order", "pk"]

    def __str__(self):
        return f"{self.name}, {self.position}"
