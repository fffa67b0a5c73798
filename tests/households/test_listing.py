"""The household list page: what its rows show, who sees what, and the village filter's options."""

import re

import pytest

from households.listing import village_options
from households.models import EthnicGroup, Household, HouseholdClass, Village
from tests.households.factories import ClassificationFactory, HouseholdFactory

pytestmark = pytest.mark.django_db

NAMES = ["Nguyễn Văn An", "Nguyễn Văn Anh", "Lê Thị Hoà", "Trần Thị Hòa", "Đặng Đức Độ", "Hà Thị Mai",
         "Lò Văn Pọm", "Nguyễn Thị An"]


@pytest.fixture
def registry(own_unit, other_unit):
    tay = EthnicGroup.objects.get(code="02")
    classes = [HouseholdClass.POOR, HouseholdClass.NEAR_POOR, HouseholdClass.NEWLY_ESCAPED]
    made = []
    for unit in (own_unit, other_unit):
        for i, name in enumerate(NAMES):
            household = HouseholdFactory(commune=unit, head_name=name, gender="F" if "Thị" in name else "M",
                                         village=f"Thôn {i % 3 + 1}", ethnic_group=tay if i % 2 else None,
                                         id_number=f"0251750{i:05d}" if unit == own_unit else "")
            if i % 4:
                ClassificationFactory(household=household, year=2024, household_class=classes[i % 3])
            made.append(household)
    return made


def rows(html: str) -> list[str]:
    """The markup of each row of the results table."""
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0] if "<tbody>" in html else ""
    return re.findall(r"<tr>(.*?)</tr>", body, flags=re.S)


def head_names(html: str) -> list[str]:
    """The head's name of each row, as the link shows it (unescaped)."""
    from html import unescape

    return [unescape(re.search(r'<a href="[^"]*">([^<]*)</a>', row).group(1)) for row in rows(html)]


def test_a_row_shows_the_household_as_the_template_writes_it(client_as, commune_staff, registry):
    page = client_as(commune_staff).get("/ho-gia-dinh/", {"q": "nguyen an", "year": 2024}).content.decode()
    assert "Nguyễn Văn An" in page and "Nguyễn Thị An" in page and "Lê Thị Hoà" not in page
    assert "0251******00" in page and "<p class=\"small text-muted mb-1\">3 hộ</p>" in page
    first = registry[0]
    assert f'<a href="/ho-gia-dinh/{first.pk}/">Nguyễn Văn An</a>' in page
    [thi_an] = [r for r in rows(page) if "Nguyễn Thị An" in r]
    assert "nữ" in thi_an and "Hộ cận nghèo" in thi_an and "Thôn 2" in thi_an and first.code not in thi_an


def test_markup_in_a_name_is_shown_as_text(client_as, commune_staff, own_unit):
    HouseholdFactory(commune=own_unit, head_name="<b>Lò</b> Thị & Em", code="<i>1</i>")
    page = client_as(commune_staff).get("/ho-gia-dinh/").content.decode()
    assert "&lt;b&gt;Lò&lt;/b&gt; Thị &amp; Em" in page and "&lt;i&gt;1&lt;/i&gt;" in page and "<b>Lò" not in page


def test_the_list_names_each_household_s_ethnic_group_for_roles_that_see_it(client_as, officer, finance, registry):
    [new] = EthnicGroup.objects.bulk_create([EthnicGroup(code="99", name="Nhóm mới thêm")])
    Household.objects.filter(pk=registry[0].pk).update(ethnic_group=new)  # no signal: read in the row query
    page = client_as(officer).get("/ho-gia-dinh/", {"q": "nguyen van an"}).content.decode()
    assert '<td class="d-none d-lg-table-cell">Nhóm mới thêm</td>' in page
    assert '<td class="d-none d-lg-table-cell">Tày</td>' in page
    assert "Nhóm mới thêm" not in client_as(finance).get("/ho-gia-dinh/", {"q": "nguyen van an"}).content.decode()


def test_a_household_linked_to_a_village_shows_the_list_s_name(client_as, commune_staff, registry, own_unit):
    village = Village.objects.create(commune=own_unit, name="Thôn Nà Pồng", number=4)
    Household.objects.filter(pk=registry[0].pk).update(village_unit=village, village="thon na pong")
    page = client_as(commune_staff).get("/ho-gia-dinh/", {"q": "nguyen van an"}).content.decode()
    assert "Thôn Nà Pồng" in page and "thon na pong" not in page


def test_a_scope_of_no_unit_lists_nothing(client_as, registry):
    from tests.factories import UserFactory

    page = client_as(UserFactory()).get("/ho-gia-dinh/", {"q": "an"})
    assert page.status_code in (200, 403)
    if page.status_code == 200:
        assert "0 hộ" in page.content.decode() and rows(page.content.decode()) == []


def test_village_options_come_from_the_village_list_then_unlinked_texts(registry, own_unit, other_unit):
    HouseholdFactory(commune=other_unit, village="Bản Xa")
    HouseholdFactory(commune=own_unit, village="")
    one = Village.objects.create(commune=own_unit, name="Thôn Một", number=1)
    assert village_options(frozenset({own_unit.pk})) == [(one.pk, "Thôn Một")] + [
        (v, v) for v in ["Thôn 1", "Thôn 2", "Thôn 3"]]
    assert village_options(frozenset({other_unit.pk})) == [(v, v) for v in ["Bản Xa", "Thôn 1", "Thôn 2", "Thôn 3"]]
    assert village_options(frozenset()) == []


def test_village_options_of_a_wide_scope_read_only_the_village_list(registry, own_unit, other_unit, monkeypatch):
    from households import listing

    one = Village.objects.create(commune=own_unit, name="Thôn Một", number=1)
    two = Village.objects.create(commune=other_unit, name="Bản Hai", number=1)
    assert village_options(None) == [(two.pk, f"Bản Hai – {other_unit.name}"), (one.pk, f"Thôn Một – {own_unit.name}")] \
        or village_options(None) == [(one.pk, f"Thôn Một – {own_unit.name}"), (two.pk, f"Bản Hai – {other_unit.name}")]
    monkeypatch.setattr(listing, "NARROW", 1)
    assert [v for v, _ in village_options(frozenset({own_unit.pk, other_unit.pk}))] in ([two.pk, one.pk],
                                                                                       [one.pk, two.pk])


def test_a_chosen_commune_narrows_the_village_options_within_the_scope(registry, own_unit, other_unit):
    Village.objects.create(commune=other_unit, name="Bản Hai", number=1)
    assert village_options(None, other_unit.pk)[0][1] == "Bản Hai"
    assert all(name != "Bản Hai" for _, name in village_options(frozenset({own_unit.pk}), own_unit.pk))
    assert village_options(frozenset({own_unit.pk}), other_unit.pk) == []  # not in scope: nothing


def test_results_as_the_officer_types_leave_out_the_filter_form(client_as, officer, registry):
    client = client_as(officer)
    typed = client.get("/ho-gia-dinh/", {"q": "le thi"}, headers={"HX-Request": "true"}).content.decode()
    assert "Lê Thị Hoà" in typed and 'name="village"' not in typed
    full = client.get("/ho-gia-dinh/", {"q": "le thi"}).content.decode()
    assert '<option value="Thôn 1">Thôn 1</option>' in full


def test_a_narrow_scope_s_village_options_are_read_in_one_statement_each_list_in_its_order(
        registry, own_unit, other_unit, django_assert_num_queries):
    made = [Village.objects.create(commune=own_unit, name="Thôn Ba", number=3),
            Village.objects.create(commune=own_unit, name="Thôn Một", number=1),
            Village.objects.create(commune=other_unit, name="Bản Hai", number=2)]
    for text in ("Đồng Xa", "Bản Xa", "Ấp Mới"):
        HouseholdFactory(commune=own_unit, village=text)
    with django_assert_num_queries(1):
        options = village_options(frozenset({own_unit.pk, other_unit.pk}))
    listed = Village.objects.filter(pk__in=[v.pk for v in made]).order_by("commune__name", "number")
    texts = (Household.objects.filter(commune__in=[own_unit, other_unit], village_unit__isnull=True)
             .exclude(village="").order_by("village").values_list("village", flat=True).distinct())
    assert options == [(v.pk, f"{v.name} – {v.commune.name}") for v in listed] + [(t, t) for t in texts]


@pytest.mark.parametrize("selected", [None, "", "0", "abc", '"', "own", "odd"])
def test_the_commune_select_written_once_marks_the_chosen_commune_as_the_options_tag_does(
        administrator, registry, own_unit, province, selected):
    from households.filters import commune_options, commune_select
    from tests.factories import AdminUnitFactory
    from web.templatetags.ui import options

    odd = AdminUnitFactory(parent=province, name='Xã "Đá" & <Bàn>')
    HouseholdFactory(commune=odd)
    chosen = {"own": own_unit.pk, "odd": str(odd.pk)}.get(selected, selected)
    written = options(commune_select(administrator), chosen)
    assert written == options(commune_options(administrator), chosen)
    assert ("selected" in written) == (selected in ("own", "odd"))
