"""Finding units as people type them, over the full data set of both eras."""

import datetime
import unicodedata

import pytest
from django.db import connection, transaction

from areas.loader import load_units
from areas.models import AdminUnit, UnitLevel

PRE_END = datetime.date(2025, 6, 30)


@pytest.fixture(scope="module")
def full_load(django_db_setup, django_db_blocker):
    """Every unit of both eras, loaded once for this module and rolled back afterwards."""
    with django_db_blocker.unblock(), transaction.atomic():
        report = load_units()
        connection.check_constraints()  # settle deferred FK checks once, not after every test
        yield report
        transaction.set_rollback(True)


def found(text, **filters):
    """(level, code, still current) of every unit the search returns."""
    units = AdminUnit.objects.filter(**filters).search(text)
    return {(u.level, u.code, u.valid_to is None) for u in units}


HA_HOA_DISTRICT = (UnitLevel.DISTRICT, "231", False)
HA_HOA_COMMUNE = (UnitLevel.COMMUNE, "08053", True)
OLD_SA_LOONG = (UnitLevel.COMMUNE, "23398", False)
NEW_SA_LOONG = (UnitLevel.COMMUNE, "23392", True)


@pytest.mark.parametrize(
    "text",
    ["ha hoa", "Hạ Hoà", "HẠ HÒA", unicodedata.normalize("NFD", "Hạ Hòa"), "  hạ   hoa "],
)
def test_search_ignores_accents_case_and_tone_placement(full_load, db, text):
    results = found(text)

    assert {HA_HOA_DISTRICT, HA_HOA_COMMUNE} <= results


def test_search_with_province_tells_namesakes_apart(full_load, db):
    assert {OLD_SA_LOONG, NEW_SA_LOONG} <= found("sa loong")
    assert found("sa loong quang ngai") == {NEW_SA_LOONG}
    assert found("Sa Loong, Kon Tum") == {OLD_SA_LOONG}
    assert found("sa loong ngoc hoi") == {OLD_SA_LOONG}


def test_search_tells_apart_a_commune_name_used_in_two_provinces(full_load, db):
    # After the reform, "Xã Đức Lập" exists in both Lâm Đồng and Tây Ninh.
    current = AdminUnit.objects.filter(valid_to__isnull=True, level=UnitLevel.COMMUNE)
    namesakes = current.filter(name="Xã Đức Lập")
    assert sorted(u.parent.short_name for u in namesakes) == ["Lâm Đồng", "Tây Ninh"]

    in_lam_dong = current.search("duc lap lam dong")
    in_tay_ninh = current.search("Đức Lập, Tây Ninh")

    assert [u.parent.short_name for u in in_lam_dong] == ["Lâm Đồng"]
    assert [u.parent.short_name for u in in_tay_ninh] == ["Tây Ninh"]


def test_search_within_an_era(full_load, db):
    before = {"pk__in": AdminUnit.objects.active_on(datetime.date(2024, 5, 1))}
    after = {"pk__in": AdminUnit.objects.active_on(datetime.date(2025, 7, 1))}

    assert found("sa loong", **before) == {OLD_SA_LOONG}
    assert found("sa loong", **after) == {NEW_SA_LOONG}
    assert HA_HOA_DISTRICT in found("huyen ha hoa", **before)
    assert not found("huyen ha hoa", **after)


def test_search_matches_word_starts_not_the_middle_of_words(full_load, db):
    # "ha" must not match inside "thanh", nor "hoa" inside "Thanh Hóa".
    results = AdminUnit.objects.search("ha hoa")
    assert not results.filter(name="Tỉnh Thanh Hóa").exists()
    first = {(u.level, u.code, u.valid_to is None) for u in results[:8]}
    assert {HA_HOA_DISTRICT, HA_HOA_COMMUNE} <= first
