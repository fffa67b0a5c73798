"""Django's password rules with their messages and help texts in Vietnamese.

Django's Vietnamese translation lacks some of these messages (the minimum length one shows
in English), so each rule says itself what is wrong, in the words users read.
"""

from django.contrib.auth import password_validation as rules
from django.core.exceptions import ValidationError


class MinimumLengthValidator(rules.MinimumLengthValidator):
    def validate(self, password, user=None):
        if len(password) < self.min_length:
            raise ValidationError(
                f"Mật khẩu này quá ngắn: cần ít nhất {self.min_length} ký tự.",
                code="password_too_short",
            )

    def get_help_text(self):
        return f"Mật khẩu phải có ít nhất {self.min_length} ký tự."


class UserAttributeSimilarityValidator(rules.UserAttributeSimilarityValidator):
    def validate(self, password, user=None):
        try:
            super().validate(password, user)
        except ValidationError:
            raise ValidationError(
                "Mật khẩu quá giống tên đăng nhập, họ tên hoặc thư điện tử của bạn.",
                code="password_too_similar",
            ) from None

    def get_help_text(self):
        return "Mật khẩu không được giống tên đăng nhập hay họ tên của bạn."


class CommonPasswordValidator(rules.CommonPasswordValidator):
    def validate(self, password, user=None):
        try:
            super().validate(password, user)
        except ValidationError:
            raise ValidationError("Mật khẩu này quá phổ biến, dễ bị dò ra.",
                                  code="password_too_common") from None

    def get_help_text(self):
        return "Không dùng mật khẩu phổ biến."


class NumericPasswordValidator(rules.NumericPasswordValidator):
    def validate(self, password, user=None):
        if password.isdigit():
            raise ValidationError("Mật khẩu không được hoàn toàn là số.",
                                  code="password_entirely_numeric")

    def get_help_text(self):
        return "Mật khẩu không được hoàn toàn là số."
