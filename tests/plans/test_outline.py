import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from plans import outline
from plans.documents import plan_document
from plans.models import BlockKind, PlanRevision


def markers(plan):
    return [(b.marker, b.text) for b in plan_document(plan).blocks if b.marker]


def test_a_new_plan_from_a_template_is_complete_and_numbered(plan):
    shown = markers(plan)
    assert ("I.", "MỤC ĐÍCH, YÊU CẦU") in shown
    assert ("III.", "TỔ CHỨC THỰC HIỆN") in shown
    assert plan.place_name and plan.header_name.startswith("ỦY BAN NHÂN DÂN")
    assert PlanRevision.objects.filter(plan=plan, action="Tạo kế hoạch").exists()


def test_moving_a_section_moves_its_children_and_numbers_follow(plan, officer):
    sections = list(plan.blocks.filter(kind=BlockKind.SECTION))
    second = sections[1]
    children_before = [b.text for b in plan.blocks.all() if b.position > second.position][:3]
    outline.move_block(second, by=officer, direction="up")
    shown = markers(plan)
    assert shown[0] == ("I.", second.text)
    texts = [b.text for b in plan.blocks.all()]
    assert texts[1:4] == children_before


def test_indent_and_outdent_change_the_level_and_markers(plan, officer):
    clause = plan.blocks.filter(kind=BlockKind.CLAUSE).first()
    outline.shift_block(clause, by=officer, deeper=True)
    clause.refresh_from_db()
    assert clause.kind == BlockKind.SUBCLAUSE
    outline.shift_block(clause, by=officer, deeper=False)
    clause.refresh_from_db()
    assert clause.kind == BlockKind.CLAUSE
    section = plan.blocks.filter(kind=BlockKind.SECTION).first()
    with pytest.raises(ValidationError):
        outline.shift_block(section, by=officer, deeper=False)


def test_add_paste_delete_keep_positions_dense(plan, officer):
    first = plan.blocks.first()
    outline.add_block(plan, by=officer, after=first, kind=BlockKind.BULLET, text="Mới")
    added = outline.paste_blocks(plan, by=officer, text="IV. KẾT LUẬN\n1. Tóm tắt\n- Một ý", after=None)
    assert added == 3
    positions = list(plan.blocks.values_list("position", flat=True))
    assert positions == list(range(len(positions)))
    bullet = plan.blocks.get(text="Mới")
    outline.delete_block(bullet, by=officer)
    assert not plan.blocks.filter(text="Mới").exists()
    assert markers(plan)[-3:] == [("IV.", "KẾT LUẬN"), ("1.", "Tóm tắt"), ("-", "Một ý")]


def test_required_sections_cannot_be_deleted(plan, officer):
    required = plan.blocks.exclude(required_key="").first()
    with pytest.raises(ValidationError):
        outline.delete_block(required, by=officer)


def test_commune_staff_cannot_edit_a_plan(plan, commune_staff):
    with pytest.raises(PermissionDenied):
        outline.update_block(plan.blocks.first(), by=commune_staff, text="x")


def test_autosave_edits_coalesce_into_one_revision(plan, officer):
    block = plan.blocks.first()
    for text in ("A", "AB", "ABC"):
        outline.update_block(block, by=officer, text=text)
    edits = PlanRevision.objects.filter(plan=plan, action="Sửa nội dung")
    assert edits.count() == 1
    assert edits.get().snapshot["blocks"][0]["text"] == "ABC"


def test_overlong_text_is_refused_with_a_clear_message(plan, officer):
    with pytest.raises(ValidationError, match="tối đa"):
        outline.update_block(plan.blocks.first(), by=officer, text="x" * 20_001)


def test_an_overlong_pasted_paragraph_is_refused_whole_never_cut(client, plan, officer):
    """A paragraph of 25,000 characters (a PDF pasted without its line breaks) was cut at 20,000
    without a word; the paste now says which paragraph is too long and adds nothing."""
    import html

    from django.urls import reverse

    before = list(plan.blocks.values_list("pk", "text"))
    revisions = PlanRevision.objects.filter(plan=plan).count()
    client.force_login(officer)
    pasted = "- Đoạn ngắn, đúng cỡ.\n" + "Nội dung, dài " * 2_000
    response = client.post(reverse("plans:paste", args=[plan.pk]), {"text": pasted})
    assert response.status_code == 200
    assert ("Một đoạn dài tối đa 20.000 ký tự; đoạn thứ 2 của nội dung dán («Nội dung, dài Nội dung, dài Nội dung, "
            "…») có 27.999 ký tự. Chưa dán gì") in html.unescape(response.content.decode())
    assert list(plan.blocks.values_list("pk", "text")) == before
    assert PlanRevision.objects.filter(plan=plan).count() == revisions


@pytest.mark.parametrize(("pasted", "told"), [
    ("a) Nội dung thứ nhất.\n3\nb) Nội dung thứ hai.\n", "Đã bỏ 1 dòng chỉ có một con số («3»)"),
    ("Đoạn một.\r\n 12 \r\nĐoạn hai.\r\n13\r\n", "Đã bỏ 2 dòng chỉ có một con số («12», «13»)"),
    ("".join(f"Đoạn {n}.\n{n}\n" for n in range(1, 13)), "(«1», «2», «3», «4», «5», «6», «7», «8», «9», «10», …)"),
])
def test_a_paste_says_which_lone_numbers_it_left_out_as_page_numbers(client, plan, officer, pasted, told):
    """A line holding only a number is a page number of the source and is left out, but no
    longer without a word: a number the author meant can be typed back."""
    import html

    from django.urls import reverse

    client.force_login(officer)
    response = client.post(reverse("plans:paste", args=[plan.pk]), {"text": pasted})
    page = html.unescape(response.content.decode())
    assert response.status_code == 200 and told in page
    assert "thường là số trang của văn bản gốc" in page
    assert not plan.blocks.filter(text__regex=r"^\s*\d+\s*$").exists()


def test_a_paste_without_lone_numbers_says_nothing_of_page_numbers(client, plan, officer):
    from django.urls import reverse

    client.force_login(officer)
    response = client.post(reverse("plans:paste", args=[plan.pk]), {"text": "- Có 3 thôn tham gia.\n2026\n"})
    assert "số trang" in response.content.decode()  # «2026» alone is a lone number too
    response = client.post(reverse("plans:paste", args=[plan.pk]), {"text": "- Có 3 thôn tham gia.\n"})
    assert "số trang" not in response.content.decode()
