"""Control characters in input never reach the database: a NUL byte is never a 500.

PostgreSQL refuses NUL in text ("A string literal cannot contain NUL (0x00) characters"), so a
``?q=%00`` used to answer 500 on every search. The request's query string, form fields and
cookies are cleaned once, in ``config.control_characters``; these tests walk every route.
"""

import re

import pytest
from django.urls import reverse

from areas.models import Role
from households.models import EthnicGroup, Household
from plans.models import PlanBlock, PlanKind
from plans.services import create_plan
from tests.factories import AssignmentFactory, IssuingBodyFactory
from tests.security.routes import all_routes

NUL = "\x00"
DIRTY = "Bản\x00 Khôi\x01\x1b\x7f"
# Query parameters the list pages, searches and exports read, each with control characters.
QUERY = {name: f"Hà{NUL}Nội\x08" for name in (
    "q", "village", "year", "status", "kind", "unit", "commune", "page", "sort", "class",
    "cursor", "after", "before", "next", "fmt", "body", "program", "role", "session", NUL)}
FIELD_NAME = re.compile(r'name="([^"]+)"')
STRING_PART = re.compile(r"<str:\w+>")
INT_PART = re.compile(r"<int:\w+>")


@pytest.fixture
def everyone(worlds):
    """One user holding every role in the own commune: every route opens for them."""
    user = worlds["own"].users[Role.ADMIN]
    for role in Role:
        if role != Role.ADMIN:
            AssignmentFactory(user=user, unit=worlds["own"].unit, role=role)
    return user


@pytest.fixture
def plan(officer, own_unit):
    body = IssuingBodyFactory(unit=own_unit)
    return create_plan(kind=PlanKind.DIALOGUE_CONFERENCES, issuing_body=body, year=2026, by=officer)


@pytest.fixture
def walker(client, everyone):
    """A client of the all-roles user that reports a server error as its status."""
    client.raise_request_exception = False
    client.force_login(everyone)
    return client


def _routes():
    return [route for route in all_routes() if route.name != "logout"]


def test_no_route_answers_500_to_control_characters_in_the_query_string(walker, worlds):
    statuses = {route: walker.get(route.url(worlds["own"].base), QUERY).status_code
                for route in _routes()}
    assert not [f"GET {route}?q=%00…: {status}" for route, status in statuses.items() if status >= 500]


def test_no_route_answers_500_to_control_characters_in_any_form_field(walker, worlds):
    """Every field name any page offers is posted to every route with control characters."""
    routes, names = _routes(), set()
    for route in routes:
        response = walker.get(route.url(worlds["own"].base))
        if response.status_code == 200 and response.get("Content-Type", "").startswith("text/html"):
            names.update(FIELD_NAME.findall(response.content.decode()))
    names.discard("csrfmiddlewaretoken")
    assert {"head_name", "text", "q"} <= names
    data = {name: DIRTY for name in names} | {NUL: DIRTY}
    statuses = {route: walker.post(route.url(worlds["own"].base), data).status_code for route in routes}
    assert not [f"POST {route}: {status}" for route, status in statuses.items() if status >= 500]


def test_no_route_answers_500_to_a_nul_byte_in_its_path(walker, worlds):
    """The string parts of a path (a format, a transition, a document kind) carry a NUL: 404."""
    failures = []
    for route in _routes():
        if "<str:" not in route.pattern:
            continue
        url = "/" + STRING_PART.sub("%00", INT_PART.sub(str(worlds["own"].base), route.pattern))
        for method in (walker.get, walker.post):
            if (status := method(url).status_code) != 404:
                failures.append(f"{url}: {status}")
    assert not failures


@pytest.mark.parametrize("url", [
    "/ke-hoach/van-ban-can-cu/?q=%00", "/ho-gia-dinh/?village=%00", "/ho-gia-dinh/?q=%00",
    "/ho-gia-dinh/?q=%00&village=%00&year=%00", "/ho-gia-dinh/xuat-excel/?q=%00&village=%00",
    "/ho-gia-dinh/?village=Th%C3%B4n%00%01%1B",
])
def test_the_reported_searches_answer_normally(client_as, commune_staff, officer, url):
    user = officer if url.startswith("/ke-hoach") else commune_staff
    assert client_as(user).get(url).status_code == 200


def test_a_household_registered_with_control_characters_is_saved_without_them(
        client_as, commune_staff, own_unit):
    data = {"commune": own_unit.pk, "code": "M\x00-01", "head_name": "Hoàng\x00 Thị\x1f Mai",
            "gender": "F", "birth_year": "1985", "ethnic_group": EthnicGroup.objects.get(name="Tày").pk,
            "village": "Thôn\x00 Đồng Xuân\x0b", "members": "4", "notice_given": "on"}
    response = client_as(commune_staff).post(reverse("households:household-create"), data)
    household = Household.objects.get()
    assert response.status_code == 302
    assert (household.code, household.head_name, household.village) == (
        "M-01", "Hoàng Thị Mai", "Thôn Đồng Xuân")


def test_a_block_saved_with_a_nul_byte_keeps_its_words(client_as, officer, plan):
    block = plan.blocks.filter(live="").first()
    url = reverse("plans:block-save", args=[plan.pk, block.pk])
    text = "Tuyên truyền\x00 giảm nghèo\r\n\tcho hộ nghèo\x0c"
    response = client_as(officer).post(url, {"text": text})
    assert response.status_code == 204
    saved = PlanBlock.objects.get(pk=block.pk).text
    assert saved.startswith("Tuyên truyền giảm nghèo") and saved.endswith("cho hộ nghèo")
    assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", saved)


def test_text_pasted_from_word_with_nul_bytes_becomes_blocks(client_as, officer, plan):
    before = plan.blocks.count()
    text = "I. MỤC ĐÍCH\x00\r\n1. Nâng cao nhận thức\x00\x00\r\n- Người dân\x07"
    response = client_as(officer).post(reverse("plans:paste", args=[plan.pk]), {"text": text})
    assert response.status_code == 200
    assert plan.blocks.count() > before
    assert not plan.blocks.filter(text__contains="\x07").exists()


def test_a_session_cookie_with_a_nul_byte_is_treated_as_no_session(client, commune_staff):
    client.cookies["sessionid"] = "abcdefgh\x00ijklmnop"
    response = client.get("/ho-gia-dinh/")
    assert response.status_code == 302 and "/dang-nhap/" in response["Location"]


def test_names_that_differ_only_by_a_control_character_keep_all_their_values(rf):
    from config.control_characters import StripControlCharactersMiddleware

    request = rf.post("/?q=a&q%00=b", {"text": ["Dòng\x00 một", "Dòng\thai\r\n"], "text\x1f": "ba"})
    seen = StripControlCharactersMiddleware(lambda r: r)(request)
    assert seen.GET.getlist("q") == ["a", "b"]
    assert seen.POST.getlist("text") == ["Dòng một", "Dòng\thai\r\n", "ba"]
    assert not seen.POST._mutable
