from django.apps import AppConfig

# Django's Vietnamese catalogue reads "Nhập một số tổng thể." for a whole number, which means
# something else; these are the messages our officers see instead.
FORM_MESSAGES = {
    "IntegerField": {"invalid": "Hãy nhập một số nguyên (không có chữ, dấu phẩy hay dấu chấm)."},
    "DecimalField": {"invalid": "Hãy nhập một số (dùng dấu phẩy cho phần thập phân)."},
    "FloatField": {"invalid": "Hãy nhập một số."},
}


class WebConfig(AppConfig):
    name = "web"
    verbose_name = "Giao diện web"

    def ready(self):
        from django import forms

        for field_name, messages in FORM_MESSAGES.items():
            getattr(forms, field_name).default_error_messages.update(messages)
