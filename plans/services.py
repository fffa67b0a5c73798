"""Every write on a plan that carries a rule: create, copy, change the header, the workflow."""

import datetime
import re
import uuid
from collections.abc import Collection

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from areas.models import IssuingBody
from audit.models import Action
from audit.services import record
from plans.models import (
    Authority,
    CitedDocument,
    Plan,
    PlanBlock,
    PlanKind,
    Status,
)
from plans.outline import build_blocks
from plans.permissions import (
    can_copy_plan,
    can_create_plan,
    can_edit_plan,
    can_issue_plan,
    can_manage_library,
    can_return_plan,
    can_review_plan,
    can_submit_plan,
    can_withdraw_plan,
)
from plans.register import check_issue_date, next_document_number
from plans.revisions import EDIT_ACTION, record_revision
from plans.validity import check_bases_in_year, check_body_year, check_subprojects_in_year
from plans.wording import default_bases, draft_texts
from vntext import nfc, nfc_lines

HEADER_EDITABLE = ["title", "year", "subprojects", "estimate", "intro", "basis_text", "closing",
                   "recipients", "authority", "collective_line", "collective_name", "signer_name",
                   "signer_title", "stated_total"]


def _unit_phrase(body: IssuingBody) -> str:
    unit = body.unit
    kind = unit.kind.lower().replace("thành phố trung ương", "thành phố")
    return f"{kind} {unit.short_name}"


def _snapshot_header(plan: Plan, body: IssuingBody) -> None:
    plan.issuing_body, plan.unit_id = body, body.unit_id
    plan.header_parent, plan.header_name = body.parent_name, body.name
    plan.issuer_abbr, plan.issuer_name, plan.place_name = (
        body.abbreviation, body.display_name, body.place_name)
    plan.is_collective, plan.collective_name = body.is_collective, body.collective_name
    plan.head_title, plan.deputy_title = body.head_title, body.deputy_title
    plan.collective_line = body.is_collective


class AlreadyCreated(Exception):
    """The form that creates a draft was sent twice: ``plan`` is what the first request made."""

    def __init__(self, plan: Plan):
        super().__init__(plan.pk)
        self.plan = plan


def _created_with(token: uuid.UUID | None) -> None:
    if token is not None and (plan := Plan.objects.filter(creation_token=token).first()):
        raise AlreadyCreated(plan)


def _save_new(plan: Plan) -> None:
    """Insert a new plan; a token already used (the concurrent twin of a double submit)
    raises AlreadyCreated with the twin's plan instead of an IntegrityError."""
    try:
        with transaction.atomic():
            plan.save()
    except IntegrityError:
        _created_with(plan.creation_token)
        raise


@transaction.atomic
def create_plan(*, kind: str, issuing_body: IssuingBody, year: int, by,
                token: uuid.UUID | None = None) -> Plan:
    """A complete, editable first draft of ``kind`` for the body and year, header snapshotted;
    once per form ``token`` (a second submit raises AlreadyCreated with the first draft)."""
    _created_with(token)
    if not can_create_plan(by, issuing_body):
        raise PermissionDenied("Bạn không được lập kế hoạch cho cơ quan này.")
    if kind not in PlanKind.values:
        raise ValidationError({"kind": "Loại kế hoạch không hợp lệ."})
    check_body_year(issuing_body, year)
    texts = draft_texts(kind, issuing_body, year, unit_phrase=_unit_phrase(issuing_body))
    template = texts["template"]
    plan = Plan(kind=kind, year=year, created_by=by, title=texts["title"], intro=texts["intro"],
                closing=texts["closing"], recipients=texts["recipients"],
                authority=Authority.DEPUTY if issuing_body.is_collective else Authority.HEAD,
                creation_token=token)
    _snapshot_header(plan, issuing_body)
    _save_new(plan)
    live = {template.live_budget_after: "budget", template.live_schedule_after: "schedule"}
    live.pop("", None)
    PlanBlock.objects.bulk_create(build_blocks(plan, texts["outline"],
                                               required=[r.heading for r in template.required],
                                               live_after=live))
    for position, document in enumerate(default_bases(kind, issuing_body, year)):
        plan.basis_links.create(document=document, position=position)
    record_revision(plan, by=by, action="Tạo kế hoạch")
    record(by, Action.CREATE, plan)
    return plan


@transaction.atomic
def add_cited_document(*, by, **values) -> CitedDocument:
    """A new document in the shared library of legal bases, logged; the same type and number
    twice (a double submit, two officers at once) is refused with a message."""
    if not can_manage_library(by):
        raise PermissionDenied("Bạn không được thêm văn bản căn cứ.")
    document = CitedDocument(**{name: nfc(value) if isinstance(value, str) else value
                                for name, value in values.items()})
    try:
        with transaction.atomic():
            document.save()
    except IntegrityError:
        raise ValidationError({"number": f"Văn bản «{document.doc_type} số {document.number}» "
                                         "đã có trong thư viện."}) from None
    record(by, Action.CREATE, document, changes={
        name: str(getattr(document, name) or "") for name in values})
    return document


def _move_year(text: str, old: int, new: int) -> str:
    return re.sub(rf"(?<!\d){old}(?!\d)", str(new), text)


@transaction.atomic
def copy_plan(source: Plan, *, year: int, by, issuing_body: IssuingBody | None = None,
              token: uuid.UUID | None = None) -> Plan:
    """A new draft with the source's content, its year moved forward (e.g. last year's plan);
    once per form ``token``, like create_plan."""
    _created_with(token)
    body = issuing_body or source.issuing_body
    if not (can_copy_plan(by, source) and can_create_plan(by, body)):
        raise PermissionDenied("Bạn không được sao chép kế hoạch này.")
    check_body_year(body, year)
    move = lambda text: _move_year(text, source.year, year)  # noqa: E731
    plan = Plan(kind=source.kind, year=year, created_by=by, title=move(source.title),
                intro=move(source.intro), closing=move(source.closing),
                basis_text=source.basis_text, recipients=source.recipients,
                authority=source.authority, signer_name=source.signer_name,
                signer_title=source.signer_title, creation_token=token)
    _snapshot_header(plan, body)
    if body == source.issuing_body:  # the signature block as the source chose it
        plan.collective_line, plan.collective_name = source.collective_line, source.collective_name
    _save_new(plan)
    PlanBlock.objects.bulk_create(
        PlanBlock(plan=plan, position=b.position, kind=b.kind, text=move(b.text),
                  titled=b.titled, live=b.live, required_key=b.required_key)
        for b in source.blocks.all()
    )
    # Only what is in force in the new year comes along (a 2023 plan's 2021–2025 programme
    # and its decision do not): the dropped ones are named in the revision.
    from areas.validity import valid_in_year

    dropped = []
    for link in source.basis_links.select_related("document"):
        if valid_in_year(link.document, year):
            plan.basis_links.create(document=link.document, position=link.position)
        else:
            dropped.append(link.document.citation[:80])
    plan.subprojects.set([s for s in source.subprojects.all() if valid_in_year(s, year)])
    note = ("Không chép căn cứ hết hiệu lực: " + "; ".join(dropped) + ".") if dropped else ""
    record_revision(plan, by=by, action=f"Sao chép từ kế hoạch năm {source.year}", comment=note)
    record(by, Action.CREATE, plan, changes={"copied_from": source.pk})
    return plan


@transaction.atomic
def update_header(plan: Plan, *, by, **values) -> Plan:
    """Change title, year, paragraphs, recipients and signature; validates the year."""
    if not can_edit_plan(by, plan):
        raise PermissionDenied("Bạn không được sửa kế hoạch này.")
    unknown = set(values) - set(HEADER_EDITABLE)
    if unknown:
        raise ValidationError(f"Không sửa được trường: {', '.join(sorted(unknown))}.")
    subprojects = values.pop("subprojects", None)
    estimate = values.get("estimate")
    if estimate is not None and estimate.unit_id != plan.unit_id:
        raise ValidationError({"estimate": "Dự toán phải của cùng đơn vị với kế hoạch."})
    for name, value in values.items():
        if isinstance(value, str):
            value = nfc_lines(value) if name in ("recipients", "basis_text") else nfc(value)
        setattr(plan, name, value)
    if "year" in values:
        check_body_year(plan.issuing_body, plan.year)
    if subprojects is not None:
        check_subprojects_in_year(plan, subprojects)
    plan.save()
    if subprojects is not None:
        plan.subprojects.set(subprojects)
    record_revision(plan, by=by, action=EDIT_ACTION)
    return plan


@transaction.atomic
def set_bases(plan: Plan, *, by, documents: list) -> Plan:
    """The plan's legal bases, in the given order."""
    if not can_edit_plan(by, plan):
        raise PermissionDenied("Bạn không được sửa kế hoạch này.")
    check_bases_in_year(plan, documents)
    plan.basis_links.all().delete()
    for position, document in enumerate(documents):
        plan.basis_links.create(document=document, position=position)
    record_revision(plan, by=by, action=EDIT_ACTION)
    return plan


class RepeatedAction(ValidationError):
    """A workflow action that already happened (a double submit, a second tab): the plan is
    left as the first request made it and the user is told so."""

    def __init__(self, plan: Plan):
        super().__init__(
            f"Kế hoạch đã ở trạng thái «{plan.get_status_display()}»: thao tác này đã được thực "
            "hiện trước đó (có thể do bấm nút hai lần hoặc mở ở hai thẻ), không làm lại.")
        self.plan = plan


class AlreadyIssued(RepeatedAction):
    def __init__(self, plan: Plan):
        if plan.number is None or plan.issue_date is None:
            super().__init__(plan)
            return
        ValidationError.__init__(
            self, f"Kế hoạch đã được ban hành với số {plan.symbol}, ngày {plan.issue_date:%d/%m/%Y}"
            "; không cấp số lần nữa (có thể do bấm nút hai lần hoặc mở ở hai thẻ).")
        self.plan = plan


def _refuse_repeat(plan: Plan, status: str) -> None:
    if plan.status == status:
        raise RepeatedAction(plan)


def _transition(plan: Plan, *, by, status: str, action: str, comment: str = "",
                **fields) -> Plan:
    """Move from the status the caller checked, by a conditional update: of two requests
    racing on one plan, only the first moves it."""
    before, fields["updated_at"] = plan.status, timezone.now()
    if not Plan.objects.filter(pk=plan.pk, status=before).update(status=status, **fields):
        raise RepeatedAction(Plan.objects.get(pk=plan.pk))
    plan.status = status
    for name, value in fields.items():
        setattr(plan, name, value)
    record_revision(plan, by=by, action=action, comment=comment)
    record(by, Action.WORKFLOW, plan, changes={"status": [before, status], "comment": comment})
    return plan


@transaction.atomic
def submit_plan(plan: Plan, *, by) -> Plan:
    """Send to a leader; refused while a blocking check (or a placeholder) remains."""
    from plans.issuing import all_problems

    _refuse_repeat(plan, Status.SUBMITTED)
    if not can_submit_plan(by, plan):
        raise PermissionDenied("Bạn không được trình kế hoạch này.")
    blocking = [p.message for p in all_problems(plan) if p.blocking]
    if blocking:
        raise ValidationError(["Chưa trình được: còn lỗi cần sửa."] + blocking)
    return _transition(plan, by=by, status=Status.SUBMITTED, action="Trình lãnh đạo")


@transaction.atomic
def return_plan(plan: Plan, *, by, comment: str) -> Plan:
    """Back to the drafter with the leader's comments (required): a submitted plan, or an
    approved one the issuing guard stops (a live block emptied since, a placeholder)."""
    _refuse_repeat(plan, Status.RETURNED)
    if not can_return_plan(by, plan):
        raise PermissionDenied("Bạn không được trả lại kế hoạch này.")
    comment = nfc(comment)
    if not comment:
        raise ValidationError({"comment": "Hãy ghi ý kiến để người soạn biết cần sửa gì."})
    return _transition(plan, by=by, status=Status.RETURNED, action="Trả lại để sửa",
                       comment=comment[:5000])


@transaction.atomic
def approve_plan(plan: Plan, *, by, comment: str = "") -> Plan:
    """Approve a submitted plan; the approval time is the earliest date it may be issued on."""
    _refuse_repeat(plan, Status.APPROVED)
    if not can_review_plan(by, plan):
        raise PermissionDenied("Bạn không được phê duyệt kế hoạch này.")
    return _transition(plan, by=by, status=Status.APPROVED, action="Phê duyệt",
                       comment=nfc(comment)[:5000], approved_at=timezone.now())


@transaction.atomic
def issue_plan(plan: Plan, *, by, issue_date: datetime.date | None = None,
               acknowledged: Collection[str] = (), expected_number: int | None = None) -> Plan:
    """Freeze an approved plan once: the next number of its body's register for the issue
    date's year, the date, and the PDF and DOCX (written to storage only after commit).

    Refused while the issuing guard finds a blocking problem, while a warning's key is not in
    ``acknowledged`` (the leader's ticks, kept with the issue), or when the register's next
    number is no longer the ``expected_number`` the confirmation page showed."""
    from plans.documents import plan_docx, plan_pdf, store_after_commit
    from plans.issuing import issue_review

    plan = (Plan.objects.select_for_update(of=("self",)).select_related("issuing_body")
            .get(pk=plan.pk))
    if plan.status in (Status.ISSUED, Status.WITHDRAWN):
        raise AlreadyIssued(plan)
    if not can_issue_plan(by, plan):
        raise PermissionDenied("Bạn không được ban hành kế hoạch này.")
    day = issue_date or timezone.localdate()
    check_issue_date(plan, day)
    blocking, warnings = issue_review(plan)
    if blocking:
        raise ValidationError(["Chưa ban hành được: còn lỗi cần sửa."]
                              + [p.message for p in blocking])
    if unread := [w.message for w in warnings if w.key not in set(acknowledged)]:
        raise ValidationError(["Hãy đánh dấu đã xem từng lưu ý trước khi ban hành:"] + unread)
    # The lock above already queues a second issuer on PostgreSQL; the conditional update
    # is what makes a double submit harmless on any database.
    if not Plan.objects.filter(pk=plan.pk, status=Status.APPROVED).update(status=Status.ISSUED):
        raise AlreadyIssued(Plan.objects.get(pk=plan.pk))
    plan.number = next_document_number(plan.issuing_body, plan.type_abbr, day.year)
    if expected_number is not None and plan.number != expected_number:
        raise NumberChanged(plan.number, expected_number)
    plan.register_year, plan.issue_date, plan.status = day.year, day, Status.ISSUED
    plan.issue_acknowledgements = [{"message": w.message, "where": w.where} for w in warnings]
    stem = f"KH-{plan.number:02d}-{day.year}-{plan.pk}"
    store_after_commit(plan, {"issued_pdf": (f"{stem}.pdf", plan_pdf(plan)),
                              "issued_docx": (f"{stem}.docx", plan_docx(plan))})
    plan.save()
    record_revision(plan, by=by, action=f"Ban hành số {plan.symbol}",
                    comment=_acknowledged_text(warnings))
    record(by, Action.ISSUE, plan, changes={"number": plan.number, "date": day.isoformat(),
                                            "register_year": day.year,
                                            "acknowledged": plan.issue_acknowledgements})
    return plan


def _acknowledged_text(warnings) -> str:
    if not warnings:
        return ""
    return "Đã xem và chấp nhận các lưu ý: " + "; ".join(w.message for w in warnings)


class NumberChanged(ValidationError):
    """Another plan of the register took the number the confirmation page showed."""

    def __init__(self, number: int, expected: int):
        super().__init__(f"Số {expected:02d} vừa được cấp cho văn bản khác; kế hoạch sẽ nhận số "
                         f"{number:02d}. Hãy xem lại trang xác nhận rồi ban hành.")
        self.number = number


@transaction.atomic
def withdraw_plan(plan: Plan, *, by, reason: str) -> Plan:
    """Withdraw (thu hồi) an issued plan: a leader's recorded decision with its reason. The
    number stays taken in the register (shown as withdrawn, never given again), and the
    stored files stay as the record of what was issued."""
    plan = Plan.objects.select_for_update(of=("self",)).get(pk=plan.pk)
    _refuse_repeat(plan, Status.WITHDRAWN)
    if not can_withdraw_plan(by, plan):
        raise PermissionDenied("Bạn không được thu hồi kế hoạch này.")
    reason = nfc(reason)
    if not reason:
        raise ValidationError({"reason": "Hãy ghi lý do thu hồi: lý do được lưu cùng văn bản."})
    return _transition(plan, by=by, status=Status.WITHDRAWN,
                       action=f"Thu hồi văn bản số {plan.symbol}", comment=reason[:5000],
                       withdrawn_at=timezone.now(), withdrawn_by=by,
                       withdrawal_reason=reason[:5000])
