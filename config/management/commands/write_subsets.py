"""Write the static subsets the pages load: the Bootstrap rules and the icons the app uses, and
the sign-in page's own stylesheet (inline in that page)."""

from django.core.management.base import BaseCommand

from config import bootstrap_subset, icons


class Command(BaseCommand):
    help = ("Ghi lại phần Bootstrap và bộ biểu tượng mà ứng dụng dùng (bootstrap.used.css, "
            "icons-used.css, icons-used.woff2) và bảng kiểu của trang đăng nhập (css/signin.css) "
            "sau khi thêm lớp CSS hoặc biểu tượng mới.")

    def handle(self, *args, **options):
        names = icons.used_names()
        icons.SUBSET_CSS.write_text(icons.subset_css(names), encoding="utf-8")
        icons.SUBSET_FONT.write_bytes(icons.subset_font(names))
        bootstrap_subset.USED_CSS.write_text(bootstrap_subset.subset_css(bootstrap_subset.used_classes()),
                                             encoding="utf-8")
        bootstrap_subset.SIGNIN_CSS.write_text(bootstrap_subset.signin_css(), encoding="utf-8")
        self.stdout.write(f"Đã ghi {len(names)} biểu tượng, phần Bootstrap đang dùng "
                          f"({bootstrap_subset.USED_CSS.stat().st_size // 1024} KB) và bảng kiểu của "
                          f"trang đăng nhập ({bootstrap_subset.SIGNIN_CSS.stat().st_size // 1024} KB).")
