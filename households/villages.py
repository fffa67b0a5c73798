"""Writes on a commune's villages and its household codes: resolve a list's village text, add,
rename, merge, and hand out the next code by the commune's rule without two households sharing one."""

import difflib
import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Max

from audit.models import Action
from audit.services import record
from households.models import CodeSequence, Household, HouseholdCodeRule, Village, village_key
from households.models.village import DEFAULT_CODE_PATTERN, clean_village_name
from households.permissions import can_import_into
from vntext import search_key

SUGGEST_AT = 0.75


def resolve_village(commune, text: str) -> tuple[Village | None, Village | None]:
    """The commune's village this text names (any spelling of its name, or a spelling merged into
    it), else (None, the closest village as a suggestion, or None when nothing is close)."""
    key = village_key(text)
    if not key:
        return None, None
    villages = list(Village.objects.filter(commune=commune))
    for village in villages:
        if village.matches(key):
            return village, None
    folded = _folded(text)  # a suggestion may differ in marks: «Na Pong», «Nà Pông» for «Nà Pồng»
    scored = [(difflib.SequenceMatcher(None, folded, _folded(v.name)).ratio(), v.number, v) for v in villages]
    best = max(scored, default=None, key=lambda s: (s[0], -s[1]))
    return None, (best[2] if best and best[0] >= SUGGEST_AT else None)


def _folded(text: str) -> str:
    return village_key(search_key(text))


def _check(by, commune):
    if not can_import_into(by, commune):
        raise PermissionDenied


def _next_number(commune) -> int:
    return (Village.objects.filter(commune=commune).aggregate(n=Max("number"))["n"] or 0) + 1


@transaction.atomic
def add_village(commune, name: str, *, by, request=None) -> Village:
    """The commune's village of that name: the existing one when a spelling of it is already
    listed, else a new village numbered after the last one (logged)."""
    _check(by, commune)
    if not village_key(name):
        raise ValidationError("Tên thôn trống hoặc chỉ có chữ «thôn», «bản»…; hãy ghi tên thôn.")
    found, _ = resolve_village(commune, name)
    if found:
        return found
    for _attempt in range(5):  # two officers adding at once: the later one takes the next number
        try:
            with transaction.atomic():
                village = Village.objects.create(commune=commune, name=name, number=_next_number(commune))
            break
        except IntegrityError:
            if found := resolve_village(commune, name)[0]:
                return found
    else:
        raise ValidationError("Không thêm được thôn vì có người khác đang sửa danh mục; hãy thử lại.")
    record(by, Action.CREATE, village, request=request, description=f"Thêm thôn {village} ({commune.name})")
    link_households(commune, village=village)
    return village


@transaction.atomic
def map_village_text(village: Village, text: str, *, by, request=None) -> Village:
    """Remember that ``text`` (an unknown spelling met in a list) means ``village`` from now on."""
    _check(by, village.commune)
    key = village_key(text)
    if not key or village.matches(key):
        return village
    if (other := resolve_village(village.commune, text)[0]) and other.pk != village.pk:
        raise ValidationError(f"«{clean_village_name(text)}» đã là cách viết của thôn {other}; "
                              "hãy gộp hai thôn nếu đó là một.")
    village.aliases = sorted({*village.aliases, clean_village_name(text)})
    village.save(update_fields=["aliases"])
    record(by, Action.CHANGE, village, request=request, changes={"aliases": [None, clean_village_name(text)]},
           description=f"Ghi nhận «{clean_village_name(text)}» là thôn {village}")
    link_households(village.commune, village=village)
    return village


@transaction.atomic
def rename_village(village: Village, name: str, *, by, request=None) -> Village:
    """Give the village a new name; the old spelling keeps meaning this village in later lists."""
    _check(by, village.commune)
    old_name, key = village.name, village_key(name)
    if not key:
        raise ValidationError("Tên thôn trống hoặc chỉ có chữ «thôn», «bản»…; hãy ghi tên thôn.")
    if Village.objects.filter(commune=village.commune_id, key=key).exclude(pk=village.pk).exists():
        raise ValidationError(f"Xã đã có thôn tên «{clean_village_name(name)}»; hãy gộp hai thôn thay vì đổi tên.")
    village.name = name
    village.aliases = sorted(a for a in {*village.aliases, old_name} if village_key(a) != key)
    village.save()
    record(by, Action.CHANGE, village, request=request, changes={"name": [old_name, village.name]},
           description=f"Đổi tên thôn {old_name} thành {village.name}")
    return village


@transaction.atomic
def merge_villages(keep: Village, drop: Village, *, by, request=None) -> Village:
    """Move every household of ``drop`` to ``keep`` and delete ``drop``; its spellings now mean ``keep``."""
    _check(by, keep.commune)
    if keep.pk == drop.pk or keep.commune_id != drop.commune_id:
        raise ValidationError("Chỉ gộp được hai thôn khác nhau của cùng một xã/phường.")
    moved = Household.objects.filter(village_unit=drop).update(village_unit=keep)
    keep.aliases = sorted(a for a in {*keep.aliases, drop.name, *drop.aliases} if village_key(a) != keep.key)
    keep.save(update_fields=["aliases"])
    record(by, Action.DELETE, drop, request=request, changes={"merged_into": keep.name, "households": moved},
           description=f"Gộp thôn {drop} vào thôn {keep} ({moved} hộ)")
    drop.delete()
    return keep


def link_households(commune, *, village: Village) -> int:
    """Link the commune's households whose village text names ``village`` and that have no village yet."""
    unlinked = Household.objects.filter(commune=commune, village_unit__isnull=True).exclude(village="")
    ids = [pk for pk, text in unlinked.values_list("pk", "village") if village.matches(village_key(text))]
    return Household.objects.filter(pk__in=ids).update(village_unit=village)


# Household codes ---------------------------------------------------------------------------------

STT = "\x00"


def code_pattern(commune) -> str:
    rule = HouseholdCodeRule.objects.filter(commune=commune).values_list("pattern", flat=True).first()
    return rule or DEFAULT_CODE_PATTERN


def _template(commune, village: Village | None) -> str:
    thon = f"{village.number:02d}" if village else "00"
    return code_pattern(commune).format(xa=commune.code, thon=thon, stt=STT)


def _highest_taken(commune, template: str) -> int:
    """The highest sequence already used by codes of this shape (codes given before the counter, or typed)."""
    before, _, after = template.partition(STT)
    shape = re.compile(re.escape(before) + r"(\d+)" + re.escape(after) + r"\Z")
    codes = Household.objects.filter(commune=commune, code__startswith=before).values_list("code", flat=True)
    return max((int(m.group(1)) for code in codes if (m := shape.match(code))), default=0)


def code_example(commune) -> str:
    """What the rule makes of the first household of the commune's first village."""
    village = Village.objects.filter(commune=commune).order_by("number").first()
    return _template(commune, village).replace(STT, "001")


def reserve_codes(commune, village: Village | None, count: int) -> list[str]:
    """``count`` new codes by the commune's rule, none used before; call it inside the transaction
    that stores the households: the counter row stays locked until it ends, so two imports or two
    officers at once never get the same code."""
    if count <= 0:
        return []
    template = _template(commune, village)
    sequence, _ = CodeSequence.objects.get_or_create(commune=commune, prefix=template.replace(STT, "{stt}"))
    floor = _highest_taken(commune, template)
    codes: list[str] = []
    while len(codes) < count:
        want = count - len(codes)
        # The UPDATE takes the row lock first; the floor only ever moves the counter forward.
        CodeSequence.objects.filter(pk=sequence.pk).update(last=F("last") + want)
        last = CodeSequence.objects.values_list("last", flat=True).get(pk=sequence.pk)
        if last - want < floor:
            CodeSequence.objects.filter(pk=sequence.pk).update(last=floor)
            continue
        batch = [template.replace(STT, f"{n:03d}") for n in range(last - want + 1, last + 1)]
        taken = set(Household.objects.filter(commune=commune, code__in=batch).values_list("code", flat=True))
        codes += [code for code in batch if code not in taken]
    return codes


def next_household_code(commune, village: Village | None) -> str:
    """One new code by the commune's rule (see ``reserve_codes``)."""
    return reserve_codes(commune, village, 1)[0]


@transaction.atomic
def set_code_rule(commune, pattern: str, *, by, request=None) -> HouseholdCodeRule:
    """Store the commune's code rule; codes already given stay as they are."""
    _check(by, commune)
    rule, _ = HouseholdCodeRule.objects.get_or_create(commune=commune)
    old, rule.pattern = rule.pattern, pattern.strip()
    rule.full_clean(exclude=["commune"])
    longest = rule.pattern.format(xa=commune.code, thon="00", stt="0000")
    if len(longest) > Household._meta.get_field("code").max_length:
        raise ValidationError(f"Quy tắc cho mã dài {len(longest)} ký tự; mã hộ dài tối đa 40 ký tự.")
    rule.save()
    record(by, Action.CHANGE, rule, request=request, changes={"pattern": [old, rule.pattern]},
           description=f"Quy tắc mã hộ của {commune.name}")
    return rule
