"""People named in a session's papers as a record names them: «Ông Ngô Anh Vũ – Phó Chủ tịch UBND xã».

The chair and the secretary are typed as one line («Ông Ngô Anh Vũ, Phó Chủ tịch UBND xã»,
«Bà Lê Thị Cúc - công chức Văn hóa - Xã hội»); this reads the honorific, the name and the
position back out of it, so a letter can print the name line with its dash and sign with the
bare name, and can tell whether the chair heads or deputises for the body that issues it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from vntext import nfc, search_words

HONORIFICS = {"ông": "Ông", "bà": "Bà", "đồng chí": "Đồng chí", "đ/c": "Đồng chí", "anh": "Anh", "chị": "Chị"}
_HONORIFIC = re.compile(r"^(ông|bà|đồng chí|đ/c|anh|chị)\.?(?:\s+|$)", re.IGNORECASE)
# Where the name ends and the position starts: a comma, or a dash with spaces around it
# («Bà Lê Thị Cúc - công chức Văn hóa - Xã hội» splits at the first dash only).
_SPLIT = re.compile(r"\s*,\s*|\s+[-–—]\s+")
# The words a position may add after the title and still name the commune's own body
# («Chủ tịch UBND xã», «… Ủy ban nhân dân thị trấn …»); any other word («huyện», «HĐND»,
# «MTTQ») names another body.
_COMMUNE_WORDS = {"ubnd", "uy", "ban", "nhan", "dan", "xa", "phuong", "thi", "tran", "dac", "khu", "thuong",
                  "truc"}


# Titles a text may start with when it names a position and no person («Phó Chủ tịch UBND xã»);
# compared with their marks, so that the surname «Trương» is not the title «Trưởng».
POSITION_STARTS = ("chủ tịch", "phó chủ tịch", "bí thư", "phó bí thư", "trưởng", "phó trưởng", "giám đốc",
                   "phó giám đốc", "công chức", "cán bộ", "đại diện", "chủ nhiệm", "phó chủ nhiệm", "kế toán",
                   "lãnh đạo", "thư ký", "ủy viên", "uỷ viên", "chi hội trưởng", "tổ trưởng", "già làng",
                   "người có uy tín")


def honorific_for(name: str, gender: str = "") -> str:
    """«Ông» or «Bà» from the recorded gender, else from the middle name «Văn»/«Thị» or the Ê Đê
    prefix of a given name («Y» for a man, «H'» for a woman: «Y Hơ Niê», «H'Hen Niê»), else «Ông/Bà»."""
    if gender in ("M", "F"):
        return "Ông" if gender == "M" else "Bà"
    words = nfc(name).split()
    if "Thị" in words[:-1]:
        return "Bà"
    if "Văn" in words[:-1] or (len(words) > 1 and words[0] == "Y"):
        return "Ông"
    if words and words[0][:2] in ("H'", "H’") and len(words[0]) > 2:
        return "Bà"
    return "Ông/Bà"


def names_position(text: str) -> bool:
    """Whether ``text`` starts with a title, so names a position and no person."""
    lowered = nfc(text).lower()
    return any(lowered == start or lowered.startswith(start + " ") for start in POSITION_STARTS)


@dataclass(frozen=True)
class RoleHolder:
    honorific: str
    name: str
    position: str

    @classmethod
    def parse(cls, text: str | None, *, position: str = "", gender: str = "") -> RoleHolder:
        """Read «[Ông|Bà] Name[, position]»; ``position`` is used when the text has none."""
        text = nfc(text)
        honorific = ""
        if match := _HONORIFIC.match(text):
            honorific = HONORIFICS[match.group(1).lower()]
            text = text[match.end():]
        if names_position(text):  # «Phó Chủ tịch UBND xã»: a position, no one named
            text = text.rstrip(".;")
            return cls("", "", text[:1].upper() + text[1:])
        name, _, rest = (part.strip() for part in _split_once(text))
        name = name.rstrip(".;")
        position = (rest or nfc(position)).rstrip(".;")
        return cls(honorific or (honorific_for(name, gender) if name else ""), name,
                   position[:1].upper() + position[1:])

    @property
    def line(self) -> str:
        """«Ông Ngô Anh Vũ – Phó Chủ tịch UBND xã»; only the parts that are known."""
        who = " ".join(part for part in (self.honorific, self.name) if part)
        return " – ".join(part for part in (who, self.position) if part)

    def __bool__(self) -> bool:
        return bool(self.name)

    def rank_in(self, body, commune_name: str = "") -> str:
        """«head» or «deputy» when the position is the body's head or deputy title in that very
        body («Phó Chủ tịch UBND xã», «Chủ tịch Ủy ban nhân dân xã Sa Loong»), else «»."""
        words = search_words(self.position)
        for rank, title in (("deputy", body.deputy_title), ("head", body.head_title)):
            title_words = search_words(title)
            if title_words and words[:len(title_words)] == title_words:
                rest = set(words[len(title_words):])
                own = _COMMUNE_WORDS | set(search_words(commune_name)) | set(search_words(body.display_name))
                return rank if rest <= own else ""
        return ""


def _split_once(text: str) -> tuple[str, str, str]:
    match = _SPLIT.search(text)
    if match is None:
        return text, "", ""
    return text[:match.start()], match.group(), text[match.end():]
