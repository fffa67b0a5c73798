"""Plans: the role × own/other unit × URL × method matrix, and the views' answers to bad input."""

import pytest
from django.urls import reverse

from areas.models import Role
from plans.models import PlanKind
from plans.services import create_plan
from tests.factories import AssignmentFactory

ROLES = [Role.PLANNER, Role.COMMUNE_STAFF, Role.FINANCE, Role.LEADER, Role.ADMIN]


@pytest.fixture
def plans(plan, other_body, db):
    from tests.factories import UserFactory

    outsider = UserFactory()
    AssignmentFactory(user=outsider, unit=other_body.unit, role=Role.PLANNER)
    other = create_plan(kind=PlanKind.COMMUNE_DIALOGUE, issuing_body=other_body, year=2026,
                        by=outsider)
    return {"own": plan, "other": other}


def _url(name, plan, block=False):
    if block:
        return reverse(name, args=[plan.pk, plan.blocks.first().pk])
    return reverse(name, args=[plan.pk])


# (url name, own/other, method, data) → expected status per role (ROLES order)
MATRIX = [
    ("plans:plan-detail", "own", "get", None, [200, 200, 200, 200, 200]),
    ("plans:plan-detail", "other", "get", None, [404, 404, 404, 404, 200]),
    ("plans:plan-edit", "own", "get", None, [200, 200, 200, 200, 200]),
    ("plans:plan-edit", "other", "get", None, [404, 404, 404, 404, 200]),
    ("plans:plan-preview", "own", "get", None, [200, 200, 200, 200, 200]),
    ("plans:plan-checks", "own", "get", None, [200, 200, 200, 200, 200]),
    ("plans:plan-pdf", "other", "get", None, [404, 404, 404, 404, 200]),
    ("plans:plan-history", "own", "get", None, [200, 200, 200, 200, 200]),
    ("plans:header-save", "own", "post", {"title": "Mới"}, [200, 403, 403, 403, 200]),
    ("plans:header-save", "other", "post", {"title": "Mới"}, [404, 404, 404, 404, 200]),
    ("plans:block-save", "own", "post", {"text": "Sửa"}, [204, 403, 403, 403, 204]),
    ("plans:block-add", "own", "post", {}, [200, 403, 403, 403, 200]),
    ("plans:plan-submit", "own", "post", {}, [302, 403, 403, 403, 302]),
    ("plans:plan-approve", "own", "post", {}, [403, 403, 403, 403, 403]),
]


@pytest.mark.parametrize("role_index,role", list(enumerate(ROLES)))
@pytest.mark.parametrize("name,where,method,data,expected", MATRIX)
def test_permission_matrix(client, plans, own_unit, role_index, role, name, where, method, data,
                           expected):
    client.force_login(AssignmentFactory(role=role, unit=own_unit).user)
    url = _url(name, plans[where], block=name == "plans:block-save")
    response = client.post(url, data or {}) if method == "post" else client.get(url)
    assert response.status_code == expected[role_index]


def test_list_shows_only_visible_plans_and_filters(client, plans, officer):
    client.force_login(officer)
    page = client.get(reverse("plans:plan-list"), {"q": "doi thoai", "year": 2026}).content.decode()
    assert plans["own"].title in page and plans["other"].title not in page
    bad = client.get(reverse("plans:plan-list"), {"year": "abc", "status": "<script>"})
    assert bad.status_code == 200


def test_create_through_the_form_and_refuse_a_body_of_another_unit(client, officer, body,
                                                                   other_body):
    client.force_login(officer)
    response = client.post(reverse("plans:plan-create"),
                           {"kind": "commune_dialogue", "issuing_body": body.pk, "year": 2026})
    assert response.status_code == 302
    refused = client.post(reverse("plans:plan-create"),
                          {"kind": "commune_dialogue", "issuing_body": other_body.pk, "year": 2026})
    assert refused.status_code == 200
    assert "Cơ quan ban hành không hợp lệ" in refused.content.decode()


def test_html_in_any_field_stays_text(client, plan, officer):
    client.force_login(officer)
    form = {"title": "<script>alert(1)</script>", "year": 2026, "authority": "deputy",
            "recipients": "Lưu: VT", "signer_name": "<b>Vũ</b>"}
    assert client.post(reverse("plans:header-save", args=[plan.pk]), form).status_code == 200
    plan.refresh_from_db()
    assert plan.title == "<script>alert(1)</script>"
    page = client.get(reverse("plans:plan-preview", args=[plan.pk])).content.decode()
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page


def test_overlong_block_text_answers_422_with_the_reason(client, plan, officer):
    client.force_login(officer)
    url = reverse("plans:block-save", args=[plan.pk, plan.blocks.first().pk])
    response = client.post(url, {"text": "x" * 20_001})
    assert response.status_code == 422 and "tối đa" in response.content.decode()


def test_bad_issue_date_and_compare_choices_never_500(client, plan, officer, leader):
    client.force_login(leader)
    assert client.post(reverse("plans:plan-issue", args=[plan.pk]), {"issue_date": "31/02"}).status_code == 302
    client.force_login(officer)
    assert client.get(reverse("plans:plan-compare", args=[plan.pk]), {"a": "x"}).status_code == 302


def test_the_plan_list_makes_the_same_number_of_queries_for_10_or_40_plans(client, officer, body):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(officer)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("plans:plan-list")).status_code == 200
        return len(queries)

    for _ in range(10):
        create_plan(kind=PlanKind.BLANK, issuing_body=body, year=2026, by=officer)
    few = count()
    for _ in range(30):
        create_plan(kind=PlanKind.BLANK, issuing_body=body, year=2026, by=officer)
    assert count() == few


def test_the_plan_list_writes_each_plan_escaped_with_its_number_status_and_selected_filters(client, officer, body):
    plan = create_plan(kind=PlanKind.BLANK, issuing_body=body, year=2026, by=officer)
    plan.title, plan.number = 'Kế hoạch <b>"đậm"</b> & khác', 7
    plan.save()
    client.force_login(officer)
    page = client.get(reverse("plans:plan-list"), {"kind": PlanKind.BLANK, "body": body.pk}).content.decode()
    from html import unescape

    assert "&lt;b&gt;" in page and "<b>" not in page  # Jinja2 writes the quote as &#34;, Django as &quot;
    assert 'Kế hoạch <b>"đậm"</b> & khác' in unescape(page)
    assert f'href="{reverse("plans:plan-list")}{plan.pk}/"' in page
    assert f"Số {plan.symbol} · " in page and f"năm {plan.year}" in page
    assert f'<option value="{PlanKind.BLANK}" selected>' in page and f'<option value="{body.pk}" selected>' in page
    assert 'name="status" id="id_status"><option value="" selected>' not in page  # nothing chosen: none selected
