"""Daily clean-up: jobs whose worker died are marked failed; personal data past its retention is deleted.

Uploaded household lists (and their row-by-row reports) and generated dialogue documents are
deleted ``settings.FILE_RETENTION_DAYS`` after their batch or job ends. Issued plan PDFs are
official records and are never touched. Run it daily (docs/deploy.md); running it twice is harmless.
"""

from django.core.management.base import BaseCommand

from dialogues.jobs import fail_stalled_jobs, purge_expired_jobs
from households.imports.batches import fail_stalled_batches, purge_expired_batches


class Command(BaseCommand):
    help = "Đánh dấu lỗi các tiến trình nền đã dừng và xóa tệp chứa dữ liệu cá nhân đã quá thời hạn lưu giữ."

    def handle(self, *args, **options):
        stalled = fail_stalled_batches() + fail_stalled_jobs()
        batches, documents = purge_expired_batches(), purge_expired_jobs()
        self.stdout.write(f"Tiến trình đã dừng được đánh dấu lỗi: {stalled}. "
                          f"Lần nhập tệp đã xóa dữ liệu: {batches}. Tài liệu đã xóa: {documents}.")
