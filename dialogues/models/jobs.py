"""A large document produced in the background: what was asked, by whom, how far it got, the file."""

from django.conf import settings
from django.db import models
from django.urls import reverse


class JobKind(models.TextChoices):
    INVITATIONS = "invitations", "Giấy mời"
    SIGN_IN = "sign_in", "Danh sách ký tham dự"
    PAYMENT = "payment", "Danh sách ký nhận tiền hỗ trợ"


class JobStatus(models.TextChoices):
    QUEUED = "queued", "Đang chờ xử lý"
    RUNNING = "running", "Đang tạo tệp"
    DONE = "done", "Đã tạo xong"
    FAILED = "failed", "Không tạo được"


class DocumentJobQuerySet(models.QuerySet):
    def visible_to(self, user):
        """A job holds personal data printed for one person: only they see it."""
        return self.filter(requested_by=user) if user.is_authenticated else self.none()


class DocumentJob(models.Model):
    """Invitations of a session, or the sheets of every session of a plan, rendered by the task worker."""

    kind = models.CharField("Loại tài liệu", max_length=12, choices=JobKind.choices)
    session = models.ForeignKey("dialogues.DialogueSession", verbose_name="Hội nghị", null=True, blank=True,
                                on_delete=models.CASCADE, related_name="document_jobs")
    plan = models.ForeignKey("plans.Plan", verbose_name="Kế hoạch", null=True, blank=True,
                             on_delete=models.CASCADE, related_name="dialogue_document_jobs")
    fingerprint = models.CharField(max_length=64, editable=False,
                                   help_text="Dấu của danh sách lúc yêu cầu; đổi khi danh sách thay đổi.")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="Người yêu cầu",
                                     on_delete=models.CASCADE, related_name="+")
    status = models.CharField("Trạng thái", max_length=8, choices=JobStatus.choices, default=JobStatus.QUEUED)
    progress = models.PositiveSmallIntegerField("Tiến độ (%)", default=0)
    message = models.CharField("Thông báo", max_length=300, blank=True)
    file = models.FileField("Tệp", upload_to="dialogues/tai-lieu/", blank=True)
    filename = models.CharField("Tên tệp tải về", max_length=200)
    created_at = models.DateTimeField("Yêu cầu lúc", auto_now_add=True)
    finished_at = models.DateTimeField("Xong lúc", null=True, blank=True)
    heartbeat_at = models.DateTimeField("Tiến trình báo lần cuối lúc", null=True, blank=True, editable=False)

    objects = DocumentJobQuerySet.as_manager()

    class Meta:
        verbose_name = "Tài liệu tạo ở nền"
        verbose_name_plural = "Tài liệu tạo ở nền"
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(session__isnull=False) | models.Q(plan__isnull=False),
                                   name="document_job_has_subject"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.created_at:%d/%m/%Y %H:%M})"

    def get_absolute_url(self):
        return reverse("dialogues:job-detail", args=[self.pk])

    @property
    def is_running(self) -> bool:
        return self.status in (JobStatus.QUEUED, JobStatus.RUNNING)
