"""Check-in on a phone at a session of many: search as you type, without accents, offline too."""

import pytest
from playwright.sync_api import expect

from tests.dialogues.factories import AttendeeFactory, ScheduledSessionFactory
from tests.e2e.journey import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PEOPLE = [("Y Bích", "Buôn Ea Kmar"), ("Y Bình", "Thôn Đồng Xuân"), ("Lò Thị Ba", "Thôn Đồng Xuân"),
          ("Đinh Văn Đức", "Thôn Gò Vàng"), ("Nguyễn Thị Bích Ngọc", "Thôn Gò Vàng")]


def test_the_officer_finds_a_person_among_eighty_by_name_or_village(page, live_server, commune_staff,
                                                                    own_unit):
    session = ScheduledSessionFactory(commune=own_unit)
    for name, village in PEOPLE:
        AttendeeFactory(session=session, full_name=name, village=village)
    for number in range(75):
        AttendeeFactory(session=session, full_name=f"Hà Văn Mười {number}", village="Thôn Nà Lừa")
    log_in(page, live_server.url, commune_staff.username)
    page.goto(f"{live_server.url}/doi-thoai/{session.pk}/diem-danh/")
    page.context.set_offline(True)  # the hall has no signal: the list is searched on the phone
    search = page.get_by_label("Tìm theo tên, thôn hoặc mã hộ (không cần gõ dấu)")
    people = page.locator("#checkin ul.list-group:not(#walk-ins) > li:visible")

    search.fill("y bich")
    expect(people).to_have_count(1)
    expect(people.first).to_contain_text("Y Bích")
    search.fill("  BICH  ")
    expect(people).to_have_count(2)  # Y Bích and Nguyễn Thị Bích Ngọc
    search.fill("thon dong xuan")
    expect(people).to_have_count(2)
    search.fill("duc go vang")
    expect(people).to_have_count(1)
    expect(people.first).to_contain_text("Đinh Văn Đức")
    search.fill("Không ai tên này")
    expect(people).to_have_count(0)
    expect(page.locator("#checkin-found")).to_contain_text("Không có ai khớp")
    search.fill("")
    expect(people).to_have_count(80)
