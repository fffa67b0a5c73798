"""The plan list's rows (a Jinja2 fragment, config/jinja2.py says why) and its filter options."""

from django.utils import timezone
from django.utils.safestring import SafeString

from config.jinja2 import jinja2_fragment
from plans.models import PlanKind, Status

KINDS, STATUSES = dict(PlanKind.choices), dict(Status.choices)


def plan_rows(plans, list_url: str) -> SafeString:
    """One list-group item per plan, written by templates/jinja2/plans/_rows.html (autoescaped)."""
    return jinja2_fragment("plans/_rows.html", plans=plans, list_url=list_url, kinds=KINDS, statuses=STATUSES,
                           localtime=timezone.localtime)


def filter_choices(bodies) -> dict:
    """(value, label) pairs of the status, kind and issuing-body selects, "Tất cả" first."""
    everything = [("", "Tất cả")]
    return {
        "status_choices": everything + Status.choices,
        "kind_choices": everything + PlanKind.choices,
        # An issuing body is shown by its display name (IssuingBody.__str__): read just that.
        "body_choices": everything + list(bodies.values_list("pk", "display_name")),
    }
