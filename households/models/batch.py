"""An Excel import: the uploaded file, its progress, and the row-by-row report."""

from django.conf import settings
from django.db import models
from django.urls import reverse

from areas.models import AdminUnit, UnitScopedQuerySet
from households.leases import purge_date

MAX_UPLOAD_BYTES = 10 * 1024 * 1024


def report_items(value):
    """The row-by-row report as a list of dicts, whichever way it is stored.

    A report is stored column by column, ``{"columns": [key, ...], key: [value per row], ...}``:
    about half the JSON of one object per row, and much quicker for PostgreSQL to parse into
    jsonb. Reports stored before that are lists of dicts already, and are read as they are.
    """
    if isinstance(value, dict) and "columns" in value:
        keys = value["columns"]
        return [dict(zip(keys, items, strict=True)) for items in zip(*(value[key] for key in keys), strict=True)]
    return value


class ReportField(models.JSONField):
    """A JSON column holding an import report; read, it is always a list of dicts (``report_items``)."""

    def from_db_value(self, value, expression, connection):
        return report_items(super().from_db_value(value, expression, connection))


class BatchStatus(models.TextChoices):
    QUEUED = "queued", "Đang chờ xử lý"
    READING = "reading", "Đang đọc tệp"
    MAPPING = "mapping", "Cần ghép cột"
    PREVIEW = "preview", "Chờ xác nhận"
    COMMIT_QUEUED = "commit_queue", "Đang chờ ghi dữ liệu"
    COMMITTING = "committing", "Đang ghi dữ liệu"
    DONE = "done", "Đã nhập xong"
    FAILED = "failed", "Không nhập được"
    CANCELLED = "cancelled", "Đã hủy"


class BatchQuerySet(UnitScopedQuerySet):
    unit_field = "commune"

    def listed(self):
        """As the import pages read batches: their commune, author and mapping, never the file itself."""
        return self.select_related("commune", "created_by", "mapping").defer("content")


class ImportBatch(models.Model):
    """One upload of a commune's household list: preview first, then one transactional commit."""

    commune = models.ForeignKey(AdminUnit, verbose_name="Xã/phường", on_delete=models.PROTECT,
                                related_name="+")
    year = models.PositiveSmallIntegerField("Năm rà soát")
    filename = models.CharField("Tên tệp", max_length=255)
    size = models.PositiveIntegerField("Dung lượng (byte)", default=0)
    content = models.BinaryField("Nội dung tệp", default=b"", editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="Người nhập",
                                   on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField("Tải lên lúc", auto_now_add=True)
    status = models.CharField("Trạng thái", max_length=12, choices=BatchStatus.choices,
                              default=BatchStatus.QUEUED)
    progress = models.PositiveSmallIntegerField("Tiến độ (%)", default=0)
    message = models.TextField("Thông báo", blank=True)
    sheet = models.CharField("Trang tính", max_length=100, blank=True)
    sheet_index = models.PositiveSmallIntegerField("Thứ tự trang tính", null=True, blank=True)
    header_first = models.PositiveIntegerField("Dòng tiêu đề đầu", null=True, blank=True)
    header_last = models.PositiveIntegerField("Dòng tiêu đề cuối", null=True, blank=True)
    columns = models.JSONField("Cột đã nhận ra", default=dict, blank=True)
    mapping = models.ForeignKey("households.ColumnMapping", verbose_name="Cách ghép cột đã dùng", null=True,
                                blank=True, on_delete=models.SET_NULL, related_name="+")
    rows = ReportField("Kết quả từng dòng", default=list, blank=True)
    totals = models.JSONField("Tổng hợp", default=dict, blank=True)
    committed_at = models.DateTimeField("Ghi dữ liệu lúc", null=True, blank=True)
    heartbeat_at = models.DateTimeField("Tiến trình báo lần cuối lúc", null=True, blank=True, editable=False)
    ended_at = models.DateTimeField("Xử lý xong lúc", null=True, blank=True, editable=False)
    retryable = models.BooleanField("Có thể thử lại", default=False, editable=False,
                                    help_text="Tiến trình đã dừng giữa chừng; tệp vẫn được giữ để thử lại.")
    purged_at = models.DateTimeField("Đã xóa tệp lúc", null=True, blank=True, editable=False)
    class_counts = models.JSONField("Số hộ theo phân loại và thôn", default=dict, blank=True)
    pending = models.JSONField("Các dòng chưa nhập", default=dict, blank=True, editable=False,
                               help_text="Các dòng chưa nhập được, giữ nguyên ô của tệp gốc, để sửa và nhập tiếp.")
    corrections = models.JSONField("Các dòng đã sửa trên trình duyệt", default=dict, blank=True, editable=False)
    past_accepted = models.JSONField(
        "Các dòng ghi nhận đã tham gia đối thoại", default=list, blank=True, editable=False,
        help_text="Số dòng mà cán bộ đồng ý ghi nhận hộ đã tham gia đối thoại theo cột «Ghi chú».")
    continues = models.ForeignKey("self", verbose_name="Nhập tiếp các dòng chưa nhập của", null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="continued_by")

    objects = BatchQuerySet.as_manager()

    class Meta:
        verbose_name = "Lần nhập tệp"
        verbose_name_plural = "Các lần nhập tệp"
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.filename} ({self.created_at:%d/%m/%Y %H:%M})"

    def get_absolute_url(self):
        return reverse("households:import-detail", args=[self.pk])

    @property
    def is_running(self) -> bool:
        return self.status in (BatchStatus.QUEUED, BatchStatus.READING, BatchStatus.COMMIT_QUEUED,
                               BatchStatus.COMMITTING)

    @property
    def keeps_file(self) -> bool:
        """The uploaded file is still stored (it is dropped once written, failed or cancelled)."""
        return not self.purged_at and (self.status in (BatchStatus.PREVIEW, BatchStatus.MAPPING) or self.retryable
                                       or self.is_running)

    @property
    def purge_due(self):
        """When the uploaded file and the row-by-row report are deleted (``purge_expired_files``)."""
        return None if self.is_running else purge_date(self.ended_at)

    @property
    def rejected_count(self) -> int:
        return self.totals.get("rejected", 0)

    @property
    def imported_count(self) -> int:
        """Rows that are (or, on commit, will be) written: every outcome but not imported and skipped."""
        return sum(self.totals.get(key, 0) for key in ("new", "update", "unchanged"))


class ImportSettings(models.Model):
    """How a commune's lists are imported; a commune without a row has the defaults."""

    commune = models.OneToOneField(AdminUnit, verbose_name="Xã/phường", on_delete=models.CASCADE,
                                   related_name="+")
    codes_required = models.BooleanField(
        "Bắt buộc có mã hộ", default=False,
        help_text="Bật: dòng có mã hộ hỏng (ví dụ Excel đổi thành ngày) không được nhập. Tắt: hộ vẫn được nhập, "
                  "không có mã.")

    class Meta:
        verbose_name = verbose_name_plural = "Cài đặt nhập danh sách hộ"

    def __str__(self):
        return f"Cài đặt nhập của {self.commune}"

    @classmethod
    def codes_required_in(cls, commune) -> bool:
        return cls.objects.filter(commune=commune, codes_required=True).exists()
