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


# Abbreviations a position keeps in capitals however it was typed («chủ tịch ubnd xã» → «… UBND xã»).
ABBREVIATIONS = {word.casefold(): word for word in (
    "UBND", "HĐND", "MTTQ", "UBMTTQ", "LHPN", "NHCSXH", "CSXH", "BHXH", "BHYT", "LĐTBXH", "LĐ-TB&XH",
    "VH-XH", "VHXH", "HTX", "CCB", "THCS", "THPT", "KT-XH", "NN&PTNT", "TN&MT", "GNBV", "MTQG")}


def name_case(name: str) -> str:
    """A person's name as it is written, each word capitalised, when it was typed all in lower case or all
    in capitals («a blúp» → «A Blúp», «h'hen niê» → «H'Hen Niê», «NGUYỄN VĂN AN» → «Nguyễn Văn An»); a
    name typed in mixed case is the writer's spelling and is kept."""
    if name != name.lower() and name != name.upper():
        return name
    return " ".join("-".join(_capitalised(part) for part in word.split("-")) for word in name.split(" "))


def _capitalised(part: str) -> str:
    if len(part) > 2 and part[:2].lower() in ("h'", "h’"):  # Ê Đê «H'Hen»: the given name keeps its capital
        return "H" + part[1] + part[2:].capitalize()
    return part.capitalize()


def position_case(position: str) -> str:
    """A position with its first letter and its abbreviations in capitals («chủ tịch ubnd xã» → «Chủ tịch
    UBND xã»)."""
    words = [ABBREVIATIONS.get(word.casefold(), word) for word in position.split(" ")]
    text = " ".join(words)
    return text[:1].upper() + text[1:]


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
        """Read «[Ông|Bà] Name[, position]»; ``position``, the one recorded apart, wins over one typed
        after the name («Bà Y Ngọc - Phó Chủ tịch» recorded as «Phó Chủ tịch UBND huyện Ngọc Hồi»)."""
        text = nfc(text)
        honorific = ""
        if match := _HONORIFIC.match(text):
            honorific = HONORIFICS[match.group(1).lower()]
            text = text[match.end():]
        if names_position(text):  # «Phó Chủ tịch UBND xã»: a position, no one named
            return cls("", "", position_case(text.rstrip(".;")))
        name, _, rest = (part.strip() for part in _split_once(text))
        name = name_case(name.rstrip(".;"))
        position = (nfc(position) or rest).rstrip(".;")
        return cls(honorific or (honorific_for(name, gender) if name else ""), name, position_case(position))

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
