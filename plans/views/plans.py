"""Plan pages: list, create, detail with workflow, checks, downloads, copy and history."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_POST

from areas.models import IssuingBody
from audit.models import Action
from audit.services import record
from desk.verdicts import EDITABLE, read_verdicts
from plans import permissions, services
from plans.documents import issued_content, plan_document, plan_docx, plan_pdf
from plans.forms import PlanCopyForm, PlanCreateForm, PlanFilterForm
from plans.issuing import all_problems
from plans.listing import filter_choices, plan_rows
from plans.models import Plan, PlanRevision
from plans.revisions import compare
from web.downloads import DOCX, PDF, Download

PAGE_SIZE = 25


def visible_plans(request):
    return Plan.objects.visible_to(request.user)


def get_plan(request, pk) -> Plan:
    plan = get_object_or_404(visible_plans(request).select_related("issuing_body", "unit"), pk=pk)
    return plan


def _bodies(request):
    return IssuingBody.objects.visible_to(request.user).select_related("unit")


def _errors(error: ValidationError) -> str:
    return " ".join(error.messages)


def plan_list(request):
    form = PlanFilterForm(request.GET or None, bodies=_bodies(request))
    plans = visible_plans(request).order_by("-year", "-updated_at").only(
        "pk", "title", "status", "kind", "year", "number", "type_abbr", "issuer_abbr",
        "issuer_name", "updated_at")
    if form.is_valid():
        data = form.cleaned_data
        plans = plans.search(data["q"]) if data["q"] else plans
        filters = {"year": data["year"], "kind": data["kind"], "status": data["status"],
                   "issuing_body": data["body"]}
        plans = plans.filter(**{k: v for k, v in filters.items() if v})
    desk_filter = ""
    if request.GET.get("loi") == "1":  # the desk's «drafts with blocking checks»
        plans = plans.filter(pk__in=read_verdicts(plans.filter(status__in=EDITABLE)).blocking)
        desk_filter = "dự thảo còn lỗi chặn trình"
    page = Paginator(plans, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "plans/plan_list.html", {
        "form": form, "page": page, "rows": plan_rows(page.object_list, reverse("plans:plan-list")),
        "desk_filter": desk_filter,
        "can_create": permissions.can_create_any_plan(request.user),
        **filter_choices(form.fields["body"].queryset),
    })


def _already_created(request, error: services.AlreadyCreated):
    messages.info(request, "Biểu mẫu đã được gửi hai lần: bản dự thảo đã tạo ở lần gửi đầu, "
                           "không tạo thêm bản nào. Đây là bản dự thảo đó.")
    return redirect("plans:plan-edit", pk=error.plan.pk)


def plan_create(request):
    form = PlanCreateForm(request.POST or None, bodies=_bodies(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            plan = services.create_plan(kind=data["kind"], issuing_body=data["issuing_body"],
                                        year=data["year"], by=request.user, token=data["token"])
        except services.AlreadyCreated as twin:
            return _already_created(request, twin)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Đã tạo bản dự thảo kế hoạch. Hãy chỉnh sửa nội dung.")
            return redirect("plans:plan-edit", pk=plan.pk)
    return render(request, "plans/plan_create.html", {"form": form})


def plan_detail(request, pk):
    plan = get_plan(request, pk)
    problems = all_problems(plan) if not plan.is_frozen else []
    revisions = plan.revisions.select_related("user")[:10]
    return render(request, "plans/plan_detail.html", {
        "plan": plan, "problems": problems, "revisions": revisions,
        "blocking": [p for p in problems if p.blocking],
        **permissions.flags(request.user, plan),
    })


def plan_checks(request, pk):
    plan = get_plan(request, pk)
    problems = all_problems(plan)
    template = "plans/_checks.html" if request.htmx else "plans/plan_checks.html"
    return render(request, template, {"plan": plan, "problems": problems,
                                      **permissions.flags(request.user, plan)})


def _workflow(request, pk, action, success: str, **kwargs):
    plan = get_plan(request, pk)
    try:
        action(plan, by=request.user, **kwargs)
    except ValidationError as error:
        messages.error(request, _errors(error))
    else:
        messages.success(request, success)
    return redirect(plan)


@require_POST
def plan_submit(request, pk):
    return _workflow(request, pk, services.submit_plan, "Đã trình kế hoạch để lãnh đạo phê duyệt.")


@require_POST
def plan_return(request, pk):
    return _workflow(request, pk, services.return_plan, "Đã trả lại kế hoạch kèm ý kiến.",
                     comment=request.POST.get("comment", ""))


@require_POST
def plan_approve(request, pk):
    return _workflow(request, pk, services.approve_plan, "Đã phê duyệt kế hoạch.",
                     comment=request.POST.get("comment", ""))


def _download(request, plan: Plan, kind: str) -> Download:
    stem = f"KH-{plan.number:02d}-{plan.issue_date.year}" if plan.number else f"du-thao-KH-{plan.pk}"
    stored = plan.issued_pdf if kind == "pdf" else plan.issued_docx
    if plan.is_frozen and stored:
        content = issued_content(plan, kind)
    else:
        content = plan_pdf(plan) if kind == "pdf" else plan_docx(plan)
    record(request.user, Action.EXPORT, plan, changes={"format": kind}, request=request)
    return Download(f"{stem}.{kind}", PDF if kind == "pdf" else DOCX, content)


def plan_pdf_view(request, pk):
    return _download(request, get_plan(request, pk), "pdf").as_response(inline=True)


def plan_docx_view(request, pk):
    return _download(request, get_plan(request, pk), "docx").as_response()


def plan_copy(request, pk):
    source = get_plan(request, pk)
    form = PlanCopyForm(request.POST or None, bodies=_bodies(request),
                        initial={"year": source.year + 1})
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.copy_plan(source, year=form.cleaned_data["year"], by=request.user,
                                      issuing_body=form.cleaned_data["issuing_body"],
                                      token=form.cleaned_data["token"])
        except services.AlreadyCreated as twin:
            return _already_created(request, twin)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Đã sao chép thành kế hoạch năm {plan.year}.")
            return redirect("plans:plan-edit", pk=plan.pk)
    return render(request, "plans/plan_copy.html", {"plan": source, "form": form})


def plan_history(request, pk):
    plan = get_plan(request, pk)
    page = Paginator(plan.revisions.select_related("user"), 50).get_page(request.GET.get("page"))
    return render(request, "plans/plan_history.html", {"plan": plan, "page": page})


def plan_compare(request, pk):
    plan = get_plan(request, pk)
    revisions = plan.revisions.all()
    try:
        old = revisions.get(pk=int(request.GET.get("a", 0)))
        new = revisions.get(pk=int(request.GET.get("b", 0)))
    except (ValueError, PlanRevision.DoesNotExist):
        messages.error(request, "Hãy chọn hai phiên bản của kế hoạch này để so sánh.")
        return redirect("plans:plan-history", pk=plan.pk)
    if old.at > new.at:
        old, new = new, old
    return render(request, "plans/plan_compare.html",
                  {"plan": plan, "old": old, "new": new, "diff": compare(old, new)})


@xframe_options_sameorigin
def plan_preview(request, pk):
    """The official layout as HTML (same template as the PDF), for the editor's live preview."""
    plan = get_plan(request, pk)
    return render(request, "plans/plan_preview.html", {"doc": plan_document(plan, notes=True)})
