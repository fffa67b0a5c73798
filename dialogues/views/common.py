"""Helpers the dialogue views share: fetching what the user may see, turning rule errors into messages."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404

from dialogues.models import DialogueSession


def visible_session(request, pk, *, for_update: bool = False) -> DialogueSession:
    return get_object_or_404(DialogueSession.objects.visible_to(request.user).select_related(
        "commune__parent", "plan", "budget_line__norm"), pk=pk)


def error_text(error: ValidationError) -> str:
    if hasattr(error, "message_dict"):
        return " ".join(m for msgs in error.message_dict.values() for m in msgs)
    return " ".join(error.messages)


def flash_error(request, error: ValidationError) -> None:
    messages.error(request, error_text(error))


def add_form_errors(form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form: on its field when the form has one, else on top."""
    if hasattr(error, "message_dict"):
        for field, msgs in error.message_dict.items():
            form.add_error(field if field in form.fields else None, msgs)
    else:
        form.add_error(None, error)
