"""A plan as an official document: the same value feeds the preview, the PDF and the DOCX."""

from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import transaction

from budgets.checks import signed_vnd
from budgets.references import plan_reference
from documents.docx import render_docx
from documents.money import format_vnd, vi_money_words
from documents.numbering import number_blocks, roman
from documents.official import BASIS, PARAGRAPH, Appendix, Block, OfficialDocument, Signature
from documents.pdf import official_pdf
from plans.live import budget_summary, schedule_lines
from plans.models import Authority, LiveBlock, Plan, Status

EMPTY_BUDGET = "(Chưa gắn dự toán kinh phí: số liệu sẽ tự điền khi kế hoạch có dự toán.)"
EMPTY_SCHEDULE = "(Chưa có buổi đối thoại nào gắn với kế hoạch.)"


def signature(plan: Plan) -> Signature:
    """Authority lines from the snapshotted issuer and the plan's choices: whether «TM. <tập
    thể>» is printed and the authority (the head, KT., Q., TL., TUQ.)."""
    collective = plan.collective_name.strip().upper()
    lines = [f"TM. {collective}"] if plan.collective_line and collective else []
    head = plan.head_title
    if plan.authority == Authority.DEPUTY:
        lines += [f"KT. {head}", plan.deputy_title]
    elif plan.authority == Authority.ACTING:
        lines.append(f"Q. {head}")
    elif plan.authority in (Authority.BY_ORDER, Authority.DELEGATED):
        prefix = "TL." if plan.authority == Authority.BY_ORDER else "TUQ."
        lines += [f"{prefix} {head}", plan.signer_title.upper()]
    else:
        lines.append(head)
    return Signature(authority_lines=[line for line in lines if line], signer=plan.signer_name)


@dataclass
class Note(Block):
    """The app's own note in place of a live block with nothing linked yet: shown, styled as a
    note, in the editor's preview of a draft; never in a PDF or DOCX, let alone an issued one."""

    note: bool = True


def basis_blocks(plan: Plan) -> list[Block]:
    citations = [link.document.citation for link in plan.basis_links.select_related("document")]
    blocks = []
    if citations:
        blocks.append(Block(BASIS, "Căn cứ " + "; ".join(citations) + ";"))
    blocks += [Block(BASIS, line) for line in plan.basis_text.splitlines() if line.strip()]
    return blocks


def budget_blocks(summary: dict | None, *, stated_total: int | None = None) -> list[Block]:
    """The live «Kinh phí» block: the total, a total stated elsewhere that differs from it (the
    plan's own, or the estimate's as the appendix notes it), then the split by sub-project and source."""
    if summary is None:
        return [Note(PARAGRAPH, EMPTY_BUDGET)]
    total = summary["total"]
    lines = [Block(PARAGRAPH, f"Tổng kinh phí: {format_vnd(total)} đồng (Bằng chữ: "
                              f"{vi_money_words(total)}).")]
    if stated_total is not None and stated_total != total:  # blocks issuing: seen in drafts only
        lines.append(Block(PARAGRAPH, f"Ghi chú: tổng kinh phí ghi trong văn bản {format_vnd(stated_total)} đồng; "
                                      f"tổng các khoản của dự toán {format_vnd(total)} đồng; chênh lệch "
                                      f"{signed_vnd(stated_total - total)} đồng."))
    if stated := summary.get("stated"):
        lines += stated()
    for label, amount in summary["by_subproject"]:
        lines.append(Block("bullet", f"{label}: {format_vnd(amount)} đồng."))
    for label, amount in summary["by_source"]:
        lines.append(Block("bullet", f"Nguồn {label}: {format_vnd(amount)} đồng."))
    if summary.get("appendix"):
        lines.append(Block(PARAGRAPH, "Chi tiết theo Phụ lục kèm theo."))
    return lines


def schedule_blocks(plan: Plan) -> list[Block]:
    lines = schedule_lines(plan)
    if not lines:
        return [Note(PARAGRAPH, EMPTY_SCHEDULE)]
    return [Block("bullet", line) for line in lines]


def body_blocks(plan: Plan, summary: dict | None, *, notes: bool = False) -> list[Block]:
    """Bases, introduction, the outline with live blocks filled in, closing; markers computed.
    The app's notes on empty live blocks are kept only when ``notes`` (the draft preview)."""
    blocks = basis_blocks(plan)
    if plan.intro:
        blocks.append(Block(PARAGRAPH, plan.intro))
    for item in plan.blocks.all():
        if item.live == LiveBlock.BUDGET:
            blocks += budget_blocks(summary, stated_total=plan.stated_total)
        elif item.live == LiveBlock.SCHEDULE:
            blocks += schedule_blocks(plan)
        elif item.text:
            blocks.append(Block(item.kind, item.text, titled=item.titled))
    if not (notes and plan.status not in (Status.ISSUED, Status.WITHDRAWN)):
        blocks = [block for block in blocks if not isinstance(block, Note)]
    number_blocks(blocks)
    if plan.closing:
        blocks.append(Block(PARAGRAPH, plan.closing))
    return blocks


def plan_document(plan: Plan, *, notes: bool = False) -> OfficialDocument:
    """The plan with its snapshotted header; a draft (blank number and day) until issued.
    ``notes`` keeps the app's notes on empty live blocks (the editor's preview of a draft)."""
    summary = budget_summary(plan)
    doc = OfficialDocument(
        parent_lines=plan.parent_lines, issuer_lines=plan.name_lines, type_name="Kế hoạch",
        type_abbr=plan.type_abbr, issuer_abbr=plan.issuer_abbr, place_name=plan.place_name,
        year=plan.issue_date.year if plan.issue_date else plan.year, title=plan.title,
        blocks=body_blocks(plan, summary, notes=notes), recipients=plan.recipient_list,
        signature=signature(plan), number=plan.number, issue_date=plan.issue_date,
    )
    if summary and summary.get("appendix"):
        doc.appendices = [summary["appendix"](plan_reference(plan))]
    number_appendices(doc.appendices)
    return doc


def number_appendices(appendices: list[Appendix]) -> None:
    """Label the appendices as Decree 30 names them: «Phụ lục» alone, or «Phụ lục I», «Phụ lục
    II» … in Roman numerals when there are two or more (Phụ lục I, mục «Phụ lục văn bản»)."""
    for index, appendix in enumerate(appendices, start=1):
        appendix.label = f"Phụ lục {roman(index)}" if len(appendices) > 1 else "Phụ lục"


def plan_pdf(plan: Plan, *, watermark: str = "") -> bytes:
    doc = plan_document(plan)
    doc.watermark = watermark
    return official_pdf(doc)


def plan_docx(plan: Plan) -> bytes:
    return render_docx(plan_document(plan))


def store_after_commit(plan: Plan, files: dict[str, tuple[str, bytes]]) -> None:
    """Name the stored files on the plan now, write their bytes only once the transaction
    commits: an issue rolled back (an error, a worker killed before commit) leaves no file.

    ``files`` maps a FileField name to (file name, content). If the process dies between the
    commit and the write, :func:`issued_content` renders the frozen plan again on first use.
    """
    for field, (name, _) in files.items():
        getattr(plan, field).name = plan._meta.get_field(field).generate_filename(plan, name)
    names = {field: getattr(plan, field).name for field in files}
    transaction.on_commit(lambda: _write(plan.pk, names, files), robust=True)


def _write(pk: int, names: dict[str, str], files: dict[str, tuple[str, bytes]]) -> None:
    for field, name in names.items():
        _store(pk, field, name, files[field][1])


def _store(pk: int, field: str, name: str, content: bytes) -> None:
    storage = Plan._meta.get_field(field).storage
    saved = storage.save(name, ContentFile(content))
    if saved != name:  # a stray file already held the name: point the row at ours
        Plan.objects.filter(pk=pk).update(**{field: saved})


def issued_content(plan: Plan, kind: str) -> bytes:
    """The stored PDF or DOCX of an issued plan; stored again from the frozen plan if the
    worker that issued it died between the commit and the write."""
    field = "issued_pdf" if kind == "pdf" else "issued_docx"
    stored = getattr(plan, field)
    try:
        with stored.open("rb") as handle:
            return handle.read()
    except FileNotFoundError:
        content = plan_pdf(plan) if kind == "pdf" else plan_docx(plan)
        _store(plan.pk, field, stored.name, content)
        return content
