"""What offices really send: forms submitted twice, control characters pasted from Word or typed
into a URL, and the shared library of cited documents (logged, never duplicated)."""

import uuid

import pytest
from django.conf import settings as django_settings
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse

from audit.models import Action, AuditEntry
from plans import outline, services
from plans.forms import CitedDocumentForm, LibrarySearchForm, PlanHeaderForm
from plans.models import CitedDocument, Plan, PlanKind
from tests.threads import at_once


@pytest.fixture
def without_global_guard(settings):
    """Only the plans app's own forms stand between the input and the database."""
    settings.MIDDLEWARE = [m for m in django_settings.MIDDLEWARE if "ControlCharacters" not in m]


# Double submits of «Tạo bản dự thảo» and «Sao chép».

def test_the_create_form_sent_twice_makes_one_draft_and_leads_to_it(client, officer, body):
    client.force_login(officer)
    page = client.get(reverse("plans:plan-create")).content.decode()
    token = page.split('name="token" value="', 1)[1].split('"', 1)[0]
    form = {"kind": PlanKind.COMMUNE_DIALOGUE, "issuing_body": body.pk, "year": 2026,
            "token": token}
    first = client.post(reverse("plans:plan-create"), form)
    second = client.post(reverse("plans:plan-create"), form, follow=True)
    plan = Plan.objects.get()
    assert first.url == second.redirect_chain[0][0] == reverse("plans:plan-edit", args=[plan.pk])
    assert "Biểu mẫu đã được gửi hai lần" in second.content.decode()
    assert str(plan.creation_token) == token


def test_a_new_page_gives_a_new_token(client, officer, body):
    client.force_login(officer)
    for _ in range(2):
        page = client.get(reverse("plans:plan-create")).content.decode()
        token = page.split('name="token" value="', 1)[1].split('"', 1)[0]
        client.post(reverse("plans:plan-create"), {"kind": PlanKind.BLANK,
                                                   "issuing_body": body.pk, "year": 2026,
                                                   "token": token})
    assert Plan.objects.count() == 2


def test_the_copy_form_sent_twice_makes_one_copy(client, plan, officer):
    client.force_login(officer)
    url = reverse("plans:plan-copy", args=[plan.pk])
    form = {"year": 2027, "token": str(uuid.uuid4())}
    client.post(url, form)
    second = client.post(url, form, follow=True)
    assert Plan.objects.filter(year=2027).count() == 1
    assert "Biểu mẫu đã được gửi hai lần" in second.content.decode()


@pytest.mark.django_db(transaction=True)
def test_four_simultaneous_creates_with_one_token_make_one_draft(officer, body):
    if connection.vendor != "postgresql":
        pytest.skip("concurrent inserts are tested on PostgreSQL")
    token = uuid.uuid4()

    def create():
        return services.create_plan(kind=PlanKind.BLANK, issuing_body=body, year=2026,
                                    by=officer, token=token)

    outcomes = at_once([create] * 4)
    made = [o for o in outcomes if isinstance(o, Plan)]
    twins = [o for o in outcomes if isinstance(o, services.AlreadyCreated)]
    assert (len(made), len(twins)) == (1, 3), outcomes
    assert {t.plan.pk for t in twins} == {made[0].pk} and Plan.objects.count() == 1


# Control characters.

@pytest.mark.parametrize("query", ["\x00", "90/QĐ-TTg\x00", "%00", "\x1b[31m", "\x7f"])
def test_the_library_search_answers_any_query(client, officer, without_global_guard, query):
    CitedDocument.objects.create(kind="state", doc_type="Quyết định", number="90/QĐ-TTg",
                                 title="phê duyệt Chương trình")
    client.force_login(officer)
    response = client.get(reverse("plans:library-list"), {"q": query})
    assert response.status_code == 200


def test_the_library_search_form_drops_control_characters():
    form = LibrarySearchForm({"q": "90/QĐ\x00-TTg\x07"})
    assert form.is_valid() and form.cleaned_data["q"] == "90/QĐ-TTg"


def test_plan_forms_strip_control_characters_instead_of_refusing(plan, officer):
    form = PlanHeaderForm({"title": "Kế hoạch\x00 năm 2026\x0b", "year": 2026,
                           "authority": "deputy", "recipients": "- Như trên;\x0bLưu: VT"},
                          instance=plan, user=officer)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["title"] == "Kế hoạch năm 2026"
    assert form.cleaned_data["recipients"] == "- Như trên;\nLưu: VT"


def test_a_block_saved_with_a_nul_byte_is_stored_without_it(client, plan, officer,
                                                            without_global_guard):
    client.force_login(officer)
    block = plan.blocks.filter(required_key="").first() or plan.blocks.first()
    url = reverse("plans:block-save", args=[plan.pk, block.pk])
    response = client.post(url, {"text": "Tuyên truyền\x00 cho hộ nghèo\x07"})
    assert response.status_code == 204
    block.refresh_from_db()
    assert block.text == "Tuyên truyền cho hộ nghèo"


def test_text_pasted_from_word_keeps_its_line_breaks_and_loses_its_controls(plan, officer):
    before = plan.blocks.count()
    added = outline.paste_blocks(plan, by=officer, text=(
        "1. Mục đích\x0b- Nâng cao nhận thức\x07\x00\x0c2. Yêu cầu\r\n- Đúng đối tượng"))
    assert added == 4 and plan.blocks.count() == before + 4
    texts = list(plan.blocks.order_by("-position").values_list("text", flat=True)[:4])
    assert texts[::-1] == ["Mục đích", "Nâng cao nhận thức", "Yêu cầu", "Đúng đối tượng"]


def test_bidirectional_marks_are_dropped_from_pasted_and_typed_text(client, plan, officer, without_global_guard):
    """A right-to-left override copied from a web page showed the rest of the line reversed in the
    preview, and hid «Trang 3 / 40» from the page-number check."""
    from plans.textchecks import text_problems

    outline.paste_blocks(plan, by=officer, text="- Nội dung\u200f thứ nhất.\n\u202e Trang 3 / 40\n- Nội dung thứ hai.")
    texts = list(plan.blocks.order_by("-position").values_list("text", flat=True)[:3])
    assert texts[::-1] == ["Nội dung thứ nhất.", "Trang 3 / 40", "Nội dung thứ hai."]
    assert "Dòng «Trang 3 / 40» là số trang của văn bản gốc, không thuộc nội dung." in [
        p.message for p in text_problems(plan)]
    client.force_login(officer)
    block = plan.blocks.filter(required_key="").first() or plan.blocks.first()
    client.post(reverse("plans:block-save", args=[plan.pk, block.pk]), {"text": "\u202eTuyên truyền\u2066 cho hộ nghèo"})
    block.refresh_from_db()
    assert block.text == "Tuyên truyền cho hộ nghèo"


# The library of cited documents.

LIBRARY_FORM = {"kind": "state", "doc_type": "Quyết định", "number": "90/QĐ-TTg",
                "date": "2022-01-18", "issuer": "Thủ tướng Chính phủ",
                "title": "phê duyệt Chương trình mục tiêu quốc gia giảm nghèo bền vững"}


def test_a_new_cited_document_is_logged(client, officer):
    client.force_login(officer)
    response = client.post(reverse("plans:library-create"), LIBRARY_FORM)
    assert response.status_code == 302
    document = CitedDocument.objects.get(number="90/QĐ-TTg")
    entry = AuditEntry.objects.get(object_type="plans.CitedDocument")
    assert (entry.action, entry.object_id, entry.user) == (Action.CREATE, str(document.pk), officer)
    assert entry.changes["number"] == "90/QĐ-TTg"


def test_the_same_cited_document_sent_twice_is_kept_once_with_a_message(client, officer):
    client.force_login(officer)
    client.post(reverse("plans:library-create"), LIBRARY_FORM)
    again = client.post(reverse("plans:library-create"), LIBRARY_FORM)
    assert again.status_code == 200
    assert "Văn bản cùng tên loại và số, ký hiệu đã có trong thư viện." in again.content.decode()
    assert CitedDocument.objects.filter(number="90/QĐ-TTg").count() == 1
    assert AuditEntry.objects.filter(object_type="plans.CitedDocument").count() == 1


def test_two_officers_adding_one_document_at_once_get_a_message(officer, leader):
    services.add_cited_document(by=officer, **{**LIBRARY_FORM, "date": None})
    with pytest.raises(ValidationError, match="đã có trong thư viện"):  # the form saw none yet
        services.add_cited_document(by=leader, **{**LIBRARY_FORM, "date": None})
    assert CitedDocument.objects.filter(number="90/QĐ-TTg").count() == 1


def test_the_library_form_keeps_the_shape_checks():
    form = CitedDocumentForm({**LIBRARY_FORM, "number": "90/QD\x00"})
    assert not form.is_valid() and "không đúng mẫu" in str(form.errors["number"])


@pytest.mark.parametrize("target,expected", [
    ("/ke-hoach/1/soan-thao/", "/ke-hoach/1/soan-thao/"),
    ("https://lua-dao.example/", reverse("plans:library-list")),
    ("//lua-dao.example/", reverse("plans:library-list")),
])
def test_adding_a_document_goes_back_only_to_a_page_of_this_site(client, officer, target,
                                                                  expected):
    client.force_login(officer)
    response = client.post(f"{reverse('plans:library-create')}?next={target}", LIBRARY_FORM)
    assert response.url == expected


def test_only_planners_leaders_and_administrators_add_to_the_library(client, commune_staff):
    client.force_login(commune_staff)
    assert client.post(reverse("plans:library-create"), LIBRARY_FORM).status_code == 403
    assert not CitedDocument.objects.filter(number="90/QĐ-TTg").exists()
