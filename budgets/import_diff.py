"""What an estimate import would do: the estimate's lines and the file's in one shape, matched by
sub-project, group, content and unit, and the lines added, changed and removed with the totals."""

import bisect
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from budgets.checks import signed_vnd
from budgets.exports import EFFECTIVE_SUB
from budgets.models import Estimate, ImportMode, SubProject
from vntext import nfc, search_key

COMPARED = ("quantity", "days", "unit_price", "note", "funding_source")
FIELD_LABELS = {"quantity": "Số lượng", "days": "Số ngày/buổi", "unit_price": "Đơn giá", "note": "Ghi chú",
                "funding_source": "Nguồn vốn"}


def _key(sub: str | None, title: str, line: dict) -> tuple:
    return (sub or "", search_key(title).strip(), search_key(line["content"]).strip(),
            search_key(line["unit_of_measure"]).strip())


def line_values(line: dict) -> tuple:
    days = line.get("days")
    return (Decimal(line["quantity"]), None if days in (None, "None") else Decimal(days), int(line["unit_price"]),
            nfc(line.get("note") or "").strip(), line.get("funding_source") or None)


def entries(groups: list[dict]):
    """(key, group title, sub-project, line) of every line, with an occurrence number for twins."""
    seen: dict[tuple, int] = defaultdict(int)
    for group in groups:
        for line in group["lines"]:
            sub = line.get("sub", group["sub"])
            base = _key(sub, group["title"], line)
            seen[base] += 1
            yield (*base, seen[base]), group, sub, line


def pair(current: list[dict], incoming: list[dict]):
    """Each incoming (key, group, sub-project, line) with the current (group, sub-project, line) it is,
    or None, and the current ones left over. A line is the same by sub-project, group, content and
    unit; else, among the lines left over, by sub-project, content and unit (its group renamed or
    moved: its payments and norm stay with it)."""
    old = {key: (g, sub, line) for key, g, sub, line in entries(current)}
    found = [(entry, old.pop(entry[0], None)) for entry in entries(incoming)]
    loose: dict[tuple, list[tuple]] = defaultdict(list)
    for key in old:
        loose[(key[0], key[2], key[3])].append(key)
    for index, (entry, match) in enumerate(found):
        key = entry[0]
        if match is None and (keys := loose.get((key[0], key[2], key[3]))):
            found[index] = (entry, old.pop(keys.pop(0)))
    return found, list(old.values())


def snapshot(estimate: Estimate) -> list[dict]:
    """The estimate's groups and lines in the import's shape (each line with its effective sub-project)."""
    codes = dict(SubProject.objects.values_list("pk", "code"))
    groups: dict[int, dict] = {}
    lines = (estimate.lines.annotate(sub=EFFECTIVE_SUB).select_related("group", "funding_source")
             .order_by("group__order", "group_id", "order", "pk"))
    for line in lines:
        group = line.group
        spec = groups.setdefault(group.pk, {
            "title": group.title, "sub": codes.get(group.sub_project_id or estimate.sub_project_id), "lines": []})
        spec["lines"].append({
            "content": line.content, "unit_of_measure": line.unit_of_measure, "quantity": str(line.quantity),
            "days": None if line.days is None else str(line.days), "unit_price": line.unit_price,
            "note": line.note, "funding_source": line.funding_source.code if line.funding_source else None,
            "amount": line.amount, "sub": codes.get(line.sub), "norm": line.norm_id, "pk": line.pk})
    for group in estimate.groups.order_by("order", "pk"):
        if group.pk not in groups:  # an empty group is part of the estimate too
            groups[group.pk] = {"title": group.title, "lines": [],
                                "sub": codes.get(group.sub_project_id or estimate.sub_project_id)}
    return list(groups.values())


@dataclass
class LineChange:
    sub: str
    group: str
    content: str
    before: dict | None = None
    after: dict | None = None
    fields: list[str] = field(default_factory=list)


@dataclass
class ImportDiff:
    added: list[LineChange] = field(default_factory=list)
    changed: list[LineChange] = field(default_factory=list)
    removed: list[LineChange] = field(default_factory=list)
    unchanged: int = 0
    moved: int = 0  # lines kept whose place changes (the file's order is applied): the fewest to move
    total_before: int = 0
    total_after: int = 0

    @property
    def empty(self) -> bool:
        return not (self.added or self.changed or self.removed)

    @property
    def difference(self) -> int:
        return self.total_after - self.total_before

    @property
    def signed_difference(self) -> str:
        return signed_vnd(self.difference)


def import_diff(current: list[dict], incoming: list[dict], *, mode: str = ImportMode.REPLACE) -> ImportDiff:
    """What an import would do to the estimate: lines added, changed and removed, totals before and after."""
    diff = ImportDiff(total_before=sum(line["amount"] for g in current for line in g["lines"]))
    incoming_total = sum(line["amount"] for g in incoming for line in g["lines"])
    if mode == ImportMode.APPEND:
        diff.added = [LineChange(sub or "", g["title"], line["content"], after=line)
                      for _key, g, sub, line in entries(incoming)]
        diff.total_after = diff.total_before + incoming_total
        return diff
    pairs, leftovers = pair(current, incoming)
    diff.moved = _moved(current, [match for _entry, match in pairs if match is not None])
    for (_key, group, sub, line), match in pairs:
        if match is None:
            diff.added.append(LineChange(sub or "", group["title"], line["content"], after=line))
            continue
        was, _s, before = match
        changed = [FIELD_LABELS[name] for name, a, b in zip(COMPARED, line_values(before), line_values(line),
                                                            strict=True) if a != b]
        if search_key(was["title"]).strip() != search_key(group["title"]).strip():
            changed.insert(0, f"Nhóm (trước: «{was['title']}»)")
        if changed:
            diff.changed.append(LineChange(sub or "", group["title"], line["content"], before, line, changed))
        else:
            diff.unchanged += 1
    diff.removed = [LineChange(sub or "", g["title"], line["content"], before=line) for g, sub, line in leftovers]
    diff.total_after = incoming_total
    return diff


def _moved(current: list[dict], kept: list[tuple]) -> int:
    """How many of the kept lines, taken in the file's order, are out of the estimate's order: the
    kept lines less the longest run already in order (each line dict is compared by identity)."""
    place = {id(line): index for index, line in enumerate(line for group in current for line in group["lines"])}
    tails: list[int] = []  # patience sorting: the longest increasing run of current places
    for _group, _sub, line in kept:
        position = bisect.bisect_left(tails, place[id(line)])
        tails[position:position + 1] = [place[id(line)]]
    return len(kept) - len(tails)


def with_sheet_choices(groups: list[dict], choices: dict[str, str | None]) -> list[dict]:
    """The groups with the sub-project the user chose for each sheet (by sheet name)."""
    return [g | {"sub": choices.get(g.get("sheet"), g["sub"])} for g in groups]
