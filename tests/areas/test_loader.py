"""Loading the administrative units of both eras: small files for the rules, the full set once."""

import csv
import datetime
import gzip
import io

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.db.models import Count

from areas.loader import load_units
from areas.models import AdminUnit, UnitLevel
from tests.factories import AdminUnitFactory

PRE_END = datetime.date(2025, 6, 30)
POST_START = datetime.date(2025, 7, 1)
UNIT_HEADER = "level,code,name,short_name,kind,parent_level,parent_code,valid_from,valid_to"
SUCCESSION_HEADER = "old_level,old_code,new_level,new_code"

# A made-up province with codes no real unit uses (real provinces stop at 96).
SMALL_UNITS = [
    "province,99,Tỉnh Thử Nghiệm,Thử Nghiệm,Tỉnh,,,,2025-06-30",
    "district,999,Huyện Hạ Hoà Thử,Hạ Hoà Thử,Huyện,province,99,,2025-06-30",
    "commune,99901,Xã Sa Loong Thử,Sa Loong Thử,Xã,district,999,,2025-06-30",
    "province,99,Tỉnh Thử Nghiệm,Thử Nghiệm,Tỉnh,,,2025-07-01,",
    "commune,99999,Xã Hạ Hòa Thử,Hạ Hòa Thử,Xã,province,99,2025-07-01,",
]
SMALL_SUCCESSIONS = [
    "province,99,province,99",
    "district,999,commune,99999",
    "commune,99901,commune,99999",
]


def write_gz(path, header, lines):
    with gzip.open(path, "wt", encoding="utf-8", newline="") as handle:
        handle.write("\n".join([header, *lines]) + "\n")
    return path


@pytest.fixture
def small_files(tmp_path):
    def make(units=SMALL_UNITS, successions=SMALL_SUCCESSIONS):
        return (
            write_gz(tmp_path / "units.csv.gz", UNIT_HEADER, units),
            write_gz(tmp_path / "successions.csv.gz", SUCCESSION_HEADER, successions),
        )

    return make


def test_small_load_builds_tree_search_keys_and_successors(db, small_files):
    report = load_units(*small_files())

    assert (report.created, report.updated, report.successions_created) == (5, 0, 3)
    commune = AdminUnit.objects.get(level=UnitLevel.COMMUNE, code="99901")
    assert commune.parent.code == "999" and commune.parent.parent.code == "99"
    assert commune.full_name == "Xã Sa Loong Thử, Huyện Hạ Hoà Thử, Tỉnh Thử Nghiệm"
    assert commune.search_key == commune.compute_search_key()
    assert (commune.valid_from, commune.valid_to) == (None, PRE_END)
    assert [u.code for u in commune.successors.all()] == ["99999"]
    district = commune.parent
    assert [u.name for u in district.successors.all()] == ["Xã Hạ Hòa Thử"]
    new = AdminUnit.objects.get(code="99999")
    assert (new.valid_from, new.valid_to, new.parent.valid_to) == (POST_START, None, None)


def test_small_load_updates_names_and_childrens_search_keys(db, small_files):
    load_units(*small_files())
    renamed = [line.replace("Thử Nghiệm", "Mới Đổi") for line in SMALL_UNITS]

    report = load_units(*small_files(units=renamed))

    assert (report.created, report.updated, report.unchanged) == (0, 5, 0)
    assert report.successions_existing == 3
    commune = AdminUnit.objects.get(code="99901")
    assert commune.parent.parent.name == "Tỉnh Mới Đổi"
    assert commune.search_key == commune.compute_search_key()
    assert "moi doi" in commune.search_key


def test_small_load_matches_existing_units_by_level_code_and_validity(db, small_files):
    existing = AdminUnitFactory(code="99999", name="Xã Cũ", short_name="Cũ", valid_to=None)
    old_era_twin = AdminUnitFactory(code="99999", name="Xã Khác", valid_to=PRE_END)

    load_units(*small_files())

    existing.refresh_from_db()
    old_era_twin.refresh_from_db()
    assert AdminUnit.objects.filter(code="99999").count() == 2
    assert existing.name == "Xã Hạ Hòa Thử" and existing.parent.code == "99"
    assert old_era_twin.name == "Xã Khác"


def test_successions_to_unknown_units_are_refused_and_nothing_is_kept(db, small_files):
    files = small_files(successions=["commune,99901,commune,99998"])

    with pytest.raises(ValueError, match="99998"):
        load_units(*files)

    assert not AdminUnit.objects.filter(code__in=["99", "999", "99901", "99999"]).exists()


def test_command_prints_a_vietnamese_summary(db, small_files):
    units, successions = small_files()
    out = io.StringIO()

    call_command("load_areas", units=str(units), successions=str(successions), stdout=out)

    text = out.getvalue()
    assert "Thời kỳ hiệu lực đến 30/06/2025: 1 tỉnh, 1 huyện, 1 xã." in text
    assert "Thời kỳ hiệu lực từ 01/07/2025: 1 tỉnh, 1 xã." in text
    assert "Đơn vị hành chính: thêm 5, cập nhật 0, giữ nguyên 0." in text
    assert "Quan hệ kế thừa: thêm 3, đã có 0." in text


def test_command_reports_a_missing_file(db, tmp_path):
    with pytest.raises(CommandError, match="Không tìm thấy tệp dữ liệu"):
        call_command("load_areas", units=str(tmp_path / "khong-co.csv.gz"))


# --- the full data set, loaded once for the tests below --------------------------------------


@pytest.fixture(scope="module")
def full_load(django_db_setup, django_db_blocker):
    """Every unit of both eras, loaded once for this module and rolled back afterwards."""
    with django_db_blocker.unblock(), transaction.atomic():
        report = load_units()
        connection.check_constraints()  # settle deferred FK checks once, not after every test
        yield report
        transaction.set_rollback(True)


def _counts(**filters):
    rows = AdminUnit.objects.filter(**filters).values_list("level", "kind").annotate(n=Count("id"))
    by_level, by_kind = {}, {}
    for level, kind, n in rows:
        by_level[level] = by_level.get(level, 0) + n
        by_kind[level, kind] = n
    return by_level, by_kind


def test_full_load_counts_both_eras(full_load, db):
    pre_levels, pre_kinds = _counts(valid_from__isnull=True, valid_to=PRE_END)
    post_levels, post_kinds = _counts(valid_from=POST_START, valid_to__isnull=True)

    # 696 districts: the official count, which includes five island districts without
    # communes (Bạch Long Vĩ, Cồn Cỏ, Hoàng Sa, Lý Sơn, Côn Đảo) that 0.6.0's enum leaves out.
    assert pre_levels == {"province": 63, "district": 696, "commune": 10051}
    assert post_levels == {"province": 34, "commune": 3321}
    assert AdminUnit.objects.count() == 63 + 696 + 10051 + 34 + 3321
    assert {k: n for (level, k), n in post_kinds.items() if level == "commune"} == {
        "Xã": 2621,
        "Phường": 687,
        "Đặc khu": 13,
    }
    assert pre_kinds["province", "Thành phố trung ương"] == 6
    assert post_kinds["province", "Thành phố trung ương"] == 6
    assert pre_kinds["commune", "Thị trấn"] == 618
    assert full_load.created == 14165 and full_load.successions_created > 14000


def test_full_load_search_keys_and_parents_match_the_model(full_load, db):
    units = AdminUnit.objects.select_related("parent__parent")
    assert all(u.search_key == u.compute_search_key() for u in units)
    assert not AdminUnit.objects.exclude(level=UnitLevel.PROVINCE).filter(parent=None).exists()
    assert not AdminUnit.objects.filter(valid_to__isnull=True, parent__valid_to=PRE_END).exists()
    assert not AdminUnit.objects.filter(valid_to__isnull=True, level=UnitLevel.DISTRICT).exists()


def test_full_load_again_changes_nothing(full_load, db):
    report = load_units()

    assert (report.created, report.updated, report.unchanged) == (0, 0, 14165)
    assert report.successions_created == 0
    assert report.successions_existing == full_load.successions_created
    assert AdminUnit.objects.count() == 14165


def unit(level, code, current):
    return AdminUnit.objects.get(level=level, code=code, valid_to=None if current else PRE_END)


def test_seed_places_exist_in_their_era(full_load, db):
    ha_hoa = unit(UnitLevel.DISTRICT, "231", current=False)
    assert (ha_hoa.name, ha_hoa.short_name, ha_hoa.kind) == ("Huyện Hạ Hoà", "Hạ Hoà", "Huyện")
    assert ha_hoa.parent.name == "Tỉnh Phú Thọ"
    sa_loong = unit(UnitLevel.COMMUNE, "23398", current=False)
    assert sa_loong.full_name == "Xã Sa Loong, Huyện Ngọc Hồi, Tỉnh Kon Tum"
    new_ha_hoa = unit(UnitLevel.COMMUNE, "08053", current=True)
    assert new_ha_hoa.full_name == "Xã Hạ Hòa, Tỉnh Phú Thọ"
    new_sa_loong = unit(UnitLevel.COMMUNE, "23392", current=True)
    assert new_sa_loong.full_name == "Xã Sa Loong, Tỉnh Quảng Ngãi"
    assert unit(UnitLevel.PROVINCE, "01", current=True).kind == "Thành phố trung ương"
    assert unit(UnitLevel.PROVINCE, "01", current=True).short_name == "Hà Nội"


def test_successions_lead_from_old_units_to_new(full_load, db):
    old_sa_loong = unit(UnitLevel.COMMUNE, "23398", current=False)
    assert [u.full_name for u in old_sa_loong.successors.all()] == ["Xã Sa Loong, Tỉnh Quảng Ngãi"]
    ha_hoa = unit(UnitLevel.DISTRICT, "231", current=False)
    assert "08053" in {u.code for u in ha_hoa.successors.all()}
    kon_tum = unit(UnitLevel.PROVINCE, "62", current=False)
    assert [u.name for u in kon_tum.successors.all()] == ["Tỉnh Quảng Ngãi"]
    ly_son = unit(UnitLevel.DISTRICT, "536", current=False)
    assert [u.name for u in ly_son.successors.all()] == ["Đặc khu Lý Sơn"]
    new_units = AdminUnit.objects.filter(valid_to__isnull=True)
    assert not new_units.filter(predecessors=None).exists()
    old_districts = AdminUnit.objects.filter(level=UnitLevel.DISTRICT)
    assert not old_districts.filter(successors=None).exists()


def test_data_files_are_small_and_well_formed():
    from areas.loader import SUCCESSIONS_PATH, UNITS_PATH

    assert UNITS_PATH.stat().st_size < 400_000 and SUCCESSIONS_PATH.stat().st_size < 200_000
    with gzip.open(UNITS_PATH, "rt", encoding="utf-8") as handle:
        assert next(csv.reader(handle)) == UNIT_HEADER.split(",")
