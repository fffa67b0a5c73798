"""The static subsets (icons, Bootstrap rules) hold what the app uses and are what `manage.py write_subsets` writes."""

import io
import re

from fontTools.ttLib import TTFont

from config.icons import SUBSET_CSS, SUBSET_FONT, _glyphs, subset_css, unknown, used_names


def test_every_icon_named_in_the_code_exists_in_bootstrap_icons():
    assert unknown(used_names()) == set()


def test_the_subset_stylesheet_is_up_to_date():
    # Fails after adding an icon to a template: run `manage.py write_subsets` and commit both files.
    assert SUBSET_CSS.read_text(encoding="utf-8") == subset_css(used_names())


def test_the_subset_font_draws_every_icon_used():
    glyphs = _glyphs()
    cmap = TTFont(io.BytesIO(SUBSET_FONT.read_bytes())).getBestCmap()
    missing = [name for name in used_names() if int(glyphs[name], 16) not in cmap]
    assert not missing, f"run `manage.py write_subsets`: {missing}"


def test_pages_link_the_subset_not_the_full_set(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("icons", password="x" * 12))
    page = client.get("/").content.decode()
    assert "icons-used.css" in page and "bootstrap-icons.min.css" not in page


def test_the_bootstrap_subset_is_up_to_date_and_keeps_what_pages_use():
    from config.bootstrap_subset import USED_CSS, subset_css, used_classes

    used = used_classes()
    # Fails after using a Bootstrap class no page used before: run `manage.py write_subsets`.
    assert USED_CSS.read_text(encoding="utf-8") == subset_css(used)
    css = USED_CSS.read_text(encoding="utf-8")
    # Classes written in templates, toggled by Bootstrap's script, and built from a variable.
    for rule in (".navbar-expand-xl", ".collapsing", ".dropdown-menu.show", ".alert-danger",
                 ".text-bg-success", ".is-invalid", ".visually-hidden", ".table-responsive"):
        assert rule in css, rule
    assert ".navbar-expand-lg" not in css and ".offcanvas-start" not in css


def test_pages_link_the_bootstrap_subset(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("subset", password="x" * 12))
    page = client.get("/").content.decode()
    assert "bootstrap.used.css" in page and "bootstrap.min.css" not in page


def test_the_sign_in_stylesheet_is_up_to_date_and_holds_only_that_page():
    from config.bootstrap_subset import SIGNIN_CSS, signin_css

    css = SIGNIN_CSS.read_text(encoding="utf-8")
    # Fails after changing the sign-in templates or app.css: run `manage.py write_subsets`.
    assert css == signin_css()
    for rule in (":root{", ".form-control{", ".form-control.is-invalid", ".invalid-feedback",
                 ".btn-primary", ".alert-danger", ".w-100", "main.container-lg"):
        assert rule in css, rule
    for rule in (".navbar", ".dropdown-menu", ".table", ".form-select", "[data-bs-theme=dark]",
                 "@keyframes spinner-border", ".htmx-indicator"):
        assert rule not in css, rule
    assert len(css.encode()) < 20 * 1024  # the page's HTML carries it uncompressed


def test_no_subset_keeps_the_dark_colour_mode_the_app_never_turns_on():
    from config.bootstrap_subset import USED_CSS

    assert "[data-bs-theme=dark]" not in USED_CSS.read_text(encoding="utf-8")


def test_the_sign_in_page_carries_its_stylesheet_inline_under_the_nonce(client):
    response = client.get("/dang-nhap/")
    page = response.content.decode()
    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
    assert f'<style nonce="{nonce}">' in page and ".form-control{" in page
    # The other pages' stylesheets: fetched for the next page, never waited for.
    assert 'rel="stylesheet"' not in page
    assert len(re.findall(r'<link rel="prefetch" href="[^"]+\.css">', page)) == 3


def test_other_pages_link_their_stylesheets_and_carry_no_nonce(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("nonce", password="x" * 12))
    response = client.get("/")
    page = response.content.decode()
    assert page.count('rel="stylesheet"') == 3 and "<style" not in page
    assert "nonce-" not in response["Content-Security-Policy"]
