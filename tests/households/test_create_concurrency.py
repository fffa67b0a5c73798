"""Registering the same household several times at the same moment: one is written, the others get a
form error or the first household, never a 500.

Needs real concurrent transactions, so it runs on PostgreSQL only (CI sets DATABASE_URL).
"""

import threading

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from households.models import Household
from tests.households.test_edit import _form

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("reference_data"),
              pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent inserts need PostgreSQL")]


def _post_at_once(user, forms: list[dict]) -> list:
    """POST each form from its own client and connection, all released together."""
    clients = []
    for _ in forms:
        client = Client()
        client.force_login(user)
        clients.append(client)
    start, responses = threading.Barrier(len(forms)), []

    def send(client, data):
        try:
            start.wait()
            responses.append(client.post(reverse("households:household-create"), data))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=send, args=pair) for pair in zip(clients, forms, strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return responses


def test_eight_creates_with_one_code_write_one_household_and_tell_the_others(commune_staff, own_unit):
    forms = [_form(own_unit, code="HH-07", head_name=f"Người Thứ {name}", id_number=f"02518500450{n}")
             for n, name in enumerate(["Một", "Hai", "Ba", "Tư", "Năm", "Sáu", "Bảy", "Tám"])]
    responses = _post_at_once(commune_staff, forms)
    assert sorted(r.status_code for r in responses) == [200] * 7 + [302]
    refused = [r.content.decode() for r in responses if r.status_code == 200]
    assert all("Mã hộ «HH-07» đã có trong sổ hộ của xã/phường này." in page for page in refused)
    assert Household.objects.filter(code="HH-07").count() == 1


def test_a_form_without_code_sent_twice_at_once_registers_one_household(commune_staff, own_unit):
    data = _form(own_unit, code="", id_number="025185004567", submission="6f1c0e8a-3b7d-4c1e-9a55-0d2b7f41c9e3")
    responses = _post_at_once(commune_staff, [data, data, data])
    household = Household.objects.get()
    assert [r.status_code for r in responses] == [302, 302, 302]
    assert {r["Location"] for r in responses} == {household.get_absolute_url()}
