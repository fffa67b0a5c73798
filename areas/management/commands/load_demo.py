from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from areas.demo import MissingUnits, load_demo


class Command(BaseCommand):
    help = "Tạo dữ liệu mẫu: cơ quan ban hành của các kế hoạch mẫu và một tài khoản cho mỗi vai trò."

    def handle(self, *args, **options):
        if getattr(settings, "PRODUCTION", False):
            raise CommandError("Không tạo dữ liệu mẫu trên máy chủ thật (DJANGO_ENV=production).")
        try:
            accounts = load_demo()
        except MissingUnits as error:
            raise CommandError(str(error)) from error
        self.stdout.write("Tài khoản mẫu (tên đăng nhập / mật khẩu / vai trò):")
        for username, password, role in accounts:
            self.stdout.write(f"  {username:<10} {password}  {role}")
