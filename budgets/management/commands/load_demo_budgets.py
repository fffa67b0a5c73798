from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from areas.demo import MissingUnits
from budgets.demo import load_demo_budgets
from documents.money import format_vnd


class Command(BaseCommand):
    help = "Tạo dữ liệu kinh phí mẫu (kế hoạch đối thoại huyện Hạ Hoà 2023); chạy lại không tạo trùng."

    def handle(self, *args, **options):
        if getattr(settings, "PRODUCTION", False):
            raise CommandError("Không tạo dữ liệu mẫu trên máy chủ thật (DJANGO_ENV=production).")
        try:
            estimate = load_demo_budgets()
        except MissingUnits as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"Dự toán mẫu: {estimate.title} – {format_vnd(estimate.total)} đồng.")
