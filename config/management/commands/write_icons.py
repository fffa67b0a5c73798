"""Write the icon subset (config/icons.py) next to the vendored Bootstrap Icons."""

from django.core.management.base import BaseCommand

from config.icons import SUBSET_CSS, SUBSET_FONT, subset_css, subset_font, used_names


class Command(BaseCommand):
    help = "Ghi lại bộ biểu tượng đang dùng (icons-used.css và icons-used.woff2) từ Bootstrap Icons."

    def handle(self, *args, **options):
        names = used_names()
        SUBSET_CSS.write_text(subset_css(names), encoding="utf-8")
        SUBSET_FONT.write_bytes(subset_font(names))
        self.stdout.write(f"Đã ghi {len(names)} biểu tượng vào {SUBSET_CSS} và {SUBSET_FONT}.")
