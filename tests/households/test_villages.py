"""A commune's villages as data: spellings meet in one key, unknown villages are flagged and mapped or
added, the page renames and merges, the list filters by village, and existing text becomes villages."""

import importlib
import unicodedata

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.urls import reverse

from audit.models import AuditEntry
from households import villages
from households.models import Household, Village, village_key
from tests.households.factories import HouseholdFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("text", [
    "Thôn Nà Pồng", "thôn Nà Pồng", "Nà Pồng", "Bản Nà Pồng", "  Nà   Pồng  ", "THÔN NÀ PỒNG",
    unicodedata.normalize("NFD", "Thôn Nà Pồng"), "Thôn Nà Pồng\u00a0", "Xóm Nà Pồng", "Tổ dân phố Nà Pồng",
])
def test_every_spelling_of_a_village_has_one_key(text):
    assert village_key(text) == village_key("Nà Pồng") != ""


def test_old_and_new_tone_placement_meet_but_different_tones_do_not():
    assert village_key("Thôn Hoà Bình") == village_key("thôn Hòa Bình")
    assert village_key("Xóm Đông") != village_key("Xóm Đồng") != village_key("Xóm Dông")


@pytest.mark.parametrize("text", ["Thôn 3", "Thôn 03", "thôn III", "Tổ dân phố 3", "TDP 03", "Tổ 3", "Ấp 3"])
def test_numbered_villages_meet_whatever_the_prefix_or_zero_or_roman_numeral(text):
    assert village_key(text) == "3"


@pytest.mark.parametrize("text", ["", "   ", "Thôn", None, "—"])
def test_a_text_with_no_name_has_no_key(text):
    assert village_key(text) in ("", "thôn")


def test_different_villages_keep_different_keys():
    assert len({village_key(t) for t in ["Thôn 1", "Thôn 11", "Thôn Vi", "Nà Pồng", "Nà Phặc", "Bản Mới"]}) == 6


def test_resolve_finds_the_village_by_any_spelling_and_suggests_a_near_one(own_unit, commune_staff):
    pong = villages.add_village(own_unit, "Thôn Nà Pồng", by=commune_staff)
    assert villages.resolve_village(own_unit, "bản  NÀ PỒNG ") == (pong, None)
    assert villages.resolve_village(own_unit, "Thôn Nà Pông") == (None, pong)
    assert villages.resolve_village(own_unit, "thon na pong") == (None, pong)
    assert villages.resolve_village(own_unit, "Thôn Khuổi Khon") == (None, None)
    assert villages.resolve_village(own_unit, "") == (None, None)


def test_adding_a_spelling_of_a_listed_village_returns_it(own_unit, commune_staff):
    first = villages.add_village(own_unit, "Thôn Nà Pồng", by=commune_staff)
    again = villages.add_village(own_unit, unicodedata.normalize("NFD", "nà pồng "), by=commune_staff)
    second = villages.add_village(own_unit, "Thôn 3", by=commune_staff)
    assert again == first and second.number == 2 and Village.objects.count() == 2


def test_a_village_name_that_is_only_a_prefix_is_refused(own_unit, commune_staff):
    with pytest.raises(ValidationError):
        villages.add_village(own_unit, "  ", by=commune_staff)


def test_adding_a_village_links_households_written_that_way(own_unit, commune_staff):
    written = HouseholdFactory(commune=own_unit, village="thôn Nà  Pồng")
    village = villages.add_village(own_unit, "Nà Pồng", by=commune_staff)
    written.refresh_from_db()
    assert written.village_unit == village and written.village == "thôn Nà  Pồng"  # the text is kept


def test_a_mapped_spelling_means_that_village_in_later_lists(own_unit, commune_staff):
    village = villages.add_village(own_unit, "Thôn Nà Pồng", by=commune_staff)
    villages.map_village_text(village, "Nà Pòng", by=commune_staff)
    assert villages.resolve_village(own_unit, "Thôn Nà Pòng")[0] == village


def test_merge_moves_households_and_keeps_the_dropped_spelling(own_unit, commune_staff):
    keep = villages.add_village(own_unit, "Thôn Nà Pồng", by=commune_staff)
    drop = villages.add_village(own_unit, "Thôn Nà Pông", by=commune_staff)
    moved = HouseholdFactory(commune=own_unit, village="Nà Pông", village_unit=drop)
    villages.merge_villages(keep, drop, by=commune_staff)
    moved.refresh_from_db()
    assert moved.village_unit == keep and not Village.objects.filter(pk=drop.pk).exists()
    assert villages.resolve_village(own_unit, "Nà Pông")[0] == keep
    assert AuditEntry.objects.filter(object_repr__contains="Gộp thôn").exists()


def test_rename_onto_another_village_is_refused_and_the_old_name_still_resolves(own_unit, commune_staff):
    one = villages.add_village(own_unit, "Thôn 1", by=commune_staff)
    villages.add_village(own_unit, "Thôn 2", by=commune_staff)
    with pytest.raises(ValidationError):
        villages.rename_village(one, "thôn 02", by=commune_staff)
    villages.rename_village(one, "Thôn Đoàn Kết", by=commune_staff)
    assert villages.resolve_village(own_unit, "Thôn 01")[0] == one


def test_another_communes_staff_cannot_touch_the_list(own_unit, other_unit, commune_staff):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        villages.add_village(other_unit, "Thôn 1", by=commune_staff)


def test_the_page_proposes_the_households_villages_and_the_officer_confirms(client_as, commune_staff, own_unit):
    for text in ["Thôn Nà Pồng", "thôn Nà Pồng ", "Bản Nà Pồng", "Thôn  Nà Pồng", "Thôn 03", "thôn 3",
                 "=HYPERLINK(1)"]:
        HouseholdFactory(commune=own_unit, village=text)
    client = client_as(commune_staff)
    page = client.get(reverse("households:village-list")).content.decode()
    assert "Thôn Nà Pồng" in page and "=HYPERLINK(1)" in page
    response = client.post(reverse("households:village-add-all"), {"commune": own_unit.pk})
    assert response.status_code == 302
    assert sorted(Village.objects.values_list("name", flat=True)) == ["=HYPERLINK(1)", "Thôn 03", "Thôn Nà Pồng"]
    assert not Household.objects.filter(commune=own_unit, village_unit__isnull=True).exists()


@pytest.mark.parametrize("url, data", [
    ("households:village-add", {"name": ""}),
    ("households:village-add", {"name": "x" * 500}),
    ("households:village-merge", {"keep": "abc", "drop": "-1"}),
    ("households:village-map", {"text": "", "village": "999999"}),
    ("households:code-rule", {"pattern": "{xa}-{thon}"}),
    ("households:code-rule", {"pattern": "{xa}-{nope}-{stt}"}),
    ("households:code-rule", {"pattern": "{stt}}"}),
])
def test_bad_posts_on_the_villages_page_are_messages_never_errors(client_as, commune_staff, own_unit, url, data):
    response = client_as(commune_staff).post(reverse(url), {"commune": own_unit.pk, **data}, follow=True)
    assert response.status_code == 200
    assert list(response.context["messages"])


def test_a_foreign_commune_on_the_villages_page_is_not_found(client_as, commune_staff, other_unit):
    client = client_as(commune_staff)
    assert client.get(reverse("households:village-list"), {"commune": other_unit.pk}).status_code == 404
    assert client.get(reverse("households:village-list"), {"commune": "x'"}).status_code == 404
    assert client.post(reverse("households:village-add"), {"commune": other_unit.pk, "name": "A"}).status_code == 404


def test_rename_and_merge_through_the_page(client_as, commune_staff, own_unit):
    keep = villages.add_village(own_unit, "Thôn 1", by=commune_staff)
    drop = villages.add_village(own_unit, "Thôn Một", by=commune_staff)
    client = client_as(commune_staff)
    client.post(reverse("households:village-rename", args=[keep.pk]), {"name": " Thôn  Đoàn Kết "})
    client.post(reverse("households:village-merge"), {"commune": own_unit.pk, "keep": keep.pk, "drop": drop.pk})
    keep.refresh_from_db()
    assert keep.name == "Thôn Đoàn Kết" and list(Village.objects.all()) == [keep]


def test_the_household_list_filters_by_a_village_of_the_list(client_as, commune_staff, own_unit):
    village = villages.add_village(own_unit, "Thôn Nà Pồng", by=commune_staff)
    HouseholdFactory(commune=own_unit, head_name="Lục Văn Hải", village="bản Nà Pồng", village_unit=village)
    HouseholdFactory(commune=own_unit, head_name="Hoàng Văn Tú", village="Thôn 2")
    client = client_as(commune_staff)
    page = client.get(reverse("households:household-list"), {"village": village.pk}).content.decode()
    assert "Lục Văn Hải" in page and "Hoàng Văn Tú" not in page
    assert f'<option value="{village.pk}"' in client.get(reverse("households:household-list")).content.decode()
    assert client.get(reverse("households:household-list"), {"village": "99999999"}).status_code == 200


def test_the_migration_makes_villages_from_the_households_text(own_unit, other_unit):
    for text in ["Thôn 10", "thôn 2", "Thôn 02", "Thôn 02", "Bản Nà Pồng", "Nà Pồng", "Nà Pồng", " "]:
        HouseholdFactory(commune=own_unit, village=text)
    HouseholdFactory(commune=other_unit, village="Thôn 2")
    migration = importlib.import_module("households.migrations.0014_villages_from_household_text")
    migration.create_villages(apps, None)
    own = list(Village.objects.filter(commune=own_unit).values_list("number", "name"))
    assert own == [(1, "Thôn 02"), (2, "Thôn 10"), (3, "Nà Pồng")]
    assert Village.objects.filter(commune=other_unit).count() == 1
    assert list(Household.objects.filter(village_unit__isnull=True).values_list("village", flat=True)) == [" "]
