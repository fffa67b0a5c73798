"""The officials of a session: the form a browser submits, with spare blank rows, saves 0 to many officials."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from audit.models import AuditEntry
from dialogues.models import SessionOfficial

OFFICIALS = [("district", "Phó Chủ tịch UBND huyện", "Ông Nguyễn Văn Hùng"),
             ("commune", "Chủ tịch UBND xã", "Bà Hà Thị Lan"),
             ("organisation", "Chủ tịch Hội Nông dân xã", "Ông Đinh Văn Sơn"),
             ("village", "Trưởng thôn Đồng Xuân", "Ông Lò Văn Pọm"),
             ("commune", "Công chức Lao động – Thương binh và Xã hội", "Bà Hoàng Thị Thu")]


class FormFields(HTMLParser):
    """What a browser sends for a form left as rendered: text values, checked boxes, selected (or first) options."""

    def __init__(self):
        super().__init__()
        self.values, self._select, self._options = {}, None, []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "input" and attrs.get("name") and attrs.get("type") not in ("submit", "button"):
            if attrs.get("type") != "checkbox" or "checked" in attrs:
                self.values[attrs["name"]] = attrs.get("value", "on" if attrs.get("type") == "checkbox" else "")
        elif tag == "select":
            self._select, self._options = attrs.get("name"), []
        elif tag == "option" and self._select:
            self._options.append((attrs.get("value", ""), "selected" in attrs))

    def handle_endtag(self, tag):
        if tag == "select" and self._select:
            chosen = [value for value, selected in self._options if selected] or [self._options[0][0]]
            self.values[self._select], self._select = chosen[0], None


def browser_form(page: str) -> dict:
    parser = FormFields()
    parser.feed(page)
    return parser.values


def fill(form: dict, officials, *, start=0) -> dict:
    for i, (level, position, name) in enumerate(officials, start=start):
        form.update({f"form-{i}-level": level, f"form-{i}-position": position, f"form-{i}-name": name})
    return form


def _entries(session):
    return AuditEntry.objects.filter(object_type="dialogues.DialogueSession", object_id=str(session.pk),
                                     object_repr__startswith="Đại biểu")


@pytest.mark.parametrize("count", [0, 1, 2])
def test_fewer_officials_than_rows_on_the_page_are_saved(client_as, commune_staff, session, count):
    client, url = client_as(commune_staff), reverse("dialogues:session-officials", args=[session.pk])
    form = fill(browser_form(client.get(url).content.decode()), OFFICIALS[:count])
    response = client.post(url, form)
    assert response.status_code == 302, response.content.decode()[:2000]
    saved = list(SessionOfficial.objects.filter(session=session).values_list("level", "position", "name"))
    assert saved == OFFICIALS[:count]


def test_five_officials_are_saved_in_two_rounds_and_audited_once_each(client_as, commune_staff, session):
    client, url = client_as(commune_staff), reverse("dialogues:session-officials", args=[session.pk])
    client.post(url, fill(browser_form(client.get(url).content.decode()), OFFICIALS[:3]))
    form = fill(browser_form(client.get(url).content.decode()), OFFICIALS[3:], start=3)
    assert client.post(url, form).status_code == 302
    saved = list(SessionOfficial.objects.filter(session=session).values_list("level", "position", "name"))
    assert saved == OFFICIALS
    assert _entries(session).count() == 2
    assert _entries(session).first().changes["officials"]["added"] == [
        "Ông Lò Văn Pọm, Trưởng thôn Đồng Xuân (Thôn, bản)",
        "Bà Hoàng Thị Thu, Công chức Lao động – Thương binh và Xã hội (Cấp xã)"]


def test_a_half_filled_row_is_named_and_nothing_is_saved(client_as, commune_staff, session):
    client, url = client_as(commune_staff), reverse("dialogues:session-officials", args=[session.pk])
    form = browser_form(client.get(url).content.decode())
    form.update({"form-0-name": "  Ông   Nguyễn Văn Hùng "})
    page = client.post(url, form).content.decode()
    assert "Chọn cấp của đại biểu." in page and "Ghi chức vụ." in page
    assert not SessionOfficial.objects.filter(session=session).exists()


def test_changing_and_removing_officials_write_one_entry_each(client_as, commune_staff, session):
    client, url = client_as(commune_staff), reverse("dialogues:session-officials", args=[session.pk])
    client.post(url, fill(browser_form(client.get(url).content.decode()), OFFICIALS[:2]))
    form = browser_form(client.get(url).content.decode())
    form["form-0-position"] = "Chủ tịch UBND huyện"
    client.post(url, form)
    changed = _entries(session).first()
    assert changed.changes["officials"] == {"changed": [[
        "Ông Nguyễn Văn Hùng, Phó Chủ tịch UBND huyện (Cấp huyện)",
        "Ông Nguyễn Văn Hùng, Chủ tịch UBND huyện (Cấp huyện)"]]}
    form = browser_form(client.get(url).content.decode())
    form["form-1-DELETE"] = "on"
    client.post(url, form)
    assert _entries(session).first().changes["officials"] == {
        "removed": ["Bà Hà Thị Lan, Chủ tịch UBND xã (Cấp xã)"]}
    client.post(url, browser_form(client.get(url).content.decode()))  # saved unchanged: nothing to log
    assert _entries(session).count() == 3
    assert list(SessionOfficial.objects.filter(session=session).values_list("name", flat=True)) == [
        "Ông Nguyễn Văn Hùng"]


def test_an_existing_row_cleared_by_hand_removes_that_official(client_as, commune_staff, session):
    client, url = client_as(commune_staff), reverse("dialogues:session-officials", args=[session.pk])
    client.post(url, fill(browser_form(client.get(url).content.decode()), OFFICIALS[:2]))
    form = browser_form(client.get(url).content.decode())
    form.update({"form-0-level": "", "form-0-position": "", "form-0-name": ""})
    assert client.post(url, form).status_code == 302
    assert list(SessionOfficial.objects.filter(session=session).values_list("name", flat=True)) == ["Bà Hà Thị Lan"]
