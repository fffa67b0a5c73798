"""The budget overview reads a constant number of queries, whatever the number of estimates."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from budgets.models import Disbursement
from tests.budgets.factories import (
    AllocationFactory,
    EstimateFactory,
    EstimateGroupFactory,
    EstimateLineFactory,
    sub_project,
)

URL = reverse("budgets:overview") + "?year=2023"


def _estimates(unit, count: int, start: int = 0) -> None:
    for n in range(start, start + count):
        code = ("DA6-TDA1", "DA6-TDA2", "DA7-TDA1")[n % 3]
        group = EstimateGroupFactory(estimate=EstimateFactory(unit=unit, sub_project=sub_project(code)))
        line = EstimateLineFactory(group=group)
        Disbursement.objects.create(line=line, date=datetime.date(2023, 6, 1), voucher_number=f"PC-{n}",
                                    amount=1_000_000)


def _queries(client) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(URL)
    assert response.status_code == 200
    return [q["sql"] for q in captured.captured_queries]


def test_the_overview_query_count_does_not_grow_with_the_estimates(client_as, finance, own_unit):
    AllocationFactory(decision__unit=own_unit, sub_project=sub_project("DA6-TDA2"))
    client = client_as(finance)
    _estimates(own_unit, 3)
    _queries(client)  # the user's scope is cached per process after the first request
    few = _queries(client)
    _estimates(own_unit, 30, start=3)
    many = _queries(client)
    assert len(many) == len(few), "\n".join(many)
    assert len(few) <= 10, "\n".join(few)
