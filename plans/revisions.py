"""Revisions: a snapshot of the whole plan after each change, and the comparison of two."""

import datetime
import difflib

from django.utils import timezone

from plans.models import Plan, PlanRevision

HEADER_FIELDS = [
    ("title", "Trích yếu"), ("year", "Năm"), ("intro", "Đoạn mở đầu"),
    ("basis_text", "Căn cứ khác"), ("closing", "Đoạn kết"), ("recipients", "Nơi nhận"),
    ("authority", "Thẩm quyền ký"), ("signer_name", "Người ký"),
    ("signer_title", "Chức danh người ký"), ("stated_total", "Tổng kinh phí ghi trong văn bản"),
    ("status", "Trạng thái"), ("number", "Số"), ("issue_date", "Ngày ban hành"),
]
# Edits by the same person within this window are one revision (autosave sends many).
COALESCE_WINDOW = datetime.timedelta(minutes=10)
EDIT_ACTION = "Sửa nội dung"


def snapshot(plan: Plan) -> dict:
    """Everything a reader sees in the plan, as JSON."""
    data = {name: _plain(getattr(plan, name)) for name, _ in HEADER_FIELDS}
    data["bases"] = [link.document.citation for link in plan.basis_links.select_related("document")]
    data["estimate"] = str(plan.estimate) if plan.estimate_id else None
    data["subprojects"] = sorted(str(s) for s in plan.subprojects.all())
    data["blocks"] = [
        {"kind": b.kind, "text": b.text, "titled": b.titled, "live": b.live}
        for b in plan.blocks.all()
    ]
    return data


def _plain(value):
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def record_revision(plan: Plan, *, by, action: str, comment: str = "") -> PlanRevision:
    """Keep the plan as it is now; repeated edits by one person shortly after are merged.

    Every content edit is also written to the audit log with the fields that changed
    since the previous revision (the log is append-only: it is never merged).
    """
    data = snapshot(plan)
    last = plan.revisions.order_by("-at", "-pk").first()
    if action == EDIT_ACTION and last is not None:
        _audit_edit(plan, by, last.snapshot, data)
    recent = timezone.now() - COALESCE_WINDOW
    if (action == EDIT_ACTION and last is not None and last.action == EDIT_ACTION
            and last.user_id == getattr(by, "pk", None) and last.at >= recent):
        last.snapshot = data
        last.save(update_fields=["snapshot"])
        return last
    return PlanRevision.objects.create(plan=plan, user=by, action=action, comment=comment,
                                       snapshot=data)


def _audit_edit(plan: Plan, by, before: dict, after: dict) -> None:
    from audit.models import Action
    from audit.services import diff, record

    changes = diff({k: v for k, v in before.items() if k != "blocks"},
                   {k: v for k, v in after.items() if k != "blocks"})
    if before.get("blocks") != after.get("blocks"):
        changes["blocks"] = list(difflib.unified_diff(_block_lines(before), _block_lines(after),
                                                      lineterm="", n=0))[2:][:200]
    if changes:
        record(by, Action.CHANGE, plan, changes=changes)


def _block_lines(data: dict) -> list[str]:
    return [f"[{b['kind']}] {b['text']}" for b in data.get("blocks", [])]


def compare(old: PlanRevision, new: PlanRevision) -> dict:
    """Changed header fields as (label, old, new) and a line diff of the body."""
    fields = [
        (label, old.snapshot.get(name), new.snapshot.get(name))
        for name, label in HEADER_FIELDS
        if old.snapshot.get(name) != new.snapshot.get(name)
    ]
    for name, label in (("estimate", "Dự toán"), ("subprojects", "Tiểu dự án")):
        if old.snapshot.get(name) != new.snapshot.get(name):
            fields.append((label, old.snapshot.get(name), new.snapshot.get(name)))
    if old.snapshot.get("bases") != new.snapshot.get("bases"):
        fields.append(("Văn bản căn cứ", "; ".join(old.snapshot.get("bases", [])),
                       "; ".join(new.snapshot.get("bases", []))))
    body = list(difflib.unified_diff(_block_lines(old.snapshot), _block_lines(new.snapshot),
                                     lineterm="", n=1))[2:]
    return {"fields": fields, "body": body}
