"""Text checks on whole plans: the seeds' real errors are caught, one-click fixes change only
what the author clicked and are recorded, and no input makes the checks answer 500."""

import pytest
from django.urls import reverse

from audit.models import AuditEntry
from plans import outline, services
from plans.checks import plan_problems
from plans.models import BlockKind, PlanKind, PlanRevision
from plans.seeding import SEED_DIR, create_seed_plan
from plans.textchecks import text_problems
from plans.textchecks.fixes import offered_fixes
from tests.factories import IssuingBodyFactory

SEEDS = {
    "000_ha_hoa_doi_thoai_2023.txt": [
        "Lặp từ «hộ hộ» trong «…Đại diện các hộ hộ nghèo, hộ cận nghèo…».",
        "Câu bị ngắt thành hai đoạn (dấu ngắt trang của văn bản gốc?): «… tiêu quốc gia năm "
        "2023. Thuộc ¶ Dự án 6 - Tiểu dự án 2: Truyền…».",
        "Dòng «Lưu: VT; LĐTĐTBXH» của Nơi nhận: sau «VT» phải là dấu phẩy, không phải «;»; "
        "«LĐTĐTBXH» có lẽ là «LĐTBXH» (mẫu: «Lưu: VT, <đơn vị soạn thảo>.»).",
    ],
    "001_hung_nguyen_da6_2023.txt": [
        "Có thể viết sai: «tiêu dự án» → «tiểu dự án» (thành phần của một dự án trong "
        "Chương trình).",
        "Số trang lọt vào câu: «thông 3 tin» (có lẽ là «thông tin»).",
    ],
    "002_sa_loong_doi_thoai_2023.txt": [
        "Có thể viết sai: «hộ viên» → «hội viên» (thành viên của một hội).",
    ],
}


def seed_plan(name, officer, unit):
    return create_seed_plan(SEED_DIR / name, kind=PlanKind.BLANK,
                            body=IssuingBodyFactory(unit=unit), by=officer)


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_each_seed_carries_exactly_its_real_text_errors(name, officer, own_unit):
    plan = seed_plan(name, officer, own_unit)
    assert sorted(p.message for p in text_problems(plan)) == sorted(SEEDS[name])
    # They reach the checks page as warnings with a place to fix and a one-click fix.
    found = [p for p in plan_problems(plan) if p.message in SEEDS[name]]
    assert len(found) == len(SEEDS[name])
    assert all(not p.blocking and p.where and p.fix for p in found)


def _fix(client, plan, key, **headers):
    return client.post(reverse("plans:plan-fix", args=[plan.pk]), {"key": key}, **headers)


def _key(plan, label_start: str) -> str:
    return next(key for key, fix in offered_fixes(plan).items() if fix.label.startswith(label_start))


def test_the_seed_000_fixes_applied_one_click_each_leave_no_text_error(officer, own_unit, client_as):
    plan = seed_plan("000_ha_hoa_doi_thoai_2023.txt", officer, own_unit)
    client = client_as(officer)
    for label in ("Bỏ một chữ «hộ»", "Nối hai đoạn", "Sửa thành «Lưu: VT, LĐTBXH»"):
        response = _fix(client, plan, _key(plan, label))
        assert response.status_code == 302
    plan.refresh_from_db()
    assert text_problems(plan) == []
    texts = [b.text for b in plan.blocks.all()]
    assert any("Đại diện các hộ nghèo, hộ cận nghèo" in t for t in texts)
    assert any(t.endswith("năm 2023. Thuộc Dự án 6 - Tiểu dự án 2: Truyền thông về giảm nghèo "
                          "đa chiều: Tổng số tiền: 132 triệu đồng; Số tiền bằng chữ: Một trăm ba "
                          "mươi hai triệu đồng chẵn).") for t in texts)
    assert plan.recipient_list[-1] == "Lưu: VT, LĐTBXH"
    last = PlanRevision.objects.filter(plan=plan).order_by("-at", "-pk").first()
    assert last.user == officer and last.snapshot["recipients"].endswith("Lưu: VT, LĐTBXH")
    logged = AuditEntry.objects.filter(object_id=str(plan.pk), user=officer)
    assert any("- Đại diện các hộ hộ nghèo" in " ".join(e.changes.get("blocks", []))
               or "hộ hộ" in str(e.changes) for e in logged)
    assert any("Lưu: VT, LĐTBXH" in str(e.changes.get("recipients", "")) for e in logged)


def test_a_fix_goes_back_to_the_page_it_came_from_and_says_what_changed(officer, own_unit,
                                                                         client_as):
    plan = seed_plan("001_hung_nguyen_da6_2023.txt", officer, own_unit)
    client = client_as(officer)
    editor = reverse("plans:plan-edit", args=[plan.pk])
    response = _fix(client, plan, _key(plan, "Bỏ số «3»"), HTTP_REFERER=f"http://testserver{editor}")
    assert response.status_code == 302 and response.url == f"http://testserver{editor}"
    page = client.get(response.url).content.decode()
    assert "Đã sửa: Bỏ số «3»." in page
    assert plan.blocks.filter(text__contains="tiếp cận thông tin; hướng đến").exists()
    foreign = _fix(client, plan, _key(plan, "Sửa thành «tiểu"), HTTP_REFERER="https://evil.example/")
    assert foreign.url == reverse("plans:plan-checks", args=[plan.pk])
    plan.refresh_from_db()
    assert "tiểu dự án 2 dự án 6 Truyền thông" in plan.closing


def test_a_second_click_or_a_forged_key_changes_nothing(officer, own_unit, client_as):
    plan = seed_plan("002_sa_loong_doi_thoai_2023.txt", officer, own_unit)
    client = client_as(officer)
    key = _key(plan, "Sửa thành «hội viên»")
    assert _fix(client, plan, key).status_code == 302
    revisions = PlanRevision.objects.filter(plan=plan).count()
    before = [b.text for b in plan.blocks.all()]
    for bad in (key, "0" * 20, "", "x" * 5000):
        response = _fix(client, plan, bad, follow=True)
        assert response.status_code == 200
        assert "đã được sửa hoặc nội dung đã thay đổi" in response.content.decode()
    assert [b.text for b in plan.blocks.all()] == before
    assert PlanRevision.objects.filter(plan=plan).count() == revisions


def test_a_stale_fix_does_not_rewrite_text_the_author_changed_since(officer, own_unit, client_as):
    plan = seed_plan("000_ha_hoa_doi_thoai_2023.txt", officer, own_unit)
    key = _key(plan, "Bỏ một chữ «hộ»")
    block = plan.blocks.get(text__contains="các hộ hộ nghèo")
    outline.update_block(block, by=officer, text="Đại diện các hộ hộ nghèo và hộ cận nghèo.")
    _fix(client_as(officer), plan, key)
    block.refresh_from_db()
    assert block.text == "Đại diện các hộ hộ nghèo và hộ cận nghèo."


def test_only_an_editor_may_fix_and_only_by_post(officer, leader, own_unit, other_unit,
                                                  client_as):
    from areas.models import Role
    from tests.factories import AssignmentFactory

    plan = seed_plan("002_sa_loong_doi_thoai_2023.txt", officer, own_unit)
    key = _key(plan, "Sửa thành «hội viên»")
    assert client_as(leader).post(reverse("plans:plan-fix", args=[plan.pk]), {"key": key}).status_code == 403
    stranger = AssignmentFactory(role=Role.PLANNER, unit=other_unit).user
    assert client_as(stranger).post(reverse("plans:plan-fix", args=[plan.pk]), {"key": key}).status_code == 404
    assert client_as(officer).get(reverse("plans:plan-fix", args=[plan.pk])).status_code == 405
    assert key in offered_fixes(plan)


def test_an_issued_looking_plan_is_not_fixed(officer, own_unit, client_as):
    plan = seed_plan("002_sa_loong_doi_thoai_2023.txt", officer, own_unit)
    key = _key(plan, "Sửa thành «hội viên»")
    services.update_header(plan, by=officer, signer_name="Nguyễn Hữu Bảng")
    plan.status = "submitted"
    plan.save()
    assert _fix(client_as(officer), plan, key).status_code == 403


def test_the_real_total_case_fires_with_no_estimate_linked(plan, officer, client_as):
    block = plan.blocks.filter(kind=BlockKind.BULLET).first()
    outline.update_block(block, by=officer, text="Tổng kinh phí: 250 triệu đồng để tổ chức hội "
                         "nghị. Trong đó: + Dự án 6: 95 triệu đồng; + Dự án 7: 180 triệu đồng.")
    assert plan.estimate_id is None
    page = client_as(officer).get(reverse("plans:plan-checks", args=[plan.pk])).content.decode()
    assert ("Tổng kinh phí 250.000.000 đồng, các phần cộng lại 275.000.000 đồng (95.000.000 + "
            "180.000.000), chênh lệch 25.000.000 đồng (thừa so với tổng).") in page
    assert f"#block-{block.pk}" in page


EVERY_ERROR = """\
I. KINH PHÍ
1. Tổng hợp
Tổng kinh phí: 250 triệu đồng. Trong đó: + Dự án 6: 95 triệu đồng; + Dự án 7: 180 triệu đồng.
Tổng số tiền: 133.000.000 đồng (Bằng chữ: Một trăm ba ba triệu đồng).
Tổng số tiền: 132.000.000 đồng (Bằng chữ: Một trăm ba mươi ba triệu đồng chẵn).
- Đại diện các hộ hộ nghèo tham gia tiếp cận thông tin.
- Dịch vụ tiếp cận thông 3 tin cho người dân.
7
Trang 8/12
- Thực hiện tiêu dự án 2 với hộ viên Hội Nông dân để giãm nghèo, sữa chữa nhà, xây xựng chính xách, kế hoặch.
Kinh phí theo Quyết định số 1096/QĐ-UBND ngày 12/05/2023. Thuộc
Dự án 6 - Tiểu dự án 2.
Ban Chỉ đạo huyện được thành lập theo Quyết định số 125/QĐ-UBND.
Ban Chỉ đạo huyện được thành lập theo Quyết định số 215/QĐ-UBND.
Theo Quyết định số 1096/QĐ-UBND ngày 12/06/2023.
"""


def test_a_plan_with_every_check_firing_shows_them_all(plan, officer, client_as):
    outline.paste_blocks(plan, by=officer, text=EVERY_ERROR)
    services.update_header(plan, by=officer, recipients="UBND các xã\nLưu: VT; LĐTĐTBXH")
    response = client_as(officer).get(reverse("plans:plan-checks", args=[plan.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    for expected in ("chênh lệch 25.000.000 đồng", "viết theo khẩu ngữ", "không khớp với 132.000.000",
                     "Lặp từ «hộ hộ»", "Số trang lọt vào câu", "Dòng «Trang 8/12» là số trang",
                     "Câu bị ngắt thành hai đoạn", "«LĐTĐTBXH» có lẽ là «LĐTBXH»", "«tiêu dự án»",
                     "«hộ viên»", "«giãm nghèo»", "«sữa chữa»", "«xây xựng»", "«chính xách»",
                     "«kế hoặch»", "hai quyết định khác nhau", "các ngày khác nhau"):
        assert expected.replace("«", "&laquo;").replace("»", "&raquo;") in page or expected in page, expected
    assert page.count('name="key"') == len(offered_fixes(plan)) >= 12
    assert "Bỏ một chữ «hộ»" in page and "Nối hai đoạn" in page and "Xóa dòng này" in page


def test_who_may_not_edit_sees_the_checks_without_fix_buttons(plan, officer, leader, client_as):
    outline.paste_blocks(plan, by=officer, text=EVERY_ERROR)
    page = client_as(leader).get(reverse("plans:plan-checks", args=[plan.pk])).content.decode()
    assert "Lặp từ «hộ hộ»" in page and 'name="key"' not in page


def test_text_pasted_from_a_pdf_with_page_numbers_headers_and_footers(plan, officer):
    pasted = ("- Nội dung thứ nhất của kế hoạch, tiếp cận thông tin cơ sở.\n"
              "UBND HUYỆN THỬ NGHIỆM\n- 2 -\nKế hoạch số 12/KH-UBND, trang 2\n"
              "- Nội dung thứ hai về tiếp cận thông 3 tin.\nKế hoạch số 12/KH-UBND, trang 3\n"
              "Trang 4\n- Nội dung thứ ba.")
    services.update_header(plan, by=officer, title=plan.title)
    plan.header_name = "ỦY BAN NHÂN DÂN\nHUYỆN THỬ NGHIỆM"
    plan.header_parent = "UBND HUYỆN THỬ NGHIỆM"
    plan.save()
    outline.paste_blocks(plan, by=officer, text=pasted)
    messages = [p.message for p in text_problems(plan)]
    assert "Dòng «UBND HUYỆN THỬ NGHIỆM» là đầu trang của văn bản gốc, không thuộc nội dung." in messages
    assert sum("lặp lại như đầu/chân trang" in m for m in messages) == 2
    assert "Dòng «Trang 4» là số trang của văn bản gốc, không thuộc nội dung." in messages
    assert "Số trang lọt vào câu: «thông 3 tin» (có lẽ là «thông tin»)." in messages


def test_a_forty_page_plan_is_checked_without_error(plan, officer, client_as):
    seed = (SEED_DIR / "001_hung_nguyen_da6_2023.txt").read_text(encoding="utf-8")
    body = seed[seed.index("I. MỤC ĐÍCH"):seed.index("Trên đây")]
    for _ in range(7):
        outline.paste_blocks(plan, by=officer, text=body)
    assert plan.blocks.count() > 400
    problems = [p.message for p in text_problems(plan)]
    # The 2023 district seed pasted into a 2026 commune plan: its district words are named too.
    assert any("«huyện»" in m for m in problems if "01/7/2025" in m)
    assert [m for m in problems if "01/7/2025" not in m] == [
        "Số trang lọt vào câu: «thông 3 tin» (có lẽ là «thông tin»)."] * 7
    response = client_as(officer).get(reverse("plans:plan-checks", args=[plan.pk]))
    assert response.status_code == 200
    assert "Số trang lọt vào câu" in response.content.decode()


def test_headings_typed_in_sentence_case_are_a_suggestion_applied_only_on_click(plan, officer, client_as):
    outline.paste_blocks(plan, by=officer, text="I. Mục đích và yêu cầu\n1. mục đích\n- Nội dung thứ nhất.\n"
                                                "II. **tổ chức** thực hiện")
    sections = plan.blocks.filter(kind=BlockKind.SECTION).order_by("-position")
    typed = [sections[1].text, sections[0].text]
    assert typed == ["Mục đích và yêu cầu", "**tổ chức** thực hiện"]  # kept as the author typed them
    messages = [p.message for p in text_problems(plan) if _about_case(p.message)]
    assert messages == [
        "Đề mục cấp I, II… «Mục đích và yêu cầu» theo Nghị định 30/2020/NĐ-CP viết in hoa: «MỤC ĐÍCH VÀ YÊU CẦU».",
        "Tiêu đề khoản «mục đích» viết hoa chữ đầu: «Mục đích».",
        "Đề mục cấp I, II… «**tổ chức** thực hiện» theo Nghị định 30/2020/NĐ-CP viết in hoa: "
        "«**TỔ CHỨC** THỰC HIỆN»."]
    revisions = PlanRevision.objects.filter(plan=plan).count()
    client = client_as(officer)
    assert client.get(reverse("plans:plan-checks", args=[plan.pk])).status_code == 200
    assert PlanRevision.objects.filter(plan=plan).count() == revisions  # reading the checks writes nothing
    assert _fix(client, plan, _key(plan, "Viết in hoa")).status_code == 302
    assert _fix(client, plan, _key(plan, "Viết hoa chữ đầu")).status_code == 302
    texts = [block.text for block in plan.blocks.order_by("position")]
    assert texts[-4:] == ["MỤC ĐÍCH VÀ YÊU CẦU", "Mục đích", "Nội dung thứ nhất.",
                          "**tổ chức** thực hiện"]  # the one not clicked stays as typed


def test_the_templates_and_seeds_carry_their_headings_in_the_decrees_case(officer, own_unit):
    body = IssuingBodyFactory(unit=own_unit)
    plans = [services.create_plan(kind=kind, issuing_body=body, year=2026, by=officer) for kind in PlanKind.values]
    plans += [seed_plan(name, officer, own_unit) for name in SEEDS]
    assert [p.message for plan in plans for p in text_problems(plan) if _about_case(p.message)] == []


def _about_case(message: str) -> bool:
    return "viết in hoa" in message or "viết hoa chữ đầu" in message
