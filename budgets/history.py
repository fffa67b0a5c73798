"""The change history of budget records, read from the audit log for their pages."""

import datetime

from django.core.exceptions import FieldDoesNotExist

from audit.models import Action, AuditEntry
from budgets.models import AllocationDecision
from documents.dates import short_date

HISTORY_SIZE = 20


def _shown(field: str, value) -> str:
    if value in (None, ""):
        return "(trống)"
    if field == "date":
        try:
            return short_date(datetime.date.fromisoformat(value))
        except (TypeError, ValueError):
            return str(value)
    return str(value)


def _label(field: str) -> str:
    try:
        return str(AllocationDecision._meta.get_field(field).verbose_name)
    except FieldDoesNotExist:
        return field


def decision_history(decision: AllocationDecision) -> list[dict]:
    """The decision's audit entries, newest first, with each changed field labelled in Vietnamese."""
    entries = AuditEntry.objects.filter(
        object_type=AllocationDecision._meta.label, object_id=str(decision.pk)).select_related("user").order_by(
        "-at", "-id")
    rows = []
    for entry in entries[:HISTORY_SIZE]:
        changes = []
        if entry.action == Action.CHANGE and isinstance(entry.changes, dict):
            for field, pair in entry.changes.items():
                if isinstance(pair, list) and len(pair) == 2:
                    label = _label(field)
                    changes.append((label, _shown(field, pair[0]), _shown(field, pair[1])))
        rows.append({"entry": entry, "changes": changes})
    return rows
