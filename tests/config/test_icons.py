"""The icon subset holds every icon the app names, and is what `manage.py write_icons` writes."""

import io

from fontTools.ttLib import TTFont

from config.icons import SUBSET_CSS, SUBSET_FONT, _glyphs, subset_css, unknown, used_names


def test_every_icon_named_in_the_code_exists_in_bootstrap_icons():
    assert unknown(used_names()) == set()


def test_the_subset_stylesheet_is_up_to_date():
    # Fails after adding an icon to a template: run `manage.py write_icons` and commit both files.
    assert SUBSET_CSS.read_text(encoding="utf-8") == subset_css(used_names())


def test_the_subset_font_draws_every_icon_used():
    glyphs = _glyphs()
    cmap = TTFont(io.BytesIO(SUBSET_FONT.read_bytes())).getBestCmap()
    missing = [name for name in used_names() if int(glyphs[name], 16) not in cmap]
    assert not missing, f"run `manage.py write_icons`: {missing}"


def test_pages_link_the_subset_not_the_full_set(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("icons", password="x" * 12))
    page = client.get("/").content.decode()
    assert "icons-used.css" in page and "bootstrap-icons.min.css" not in page
