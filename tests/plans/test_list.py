"""The plan list's rows, written by a Jinja2 fragment: escaped, labelled, dated in local time."""

import datetime
import re

import pytest
from django.utils import timezone

from plans.models import Plan

pytestmark = pytest.mark.django_db


def _items(html: str) -> list[str]:
    return re.findall(r'<a class="list-group-item list-group-item-action"[^>]*>.*?</a>', html, flags=re.S)


def test_a_plan_row_shows_title_status_kind_year_and_local_update_time(client_as, officer, plan):
    noon_utc = datetime.datetime(2026, 3, 5, 17, 30, tzinfo=datetime.UTC)
    Plan.objects.filter(pk=plan.pk).update(title="Kế hoạch <b>đối thoại</b> & tiếp xúc", updated_at=noon_utc)
    html = client_as(officer).get("/ke-hoach/").content.decode()
    [item] = _items(html)
    assert f'href="/ke-hoach/{plan.pk}/"' in item
    assert "Kế hoạch &lt;b&gt;đối thoại&lt;/b&gt; &amp; tiếp xúc" in item and "<b>đối" not in item
    local = timezone.localtime(noon_utc).strftime("%d/%m/%Y %H:%M")
    assert f"cập nhật {local}" in item and "năm 2026" in item and "06/03/2026 00:30" == local
    assert plan.get_status_display() in item and plan.get_kind_display() in item


def test_a_plan_without_a_title_says_so(client_as, officer, plan):
    Plan.objects.filter(pk=plan.pk).update(title="")
    [item] = _items(client_as(officer).get("/ke-hoach/").content.decode())
    assert "(chưa có trích yếu)" in item
