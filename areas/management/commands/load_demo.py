import importlib

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from areas.demo import MissingUnits, load_demo

# Each feature app's demo loader, in dependency order (a missing module is skipped).
APP_LOADERS = [
    ("budgets.demo", "load_demo_budgets", "Kinh phí"),
    ("households.demo", "load_demo_households", "Hộ gia đình"),
    ("plans.demo", "load_demo_plans", "Kế hoạch"),
    ("dialogues.demo", "load_demo_dialogues", "Đối thoại"),
]


class Command(BaseCommand):
    help = "Tạo dữ liệu mẫu: cơ quan ban hành, tài khoản mỗi vai trò và dữ liệu mẫu của từng phân hệ."

    def handle(self, *args, **options):
        if getattr(settings, "PRODUCTION", False):
            raise CommandError("Không tạo dữ liệu mẫu trên máy chủ thật (DJANGO_ENV=production).")
        try:
            accounts = load_demo()
        except MissingUnits as error:
            raise CommandError(str(error)) from error
        for module_name, function, label in APP_LOADERS:
            try:
                module = importlib.import_module(module_name)
            except ModuleNotFoundError as error:
                if error.name != module_name:
                    raise
                continue
            result = getattr(module, function)()
            count = len(result) if isinstance(result, list | tuple | dict) else int(bool(result))
            self.stdout.write(f"{label}: đã nạp dữ liệu mẫu ({count} mục mới).")
        self.stdout.write("Tài khoản mẫu (tên đăng nhập / mật khẩu / vai trò):")
        for username, password, role in accounts:
            self.stdout.write(f"  {username:<10} {password}  {role}")
