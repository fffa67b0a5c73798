import datetime

import pytest
from django.template import Context, Template


def render(source: str, **context) -> str:
    return Template("{% load vn %}" + source).render(Context(context))


def test_vnd_formats_figures_and_leaves_none_empty():
    assert render("{{ a|vnd }}", a=132_000_000) == "132.000.000"
    assert render("[{{ a|vnd }}]", a=None) == "[]"
    assert render("[{{ missing|vnd }}]") == "[]"


def test_money_words_reads_the_amount_with_chan():
    assert render("{{ a|money_words }}", a=132_000_000) == "Một trăm ba mươi hai triệu đồng chẵn"


def test_money_words_can_drop_chan():
    assert render("{{ a|money_words:False }}", a=15_000_000) == "Mười lăm triệu đồng"


def test_money_words_leaves_none_empty():
    assert render("[{{ a|money_words }}]", a=None) == "[]"


def test_money_words_refuses_a_float_rather_than_guess():
    with pytest.raises(TypeError):
        render("{{ a|money_words }}", a=1.5)


def test_vn_date_writes_the_date_in_full():
    assert render("{{ d|vn_date }}", d=datetime.date(2024, 1, 5)) == "ngày 05 tháng 01 năm 2024"
    assert render("[{{ d|vn_date }}]", d=None) == "[]"


def test_short_date_pads_day_and_month():
    assert render("{{ d|short_date }}", d=datetime.date(2023, 5, 12)) == "12/05/2023"
    assert render("[{{ d|short_date }}]", d=None) == "[]"


def test_date_filters_read_an_aware_datetime_in_local_time(settings):
    settings.TIME_ZONE = "Asia/Ho_Chi_Minh"
    late_utc = datetime.datetime(2023, 12, 31, 20, 0, tzinfo=datetime.UTC)
    assert render("{{ d|short_date }}", d=late_utc) == "01/01/2024"
