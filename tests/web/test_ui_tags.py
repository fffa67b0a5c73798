"""The ``options`` tag: escaped values and labels, the selected one marked, any kind of choices."""

from django.template import Context, Template


def render(choices, selected) -> str:
    return Template("{% load ui %}{% options choices selected %}").render(
        Context({"choices": choices, "selected": selected}))


def test_pairs_mappings_and_plain_values():
    assert render([(1, "Kinh"), (2, "Tày")], 2) == ('<option value="1">Kinh</option>'
                                                   '<option value="2" selected>Tày</option>')
    assert render({"name": "Họ tên"}, "name") == '<option value="name" selected>Họ tên</option>'
    assert render(["Thôn 1", "Thôn 2"], "Thôn 1") == ('<option value="Thôn 1" selected>Thôn 1</option>'
                                                      '<option value="Thôn 2">Thôn 2</option>')


def test_nothing_is_selected_by_an_empty_or_missing_value():
    assert "selected" not in render([("", "Tất cả"), ("poor", "Hộ nghèo")], None)
    assert "selected" not in render([("", "Tất cả")], "")


def test_user_text_stays_text():
    html = render(['Thôn "Mới" <script>alert(1)</script>'], None)
    assert "<script>" not in html
    assert 'value="Thôn &quot;Mới&quot; &lt;script&gt;alert(1)&lt;/script&gt;"' in html


def test_path_is_the_url_of_a_name_and_follows_the_script_prefix():
    from django.urls import clear_script_prefix, reverse, set_script_prefix

    path = Template("{% load ui %}{% path 'plans:plan-list' %}")
    assert path.render(Context()) == reverse("plans:plan-list")
    set_script_prefix("/giamngheo/")
    try:
        assert path.render(Context()) == reverse("plans:plan-list") and reverse("plans:plan-list").startswith("/giamngheo/")
    finally:
        clear_script_prefix()
