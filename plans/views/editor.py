"""The plan editor: header form and outline, edited in place with htmx, saved as you type.

Text edits answer 204 and trigger a preview refresh; structural edits (add, move, indent,
delete, paste) answer the re-rendered outline, because markers change.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_POST

from plans import outline, services
from plans.forms import BasesForm, PlanHeaderForm
from plans.models import BlockKind, LiveBlock, PlanBlock
from plans.permissions import can_edit_plan, flags
from plans.views.plans import get_plan

CHANGED = "plan-changed"


def _marked(blocks):
    """Blocks with the marker each will print with ("I.", "1.", "a)", "-"), computed."""
    from documents.numbering import number_blocks
    from documents.official import Block

    numbered = number_blocks([Block(b.kind, "", titled=b.titled) for b in blocks])
    return [(block, shown.marker) for block, shown in zip(blocks, numbered, strict=True)]


def _outline_context(plan, error: str = "", notice: str = ""):
    return {"plan": plan, "rows": _marked(list(plan.blocks.all())), "kinds": BlockKind.choices,
            "live_labels": dict(LiveBlock.choices), "error": error, "notice": notice}


def _outline_response(request, plan, error: str = "", notice: str = ""):
    response = render(request, "plans/editor/_outline.html", _outline_context(plan, error, notice))
    response["HX-Trigger"] = CHANGED
    return response


def plan_edit(request, pk):
    plan = get_plan(request, pk)
    context = {
        **_outline_context(plan), **flags(request.user, plan),
        "header_form": PlanHeaderForm(instance=plan, user=request.user),
        "bases_form": BasesForm(initial={"documents": [x.document for x in plan.basis_links.all()]},
                                plan=plan),
    }
    return render(request, "plans/editor/editor.html", context)


def _block(request, pk, block_pk) -> PlanBlock:
    plan = get_plan(request, pk)
    return get_object_or_404(plan.blocks.select_related("plan"), pk=block_pk)


@require_POST
def header_save(request, pk):
    """Autosave of the header form; answers the status line (saved, or the field errors)."""
    plan = get_plan(request, pk)
    if not can_edit_plan(request.user, plan):
        raise PermissionDenied("Bạn không được sửa kế hoạch này.")
    form = PlanHeaderForm(request.POST, instance=plan, user=request.user)
    if form.is_valid():
        try:
            services.update_header(plan, by=request.user, **{
                name: form.cleaned_data[name] for name in PlanHeaderForm.Meta.fields
                if name in request.POST or name == "subprojects"})
        except ValidationError as error:
            form.add_error(None, error)
    response = render(request, "plans/editor/_header_status.html", {"form": form})
    if not form.errors:
        response["HX-Trigger"] = CHANGED
    return response


@require_POST
def bases_save(request, pk):
    plan = get_plan(request, pk)
    form = BasesForm(request.POST, plan=plan)
    if not form.is_valid():
        return HttpResponse(" ".join(form.errors["documents"]), status=422)
    try:
        services.set_bases(plan, by=request.user, documents=list(form.cleaned_data["documents"]))
    except ValidationError as error:
        return HttpResponse(" ".join(error.messages), status=422)
    response = HttpResponse(status=204)
    response["HX-Trigger"] = CHANGED
    return response


@require_POST
def block_save(request, pk, block_pk):
    """Autosave of one block's text (and kind/bold flag); 204 on success, 422 with the reason."""
    block = _block(request, pk, block_pk)
    kind = request.POST.get("kind") or None
    titled = request.POST.get("titled") == "1" if "titled" in request.POST else None
    try:
        outline.update_block(block, by=request.user, text=request.POST.get("text", ""),
                             kind=kind, titled=titled)
    except ValidationError as error:
        return HttpResponse(" ".join(error.messages), status=422)
    if kind is not None:  # markers change with the kind
        return _outline_response(request, block.plan)
    response = HttpResponse(status=204)
    response["HX-Trigger"] = CHANGED
    return response


def _structural(request, pk, operation, **kwargs):
    plan = get_plan(request, pk)
    try:
        operation(**kwargs)
    except ValidationError as error:
        return _outline_response(request, plan, " ".join(error.messages))
    return _outline_response(request, plan)


@require_POST
def block_add(request, pk):
    plan = get_plan(request, pk)
    after_pk = request.POST.get("after")
    after = plan.blocks.filter(pk=after_pk).first() if after_pk and after_pk.isdigit() else None
    kind = request.POST.get("kind") or (after.kind if after and not after.live else BlockKind.PARAGRAPH)
    if kind not in BlockKind.values:
        kind = BlockKind.PARAGRAPH
    return _structural(request, pk, outline.add_block, plan=plan, by=request.user, after=after,
                       kind=kind)


@require_POST
def block_move(request, pk, block_pk):
    block = _block(request, pk, block_pk)
    return _structural(request, pk, outline.move_block, block=block, by=request.user,
                       direction=request.POST.get("direction", ""))


@require_POST
def block_shift(request, pk, block_pk):
    block = _block(request, pk, block_pk)
    return _structural(request, pk, outline.shift_block, block=block, by=request.user,
                       deeper=request.POST.get("deeper") == "1")


@require_POST
def block_delete(request, pk, block_pk):
    block = _block(request, pk, block_pk)
    return _structural(request, pk, outline.delete_block, block=block, by=request.user)


@require_POST
def paste(request, pk):
    plan = get_plan(request, pk)
    after_pk = request.POST.get("after")
    after = plan.blocks.filter(pk=after_pk).first() if after_pk and after_pk.isdigit() else None
    page_numbers: list[str] = []
    try:
        outline.paste_blocks(plan, by=request.user, text=request.POST.get("text", ""),
                             html=request.POST.get("html", ""), after=after, page_numbers=page_numbers)
    except ValidationError as error:
        return _outline_response(request, plan, " ".join(error.messages))
    return _outline_response(request, plan, notice=_page_numbers_notice(page_numbers))


def _page_numbers_notice(numbers: list[str]) -> str:
    """What the paste left out, so a number the author meant is not lost without a word."""
    if not numbers:
        return ""
    shown = ", ".join(f"«{n}»" for n in numbers[:10]) + (", …" if len(numbers) > 10 else "")
    return (f"Đã bỏ {len(numbers)} dòng chỉ có một con số ({shown}), thường là số trang của văn bản gốc. "
            "Nếu đó là nội dung cần giữ, hãy gõ lại vào đoạn tương ứng.")
