"""Số and ký hiệu of official documents, and validators for cited document numbers.

ND 30/2020/NĐ-CP, Phụ lục I and III: "/" separates the number from the ký hiệu, "-" separates
the abbreviation groups with no spaces, numbers below 10 take a leading zero, and ký hiệu are
upper case except a few abbreviations the decree itself spells in mixed case ("QyĐ", "TTg").
"""

import re
from typing import NamedTuple

from vntext import nfc

NBSP = "\u00a0"
# An unregistered draft leaves the number blank for the văn thư; non-breaking spaces keep the
# gap's width in HTML, PDF and DOCX, where runs of ordinary spaces collapse.
NUMBER_BLANK = NBSP * 6


class DocumentType(NamedTuple):
    name: str
    abbr: str


# Phụ lục III, Mục I of ND 30/2020/NĐ-CP. A công văn has no type abbreviation: its ký hiệu is
# the issuer followed by the drafting unit or field ("UBND-VX").
DOCUMENT_TYPES: tuple[DocumentType, ...] = (
    DocumentType("Nghị quyết", "NQ"),
    DocumentType("Quyết định", "QĐ"),
    DocumentType("Chỉ thị", "CT"),
    DocumentType("Quy chế", "QC"),
    DocumentType("Quy định", "QyĐ"),
    DocumentType("Thông cáo", "TC"),
    DocumentType("Thông báo", "TB"),
    DocumentType("Hướng dẫn", "HD"),
    DocumentType("Chương trình", "CTr"),
    DocumentType("Kế hoạch", "KH"),
    DocumentType("Phương án", "PA"),
    DocumentType("Đề án", "ĐA"),
    DocumentType("Dự án", "DA"),
    DocumentType("Báo cáo", "BC"),
    DocumentType("Biên bản", "BB"),
    DocumentType("Tờ trình", "TTr"),
    DocumentType("Hợp đồng", "HĐ"),
    DocumentType("Công điện", "CĐ"),
    DocumentType("Bản ghi nhớ", "BGN"),
    DocumentType("Bản thỏa thuận", "BTT"),
    DocumentType("Giấy ủy quyền", "GUQ"),
    DocumentType("Giấy mời", "GM"),
    DocumentType("Giấy giới thiệu", "GGT"),
    DocumentType("Giấy nghỉ phép", "GNP"),
    DocumentType("Phiếu gửi", "PG"),
    DocumentType("Phiếu chuyển", "PC"),
    DocumentType("Phiếu báo", "PB"),
    DocumentType("Bản sao y", "SY"),
    DocumentType("Bản trích sao", "TrS"),
    DocumentType("Bản sao lục", "SL"),
    DocumentType("Công văn", ""),
)
TYPE_NAMES: dict[str, str] = {t.abbr: t.name for t in DOCUMENT_TYPES}

# The only abbreviations written with lower-case letters: the decree's own (QyĐ, CTr, TTr, TrS)
# and the Prime Minister's "TTg". Their all-caps spellings ("TTG") are misspellings.
MIXED_CASE_ABBREVIATIONS = frozenset({"QyĐ", "CTr", "TTr", "TrS", "TTg"})
_MIXED_CASE_UPPER = {a.upper(): a for a in MIXED_CASE_ABBREVIATIONS}
_UPPER_GROUP = re.compile(r"[A-ZĐ][A-ZĐ0-9&]*")

# Shapes only; each abbreviation group is then checked by _is_group. [0-9] rather than \d so
# that no other script's digits pass; numbers below 10 carry exactly one leading zero.
_NUMBER = r"(?:0[1-9]|[1-9][0-9]+)"
_CODE = r"[0-9A-Za-zĐđ&]+(?:-[0-9A-Za-zĐđ&]+)*"
_STATE = re.compile(rf"{_NUMBER}/(?P<code>{_CODE})")
_LEGAL = re.compile(rf"{_NUMBER}/(?:19|20)[0-9]{{2}}/(?P<code>{_CODE})")
# Party numbering (05-CT/TW, 1408-QĐ/TU) follows the Party's own rules, not ND 30.
_PARTY = re.compile(rf"{_NUMBER}-(?P<type>[0-9A-Za-zĐđ&]+)/(?P<code>{_CODE})")
_SPACED_HYPHEN = re.compile(r"\s*-\s*")


def _is_group(group: str) -> bool:
    if group in MIXED_CASE_ABBREVIATIONS:
        return True
    return bool(_UPPER_GROUP.fullmatch(group)) and group not in _MIXED_CASE_UPPER


def _groups_ok(code: str, *, at_least: int = 1) -> bool:
    groups = code.split("-")
    return len(groups) >= at_least and all(_is_group(g) for g in groups)


def normalize_abbr(text: str | None) -> str:
    """The abbreviation in NFC without spaces around its hyphens ("KH - UBND" → "KH-UBND")."""
    return _SPACED_HYPHEN.sub("-", nfc(text))


def _check_abbr(abbr: str, what: str) -> None:
    for group in abbr.split("-"):
        if _is_group(group):
            continue
        hint = _MIXED_CASE_UPPER.get(group.upper(), group.upper())
        raise ValueError(f"{what} group {group!r} is not a valid abbreviation (maybe {hint!r}?)")


def symbol_code(type_abbr: str | None, issuer_abbr: str) -> str:
    """The validated ký hiệu, e.g. "KH-UBND", or "UBND-VX" for a công văn (empty type)."""
    type_abbr, issuer_abbr = normalize_abbr(type_abbr), normalize_abbr(issuer_abbr)
    if type_abbr not in TYPE_NAMES:
        raise ValueError(f"{type_abbr!r} is not a document type abbreviation of ND 30 Phụ lục III")
    if not issuer_abbr:
        raise ValueError("the issuer abbreviation is required")
    _check_abbr(issuer_abbr, "issuer")
    # A công văn's ký hiệu is the issuer plus the drafting unit or field (ND 30, Phụ lục I).
    if not type_abbr and "-" not in issuer_abbr:
        raise ValueError(f"a công văn needs issuer and drafting unit ('UBND-VX'): {issuer_abbr!r}")
    return f"{type_abbr}-{issuer_abbr}" if type_abbr else issuer_abbr


def document_symbol(number: int | None, type_abbr: str | None, issuer_abbr: str) -> str:
    """The "Số: 05/KH-UBND" line; with no number (a draft) a fixed-width blank keeps its place."""
    code = symbol_code(type_abbr, issuer_abbr)
    if number is None:
        return f"Số:{NUMBER_BLANK}/{code}"
    if isinstance(number, bool) or not isinstance(number, int):
        raise TypeError(f"number must be an int or None, not {type(number).__name__}")
    if number < 1:
        raise ValueError(f"document numbers start at 1, got {number}")
    return f"Số: {number:02d}/{code}"


def is_state_number(text: str | None) -> bool:
    """Whether ``text`` is an administrative document's number and ký hiệu, e.g. "277/KH-UBND"."""
    match = _STATE.fullmatch(nfc(text))
    return bool(match) and _groups_ok(match["code"], at_least=2)


def is_legal_number(text: str | None) -> bool:
    """Whether ``text`` is a normative document's number with its year, e.g. "07/2021/NĐ-CP"."""
    match = _LEGAL.fullmatch(nfc(text))
    return bool(match) and _groups_ok(match["code"])


def is_party_number(text: str | None) -> bool:
    """Whether ``text`` is a Party document's number, e.g. "05-CT/TW" or "1408-QĐ/TU"."""
    match = _PARTY.fullmatch(nfc(text))
    return bool(match) and _is_group(match["type"]) and _groups_ok(match["code"])


def classify_number(text: str | None) -> str | None:
    """Which numbering a cited number follows: "state", "legal", "party", or None when malformed."""
    if is_legal_number(text):
        return "legal"
    if is_state_number(text):
        return "state"
    if is_party_number(text):
        return "party"
    return None
