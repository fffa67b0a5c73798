"""The demo's 2027 session: linked to the plan, paid from its estimate's meal line, fifty
registered, so a newcomer sees every paper of a session in full, not the missing-rate message."""

import pytest

from budgets.demo import load_demo_budgets
from dialogues.demo import load_demo_dialogues
from dialogues.models import DialogueSession
from dialogues.payment import payment_sheet
from dialogues.rates import missing_rates, session_rates
from households.demo import load_demo_households
from plans.demo import load_demo_plans
from tests.plans.test_demo_new_era import demo_units  # noqa: F401 - the demo's units

pytestmark = pytest.mark.django_db


def test_the_2027_session_prints_its_payment_sheet_with_the_plans_rate(demo_units):  # noqa: F811
    load_demo_budgets()
    load_demo_households()
    load_demo_plans()
    assert any("2027" in name for name in load_demo_dialogues())
    assert not any("2027" in name for name in load_demo_dialogues())  # once

    session = DialogueSession.objects.get(year=2027)
    assert session.plan.year == 2027 and session.plan.unit_id == session.commune_id
    assert session.budget_line.estimate_id == session.plan.estimate_id
    assert [(r.label, r.amount) for r in session_rates(session)] == [("Tiền ăn", 100_000)]
    assert missing_rates(session) == []
    assert session.attendees.count() == 50 and not session.attendees.filter(present=True).exists()
    assert session.officials.count() == 4
    sheet = payment_sheet(session)
    amounts = [row[4] for row in sheet.rows if row[1]]
    assert amounts[:50] == [100_000] * 50
