"""``manage.py load_areas``: load the administrative units of both eras from areas/data."""

from django.core.management.base import BaseCommand, CommandError

from areas.loader import SUCCESSIONS_PATH, UNITS_PATH, load_units


class Command(BaseCommand):
    help = (
        "Nạp danh mục đơn vị hành chính trước và sau ngày 01/07/2025 cùng quan hệ kế thừa. "
        "Chạy lại nhiều lần không tạo bản ghi trùng."
    )

    def add_arguments(self, parser):
        parser.add_argument("--units", default=str(UNITS_PATH), help="Tệp danh mục đơn vị")
        parser.add_argument(
            "--successions", default=str(SUCCESSIONS_PATH), help="Tệp quan hệ kế thừa"
        )

    def handle(self, *args, **options):
        try:
            report = load_units(options["units"], options["successions"])
        except FileNotFoundError as error:
            raise CommandError(f"Không tìm thấy tệp dữ liệu: {error.filename}") from error
        except (ValueError, KeyError) as error:
            raise CommandError(f"Tệp dữ liệu không hợp lệ: {error}") from error
        for line in report.summary_lines():
            self.stdout.write(line)
        self.stdout.write(self.style.SUCCESS("Đã nạp xong danh mục đơn vị hành chính."))
