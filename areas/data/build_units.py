"""Build ``units.csv.gz`` and ``successions.csv.gz`` from the ``vietnam-provinces`` wheels.

Developer script, not run in CI. Unzip the two wheels, then from the project root run:

    .venv/bin/python areas/data/build_units.py \\
        --old /tmp/vp/x06/vietnam_provinces --new /tmp/vp/x26/vietnam_provinces

``--old`` is version 0.6.0 (pre-reform list as of 2025-01-04), ``--new`` is 2026.9.0
(post-reform list, its ``legacy`` module and the 2025 conversion tables). The 2026.x package
needs Python 3.12, so nothing is imported from it: JSON is parsed and the ``.py`` data tables
are evaluated from their syntax tree with stand-in constructors. See README.md in this folder.
"""

import argparse
import ast
import csv
import gzip
import io
import json
import logging
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path
from types import SimpleNamespace

log = logging.getLogger("build_units")

HERE = Path(__file__).resolve().parent
OLD_ERA = {"valid_from": "", "valid_to": "2025-06-30"}
NEW_ERA = {"valid_from": "2025-07-01", "valid_to": ""}
CODE_WIDTH = {"province": 2, "district": 3, "commune": 5}
UNIT_COLUMNS = [
    "level", "code", "name", "short_name", "kind",
    "parent_level", "parent_code", "valid_from", "valid_to",
]  # fmt: skip
SUCCESSION_COLUMNS = ["old_level", "old_code", "new_level", "new_code"]
EXPECTED = {
    "pre": {"province": 63, "district": 696, "commune": 10051},
    "post": {"province": 34, "commune": 3321},
}


# --- reading the package files ------------------------------------------------------------


class _Codes:
    """Stands in for ``ProvinceCode``/``WardCode``…: ``P_01`` → 1."""

    def __getattr__(self, member: str) -> int:
        return int(member.rsplit("_", 1)[1])


class _Names(dict):
    """Names seen while evaluating a data table: every constructor becomes a plain tuple."""

    def __init__(self, division_types: dict[str, str]):
        super().__init__()
        self.division_types = SimpleNamespace(**division_types)

    def __missing__(self, name: str):
        if name == "VietNamDivisionType":
            return self.division_types
        if name.endswith("Code"):
            return _Codes()
        return lambda *args: args


def _module_tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def division_types(base_py: Path) -> dict[str, str]:
    """``VietNamDivisionType`` members of a ``base.py``: ``{"TINH": "tỉnh", …}``."""
    for node in _module_tree(base_py).body:
        if isinstance(node, ast.ClassDef) and node.name == "VietNamDivisionType":
            return {
                item.targets[0].id: item.value.value
                for item in node.body
                if isinstance(item, ast.Assign) and isinstance(item.value, ast.Constant)
            }
    raise SystemExit(f"No VietNamDivisionType in {base_py}")


def read_table(path: Path, name: str, types: dict[str, str] | None = None):
    """Evaluate the literal table ``name`` of a data module in an isolated namespace."""
    for node in _module_tree(path).body:
        target = getattr(node, "target", None) or (getattr(node, "targets", None) or [None])[0]
        if isinstance(target, ast.Name) and target.id == name:
            code = compile(ast.Expression(node.value), str(path), "eval")
            # Literal tables only: no builtins, unknown names become tuple constructors.
            return eval(code, {"__builtins__": {}}, _Names(types or {}))
    raise SystemExit(f"No table {name} in {path}")


def package_version(package: Path) -> str:
    match = re.search(r"__version__ = '([^']+)'", (package / "__init__.py").read_text("utf-8"))
    return match.group(1) if match else "?"


# --- building unit rows ---------------------------------------------------------------------


def clean_name(name: str) -> str:
    """NFC, single spaces, and the ASCII apostrophe the NSO lists use (``Ea H'Leo``)."""
    text = unicodedata.normalize("NFC", name).replace("\u2019", "'")
    return " ".join(text.split())


def kind_of(division_type: str) -> str:
    return division_type[:1].upper() + division_type[1:]


def unit_row(level, code, name, division_type, parent, era) -> dict:
    """One output row; the name must start with its kind word (minus "trung ương")."""
    name, kind = clean_name(name), kind_of(division_type)
    prefix = kind.removesuffix(" trung ương") + " "
    if not name.lower().startswith(prefix.lower()):
        raise SystemExit(f"{level} {code}: name {name!r} does not start with kind {kind!r}")
    if not name.startswith(prefix):
        log.info(f"  {level} {code}: kind word recased, {name!r} → {prefix + name[len(prefix) :]!r}")
        name = prefix + name[len(prefix) :]
    return {
        "level": level,
        "code": f"{int(code):0{CODE_WIDTH[level]}d}",
        "name": name,
        "short_name": name[len(prefix) :],
        "kind": kind,
        "parent_level": parent["level"] if parent else "",
        "parent_code": parent["code"] if parent else "",
        **era,
    }


def legacy_types(new_pkg: Path) -> dict[tuple[str, int], tuple[str, str]]:
    """(level, code) → (name, division type) from the 2026 package's ``legacy`` module."""
    legacy = new_pkg / "legacy"
    types = division_types(legacy / "base.py")
    found = {}
    for level, table in [
        ("province", "PROVINCE_MAPPING"),
        ("district", "DISTRICT_MAPPING"),
        ("commune", "WARD_MAPPING"),
    ]:
        for code, item in read_table(legacy / "_lookup.py", table, types).items():
            found[(level, code)] = (item[0], item[2])
    return found


def pre_reform_units(old_pkg: Path, new_pkg: Path) -> list[dict]:
    """Names and tree from 0.6.0; kinds from the 2026 ``legacy`` module (0.6.0 has none)."""
    nested = json.loads((old_pkg / "data" / "nested-divisions.json").read_text("utf-8"))
    legacy = legacy_types(new_pkg)
    rows, renamed = [], []

    def add(level, item, parent):
        legacy_name, division_type = legacy[(level, item["code"])]
        if clean_name(legacy_name) != clean_name(item["name"]):
            renamed.append(f"{level} {item['code']}: {item['name']!r} vs {legacy_name!r}")
        row = unit_row(level, item["code"], item["name"], division_type, parent, OLD_ERA)
        rows.append(row)
        return row

    for province in nested:
        prow = add("province", province, None)
        for district in province["districts"]:
            drow = add("district", district, prow)
            for ward in district["wards"]:
                add("commune", ward, drow)
    for line in renamed:
        log.info(f"  0.6.0 and 2026 legacy differ, kept 0.6.0: {line}")
    return rows


def post_reform_units(new_pkg: Path) -> list[dict]:
    """The 34 provinces and their communes as of 2025-07-01 (the JSON files)."""
    nested = json.loads((new_pkg / "data" / "nested-divisions.json").read_text("utf-8"))
    rows = []
    for province in nested:
        prow = unit_row(
            "province", province["code"], province["name"], province["division_type"],
            None, NEW_ERA,
        )  # fmt: skip
        rows.append(prow)
        for ward in province["wards"]:
            rows.append(
                unit_row(
                    "commune", ward["code"], ward["name"], ward["division_type"], prow, NEW_ERA
                )
            )
    return rows


# --- successions ----------------------------------------------------------------------------


def _code(level: str, code: int) -> str:
    return f"{code:0{CODE_WIDTH[level]}d}"


def _index(rows: list[dict]) -> dict[tuple[str, str], dict]:
    return {(row["level"], row["code"]): row for row in rows}


def commune_successions(new_pkg, old, new) -> tuple[set, set, set]:
    """Old commune → new communes, plus what they imply for old districts and provinces.

    The hierarchy of the old commune comes from the 0.6.0 list, not from the conversion
    table, whose province codes are wrong for two rows. Communes created between 2025-01-04
    and 2025-06-30 are absent from 0.6.0; they still count for their district.
    """
    table = read_table(new_pkg / "_ward_conversion_2025.py", "OLD_TO_NEW")
    communes, districts, provinces = set(), set(), set()
    for (code, district_code, _province, _partly), targets in table.values():
        district = old[("district", _code("district", district_code))]
        commune = old.get(("commune", _code("commune", code)))
        if commune is not None:
            district = old[("district", commune["parent_code"])]
        for new_code, _new_province in targets:
            target = new[("commune", _code("commune", new_code))]
            if commune is not None:
                communes.add(("commune", commune["code"], "commune", target["code"]))
            districts.add(("district", district["code"], "commune", target["code"]))
            provinces.add(("province", district["parent_code"], "province", target["parent_code"]))
    return communes, districts, provinces


def island_districts(old, new, districts, provinces) -> set:
    """Districts without communes (Lý Sơn, Côn Đảo…) → the đặc khu of the same name."""
    found = set()
    covered = {link[1] for link in districts}
    for (level, code), row in old.items():
        if level != "district" or code in covered:
            continue
        targets = {link[3] for link in provinces if link[1] == row["parent_code"]}
        for (nlevel, ncode), nrow in new.items():
            same = nrow["short_name"] == row["short_name"] and nrow["parent_code"] in targets
            if nlevel == "commune" and same:
                found.add(("district", code, "commune", ncode))
    return found


def successions(new_pkg: Path, old_rows: list[dict], new_rows: list[dict]) -> list[tuple]:
    old, new = _index(old_rows), _index(new_rows)
    communes, districts, provinces = commune_successions(new_pkg, old, new)
    districts |= island_districts(old, new, districts, provinces)
    compare_province_table(new_pkg, provinces)
    report_gaps(old, new, communes | districts)
    return sorted(communes | districts | provinces)


def compare_province_table(new_pkg: Path, derived: set) -> None:
    table = read_table(new_pkg / "_province_conversion_2025.py", "OLD_TO_NEW")
    listed = {
        ("province", _code("province", old[0]), "province", _code("province", new[0]))
        for old, targets in table.values()
        for new in targets
    }
    for link in sorted(listed - derived):
        log.info(f"  province table link not backed by any commune, dropped: {link}")
    for link in sorted(derived - listed):
        log.info(f"  province link derived from communes, missing in table: {link}")


def report_gaps(old, new, links) -> None:
    sources = {(link[0], link[1]) for link in links}
    targets = {link[3] for link in links}
    orphans = [key for key in old if key[0] != "province" and key not in sources]
    newborn = [key for key in new if key[0] == "commune" and key[1] not in targets]
    log.info(f"  old units without successor: {len(orphans)} {sorted(c for _, c in orphans)}")
    log.info(f"  new communes without predecessor: {len(newborn)}")


# --- output ---------------------------------------------------------------------------------


def write_csv_gz(path: Path, header: list[str], rows) -> None:
    """Deterministic gzip (no timestamp) so unchanged data gives an unchanged file."""
    with open(path, "wb") as raw, gzip.GzipFile("", "wb", 9, raw, mtime=0) as packed:
        with io.TextIOWrapper(packed, encoding="utf-8", newline="") as text:
            writer = csv.writer(text, lineterminator="\n")
            writer.writerow(header)
            for row in rows:
                writer.writerow([row[c] for c in header] if isinstance(row, dict) else row)
    log.info(f"  wrote {path} ({path.stat().st_size:,} bytes)")


def check_counts(era: str, rows: list[dict]) -> None:
    counts = Counter(row["level"] for row in rows)
    kinds = Counter(row["kind"] for row in rows if row["level"] == "commune")
    log.info(f"  {era}: {dict(counts)} communes by kind {dict(kinds)}")
    if dict(counts) != EXPECTED[era]:
        log.warning(f"  expected {EXPECTED[era]}")


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--old", type=Path, default=Path("/tmp/vp/x06/vietnam_provinces"))
    parser.add_argument("--new", type=Path, default=Path("/tmp/vp/x26/vietnam_provinces"))
    parser.add_argument("--out", type=Path, default=HERE)
    return parser.parse_args(argv)


def main(argv=None) -> None:
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    args = parse_args(argv)
    log.info(f"vietnam-provinces {package_version(args.old)} (old), {package_version(args.new)} (new)")
    old_rows = pre_reform_units(args.old, args.new)
    new_rows = post_reform_units(args.new)
    check_counts("pre", old_rows)
    check_counts("post", new_rows)
    links = successions(args.new, old_rows, new_rows)
    by_level = defaultdict(int)
    for link in links:
        by_level[f"{link[0]}→{link[2]}"] += 1
    log.info(f"  successions: {dict(by_level)}")
    write_csv_gz(args.out / "units.csv.gz", UNIT_COLUMNS, old_rows + new_rows)
    write_csv_gz(args.out / "successions.csv.gz", SUCCESSION_COLUMNS, links)


if __name__ == "__main__":
    main(sys.argv[1:])
