"""Households without a code get one by the commune's rule, inside the transaction that stores them,
and never two the same (threads on PostgreSQL)."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections, transaction
from django.urls import reverse

from households import villages
from households.models import Household
from tests.households.factories import HouseholdFactory
from tests.households.test_edit import _form


@pytest.mark.django_db
def test_a_household_registered_without_a_code_gets_commune_village_and_sequence(client_as, commune_staff,
                                                                                  own_unit):
    village = villages.add_village(own_unit, "Thôn Đồng Xuân", by=commune_staff)
    client = client_as(commune_staff)
    client.post(reverse("households:household-create"), _form(own_unit, code=""))
    client.post(reverse("households:household-create"),
                _form(own_unit, code="   ", head_name="Lò Văn Pọm", gender="M", id_number="025085001234",
                      village="thôn đồng xuân"))
    codes = list(Household.objects.order_by("pk").values_list("code", "village_unit"))
    assert codes == [(f"{own_unit.code}-01-001", village.pk), (f"{own_unit.code}-01-002", village.pk)]


@pytest.mark.django_db
def test_codes_already_in_the_registry_are_skipped(own_unit, commune_staff):
    village = villages.add_village(own_unit, "Thôn 3", by=commune_staff)
    villages.add_village(own_unit, "Thôn 4", by=commune_staff)
    village.number = 3
    village.save()
    HouseholdFactory(commune=own_unit, code=f"{own_unit.code}-03-017")
    HouseholdFactory(commune=own_unit, code=f"{own_unit.code}-03-018")
    with transaction.atomic():
        assert villages.reserve_codes(own_unit, village, 3) == [f"{own_unit.code}-03-0{n}" for n in (19, 20, 21)]
        assert villages.next_household_code(own_unit, None) == f"{own_unit.code}-00-001"


@pytest.mark.django_db
def test_the_communes_rule_is_editable_and_checked(client_as, commune_staff, own_unit):
    client = client_as(commune_staff)
    client.post(reverse("households:code-rule"), {"commune": own_unit.pk, "pattern": " HN-{thon}/{stt} "})
    with transaction.atomic():
        assert villages.next_household_code(own_unit, None) == "HN-00/001"
    with pytest.raises(ValidationError):
        villages.set_code_rule(own_unit, "A" * 50 + "{stt}", by=commune_staff)  # longer than a code may be
    page = client.get(reverse("households:village-list")).content.decode()
    assert "HN-00/001" in page


@pytest.mark.django_db
def test_clearing_the_code_in_the_edit_form_keeps_the_code(client_as, commune_staff, own_unit):
    client = client_as(commune_staff)
    client.post(reverse("households:household-create"), _form(own_unit, code="HH-01"))
    household = Household.objects.get()
    data = _form(own_unit, code="")
    del data["commune"]
    client.post(reverse("households:household-edit", args=[household.pk]), data)
    household.refresh_from_db()
    assert household.code == "HH-01"


@pytest.mark.django_db
def test_the_migration_gives_codes_to_households_without_one(own_unit, commune_staff):
    import importlib

    from django.apps import apps

    village = villages.add_village(own_unit, "Thôn 1", by=commune_staff)
    HouseholdFactory(commune=own_unit, code=f"{own_unit.code}-01-001")
    first = HouseholdFactory(commune=own_unit, code="", village_unit=village)
    loose = HouseholdFactory(commune=own_unit, code="")
    importlib.import_module("households.migrations.0015_codes_for_households_without_one").give_codes(apps, None)
    first.refresh_from_db()
    loose.refresh_from_db()
    assert (first.code, loose.code) == (f"{own_unit.code}-01-002", f"{own_unit.code}-00-001")
    with transaction.atomic():
        assert villages.next_household_code(own_unit, village) == f"{own_unit.code}-01-003"


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("reference_data")
@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent transactions need PostgreSQL")
def test_eight_officers_registering_at_once_get_eight_different_codes(commune_staff, own_unit):
    from tests.households.test_create_concurrency import _post_at_once

    village = villages.add_village(own_unit, "Thôn Đồng Xuân", by=commune_staff)
    forms = [_form(own_unit, code="", head_name=f"Người Thứ {name}", id_number=f"02518500450{n}")
             for n, name in enumerate(["Một", "Hai", "Ba", "Tư", "Năm", "Sáu", "Bảy", "Tám"])]
    responses = _post_at_once(commune_staff, forms)
    assert [r.status_code for r in responses] == [302] * 8
    codes = sorted(Household.objects.values_list("code", flat=True))
    assert codes == [f"{own_unit.code}-{village.number:02d}-{n:03d}" for n in range(1, 9)]


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("reference_data")
@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent transactions need PostgreSQL")
def test_reservations_in_parallel_transactions_never_overlap(commune_staff, own_unit):
    start, found, errors = threading.Barrier(6), [], []

    def reserve():
        try:
            start.wait()
            with transaction.atomic():
                found.extend(villages.reserve_codes(own_unit, None, 25))
        except Exception as error:  # noqa: BLE001 - reported by the assert below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=reserve) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors and len(found) == len(set(found)) == 150


@pytest.mark.django_db
def test_an_imported_list_links_villages_by_any_spelling_and_codes_the_households_it_gives_none(
        client_as, commune_staff, own_unit, upload):
    from tests.households.test_import import _batch, _upload
    from tests.households.workbooks import simple_list

    village = villages.add_village(own_unit, "Thôn Nà Pồng", by=commune_staff)
    HouseholdFactory(commune=own_unit, code=f"{own_unit.code}-01-001", village="Thôn Nà Pồng")
    content = simple_list([
        ["", "Lò Văn Pọm", "Nam", 1975, "Thái", "", "nà pồng ", 4, "Hộ nghèo"],
        ["", "Lò Thị Ón", "Nữ", 1980, "Thái", "", "Ban Moi", 3, "Hộ cận nghèo"],
        ["NP-09", "Cầm Văn Xôm", "Nam", 1969, "Thái", "", "Bản Nà Pồng", 5, "Hộ nghèo"],
    ])
    client = client_as(commune_staff)
    _upload(client, own_unit, upload, content)
    client.post(reverse("households:import-commit", args=[_batch().pk]))
    got = {h.head_name: (h.code, h.village_unit_id) for h in Household.objects.exclude(head_name="")
           .filter(created_at__gte=_batch().created_at)}
    assert got["Lò Văn Pọm"] == (f"{own_unit.code}-01-002", village.pk)  # after the code already taken
    assert got["Cầm Văn Xôm"] == ("NP-09", village.pk)  # the file's own code is kept
    assert got["Lò Thị Ón"] == (f"{own_unit.code}-00-001", None)  # an unknown village waits on its page
