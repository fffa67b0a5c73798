"""The invitations as an editable Word file (the PDF is served by dialogues.views.downloads)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect

from audit.models import Action
from audit.services import record
from dialogues import documents, jobs
from dialogues.permissions import can_see_ethnicity
from dialogues.views.common import visible_session


def invitations_docx(request, pk):
    """Every invitation of the session's list, one page each, for the văn thư to edit and print."""
    session = visible_session(request, pk)
    if not can_see_ethnicity(request.user, session):
        raise PermissionDenied
    people = jobs.invitation_people(session)
    if not people:
        messages.warning(request, "Chưa có người nào trong danh sách để in giấy mời.")
        return redirect(session)
    download = documents.invitations_docx(session, people)
    record(request.user, Action.EXPORT, session, request=request,
           description=f"Giấy mời DOCX ({len(people)} người)")
    return download.as_response()
