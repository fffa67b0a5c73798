"""The import links each new household to the commune's village exactly as the villages page
resolves its text: every spelling, merged spellings, and the first village in order when two match."""

import unicodedata

import pytest
from django.urls import reverse

from households import villages
from households.models import Household, Village
from tests.households.test_import import _batch, _upload
from tests.households.workbooks import simple_list

pytestmark = pytest.mark.django_db


def _import(client_as, commune_staff, own_unit, upload, rows) -> dict[str, Household]:
    client = client_as(commune_staff)
    _upload(client, own_unit, upload, simple_list(rows))
    client.post(reverse("households:import-commit", args=[_batch().pk]))
    return {h.head_name: h for h in Household.objects.filter(commune=own_unit)}


def test_an_import_links_every_spelling_as_the_villages_page_resolves_it(client_as, commune_staff, own_unit,
                                                                        upload):
    pong = villages.add_village(own_unit, "Thôn Nà Pồng", by=commune_staff)
    villages.map_village_text(pong, "Bản Pồng Cũ", by=commune_staff)  # a spelling merged into it
    three = villages.add_village(own_unit, "Thôn 3", by=commune_staff)
    rows = [
        ["", "Lò Văn Pọm", "Nam", 1975, "Thái", "", "bản pồng cũ", 4, "Hộ nghèo"],
        ["", "Lò Thị Ón", "Nữ", 1980, "Thái", "", unicodedata.normalize("NFD", "NÀ PỒNG  "), 3, "Hộ cận nghèo"],
        ["", "Cầm Văn Xôm", "Nam", 1969, "Thái", "", "Thôn III", 5, "Hộ nghèo"],
        ["", "Quàng Thị Pâng", "Nữ", 1971, "Thái", "", "Thôn 03", 2, "Hộ nghèo"],
        ["", "Tòng Văn Ban", "Nam", 1966, "Thái", "", "Nà Pông", 6, "Hộ nghèo"],  # another tone: not linked
        ["", "Lường Thị Hoa", "Nữ", 1990, "Thái", "", "Thôn", 1, "Hộ nghèo"],  # only a prefix: no village
    ]
    got = _import(client_as, commune_staff, own_unit, upload, rows)
    assert len(got) == len(rows)
    for household in got.values():
        assert household.village_unit == villages.resolve_village(own_unit, household.village)[0], household.village
    assert [got[name].village_unit for name in ("Lò Văn Pọm", "Lò Thị Ón", "Cầm Văn Xôm", "Quàng Thị Pâng",
                                                  "Tòng Văn Ban", "Lường Thị Hoa")] == [
        pong, pong, three, three, None, None]


def test_a_spelling_two_villages_claim_goes_to_the_first_in_order(client_as, commune_staff, own_unit, upload):
    first = villages.add_village(own_unit, "Thôn Khuổi Hẩu", by=commune_staff)
    second = villages.add_village(own_unit, "Thôn Nà Lại", by=commune_staff)
    # Data an administrator left behind: the first village also lists the second's name as a spelling.
    Village.objects.filter(pk=first.pk).update(aliases=["Nà Lại"])
    got = _import(client_as, commune_staff, own_unit, upload,
                  [["", "Lò Văn Pọm", "Nam", 1975, "Thái", "", "Nà Lại", 4, "Hộ nghèo"]])
    assert got["Lò Văn Pọm"].village_unit == villages.resolve_village(own_unit, "Nà Lại")[0] == first != second
