"""No English word where an administrator looks: the admin's index, every list, every add form,
a user's change form, the password forms, and the app's own password change page.

The text is what a browser shows (no script, style or hidden element) plus the tooltips,
placeholders and button captions; the English-word check and its allow-list are the browser
crawl's (tests/e2e/test_every_page.py)."""

from html.parser import HTMLParser

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse

from tests.e2e.test_every_page import _english_words
from tests.factories import UserFactory

HIDDEN_TAGS = {"script", "style", "template", "noscript", "title"}
VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
             "track", "wbr"}
SHOWN_ATTRIBUTES = ("title", "placeholder", "aria-label", "alt")


class VisibleText(HTMLParser):
    """The text of a page as a reader meets it, tooltips and button captions included."""

    def __init__(self):
        super().__init__()
        self.parts, self.hidden = [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        hides = tag in HIDDEN_TAGS or "hidden" in attrs or attrs.get("type") == "hidden"
        if tag not in VOID_TAGS:
            self.hidden.append(hides)
        if any(self.hidden) or hides:
            return
        self.parts += [attrs[name] for name in SHOWN_ATTRIBUTES if attrs.get(name)]
        if tag == "input" and attrs.get("type") in ("submit", "button") and attrs.get("value"):
            self.parts.append(attrs["value"])

    def handle_endtag(self, tag):
        if tag not in VOID_TAGS and self.hidden:
            self.hidden.pop()

    def handle_data(self, data):
        if not any(self.hidden):
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = VisibleText()
    parser.feed(html)
    return "\n".join(p.strip() for p in parser.parts if p.strip())


def admin_pages(user) -> list[str]:
    request = RequestFactory().get("/admin/")
    request.user = user
    pages = [reverse("admin:index"), reverse("admin:auth_user_change", args=[user.pk]),
             reverse("admin:auth_user_password_change", args=[user.pk]),
             reverse("admin:password_change"), reverse("password_change")]
    for model, model_admin in admin.site._registry.items():
        info = model._meta.app_label, model._meta.model_name
        pages.append(reverse("admin:{}_{}_changelist".format(*info)))
        pages.append(reverse("admin:app_list", args=[model._meta.app_label]))
        if model_admin.has_add_permission(request):
            pages.append(reverse("admin:{}_{}_add".format(*info)))
    return list(dict.fromkeys(pages))


@pytest.mark.django_db
def test_no_english_word_on_the_admin_pages_an_administrator_opens(client):
    superuser = UserFactory(is_staff=True, is_superuser=True, first_name="Lan", last_name="Trần")
    client.force_login(superuser)
    problems = []
    for url in admin_pages(superuser):
        response = client.get(url)
        if response.status_code != 200:
            problems.append(f"{url}: {response.status_code}")
            continue
        problems += [f"{url}: {p}" for p in _english_words(visible_text(response.content.decode()))]
    assert not problems, "\n".join(problems)


@pytest.mark.django_db
def test_no_english_word_on_the_lists_and_forms_of_the_demo_data(client):
    """With rows in the lists (yes/no icons, log entries' names) and a change form of each kind."""
    from django.core.management import call_command

    call_command("load_areas", verbosity=0)
    call_command("load_demo", verbosity=0)
    superuser = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(superuser)
    client.get("/khong-co-trang-nay/")  # an access log row and a 404 for the lists
    problems = []
    for model in admin.site._registry:
        info = model._meta.app_label, model._meta.model_name
        pages = [reverse("admin:{}_{}_changelist".format(*info))]
        first = model._default_manager.order_by("pk").first()
        if first is not None:
            pages.append(reverse("admin:{}_{}_change".format(*info), args=[first.pk]))
        for url in pages:
            response = client.get(url)
            text = visible_text(response.content.decode()) if response.status_code == 200 else str(response.status_code)
            problems += [f"{url}: {p}" for p in _english_words(text)]
    assert not problems, "\n".join(problems)


def test_permissions_are_listed_by_vietnamese_names(db):
    from django.contrib.auth.models import Permission

    from areas.admin_vietnamese import permission_label

    permission = Permission.objects.get(codename="change_adminunit")
    assert permission_label(permission) == ("Đơn vị hành chính và phân quyền | Đơn vị hành chính | "
                                          "Được sửa Đơn vị hành chính")
