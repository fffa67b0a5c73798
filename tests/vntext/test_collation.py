"""Vietnamese alphabetical order in Python: đ after d, ư after u, tones in dictionary order."""

import pytest
from django.db import connection

from vntext.collation import vi_sort_key

NAMES = ["Đan", "Dương", "Ân", "Ăn", "An", "Anh", "An Bình", "Ư", "Uyên", "Ba", "bà", "Bá", "Bạ", "Bả", "Bã",
         "Bà", "Ơn", "Ôn", "On", "Xã Đồng Xuân", "Xã Dị Nậu", "Y Bluêk", "Hà", "Hạ Hòa", "Hải", "Hà Giang"]


def test_letters_before_tones_before_case():
    assert sorted(["Đan", "Dương", "Dung"], key=vi_sort_key) == ["Dung", "Dương", "Đan"]
    assert sorted(["Ư", "Uyên", "Ơn", "Ôn", "On"], key=vi_sort_key) == ["On", "Ôn", "Ơn", "Uyên", "Ư"]
    assert sorted(["Ân", "Ăn", "An"], key=vi_sort_key) == ["An", "Ăn", "Ân"]
    assert sorted(["Bạ", "Bá", "Bã", "Bả", "Bà", "Ba"], key=vi_sort_key) == ["Ba", "Bà", "Bả", "Bã", "Bá", "Bạ"]
    assert sorted(["Bà", "bà"], key=vi_sort_key) == ["bà", "Bà"]
    assert sorted(["Anh", "An Bình"], key=vi_sort_key) == ["An Bình", "Anh"]


@pytest.mark.parametrize("text", ["Hạ Hòa", "Ha\u0323 Ho\u0300a", "  Hạ   Hòa "])
def test_nfd_and_stray_spaces_sort_with_their_nfc_form(text):
    assert vi_sort_key(text) == vi_sort_key("Hạ Hòa")


def test_empty_and_none_sort_first():
    assert sorted(["An", "", None], key=vi_sort_key) == ["", None, "An"]


@pytest.mark.django_db
def test_same_order_as_postgresql_icu():
    if connection.vendor != "postgresql":
        pytest.skip("the vi-x-icu collation is PostgreSQL's")
    with connection.cursor() as cursor:
        cursor.execute("SELECT n FROM unnest(%s::text[]) AS n ORDER BY n COLLATE \"vi-x-icu\"", [NAMES])
        icu = [row[0] for row in cursor.fetchall()]
    assert sorted(NAMES, key=vi_sort_key) == icu
