"""Write static/documents/levels.css from documents.levels.LEVELS (a test keeps them equal)."""

from django.core.management.base import BaseCommand

from documents.levels import LEVEL_CSS_PATH, level_css_file


class Command(BaseCommand):
    help = "Ghi lại static/documents/levels.css từ bảng kiểu theo cấp (documents/levels.py)."

    def handle(self, *args, **options):
        LEVEL_CSS_PATH.write_text(level_css_file(), encoding="utf-8")
        self.stdout.write(f"Đã ghi {LEVEL_CSS_PATH}.")
