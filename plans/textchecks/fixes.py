"""Applying a check's one-click fix: only the fix the checks offer now, only on the author's click.

The key the page sent names one fix; the checks are run again on the locked plan and the fix
is applied only if it is still offered, so a stale page, a second click or a forged key
changes nothing. Every fix goes through the editor's own services, hence one revision in the
plan's history and one entry in the audit log, like any other edit.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from plans import outline, services
from plans.models import Plan
from plans.permissions import can_edit_plan
from plans.problems import Fix

STALE = "Lỗi này đã được sửa hoặc nội dung đã thay đổi; hãy xem lại danh sách kiểm tra."


def offered_fixes(plan: Plan) -> dict[str, Fix]:
    from plans.textchecks import text_problems

    return {p.fix.key: p.fix for p in text_problems(plan) if p.fix is not None}


def _replace(text: str, fix: Fix) -> str:
    if text[fix.start:fix.end] != fix.old:
        raise ValidationError(STALE)
    return text[:fix.start] + fix.new + text[fix.end:]


def _block(plan: Plan, target: str):
    pk = int(target.removeprefix("block-"))
    block = plan.blocks.filter(pk=pk).first()
    if block is None:
        raise ValidationError(STALE)
    return block


def _apply(plan: Plan, fix: Fix, *, by) -> None:
    if fix.target.startswith("field-"):
        field = fix.target.removeprefix("field-")
        services.update_header(plan, by=by, **{field: _replace(getattr(plan, field), fix)})
        return
    block = _block(plan, fix.target)
    if fix.op == "replace":
        outline.update_block(block, by=by, text=_replace(block.text, fix))
    elif fix.op == "delete":
        outline.delete_block(block, by=by)
    elif fix.op == "join":
        other = _block(plan, fix.other)
        outline.update_block(block, by=by, text=block.text.rstrip() + fix.new + other.text.lstrip())
        outline.delete_block(other, by=by)
    else:
        raise ValidationError(STALE)


@transaction.atomic
def apply_fix(plan: Plan, *, key: str, by) -> Fix:
    """Apply the fix named ``key`` if the checks still offer it on the plan as it is now."""
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    if not can_edit_plan(by, plan):
        raise PermissionDenied("Bạn không được sửa kế hoạch này.")
    fix = offered_fixes(plan).get(key)
    if fix is None:
        raise ValidationError(STALE)
    _apply(plan, fix, by=by)
    return fix
