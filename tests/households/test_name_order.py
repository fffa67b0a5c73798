"""A person's name is written in one order everywhere: Vietnamese order, as the registry writes it."""

import csv
import io

import pytest
from django.urls import reverse

from areas.models import Role
from households.models import ColumnMapping
from tests.factories import AssignmentFactory
from tests.households.factories import HouseholdFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def y_hon_nie(own_unit):
    """An Ê Đê officer: family name «Y» first, as in «Y Hơ Niê»."""
    user = AssignmentFactory(role=Role.COMMUNE_STAFF, unit=own_unit).user
    user.last_name, user.first_name = "Y", "Hơ Niê"
    user.save()
    return user


def test_the_saved_column_mappings_name_who_saved_them_in_vietnamese_order(client_as, own_unit,
                                                                           y_hon_nie):
    ColumnMapping.objects.create(commune=own_unit, fingerprint="f" * 64, fields={"name": 2},
                                 created_by=y_hon_nie)
    page = client_as(y_hon_nie).get(reverse("households:mapping-list")).content.decode()
    assert "Lưu bởi Y Hơ Niê" in page and "Hơ Niê Y" not in page


def test_the_household_export_names_who_exported_it_in_vietnamese_order(client_as, own_unit, y_hon_nie):
    HouseholdFactory(commune=own_unit, head_name="Hơ Niê H'Bia")
    response = client_as(y_hon_nie).get(reverse("households:household-export-csv"))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[1][0].startswith(f"Xuất bởi Y Hơ Niê ({y_hon_nie.username})")


def test_the_import_page_names_who_uploaded_the_file_in_vietnamese_order(client_as, own_unit, y_hon_nie,
                                                                        upload):
    from households.models import ImportBatch
    from tests.households.workbooks import realistic_list

    client = client_as(y_hon_nie)
    client.post(reverse("households:import-start"), {"commune": own_unit.pk, "year": 2024,
                                                     "file": upload(realistic_list(), "ds-ho.xlsx")})
    batch = ImportBatch.objects.latest("id")
    page = client.get(reverse("households:import-detail", args=[batch.pk])).content.decode()
    assert "bởi Y Hơ Niê" in page and "Hơ Niê Y" not in page
