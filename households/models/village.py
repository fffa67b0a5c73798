"""A commune's villages (thôn, bản, tổ dân phố, ấp…) and its rule for giving households a code.

Villages are the commune's own data, not the statistics office's catalogue: the commune creates
them from its first list and renames or merges them as it needs. After the 2025 reform a new
commune's households may still be recorded under the communes it replaced; each keeps its villages.
"""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.db import models

from areas.models import AdminUnit, UnitScopedQuerySet

# Tone marks, written after the word as Telex does: «Hoà» and «Hòa» (old and new placement) meet,
# «Đông» and «Đồng» stay two villages. No Vietnamese syllable ends in s, f, r, x or j.
TONES = {"\u0301": "s", "\u0300": "f", "\u0309": "r", "\u0303": "x", "\u0323": "j"}
# The words a village name may start with (tone-keyed, and as typed without marks); longest first.
PREFIXES = ("tôr dân phôs", "to dan pho", "khu phôs", "khu pho", "thôn", "thon", "xoms", "xom", "banr", "ban",
            "buôn", "buon", "plei", "play", "socs", "soc", "âps", "ap", "khoms", "khom", "khu", "tôr", "tdp",
            "langf", "lang", "đôij", "khôis", "cumj")
ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10,
         "xi": 11, "xii": 12, "xiii": 13, "xiv": 14, "xv": 15, "xvi": 16, "xvii": 17, "xviii": 18,
         "xix": 19, "xx": 20}
WORD = re.compile(r"\w+")


def _toned(word: str) -> str:
    """The word without its tone mark, the tone written after it («pồng» → «pôngf»)."""
    decomposed = unicodedata.normalize("NFD", word)
    tone = "".join(TONES[c] for c in decomposed if c in TONES)[:1]
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in TONES)) + tone


def village_key(text: str | None) -> str:
    """One key for every spelling of a village: «Thôn Nà Pồng», «nà  pồng », «Bản Nà Pồng», NFD or
    old tone placement give one key; «Thôn 3», «Thôn 03», «thôn III» give "3". Case and the prefix
    word are ignored, tone marks are not (Đông and Đồng are two villages). Empty when no name is left."""
    words = [_toned(w) for w in WORD.findall(unicodedata.normalize("NFC", text or "").casefold().replace("_", " "))]
    joined, stripped = " ".join(words), False
    for prefix in PREFIXES:
        if joined.startswith(prefix + " "):
            joined, stripped = joined[len(prefix) + 1:], True
            break
    normal = [str(int(w)) if w.isdigit() else w for w in joined.split(" ") if w]
    raw = WORD.findall(text or "")
    if stripped and len(normal) == 1 and normal[0] in ROMAN and raw[-1].isupper():
        normal = [str(ROMAN[normal[0]])]  # «Thôn III» is village 3; «Thôn Vi» is a name
    return " ".join(normal)[:120]


def clean_village_name(text: str | None) -> str:
    """The name as shown: NFC, single spaces, no spaces at either end."""
    return " ".join(unicodedata.normalize("NFC", text or "").split())[:120]


def preferred_spelling(spellings: dict[str, int]) -> str:
    """The name to show for several spellings of one village: the one most households use, then one
    that starts with a capital, then the longer (it keeps «Thôn»), then alphabetical."""
    return min(spellings, key=lambda s: (-spellings[s], not s[:1].isupper(), -len(s), s))


class VillageQuerySet(UnitScopedQuerySet):
    unit_field = "commune"


class Village(models.Model):
    """A village of a commune; households link to it and keep the text their list gave."""

    commune = models.ForeignKey(AdminUnit, verbose_name="Xã/phường", on_delete=models.PROTECT,
                                related_name="villages")
    name = models.CharField("Tên thôn/bản/tổ dân phố", max_length=120)
    key = models.CharField("Khoá so khớp", max_length=120, editable=False)
    number = models.PositiveSmallIntegerField(
        "Số thứ tự", help_text="Dùng trong mã hộ tự sinh (2 chữ số), ví dụ 03.")
    aliases = models.JSONField("Cách viết khác đã gộp", default=list, blank=True, editable=False,
                               help_text="Tên cũ và cách viết đã ghép vào thôn này.")
    created_at = models.DateTimeField("Tạo lúc", auto_now_add=True)

    objects = VillageQuerySet.as_manager()

    class Meta:
        verbose_name = "Thôn/bản/tổ dân phố"
        verbose_name_plural = "Thôn/bản/tổ dân phố"
        ordering = ["commune", "number", "name"]
        constraints = [
            models.UniqueConstraint(fields=["commune", "key"], name="village_key_unique_in_commune"),
            models.UniqueConstraint(fields=["commune", "number"], name="village_number_unique_in_commune"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name = clean_village_name(self.name)
        self.key = village_key(self.name)
        super().save(*args, **kwargs)

    def matches(self, key: str) -> bool:
        return key == self.key or any(village_key(alias) == key for alias in self.aliases)


DEFAULT_CODE_PATTERN = "{xa}-{thon}-{stt}"
PLACEHOLDERS = {"xa": "mã xã/phường", "thon": "số thứ tự thôn (2 chữ số)", "stt": "số thứ tự hộ (3 chữ số)"}


def validate_code_pattern(pattern: str) -> None:
    """A pattern must hold {stt} (else every code would be the same) and only the known placeholders."""
    names = set(re.findall(r"\{([^{}]*)\}", pattern))
    if "stt" not in names:
        raise ValidationError("Quy tắc mã hộ phải có {stt} (số thứ tự hộ).")
    if unknown := names - set(PLACEHOLDERS):
        raise ValidationError("Quy tắc mã hộ chỉ dùng {xa}, {thon}, {stt}; không hiểu: "
                              + ", ".join("{" + n + "}" for n in sorted(unknown)) + ".")
    if re.sub(r"\{[^{}]*\}", "", pattern).count("{") or re.sub(r"\{[^{}]*\}", "", pattern).count("}"):
        raise ValidationError("Quy tắc mã hộ có dấu ngoặc nhọn lẻ.")


class HouseholdCodeRule(models.Model):
    """How a commune gives a code to a household its list left without one."""

    commune = models.OneToOneField(AdminUnit, verbose_name="Xã/phường", on_delete=models.CASCADE,
                                   related_name="+")
    pattern = models.CharField(
        "Quy tắc mã hộ", max_length=60, default=DEFAULT_CODE_PATTERN, validators=[validate_code_pattern],
        help_text="{xa}: mã xã/phường; {thon}: số thứ tự thôn (2 chữ số, 00 khi hộ chưa có thôn); "
                  "{stt}: số thứ tự hộ trong thôn (3 chữ số). Ví dụ 25123-03-017.")

    class Meta:
        verbose_name = verbose_name_plural = "Quy tắc mã hộ"

    def __str__(self):
        return f"{self.commune}: {self.pattern}"


class CodeSequence(models.Model):
    """The last sequence number handed out for one commune and prefix; its row is the lock."""

    commune = models.ForeignKey(AdminUnit, on_delete=models.CASCADE, related_name="+")
    prefix = models.CharField(max_length=60)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["commune", "prefix"], name="code_sequence_unique")]

    def __str__(self):
        return f"{self.prefix}: {self.last}"
