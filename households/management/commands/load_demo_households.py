from django.core.management.base import BaseCommand, CommandError

from areas.demo import MissingUnits
from households.demo import load_demo_households


class Command(BaseCommand):
    help = "Tạo các hộ gia đình mẫu (hư cấu) ở ba xã mẫu; chạy lại không tạo trùng."

    def handle(self, *args, **options):
        try:
            created = load_demo_households()
        except MissingUnits as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"Đã tạo {created} hộ mẫu.")
