"""A voucher pays a budget line once: typed another way, sent twice, or found twice in old data."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from audit.models import AuditEntry
from budgets.models import Disbursement
from budgets.models.execution import voucher_key
from budgets.services import record_disbursement


def _pay(voucher, amount="2.000.000", day="2023-06-20"):
    return {"date": day, "voucher_number": voucher, "amount": amount, "note": ""}


@pytest.mark.parametrize("typed", ["PC01", "pc 01", " Pc-01 ", "PC.01", "ＰＣ０１", "pc\u00a001", "PC\u200b01"])
def test_the_same_voucher_typed_another_way_is_refused_on_the_same_line(typed):
    assert voucher_key(typed) == voucher_key("PC 01")


@pytest.mark.parametrize("other", ["PC 02", "PC 01/2024", "PT 01", "PC 1", "PC 010"])
def test_other_vouchers_stay_apart(other):
    assert voucher_key(other) != voucher_key("PC 01/2023")


def test_a_second_entry_of_a_voucher_gets_a_form_error_and_writes_nothing(client_as, finance, estimate):
    line = estimate.lines.first()
    client, url = client_as(finance), reverse("budgets:line-disbursements", args=[line.pk])
    assert client.post(url, _pay("PC 01")).status_code == 302
    page = client.post(url, _pay("pc-01", amount="2.000.000")).content.decode()
    assert "Chứng từ «PC 01» đã được ghi cho dòng này ngày 20/06/2023 (2.000.000 đồng)" in page
    assert 'id="error_1_id_voucher_number"' in page or "is-invalid" in page
    assert line.disbursements.count() == 1
    assert AuditEntry.objects.filter(object_type="budgets.Disbursement").count() == 1


def test_a_double_submitted_form_records_one_payment(client_as, finance, estimate):
    line = estimate.lines.first()
    client, url = client_as(finance), reverse("budgets:line-disbursements", args=[line.pk])
    responses = [client.post(url, _pay("PC 07/2023", amount="1.500.000")) for _ in range(2)]
    assert [r.status_code for r in responses] == [302, 200]
    assert list(line.disbursements.values_list("voucher_number", "amount")) == [("PC 07/2023", 1_500_000)]


def test_one_voucher_may_pay_several_lines(finance, estimate):
    first, second = estimate.lines.all()[:2]
    for line in (first, second):
        record_disbursement(line, by=finance, date=datetime.date(2023, 6, 20), voucher_number="PC 03",
                            amount=1_000_000)
    assert Disbursement.objects.filter(voucher_key="pc03").count() == 2


def test_a_voucher_of_separators_only_is_refused(client_as, finance, estimate):
    line = estimate.lines.first()
    page = client_as(finance).post(reverse("budgets:line-disbursements", args=[line.pk]), _pay(" - . ")).content
    assert "Số chứng từ phải có chữ hoặc số." in page.decode() and not line.disbursements.exists()


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("reference_data")
def test_the_migration_keeps_payments_recorded_twice_and_flags_them(finance, estimate):
    line, other_line = estimate.lines.all()[:2]
    executor = MigrationExecutor(connection)
    # Every app's leaf, not only budgets': going back to 0005 also unapplies the migrations of
    # other apps that depend on later budgets ones (dialogues' travel line), and they must come back.
    latest = executor.loader.graph.leaf_nodes()
    executor.migrate([("budgets", "0005_disbursements")])
    old = executor.loader.project_state([("budgets", "0005_disbursements")]).apps.get_model("budgets", "Disbursement")
    rows = [(line, "PC 01", "Tiền ăn"), (line, "pc01", ""), (line, "PC-01", "x" * 300), (line, "PC 02", ""),
            (other_line, "PC 01", "")]
    made = [old.objects.create(line_id=ln.pk, date=datetime.date(2023, 6, 20), voucher_number=number,
                               amount=1_000_000, note=note) for ln, number, note in rows]
    executor.loader.build_graph()
    executor.migrate(latest)
    after = {p.pk: p for p in Disbursement.objects.all()}
    assert Disbursement.objects.count() == 5
    assert [after[p.pk].voucher_key for p in made] == [
        "pc01", f"pc01 #{made[1].pk}", f"pc01 #{made[2].pk}", "pc02", "pc01"]
    flag = f"Trùng số chứng từ với khoản giải ngân ghi trước (#{made[0].pk}); cần kiểm tra."
    assert after[made[0].pk].note == "Tiền ăn" and after[made[1].pk].note == flag
    assert after[made[2].pk].note.endswith(flag) and len(after[made[2].pk].note) == 300
    with pytest.raises(Exception, match="(?i)unique"):
        Disbursement.objects.create(line=line, date=datetime.date(2023, 6, 21), voucher_number="P.C 01",
                                    amount=5)

