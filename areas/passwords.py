"""A user changes their own password: Django's form and rules, with the change in the audit log."""

from django.contrib.auth import views as auth_views
from django.db import transaction

from audit.models import Action
from audit.services import record


class PasswordChangeView(auth_views.PasswordChangeView):
    """The signed-in user's own password, old one first; the change is logged (never the password)."""

    @transaction.atomic
    def form_valid(self, form):
        response = super().form_valid(form)
        record(self.request.user, Action.CHANGE, self.request.user, request=self.request,
               changes={"password": [None, "người dùng tự đổi mật khẩu"]})
        return response
