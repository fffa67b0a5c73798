"""A province leader opens the roll-up from the home page, narrows it to one commune, reads the
figures and downloads the report; a commune of another province is refused in Vietnamese."""

import pytest

from tests.e2e.journey import log_in
from tests.rollup.conftest import province_world  # noqa: F401 - the data of the roll-up tests

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_leader_rolls_up_one_commune_and_downloads_the_report(page, live_server, province_world):  # noqa: F811
    base = live_server.url
    log_in(page, base, province_world["leader"].username)
    page.get_by_role("link", name="Tổng hợp đối thoại theo đơn vị").click()
    page.get_by_label("Năm").select_option("2026")
    page.locator("#id_don_vi").select_option(label="Xã Bản Lầu – Tỉnh Lào Cai")
    page.get_by_role("button", name="Tổng hợp").click()
    figures = page.get_by_test_id("figures")
    assert "2/3" in figures.inner_text()  # held / planned in the one commune
    assert page.locator("svg[aria-label='Hội nghị theo quý: kế hoạch và đã tổ chức']").is_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="Báo cáo (PDF)").click()
    assert download.value.suggested_filename.endswith(".pdf")
    page.goto(f"{base}/tong-hop/?nam=2026&don-vi={province_world['other'].pk}")
    assert "ngoài phạm vi bạn được giao" in page.get_by_test_id("refused").inner_text()
