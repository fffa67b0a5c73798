"""Writes on a unit's priority weights."""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from audit.models import Action
from audit.services import record
from dialogues.models import Criterion, PriorityRule
from dialogues.permissions import can_edit_priorities


@transaction.atomic
def save_weights(unit, weights: dict[str, int], *, by, request=None) -> None:
    """Store one weight per criterion for the unit; its communes' suggestions use them from now on."""
    if not can_edit_priorities(by, unit):
        raise PermissionDenied
    for criterion in Criterion:
        PriorityRule.objects.update_or_create(unit=unit, criterion=criterion.value,
                                              defaults={"weight": weights[criterion.value]})
    record(by, Action.CHANGE, unit, request=request, description=f"Điểm ưu tiên đối thoại của {unit}",
           changes={k: weights[k] for k in Criterion.values})
