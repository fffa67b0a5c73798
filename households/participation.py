"""A household's part in the dialogues: the sessions it was registered for or attended.

The dialogues models are looked up when asked for, so the registry keeps no import-time or
migration dependency on the dialogues app.
"""

from dataclasses import dataclass

from django.apps import apps


@dataclass
class Participation:
    """One session the household was on the list of, and whether it came."""

    session: object
    present: bool
    can_open: bool


def dialogue_participation(household, user) -> list[Participation]:
    """Every dialogue session with this household on its list, newest first; links only to sessions the user sees."""
    attendee = apps.get_model("dialogues", "Attendee")
    session = apps.get_model("dialogues", "DialogueSession")
    rows = (attendee.objects.filter(household=household).select_related("session__commune")
            .order_by("-session__year", "-session__starts_at", "-session__pk"))
    visible = set(session.objects.visible_to(user).filter(
        pk__in=[row.session_id for row in rows]).values_list("pk", flat=True))
    return [Participation(row.session, row.present, row.session_id in visible) for row in rows]
