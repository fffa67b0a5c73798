"""The last line of «Nơi nhận»: «Lưu: VT, <đơn vị soạn thảo>[, số bản].» (ND 30, ô số 9b).

The separator after «VT» is a comma. A unit abbreviation that is not known (the data file
``plans/data/drafting_units.csv``, the issuing bodies' abbreviations and the initials of their
names) but is one or two letters away from a known one is a typo («LĐTĐTBXH» → «LĐTBXH»).
"""

import csv
import functools
import re
from pathlib import Path

from plans.problems import Fix, Problem

DATA = Path(__file__).resolve().parent.parent / "data"
_KEEP = re.compile(r"^\s*-?\s*lưu\s*:\s*vt\b(?P<sep>\s*[;.:]?\s*,?\s*)(?P<rest>.*)$", re.I)
_COPIES = re.compile(r"^\(?\d+\s*b(?:ản)?\)?\.?$|^\d+$", re.I)
_UNIT_WORD = re.compile(r"^(?:PHÒNG|BAN|VĂN PHÒNG|TRUNG TÂM|SỞ)\s+(?P<name>.+)$", re.I)


@functools.cache
def drafting_units() -> tuple[str, ...]:
    """Known abbreviations, the preferred spelling of each unit first."""
    with (DATA / "drafting_units.csv").open(encoding="utf-8", newline="") as handle:
        return tuple(row["abbreviation"].strip() for row in csv.DictReader(handle))


def _norm(abbr: str) -> str:
    return re.sub(r"[\s\-&.]", "", abbr).upper()


def _initials(name: str) -> str:
    words = [w for w in re.split(r"[\s\-–&]+", name) if w and w.lower() != "và"]
    return "".join(w[0] for w in words).upper()


def _distance(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        current = [i]
        for j, y in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y)))
        previous = current
    return previous[-1]


def known_units(bodies: list[tuple[str, str]]) -> dict[str, str]:
    """Normalised abbreviation → the spelling to suggest: the data file, then every issuing
    body's abbreviation and the initials of its name («PHÒNG LAO ĐỘNG - THƯƠNG BINH VÀ XÃ
    HỘI» → «LĐTBXH»)."""
    known: dict[str, str] = {}
    for abbreviation in drafting_units():
        known.setdefault(_norm(abbreviation), abbreviation)
    for name, abbreviation in bodies:
        if abbreviation:
            known.setdefault(_norm(abbreviation), abbreviation)
        for line in (name or "").splitlines():
            if (match := _UNIT_WORD.match(line.strip())) and len(_initials(match["name"])) >= 2:
                initials = _initials(match["name"])
                known.setdefault(_norm(initials), initials)
    return known


def _closest(unit: str, known: dict[str, str]) -> str | None:
    norm = _norm(unit)
    best = min(known, key=lambda k: (_distance(norm, k), -len(k)), default=None)
    if best is None or len(norm) < 3:
        return None
    return known[best] if 0 < _distance(norm, best) <= 2 else None


def keep_line_problems(recipients: str, known: dict[str, str]) -> list[Problem]:
    """The «Lưu: VT, …» line: comma after VT, unit abbreviations that look mistyped."""
    lines = [line.strip() for line in (recipients or "").splitlines() if line.strip()]
    match = _KEEP.match(lines[-1]) if lines else None
    if not match:
        return []
    line, problems = lines[-1], []
    sep, rest = match.group("sep"), match.group("rest")
    fixed = line
    if rest.strip() and sep.strip() != ",":
        fixed = line[:match.start("sep")] + ", " + rest
        problems.append(f"sau «VT» phải là dấu phẩy, không phải «{sep.strip()}»"
                        if sep.strip() else "thiếu dấu phẩy sau «VT»")
    for unit in re.split(r"[,;]", rest):
        unit = unit.strip().rstrip(".")
        if not unit or _COPIES.match(unit) or _norm(unit) in known:
            continue
        if suggestion := _closest(unit, known):
            fixed = fixed.replace(unit, suggestion, 1)
            problems.append(f"«{unit}» có lẽ là «{suggestion}»")
    if not problems:
        return []
    start = recipients.rfind(line)
    fix = Fix(f"Sửa thành «{fixed}»", "replace", "field-recipients", start, start + len(line),
              line, fixed)
    return [Problem(False, f"Dòng «{line}» của Nơi nhận: {'; '.join(problems)} (mẫu: "
                           "«Lưu: VT, <đơn vị soạn thảo>.»).", "recipients", fix)]
