"""Issuing pages: the leader's confirmation page (number and date to come, the PDF as it will
be issued, the warnings to acknowledge), withdrawal (thu hồi) and the document register."""

import copy
import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.clickjacking import xframe_options_sameorigin

from areas.models import IssuingBody
from documents.dates import date_line
from plans import permissions, services
from plans.documents import plan_pdf
from plans.forms import IssueForm, WithdrawForm
from plans.issuing import issue_review
from plans.models import Plan
from plans.register import (
    ISSUE_DAYS_AHEAD,
    check_issue_date,
    issue_date_range,
    peek_next_number,
    register_page,
)
from plans.views.plans import get_plan, visible_plans
from web.downloads import PDF, Download


def _issue_day(data, plan: Plan) -> tuple[datetime.date, str]:
    """The date asked for (issue_date), or today; with the reason when it cannot be used."""
    form = IssueForm(data)
    if not form.is_valid():
        return timezone.localdate(), " ".join(form.errors.get("issue_date", []))
    day = form.cleaned_data["issue_date"] or timezone.localdate()
    try:
        check_issue_date(plan, day)
    except ValidationError as error:
        return day, " ".join(error.messages)
    return day, ""


def _as_issued(plan: Plan, day: datetime.date) -> Plan:
    """An unsaved copy carrying the number and date the issue would give (for previews)."""
    preview = copy.copy(plan)
    preview.number = peek_next_number(plan.issuing_body, plan.type_abbr, day.year)
    preview.issue_date = day
    return preview


def plan_issue(request, pk):
    """GET: the confirmation page. POST: issue with the date, the number shown and the ticks."""
    plan = get_plan(request, pk)
    if plan.is_frozen:  # a double submit, a second tab: say which number it already has
        messages.info(request, services.AlreadyIssued(plan).messages[0])
        return redirect(plan)
    if not permissions.can_issue_plan(request.user, plan):
        messages.info(request, f"Kế hoạch đang ở trạng thái «{plan.get_status_display()}»: "
                               "chỉ lãnh đạo cấp số và ban hành kế hoạch đã được phê duyệt.")
        return redirect(plan)
    blocking, warnings = issue_review(plan)
    if request.method == "POST":
        form = IssueForm(request.POST, warnings=warnings)
        if form.is_valid():
            try:
                services.issue_plan(plan, by=request.user, issue_date=form.cleaned_data["issue_date"],
                                    acknowledged=form.cleaned_data["acknowledged"],
                                    expected_number=form.cleaned_data["expected_number"])
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, "Đã ban hành kế hoạch và lưu bản PDF, DOCX.")
                return redirect(plan)
        return _confirmation(request, plan, form, blocking, warnings, status=422)
    return _confirmation(request, plan, None, blocking, warnings)


def _confirmation(request, plan, form, blocking, warnings, status=200):
    day, date_error = _issue_day(request.POST if form is not None else request.GET, plan)
    expected = _as_issued(plan, day)
    form = form or IssueForm(warnings=warnings, initial={"expected_number": expected.number})
    ticked = set(form.data.getlist("acknowledged")) if form.is_bound else set()
    return render(request, "plans/plan_issue.html", {
        "plan": plan, "form": form, "blocking": blocking, "day": day, "date_error": date_error,
        "number": expected.number, "symbol": expected.symbol, "ticked": ticked,
        "date_line": date_line(plan.place_name, day), "warnings": warnings,
        "issue_range": issue_date_range(plan), "issue_days_ahead": ISSUE_DAYS_AHEAD,
        **permissions.flags(request.user, plan),
    }, status=status)


# It already carries the number and date the issue would give: printed, it must not pass for the
# issued paper.
PREVIEW_MARK = "BẢN XEM TRƯỚC\nCHƯA BAN HÀNH"


@xframe_options_sameorigin
def plan_issue_preview(request, pk):
    """The PDF as it will be issued: the number and date of the confirmation page filled in."""
    plan = get_plan(request, pk)
    if not permissions.can_issue_plan(request.user, plan):
        raise PermissionDenied("Chỉ xem trước bản ban hành của kế hoạch đã được phê duyệt.")
    day, _ = _issue_day(request.GET, plan)
    preview = _as_issued(plan, day)
    name = f"xem-truoc-ban-hanh-KH-{preview.number:02d}-{day.year}.pdf"
    return Download(name, PDF, plan_pdf(preview, watermark=PREVIEW_MARK)).as_response(inline=True)


def plan_withdraw(request, pk):
    """Thu hồi: a leader's recorded decision with its reason; the number stays taken."""
    plan = get_plan(request, pk)
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.withdraw_plan(plan, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Đã thu hồi kế hoạch số {plan.symbol}. Số này vẫn được "
                                      "giữ trong sổ đăng ký, không cấp lại.")
            return redirect(plan)
    elif not permissions.can_withdraw_plan(request.user, plan):
        if request.method == "POST":
            raise PermissionDenied("Bạn không được thu hồi kế hoạch này.")
        messages.info(request, "Chỉ lãnh đạo thu hồi được kế hoạch đã ban hành.")
        return redirect(plan)
    return render(request, "plans/plan_withdraw.html", {"plan": plan, "form": form},
                  status=422 if form.errors else 200)


def register(request):
    """The document register of one issuing body and year: every number, withdrawn ones and
    gaps shown."""
    bodies = IssuingBody.objects.visible_to(request.user).order_by("display_name")
    body = get_object_or_404(bodies, pk=_int(request.GET.get("body"))) if request.GET.get(
        "body") else bodies.first()
    year = _int(request.GET.get("year")) or timezone.localdate().year
    year = min(max(year, 2000), 2100)
    page = register_page(visible_plans(request), body, "KH", year,
                         request.GET.get("page")) if body else None
    return render(request, "plans/register.html", {
        "bodies": bodies, "body": body, "year": year, "page": page})


def _int(value) -> int:
    return int(value) if value and str(value).isdigit() and len(str(value)) < 10 else 0
