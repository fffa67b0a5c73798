"""The petition ledger: record at a session, list across sessions with filters, follow up until closed."""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from dialogues import ledger
from dialogues.forms import FollowUpForm, PetitionForm
from dialogues.models import Petition, PetitionStatus, PolicyField
from dialogues.permissions import can_follow_up, can_record_petition, can_run_session
from dialogues.views.common import add_form_errors, flash_error, visible_session

PAGE_SIZE = 30


def petition_create(request, pk):
    session = visible_session(request, pk)
    if not can_record_petition(request.user, session):
        if session.accepts_petitions:
            raise PermissionDenied
        messages.error(request, "Chỉ ghi ý kiến khi hội nghị đã lên lịch hoặc đã tổ chức.")
        return redirect(session)
    form = PetitionForm(request.POST or None, session=session)
    if request.method == "POST" and form.is_valid():
        values = {k: v for k, v in form.cleaned_data.items() if k not in ("content", "raised_by", "attendee")}
        try:
            ledger.record_petition(session, by=request.user, request=request, content=form.cleaned_data["content"],
                                   raised_by=form.cleaned_data["raised_by"], attendee=form.cleaned_data["attendee"],
                                   **values)
        except ValidationError as error:
            add_form_errors(form, error)
        else:
            messages.success(request, "Đã ghi ý kiến, kiến nghị.")
            if "again" in request.POST:
                return redirect("dialogues:petition-create", pk=session.pk)
            return redirect(session)
    return render(request, "dialogues/petition_form.html", {"session": session, "form": form})


def _filtered(request):
    petitions = Petition.objects.visible_to(request.user).select_related("session__commune")
    params, today = request.GET, timezone.localdate()
    if params.get("status") in PetitionStatus.values:
        petitions = petitions.filter(status=params["status"])
    if params.get("field") in PolicyField.values:
        petitions = petitions.filter(policy_field=params["field"])
    if params.get("overdue") == "1":
        petitions = petitions.overdue(today)
    if params.get("year", "").isdigit():
        petitions = petitions.filter(session__year=int(params["year"]))
    return petitions


def petition_list(request):
    petitions = _filtered(request)
    query = request.GET.get("q", "").strip()[:100]
    if query:
        petitions = petitions.search(query)
    page = Paginator(petitions.order_by("due_date", "-created_at", "pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    today = timezone.localdate()
    for petition in page.object_list:
        petition.overdue = petition.is_overdue(today)
    return render(request, "dialogues/petition_list.html", {
        "page": page, "statuses": PetitionStatus.choices, "fields": PolicyField.choices, "params": request.GET,
        "overdue_count": Petition.objects.visible_to(request.user).overdue(today).count()})


def petition_detail(request, pk):
    petition = get_object_or_404(Petition.objects.visible_to(request.user).select_related("session__commune"), pk=pk)
    form = FollowUpForm(request.POST or None)
    if request.method == "POST":
        if not can_run_session(request.user, petition.session):
            raise PermissionDenied
        if form.is_valid():
            try:
                ledger.add_follow_up(petition, by=request.user, request=request, **form.cleaned_data)
            except ValidationError as error:
                if not hasattr(error, "message_dict"):  # not about a field: the entry was already written
                    flash_error(request, error)
                    return redirect(petition)
                add_form_errors(form, error)
            else:
                messages.success(request, "Đã ghi nội dung theo dõi.")
                return redirect(petition)
    return render(request, "dialogues/petition_detail.html", {
        "petition": petition, "form": form, "follow_ups": petition.follow_ups.all(),
        "can_follow_up": can_follow_up(request.user, petition),
        "overdue": petition.is_overdue(timezone.localdate()), "today": datetime.date.today()})
