"""Load the administrative units of both eras (and who succeeded whom) from ``areas/data``.

Rows match existing units by (level, code, valid_to), so loading twice changes nothing and a
corrected name in the data file updates the unit in place. Bulk queries keep a full load
(~14,000 units, ~14,000 successions) to a few seconds.
"""

import csv
import datetime
import functools
import gzip
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from areas.models import REFORM_DATE, AdminUnit, UnitLevel, unit_search_key
from areas.reach import refresh_reach
from vntext import nfc

DATA_DIR = Path(__file__).resolve().parent / "data"
UNITS_PATH = DATA_DIR / "units.csv.gz"
SUCCESSIONS_PATH = DATA_DIR / "successions.csv.gz"
LEVELS = [UnitLevel.PROVINCE.value, UnitLevel.DISTRICT.value, UnitLevel.COMMUNE.value]
LEVEL_WORDS = dict(zip(LEVELS, ["tỉnh", "huyện", "xã"], strict=True))
# Successions describe the 2025 reform: from the unit that ended the day before to the new one.
OLD_VALID_TO = REFORM_DATE - datetime.timedelta(days=1)

Key = tuple[str, str, datetime.date | None]


@dataclass
class LoadReport:
    """What a load found in the files and what it changed in the database."""

    counts: Counter = field(default_factory=Counter)  # (validity text, level) → units in file
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    successions_created: int = 0
    successions_existing: int = 0
    seconds: float = 0.0

    def eras(self) -> list[str]:
        return list(dict.fromkeys(era for era, _level in self.counts))

    def summary_lines(self) -> list[str]:
        seconds = f"{self.seconds:.1f}".replace(".", ",")
        return [
            *(self._era_line(era) for era in self.eras()),
            f"Đơn vị hành chính: thêm {_number(self.created)}, cập nhật {_number(self.updated)}, "
            f"giữ nguyên {_number(self.unchanged)}.",
            f"Quan hệ kế thừa: thêm {_number(self.successions_created)}, "
            f"đã có {_number(self.successions_existing)}.",
            f"Thời gian: {seconds} giây.",
        ]

    def _era_line(self, era: str) -> str:
        counts = [(level, self.counts[era, level]) for level in LEVELS]
        parts = [f"{_number(n)} {LEVEL_WORDS[level]}" for level, n in counts if n]
        return f"Thời kỳ hiệu lực {era}: {', '.join(parts)}."


def _number(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def load_units(units_path=UNITS_PATH, successions_path=SUCCESSIONS_PATH) -> LoadReport:
    """Create or update every unit in ``units_path`` and add the successions listed."""
    started = time.perf_counter()
    rows = read_units(units_path)
    links = read_csv(successions_path)
    report = LoadReport()
    with transaction.atomic():
        units = _existing_units()
        for level in LEVELS:
            _sync_level([r for r in rows.values() if r["level"] == level], rows, units, report)
        _add_successions(links, units, report)
        # Bulk writes send no signals: rebuild who reaches which unit (and bump the "units"
        # cache version, so every server's cached scope data is read again).
        refresh_reach()
    report.seconds = time.perf_counter() - started
    return report


# --- reading ------------------------------------------------------------------------------


def read_csv(path) -> list[dict]:
    opener = gzip.open if str(path).endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _date(text: str) -> datetime.date | None:
    return datetime.date.fromisoformat(text) if text else None


def read_units(path) -> dict[Key, dict]:
    """Unit rows by key, names in NFC, dates parsed; duplicates are refused."""
    rows: dict[Key, dict] = {}
    for row in read_csv(path):
        for name in ("name", "short_name", "kind"):
            row[name] = nfc(row[name])
        row["valid_from"], row["valid_to"] = _date(row["valid_from"]), _date(row["valid_to"])
        key = (row["level"], row["code"], row["valid_to"])
        if row["level"] not in LEVELS:
            raise ValueError(f"Cấp đơn vị không hợp lệ: {row['level']!r} (mã {row['code']}).")
        if key in rows:
            raise ValueError(f"Đơn vị bị lặp trong tệp dữ liệu: {row['level']} {row['code']}.")
        rows[key] = row
    return rows


def _parent_key(row: dict) -> Key | None:
    return (
        (row["parent_level"], row["parent_code"], row["valid_to"]) if row["parent_code"] else None
    )


def _full_name(row: dict, rows: dict[Key, dict]) -> str:
    """As ``AdminUnit.full_name``: the name, then each parent's name."""
    parts = []
    while row is not None:
        parts.append(row["name"])
        parent = _parent_key(row)
        row = rows[parent] if parent else None
    return ", ".join(parts)


# --- writing ------------------------------------------------------------------------------


def _existing_units() -> dict[Key, AdminUnit]:
    return {(u.level, u.code, u.valid_to): u for u in AdminUnit.objects.all()}


def _values(row: dict, rows: dict[Key, dict], units: dict[Key, AdminUnit]) -> dict:
    parent = _parent_key(row)
    if parent and parent not in rows:
        raise ValueError(f"Không tìm thấy đơn vị cấp trên của {row['name']} ({row['code']}).")
    return {
        "name": row["name"],
        "short_name": row["short_name"],
        "kind": row["kind"],
        "valid_from": row["valid_from"],
        "parent_id": units[parent].pk if parent else None,
        "search_key": unit_search_key(_full_name(row, rows)),
    }


def _sync_level(level_rows, rows, units, report: LoadReport) -> None:
    """Create the missing units of one level and update the fields that differ."""
    to_create, to_update = [], defaultdict(list)  # changed field names → units
    for row in level_rows:
        key = (row["level"], row["code"], row["valid_to"])
        report.counts[_era(row), row["level"]] += 1
        values = _values(row, rows, units)
        unit = units.get(key)
        if unit is None:
            to_create.append(AdminUnit(level=key[0], code=key[1], valid_to=key[2], **values))
        elif changed := _apply(unit, values):
            to_update[changed].append(unit)
    AdminUnit.objects.bulk_create(to_create, batch_size=1000)
    for fields, group in to_update.items():
        AdminUnit.objects.bulk_update(group, fields, batch_size=500)
    units.update(_created_units(to_create))
    updated = sum(len(group) for group in to_update.values())
    report.created += len(to_create)
    report.updated += updated
    report.unchanged += len(level_rows) - len(to_create) - updated


def _apply(unit: AdminUnit, values: dict) -> tuple[str, ...]:
    """Set the values that differ on ``unit``; the names of those fields."""
    changed = tuple(name for name, value in values.items() if getattr(unit, name) != value)
    for name in changed:
        setattr(unit, name, values[name])
    return changed


def _created_units(created: list[AdminUnit]) -> dict[Key, AdminUnit]:
    """Keys of new units with their ids (fetched again where the backend returns none)."""
    if any(unit.pk is None for unit in created):
        levels = {unit.level for unit in created}
        created = list(AdminUnit.objects.filter(level__in=levels))
    return {(u.level, u.code, u.valid_to): u for u in created}


def _era(row: dict) -> str:
    return _validity_text(row["valid_from"], row["valid_to"])


@functools.cache
def _validity_text(valid_from, valid_to) -> str:
    return AdminUnit(valid_from=valid_from, valid_to=valid_to).validity_text


def _add_successions(links: list[dict], units: dict[Key, AdminUnit], report) -> None:
    through = AdminUnit.successors.through
    wanted = {_link_ids(link, units) for link in links}
    existing = set(through.objects.values_list("from_adminunit_id", "to_adminunit_id"))
    missing = sorted(wanted - existing)
    through.objects.bulk_create(
        [through(from_adminunit_id=old, to_adminunit_id=new) for old, new in missing],
        batch_size=1000,
    )
    report.successions_created = len(missing)
    report.successions_existing = len(wanted) - len(missing)


def _link_ids(link: dict, units: dict[Key, AdminUnit]) -> tuple[int, int]:
    old = (link["old_level"], link["old_code"], OLD_VALID_TO)
    new = (link["new_level"], link["new_code"], None)
    for key in (old, new):
        if key not in units:
            raise ValueError(f"Quan hệ kế thừa trỏ tới đơn vị không có: {key[0]} {key[1]}.")
    return units[old].pk, units[new].pk
