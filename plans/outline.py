"""Editing a plan's outline: add, change, move, indent, outdent, delete, paste.

Every function checks the editor may edit, runs in one transaction, keeps positions dense
(0, 1, 2, …) and records a revision. Markers are never stored: they are computed on render.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from documents.inline import plain
from plans.models import LADDER, BlockKind, LiveBlock, Plan, PlanBlock
from plans.parsing import MAX_BLOCK_CHARS, parse_clipboard, parse_outline, strip_controls
from plans.permissions import can_edit_plan
from plans.revisions import EDIT_ACTION, record_revision
from vntext import nfc

MAX_BLOCKS = 2_000


def _check(plan: Plan, by) -> None:
    if not can_edit_plan(by, plan):
        raise PermissionDenied("Bạn không được sửa kế hoạch này (đã trình, đã ban hành hoặc "
                               "không thuộc đơn vị của bạn).")


def _blocks(plan: Plan) -> list[PlanBlock]:
    return list(plan.blocks.select_for_update().order_by("position", "pk"))


def _renumber(blocks: list[PlanBlock]) -> None:
    changed = []
    for position, block in enumerate(blocks):
        if block.position != position:
            block.position = position
            changed.append(block)
    PlanBlock.objects.bulk_update(changed, ["position"])


def _clean_text(text: str) -> str:
    text = nfc(strip_controls(text))
    if len(text) > MAX_BLOCK_CHARS:
        raise ValidationError(f"Một đoạn dài tối đa {MAX_BLOCK_CHARS:,} ký tự; đoạn này có "
                              f"{len(text):,} ký tự. Hãy tách thành nhiều đoạn.".replace(",", "."))
    return text


def _index(blocks: list[PlanBlock], block: PlanBlock) -> int:
    return next(i for i, b in enumerate(blocks) if b.pk == block.pk)


@transaction.atomic
def add_block(plan: Plan, *, by, after: PlanBlock | None = None, kind: str = BlockKind.PARAGRAPH,
              text: str = "") -> PlanBlock:
    """A new block right after ``after`` (or at the end); same kind as ``after`` by default."""
    _check(plan, by)
    blocks = _blocks(plan)
    if len(blocks) >= MAX_BLOCKS:
        raise ValidationError(f"Kế hoạch đã có {MAX_BLOCKS} đoạn, không thể thêm.")
    index = _index(blocks, after) + 1 if after else len(blocks)
    block = PlanBlock.objects.create(plan=plan, position=index, kind=kind,
                                     text=_clean_text(text))
    blocks.insert(index, block)
    _renumber(blocks)
    record_revision(plan, by=by, action=EDIT_ACTION)
    return block


@transaction.atomic
def update_block(block: PlanBlock, *, by, text: str, kind: str | None = None,
                 titled: bool | None = None) -> PlanBlock:
    """Store the block's new text (and kind/bold flag when given)."""
    _check(block.plan, by)
    block.text = _clean_text(text)
    if kind is not None:
        if kind not in BlockKind.values:
            raise ValidationError("Loại đoạn không hợp lệ.")
        block.kind = kind
    if titled is not None:
        block.titled = titled
    block.save(update_fields=["text", "kind", "titled"])
    record_revision(block.plan, by=by, action=EDIT_ACTION)
    return block


def _subtree_end(blocks: list[PlanBlock], start: int) -> int:
    """Index just past the block at ``start`` and everything nested under it."""
    depth = blocks[start].depth
    end = start + 1
    while end < len(blocks) and blocks[end].depth > depth:
        end += 1
    return end


def _previous_sibling(blocks: list[PlanBlock], start: int) -> int | None:
    depth = blocks[start].depth
    for i in range(start - 1, -1, -1):
        if blocks[i].depth < depth:
            return None
        if blocks[i].depth == depth:
            return i
    return None


@transaction.atomic
def move_block(block: PlanBlock, *, by, direction: str) -> PlanBlock:
    """Move the block with everything under it above the previous or below the next sibling."""
    _check(block.plan, by)
    blocks = _blocks(block.plan)
    start = _index(blocks, block)
    end = _subtree_end(blocks, start)
    chunk = blocks[start:end]
    if direction == "up":
        target = _previous_sibling(blocks, start)
        if target is None:
            raise ValidationError("Đoạn này đã ở đầu cấp của nó, không thể chuyển lên.")
        blocks[target:end] = chunk + blocks[target:start]
    elif direction == "down":
        if end >= len(blocks) or blocks[end].depth < chunk[0].depth:
            raise ValidationError("Đoạn này đã ở cuối cấp của nó, không thể chuyển xuống.")
        next_end = _subtree_end(blocks, end)
        blocks[start:next_end] = blocks[end:next_end] + chunk
    else:
        raise ValidationError("Hướng di chuyển không hợp lệ.")
    _renumber(blocks)
    record_revision(block.plan, by=by, action=EDIT_ACTION)
    return block


@transaction.atomic
def shift_block(block: PlanBlock, *, by, deeper: bool) -> PlanBlock:
    """Indent (one level deeper, e.g. khoản → điểm) or outdent the block alone."""
    _check(block.plan, by)
    if block.kind not in LADDER:
        block.kind = BlockKind.BULLET if deeper else BlockKind.CLAUSE
    else:
        level = LADDER.index(block.kind) + (1 if deeper else -1)
        if not 0 <= level < len(LADDER):
            raise ValidationError("Không thể lùi hoặc thụt thêm cấp cho đoạn này.")
        block.kind = LADDER[level]
    block.titled = block.titled and block.kind in (BlockKind.CLAUSE, BlockKind.SUBCLAUSE)
    block.save(update_fields=["kind", "titled"])
    record_revision(block.plan, by=by, action=EDIT_ACTION)
    return block


@transaction.atomic
def delete_block(block: PlanBlock, *, by) -> None:
    """Remove one block (its children move up under the previous heading)."""
    plan = block.plan
    _check(plan, by)
    if block.required_key:
        raise ValidationError(f"Mục «{block.text}» là mục bắt buộc của loại kế hoạch này, "
                              "không thể xóa.")
    block.delete()
    _renumber(_blocks(plan))
    record_revision(plan, by=by, action=EDIT_ACTION)


@transaction.atomic
def paste_blocks(plan: Plan, *, by, text: str, html: str = "", after: PlanBlock | None = None,
                 page_numbers: list[str] | None = None) -> int:
    """Turn pasted text (or the clipboard's HTML, bold and italic kept) into blocks inserted
    after ``after``; returns how many were added. Lines left out as page numbers of the source
    go to ``page_numbers``."""
    _check(plan, by)
    parsed = parse_clipboard(text, html, page_numbers)
    if not parsed:
        raise ValidationError("Không có nội dung nào để dán.")
    if long := next(((number, p) for number, p in enumerate(parsed, start=1) if len(p.text) > MAX_BLOCK_CHARS), None):
        number, block = long
        limit, length = (f"{n:,}".replace(",", ".") for n in (MAX_BLOCK_CHARS, len(block.text)))
        opening = plain(block.text)[:41].rsplit(" ", 1)[0]
        raise ValidationError(f"Một đoạn dài tối đa {limit} ký tự; đoạn thứ {number} của nội dung dán "
                              f"(«{opening} …») có {length} ký tự. Chưa dán gì; hãy xuống dòng để "
                              "tách đoạn rồi dán lại.")
    blocks = _blocks(plan)
    if len(blocks) + len(parsed) > MAX_BLOCKS:
        raise ValidationError(f"Kế hoạch tối đa {MAX_BLOCKS} đoạn; nội dung dán vào quá dài.")
    index = _index(blocks, after) + 1 if after else len(blocks)
    new = PlanBlock.objects.bulk_create(
        PlanBlock(plan=plan, position=0, kind=p.kind, text=p.text, titled=p.titled)
        for p in parsed
    )
    blocks[index:index] = new
    _renumber(blocks)
    record_revision(plan, by=by, action=EDIT_ACTION)
    return len(new)


def build_blocks(plan: Plan, text: str, *, required: list[str] = (),
                 live_after: dict[str, str] | None = None) -> list[PlanBlock]:
    """Unsaved blocks for a new plan from outline text, marking required sections and live blocks."""
    required_keys = {nfc(r).upper() for r in required}
    live_after = {nfc(k).upper(): v for k, v in (live_after or {}).items()}
    blocks = []
    for parsed in parse_outline(text):
        key = plain(parsed.text).upper()
        blocks.append(PlanBlock(plan=plan, position=len(blocks), kind=parsed.kind,
                                text=parsed.text, titled=parsed.titled,
                                required_key=key if key in required_keys else ""))
        if key in live_after:
            blocks.append(PlanBlock(plan=plan, position=len(blocks), kind=BlockKind.PARAGRAPH,
                                    live=live_after[key]))
    return blocks


LIVE_LABELS = dict(LiveBlock.choices)
